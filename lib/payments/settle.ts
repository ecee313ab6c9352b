// Settles a payment whose outcome we do not know, by asking the provider — the worker's job
// ("payment.settle"), the customer's receipt page and the admin's 결제사에서 새로고침 all call this.
//
// Unknown is not failed: only a definite answer moves a payment. A timeout, a lookup error, a READY
// or in-progress status, or a status we do not know leaves it where it is (the worker tries again with
// backoff). An attempt whose provider-side expiry has passed is expired only after a lookup made
// after the expiry confirms that nothing was charged. A capture goes through `recordCapture` (the
// late-capture rule). A provider whose lookup is itself a capture (PayUp has no lookup API: asking it
// means re-sending the stored authorization — PaymentProvider.lookupCaptures) is asked only for the
// order's current attempt while the order is unpaid, and not while the approve call may still be
// running; answers that prove nothing (PayUp's 2001 / 8001 / 9002) go to 확인 필요.
import { db as defaultDb, type Db, type Tx } from "../db";
import { enqueue } from "../jobs/enqueue";
import { raiseAttention } from "./attention";
import { recordCapture } from "./capture";
import { callEvent } from "./events";
import type { PaymentProvider } from "./port";
import { lockOrder } from "./locks";
import { transitionPayment } from "./state";

export type SettleOutcome = {
  status: string;
  changed: boolean;
  /** Not settled yet, and why (the worker retries later). */
  retry?: string;
};

export type SettleDeps = {
  db?: Db;
  gateway: PaymentProvider;
  providerTimeoutMs: number;
  now?: () => Date;
  /**
   * Who asks. The admin and the worker's late check may look up attempts we recorded as ended (a late
   * capture shows up there); nobody re-sends an authorization (lookupCaptures) for an ended attempt.
   */
  actor?: "worker" | "customer" | "admin" | "late-check";
  /** Seconds after which an attempt this settle ends is looked at once more (0: never). */
  lateCheckSeconds?: number;
};

/** After a provider-side expiry, how long we still wait before believing a lookup (clock skew). */
const EXPIRY_GRACE_MS = 60_000;

export async function settlePayment(paymentId: string, deps: SettleDeps): Promise<SettleOutcome> {
  const db = deps.db ?? defaultDb;
  const now = deps.now ?? (() => new Date());
  const payment = await db.payment.findUnique({ where: { id: paymentId }, include: { order: true } });
  if (!payment) return { status: "NOT_FOUND", changed: false };
  const order = payment.order;
  const st = payment.status;
  const same = (retry?: string): SettleOutcome => ({ status: st, changed: false, ...(retry && { retry }) });
  const expiredAtProvider =
    !!payment.readyExpiresAt && now().getTime() > payment.readyExpiresAt.getTime() + EXPIRY_GRACE_MS;
  // The approve may still be on its way while it has not been sent yet, or was sent within the timeout.
  const approveMayRun =
    st === "APPROVING" &&
    (!payment.approveSentAt || now().getTime() - payment.approveSentAt.getTime() < deps.providerTimeoutMs + 5_000);
  const lookupCaptures = deps.gateway.lookupCaptures; // no lookup API: asking = re-sending the authorization

  if (["APPROVED", "PARTIALLY_CANCELLED", "CANCELLED", "CAPTURED_UNUSED", "REFUNDED_UNUSED"].includes(st))
    return same();

  // Claimed but the approve was never sent (its job was lost): nothing can have been charged by us yet.
  // Put the approve job back (it sends at most once) unless the attempt has expired meanwhile.
  if (st === "APPROVING" && !payment.approveSentAt && !expiredAtProvider) {
    if (now().getTime() - payment.statusAt.getTime() > 30_000) {
      await enqueue(db, "payment.approve", { paymentId: payment.id }, { key: `approve:${payment.id}` });
      return same("승인 요청을 다시 작업 대기열에 넣음");
    }
    return same("승인 요청 대기 중");
  }

  // Claimed, the approve never sent, and the attempt expired meanwhile: nothing was charged (a provider
  // charges only on our approve, which is sent only while the attempt is APPROVING, under the order's
  // lock). End it here: "the approve may still run" would otherwise hold it at 결제 확인 중 for ever, and
  // a new checkout is refused while it is in flight. Re-read under the lock: a job may have just sent it.
  if (st === "APPROVING" && !payment.approveSentAt && expiredAtProvider) {
    const changed = await db.$transaction(async (tx) => {
      await lockOrder(tx, order.id);
      const fresh = await tx.payment.findUnique({ where: { id: payment.id }, select: { approveSentAt: true } });
      if (fresh?.approveSentAt) return false;
      return transitionPayment(tx, payment.id, "expire", {
        orderId: order.id,
        only: ["APPROVING"],
        data: { failureCode: "EXPIRED" },
        event: {
          type: "payment.expired",
          message: "승인 요청을 보내기 전에 결제 가능 시간이 지나 만료됨 (결제되지 않음)",
        },
      });
    });
    return changed ? { status: "EXPIRED", changed } : same("승인 요청이 방금 전송됨");
  }

  if (st === "READY") {
    if (!expiredAtProvider) return same(); // the customer may still be at the provider's page
    // Such a provider charges only when we send the authorization; a READY attempt never got that far.
    if (lookupCaptures || !payment.tid) {
      const changed = await db.$transaction((tx) =>
        transitionPayment(tx, payment.id, "expire", {
          orderId: order.id,
          only: ["READY"],
          data: { failureCode: "EXPIRED" },
          event: { type: "payment.expired", message: "결제 가능 시간이 지나 만료됨" },
        }),
      );
      return { status: changed ? "EXPIRED" : st, changed };
    }
  }

  if (["FAILED", "ABORTED", "EXPIRED"].includes(st)) {
    // Ended attempts are looked at only when staff ask (read-only lookups; never a re-sent authorization).
    if ((deps.actor !== "admin" && deps.actor !== "late-check") || lookupCaptures || !payment.tid) return same();
  }

  if (lookupCaptures && (st === "APPROVING" || st === "UNKNOWN")) {
    // Re-sending is a capture: never from the customer's page (every open tab would re-send).
    if (deps.actor === "customer") return same("결제 결과는 백그라운드에서 확인");
    if (approveMayRun) return same("승인 요청이 아직 진행 중일 수 있음");
    const newest = await db.payment.findFirst({
      where: { orderId: order.id },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    if (order.status !== "PENDING" || newest?.id !== payment.id) {
      await raiseAttention(db, {
        kind: "PAYMENT_UNKNOWN",
        orderId: order.id,
        paymentId: payment.id,
        code: payment.failureCode,
        message: `${deps.gateway.display.name} 결제는 조회 API가 없고, 주문이 이미 결제/종료되어 승인 재요청으로 확인할 수 없음: 결제사 관리자 화면에서 확인 필요`,
      });
      return same("결제사 결과 확인 불가");
    }
  }

  const res = await deps.gateway.lookup({
    providerTxId: payment.tid,
    providerData: payment.providerData,
    expectedTotal: payment.totalAmount,
  });
  if (!res.ok) {
    if (deps.actor === "admin")
      await db.paymentEvent.create({
        data: {
          orderId: order.id,
          paymentId: payment.id,
          type: res.log.op,
          message: `결제사 조회 실패: ${res.failure.message}`,
          resultCode: res.log.resultCode,
        },
      });
    return same(`결제사 조회 실패 (${res.failure.code})`);
  }
  const remote = res.value;
  // Our approve may still be on its way: only its own answer (or a capture the lookup shows) decides.
  // A lookup taken meanwhile can predate the provider's work on it (KakaoPay keeps showing AUTH_PASSWORD
  // until the approve completes), so it neither ends the attempt nor expires it: the customer keeps
  // seeing "결제 확인 중" instead of an unpaid receipt that a late capture then contradicts.
  if (approveMayRun && !("approved" in remote)) return same("승인 요청이 아직 진행 중일 수 있음");

  if (
    (remote.state === "partially_cancelled" || remote.state === "cancelled") &&
    ["APPROVING", "UNKNOWN", "FAILED", "ABORTED", "EXPIRED"].includes(st)
  ) {
    // Captured and (partly) cancelled outside this app before we recorded the capture: never complete
    // the order with money already (partly) returned — set it aside for a person.
    const full = remote.state === "cancelled";
    const changed = await db.$transaction(async (tx) => {
      await lockOrder(tx, order.id);
      const moved = await transitionPayment(tx, payment.id, "capture_unused", {
        orderId: order.id,
        only: [st],
        data: {
          ...(remote.approved.providerTxId && { tid: remote.approved.providerTxId }),
          approvedAt: remote.approved.approvedAt,
          failureCode: "CANCELLED_AT_PROVIDER",
          failureMessage: `결제사에서 ${remote.cancelled.total}원 취소됨`,
        },
        event: callEvent(
          res.log,
          `결제사 조회: 승인 후 결제사에서 ${full ? "전액" : `${remote.cancelled.total.toLocaleString("ko-KR")}원`} 취소된 결제 — 주문에 쓰지 않음`,
        ),
      });
      if (!moved) return false;
      if (full)
        await transitionPayment(tx, payment.id, "unused_refunded", {
          orderId: order.id,
          data: { cancelledAt: new Date() },
          event: { type: "payment.unused_refunded", message: "결제사에서 이미 전액 취소되어 돌려줄 금액 없음" },
        });
      else
        await raiseAttention(tx, {
          kind: "PAYMENT_UNCERTAIN",
          orderId: order.id,
          paymentId: payment.id,
          code: remote.state,
          message: `결제사에서 일부(${remote.cancelled.total.toLocaleString("ko-KR")}원)만 취소된 결제: 남은 금액 환불 여부를 결제사 관리자 화면에서 확인해 주세요`,
        });
      return true;
    });
    const after = await db.payment.findUniqueOrThrow({ where: { id: payment.id }, select: { status: true } });
    return { status: after.status, changed };
  }

  if (remote.state === "approved" || remote.state === "partially_cancelled" || remote.state === "cancelled") {
    const r = await db.$transaction((tx) => recordCapture(tx, payment.id, remote.approved, res.log));
    const after = await db.payment.findUniqueOrThrow({ where: { id: payment.id }, select: { status: true } });
    return { status: after.status, changed: r.kind === "approved" || r.kind === "unused" };
  }

  if (remote.state === "uncertain") {
    await db.$transaction(async (tx) => {
      await lockOrder(tx, order.id);
      await transitionPayment(tx, payment.id, "lose_answer", {
        orderId: order.id,
        only: ["APPROVING"],
        data: { failureCode: remote.providerStatus },
        event: callEvent(res.log, `결제사 응답으로 결과를 판단할 수 없음 (${remote.providerStatus}): 확인 필요`),
      });
      await raiseAttention(tx, {
        kind: "PAYMENT_UNCERTAIN",
        orderId: order.id,
        paymentId: payment.id,
        code: remote.providerStatus,
        message: `${remote.message} — 결제가 되었는지 결제사 관리자 화면에서 확인 필요`,
      });
    });
    // No retry: asking again means another capture attempt (lookupCaptures); a person decides (확인 필요).
    return same();
  }

  if (remote.state === "aborted" || remote.state === "failed") {
    if (!["READY", "APPROVING", "UNKNOWN"].includes(st)) return same();
    const changed = await db.$transaction(async (tx) => {
      await lockOrder(tx, order.id);
      const moved = await transitionPayment(
        tx,
        payment.id,
        remote.state === "aborted" ? "provider_aborted" : "provider_failed",
        {
          orderId: order.id,
          only: [st as "READY" | "APPROVING" | "UNKNOWN"],
          data: {
            failureCode: `PROVIDER_${remote.state.toUpperCase()}`,
            failureMessage: remote.providerStatus ?? null,
          },
          event: callEvent(res.log, `결제사 조회: 결제되지 않음 (${remote.providerStatus ?? remote.state})`),
        },
      );
      if (moved && st !== "READY") await scheduleLateCheck(tx, payment.id, deps.lateCheckSeconds);
      return moved;
    });
    const after = await db.payment.findUniqueOrThrow({ where: { id: payment.id }, select: { status: true } });
    return { status: after.status, changed };
  }

  // pending: READY / in progress / a status we do not know.
  const providerStatus = "providerStatus" in remote ? remote.providerStatus : undefined;
  if (expiredAtProvider && ["READY", "APPROVING", "UNKNOWN"].includes(st) && !lookupCaptures) {
    const changed = await db.$transaction(async (tx) => {
      await lockOrder(tx, order.id);
      const moved = await transitionPayment(tx, payment.id, "expire", {
        orderId: order.id,
        only: [st as "READY" | "APPROVING" | "UNKNOWN"],
        data: { failureCode: "EXPIRED" },
        event: callEvent(
          res.log,
          `결제 가능 시간이 지났고 결제사 조회로 결제되지 않았음을 확인 (${providerStatus ?? "pending"})`,
        ),
      });
      if (moved && st !== "READY") await scheduleLateCheck(tx, payment.id, deps.lateCheckSeconds);
      return moved;
    });
    return { status: changed ? "EXPIRED" : st, changed };
  }
  return same(`결제사 상태 ${providerStatus ?? "진행 중"}`);
}

/** An approve was sent for this attempt and we just ended it: look once more later (KakaoPay lookups are read-only). */
export async function scheduleLateCheck(tx: Tx, paymentId: string, seconds = 900) {
  if (seconds > 0)
    await enqueue(
      tx,
      "payment.settle",
      { paymentId, lateCheck: true },
      { key: `late:${paymentId}`, delaySeconds: seconds },
    );
}
