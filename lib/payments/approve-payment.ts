// The customer comes back from the provider having authorised the payment (the provider's parseReturn
// read it: an "approved" event with its opaque authorization). Idempotent: reloads, re-posted forms, double clicks and parallel tabs all
// end on the same receipt, and the provider's approve is called at most once per payment. The claim
// (READY → APPROVING) puts a settle job on the worker's queue in the same transaction, so a process that
// dies while the provider answers cannot leave the payment stuck.
import { db as defaultDb, type Db } from "../db";
import { env } from "../env";
import { verifyAttemptToken } from "./attempt-token";
import { enqueue } from "../jobs/enqueue";
import { log } from "../log";
import type { Won } from "../money";
import { recordCapture } from "./capture";
import { callEvent } from "./events";
import { lockOrder } from "./locks";
import type { PaymentProvider } from "./port";
import { sendAutomaticRefundNow } from "./refund-now";
import { CHARGED, transitionPayment } from "./state";

export type ApproveOutcome =
  | { kind: "paid"; orderNumber: string } // approved now or earlier
  | { kind: "in_progress"; orderNumber: string } // another request is approving it right now
  | { kind: "unknown"; orderNumber: string } // provider did not answer clearly: the worker settles it
  | { kind: "failed"; orderNumber: string; message: string } // declined / expired / superseded / mismatch
  | { kind: "not_found" }
  /** The return does not carry this attempt's token: nothing changed. */
  | { kind: "forbidden"; orderNumber: string };

export type ApproveDeps = {
  db?: Db;
  gateway: PaymentProvider;
  now?: () => Date;
  providerTimeoutMs?: number;
  secret?: string;
};

/** An "approved" return (ReturnEvent) for an attempt of deps.gateway's provider. */
export type ApproveInput = {
  paymentId: string;
  attemptToken: string | null | undefined;
  /** What the return carried (opaque): kept on the payment, sent with the provider's approve. */
  authorization: Record<string, unknown>;
  /** The amount the returning form carried, when it carries one: it must be the attempt's. */
  postedAmount?: Won;
};

/**
 * The customer's return: claims the approval and answers at once. The provider's approve runs as the
 * worker's "payment.approve" job (enqueued in the claim's transaction, with the settle job as backstop):
 * the customer sees "결제 확인 중" instead of a frozen provider page, and no request thread waits on the
 * provider.
 */
export async function acceptReturn(input: ApproveInput, deps: ApproveDeps): Promise<ApproveOutcome> {
  const claim = await claimApproval(input, { ...deps, enqueueApprove: true });
  if (claim.kind === "claimed") return { kind: "in_progress", orderNumber: claim.orderNumber };
  return claim.outcome;
}

/** Claim and approve in one go (the worker's job does the second half of acceptReturn the same way). */
export async function approvePayment(input: ApproveInput, deps: ApproveDeps): Promise<ApproveOutcome> {
  const claim = await claimApproval(input, deps);
  if (claim.kind !== "claimed") return claim.outcome;
  return executeApproval(claim.paymentId, deps);
}

type Claim = { kind: "claimed"; paymentId: string; orderNumber: string } | { kind: "done"; outcome: ApproveOutcome };

async function claimApproval(input: ApproveInput, deps: ApproveDeps & { enqueueApprove?: boolean }): Promise<Claim> {
  const db = deps.db ?? defaultDb;
  const now = deps.now ?? (() => new Date());
  const provider = deps.gateway.name;
  const settleAfter = Math.ceil(((deps.providerTimeoutMs ?? 8000) + 3000) / 1000);

  const secret = deps.secret ?? env().APP_SECRET;
  // Fast path without the order lock: reloads, double clicks and parallel tabs of an attempt that is
  // already claimed or settled answer from a plain read (the lock below is for the first return only).
  const seen = await db.payment.findUnique({
    where: { id: input.paymentId },
    select: { status: true, provider: true, order: { select: { orderNumber: true } } },
  });
  if (!seen || seen.provider !== provider) return { kind: "done", outcome: { kind: "not_found" } };
  if (!verifyAttemptToken(secret, input.paymentId, input.attemptToken))
    return { kind: "done", outcome: { kind: "forbidden", orderNumber: seen.order.orderNumber } };
  if (seen.status === "APPROVING")
    return { kind: "done", outcome: { kind: "in_progress", orderNumber: seen.order.orderNumber } };
  if (seen.status === "UNKNOWN")
    return { kind: "done", outcome: { kind: "unknown", orderNumber: seen.order.orderNumber } };
  if (CHARGED.includes(seen.status))
    return { kind: "done", outcome: { kind: "paid", orderNumber: seen.order.orderNumber } };

  const claim = await db.$transaction(
    async (tx) => {
      const p0 = await tx.payment.findUnique({
        where: { id: input.paymentId },
        select: { orderId: true, provider: true, order: { select: { orderNumber: true } } },
      });
      // A return for another provider's payment changes nothing.
      if (!p0 || p0.provider !== provider)
        return { kind: "done", outcome: { kind: "not_found" } satisfies ApproveOutcome } as const;
      // Nor does one without this attempt's token.
      if (!verifyAttemptToken(secret, input.paymentId, input.attemptToken))
        return {
          kind: "done",
          outcome: { kind: "forbidden", orderNumber: p0.order.orderNumber } satisfies ApproveOutcome,
        } as const;
      await lockOrder(tx, p0.orderId);
      const payment = await tx.payment.findUniqueOrThrow({ where: { id: input.paymentId }, include: { order: true } });
      const orderNumber = payment.order.orderNumber;
      if (CHARGED.includes(payment.status)) return { kind: "done", outcome: { kind: "paid", orderNumber } } as const;
      if (payment.status === "APPROVING")
        return { kind: "done", outcome: { kind: "in_progress", orderNumber } } as const;
      if (payment.status === "UNKNOWN") return { kind: "done", outcome: { kind: "unknown", orderNumber } } as const;
      if (payment.status !== "READY" || (!payment.tid && !payment.providerOrderRef)) {
        const message =
          payment.failureCode === "SUPERSEDED"
            ? "다른 창에서 새 결제를 시작해 이 결제는 진행할 수 없습니다. 주문 내역에서 다시 결제해 주세요."
            : "이미 종료된 결제입니다. 다시 결제해 주세요.";
        return { kind: "done", outcome: { kind: "failed", orderNumber, message } } as const;
      }
      const ev = (type: string, message: string, resultCode?: string) => ({ type, message, resultCode });
      if (payment.order.status !== "PENDING") {
        await transitionPayment(tx, payment.id, "superseded", {
          orderId: payment.orderId,
          data: { failureCode: "ORDER_NOT_PAYABLE", failureMessage: "주문이 이미 결제되었거나 종료됨" },
          event: ev("payment.aborted", "주문이 이미 결제되었거나 종료되어 승인하지 않음"),
        });
        const outcome: ApproveOutcome =
          payment.order.status === "CLOSED"
            ? { kind: "failed", orderNumber, message: "새 주문으로 대체된 주문이라 결제하지 않았습니다." }
            : { kind: "paid", orderNumber };
        return { kind: "done", outcome } as const;
      }
      if (payment.readyExpiresAt && payment.readyExpiresAt < now()) {
        await transitionPayment(tx, payment.id, "expire", {
          orderId: payment.orderId,
          only: ["READY"],
          data: { failureCode: "EXPIRED" },
          event: ev("payment.expired", "결제 가능 시간이 지나 만료됨"),
        });
        return {
          kind: "done",
          outcome: { kind: "failed", orderNumber, message: "결제 가능 시간이 지났습니다. 다시 결제해 주세요." },
        } as const;
      }
      // The amount the customer's form carried must be the one we set (KCP posts good_mny back).
      const posted = input.postedAmount;
      if (posted !== undefined && posted !== payment.totalAmount) {
        await transitionPayment(tx, payment.id, "tampered", {
          orderId: payment.orderId,
          data: { failureCode: "AMOUNT_TAMPERED", failureMessage: `결제창 금액 ${posted}원이 주문 금액과 다름` },
          event: ev(
            "payment.tampered",
            `결제창에서 돌아온 금액(${posted}원)이 주문 금액(${payment.totalAmount}원)과 달라 승인하지 않음`,
            "AMOUNT_TAMPERED",
          ),
        });
        log.warn({ paymentId: payment.id, posted, expected: payment.totalAmount }, "tampered amount refused");
        return {
          kind: "done",
          outcome: {
            kind: "failed",
            orderNumber,
            message: "결제 금액이 주문 금액과 달라 결제를 진행하지 않았습니다. 다시 결제해 주세요.",
          },
        } as const;
      }
      await transitionPayment(tx, payment.id, "claim", {
        orderId: payment.orderId,
        // Keep what the return carried (opaque, no card data): the approve job sends it, and a lost answer
        // can be reconciled with it (KakaoPay's pg_token is single-use and useless once approved).
        data: {
          providerData: { ...((payment.providerData as object | null) ?? {}), ...input.authorization } as object,
        },
        event: ev("payment.approving", "결제 승인 요청"),
      });
      await enqueue(
        tx,
        "payment.settle",
        { paymentId: payment.id },
        { key: `payment:${payment.id}`, delaySeconds: settleAfter },
      );
      if (deps.enqueueApprove)
        await enqueue(tx, "payment.approve", { paymentId: payment.id }, { key: `approve:${payment.id}` });
      return { kind: "claimed", paymentId: payment.id, orderNumber } as const;
      // Waiting for the order's lock behind a burst of returns is normal: give it room.
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
  return claim;
}

/**
 * Sends the provider's approve for a claimed (APPROVING) payment — at most once: the send is claimed by
 * setting approveSentAt under the order lock, so two jobs, a job and a request, or a re-run job cannot
 * send it twice. Records the answer; a lost answer leaves UNKNOWN for the settle job.
 */
export async function executeApproval(paymentId: string, deps: ApproveDeps): Promise<ApproveOutcome> {
  const db = deps.db ?? defaultDb;
  const sent = await db.$transaction(async (tx) => {
    const p0 = await tx.payment.findUnique({ where: { id: paymentId }, select: { orderId: true } });
    if (!p0) return { kind: "done", outcome: { kind: "not_found" } satisfies ApproveOutcome } as const;
    await lockOrder(tx, p0.orderId);
    const payment = await tx.payment.findUniqueOrThrow({ where: { id: paymentId }, include: { order: true } });
    const orderNumber = payment.order.orderNumber;
    if (CHARGED.includes(payment.status))
      return { kind: "done", outcome: { kind: "paid", orderNumber } satisfies ApproveOutcome } as const;
    if (payment.status === "UNKNOWN")
      return { kind: "done", outcome: { kind: "unknown", orderNumber } satisfies ApproveOutcome } as const;
    if (payment.status !== "APPROVING")
      return {
        kind: "done",
        outcome: {
          kind: "failed",
          orderNumber,
          message: "이미 종료된 결제입니다. 다시 결제해 주세요.",
        } satisfies ApproveOutcome,
      } as const;
    if (payment.approveSentAt)
      return { kind: "done", outcome: { kind: "in_progress", orderNumber } satisfies ApproveOutcome } as const;
    // The claim stored what the return carried (providerData): the provider's approve sends it.
    if (payment.provider !== deps.gateway.name)
      throw new Error(`payment ${payment.id} is not a ${deps.gateway.name} payment`);
    await tx.payment.update({ where: { id: payment.id }, data: { approveSentAt: new Date() } });
    return { kind: "send", payment } as const;
  });
  if (sent.kind === "done") return sent.outcome;
  const { payment } = sent;
  const order = payment.order;
  const orderNumber = order.orderNumber;

  const res = await deps.gateway.approve({
    providerTxId: payment.tid,
    providerData: payment.providerData,
    orderNumber,
    customerRef: `guest-${order.id}`,
    expectedTotal: payment.totalAmount,
  });

  if (!res.ok) {
    const f = res.failure;
    const unknown = f.kind === "unknown";
    await db.$transaction(async (tx) => {
      await lockOrder(tx, order.id);
      await transitionPayment(tx, payment.id, unknown ? "lose_answer" : "decline", {
        orderId: order.id,
        only: ["APPROVING"],
        data: { failureCode: f.code, failureMessage: f.message.slice(0, 500) },
        event: callEvent(
          res.log,
          unknown ? `승인 결과 불명확 (${f.code}): 결제사에 자동으로 다시 확인합니다` : `승인 실패: ${f.message}`,
        ),
      });
    });
    log.warn({ orderId: order.id, code: f.code, kind: f.kind }, "payment approve failed");
    if (unknown) return { kind: "unknown", orderNumber };
    // Someone else may have settled it meanwhile (the worker's lookup): report what the row says.
    const fresh = await db.payment.findUniqueOrThrow({ where: { id: payment.id }, select: { status: true } });
    if (CHARGED.includes(fresh.status)) return { kind: "paid", orderNumber };
    return {
      kind: "failed",
      orderNumber,
      message: f.kind === "declined" ? f.customerMessage : "결제를 승인하지 못했습니다.",
    };
  }

  const captured = await db.$transaction((tx) => recordCapture(tx, payment.id, res.value, res.log));
  if (captured.kind === "unused") {
    if (captured.refundId) await sendAutomaticRefundNow(db, captured.refundId, deps.gateway);
    return {
      kind: "failed",
      orderNumber,
      message:
        captured.reason === "mismatch"
          ? "결제 금액이 주문 금액과 달라 결제를 취소했습니다. 다시 시도해 주세요."
          : "이미 결제되었거나 종료된 주문이라 이번 결제는 자동으로 취소합니다.",
    };
  }
  const fresh = await db.payment.findUniqueOrThrow({ where: { id: payment.id }, select: { status: true } });
  if (CHARGED.includes(fresh.status)) return { kind: "paid", orderNumber };
  return { kind: "unknown", orderNumber };
}
