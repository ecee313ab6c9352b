// The customer comes back from the provider having authorised the payment (KakaoPay approval_url with
// pg_token, or KCP's POST-back). Idempotent: reloads, re-posted forms, double clicks and parallel tabs all
// end on the same receipt, and the provider's approve is called at most once per payment.
import { db as defaultDb, type Db } from "../db";
import { log } from "../log";
import { addEvent, providerCallEvent } from "./events";
import type { ApprovalToken, Approved, PaymentGateway, ProviderCallLog } from "./gateway";
import { lockOrder } from "./locks";
import { CHARGED } from "./state";

export type ApproveOutcome =
  | { kind: "paid"; orderNumber: string } // approved now or earlier
  | { kind: "in_progress"; orderNumber: string } // another request is approving it right now
  | { kind: "unknown"; orderNumber: string } // provider did not answer clearly: needs reconciliation
  | { kind: "failed"; orderNumber: string; message: string } // declined / expired / superseded / mismatch
  | { kind: "not_found" };

export type ApproveDeps = { db?: Db; gateway: PaymentGateway; now?: () => Date };

const pgTokenPattern = /^[A-Za-z0-9]{1,64}$/;

export async function approvePayment(
  input: { paymentId: string; pgToken: string } | { paymentId: string; token: ApprovalToken },
  deps: ApproveDeps,
): Promise<ApproveOutcome> {
  const db = deps.db ?? defaultDb;
  const now = deps.now ?? (() => new Date());
  const token: ApprovalToken = "token" in input ? input.token : { kind: "pg_token", value: input.pgToken };
  if (token.kind === "pg_token" && !pgTokenPattern.test(token.value)) {
    const p = await db.payment.findUnique({ where: { id: input.paymentId }, include: { order: true } });
    if (!p) return { kind: "not_found" };
    return { kind: "failed", orderNumber: p.order.orderNumber, message: "결제 승인 정보가 올바르지 않습니다." };
  }

  const claim = await db.$transaction(async (tx) => {
    const p0 = await tx.payment.findUnique({ where: { id: input.paymentId }, select: { orderId: true } });
    if (!p0) return { kind: "not_found" } as const;
    await lockOrder(tx, p0.orderId);
    const payment = await tx.payment.findUniqueOrThrow({ where: { id: input.paymentId }, include: { order: true } });
    const orderNumber = payment.order.orderNumber;
    if (CHARGED.includes(payment.status)) return { kind: "done", outcome: { kind: "paid", orderNumber } } as const;
    if (payment.status === "APPROVING") return { kind: "done", outcome: { kind: "in_progress", orderNumber } } as const;
    if (payment.status === "UNKNOWN") return { kind: "done", outcome: { kind: "unknown", orderNumber } } as const;
    if (payment.status !== "READY" || (!payment.tid && !payment.providerOrderRef)) {
      const message =
        payment.failureCode === "SUPERSEDED"
          ? "다른 창에서 새 결제를 시작해 이 결제는 진행할 수 없습니다. 주문 내역에서 다시 결제해 주세요."
          : "이미 종료된 결제입니다. 다시 결제해 주세요.";
      return { kind: "done", outcome: { kind: "failed", orderNumber, message } } as const;
    }
    if (payment.order.status !== "PENDING") {
      await tx.payment.update({ where: { id: payment.id }, data: { status: "ABORTED", failureCode: "ORDER_ALREADY_PAID" } });
      return { kind: "done", outcome: { kind: "paid", orderNumber } } as const;
    }
    if (payment.readyExpiresAt && payment.readyExpiresAt < now()) {
      await tx.payment.update({ where: { id: payment.id }, data: { status: "EXPIRED", failureCode: "EXPIRED" } });
      await addEvent(tx, { orderId: payment.orderId, paymentId: payment.id, type: "payment.expired", message: "결제 가능 시간이 지나 만료됨" });
      return { kind: "done", outcome: { kind: "failed", orderNumber, message: "결제 가능 시간이 지났습니다. 다시 결제해 주세요." } } as const;
    }
    // The amount the customer's form carried must be the one we set (KCP posts good_mny back).
    if (token.kind === "kcp" && token.postedAmount !== undefined && token.postedAmount !== payment.totalAmount) {
      await tx.payment.update({
        where: { id: payment.id },
        data: { status: "FAILED", failureCode: "AMOUNT_TAMPERED", failureMessage: `결제창 금액 ${token.postedAmount}원이 주문 금액과 다름` },
      });
      await addEvent(tx, {
        orderId: payment.orderId,
        paymentId: payment.id,
        type: "payment.tampered",
        message: `결제창에서 돌아온 금액(${token.postedAmount}원)이 주문 금액(${payment.totalAmount}원)과 달라 승인하지 않음`,
        resultCode: "AMOUNT_TAMPERED",
      });
      log.warn({ paymentId: payment.id, posted: token.postedAmount, expected: payment.totalAmount }, "tampered amount refused");
      return { kind: "done", outcome: { kind: "failed", orderNumber, message: "결제 금액이 주문 금액과 달라 결제를 진행하지 않았습니다. 다시 결제해 주세요." } } as const;
    }
    await tx.payment.update({
      where: { id: payment.id },
      data: {
        status: "APPROVING",
        // Keep what the window returned (opaque, no card data) so a lost answer can be reconciled.
        ...(token.kind === "kcp" && { providerData: { ...((payment.providerData as object | null) ?? {}), authorization: token.authorization } as object }),
      },
    });
    await addEvent(tx, { orderId: payment.orderId, paymentId: payment.id, type: "payment.approving", message: "결제 승인 요청" });
    return { kind: "claimed", payment } as const;
  });

  if (claim.kind === "not_found") return claim;
  if (claim.kind === "done") return claim.outcome;
  const { payment } = claim;
  const order = payment.order;
  const orderNumber = order.orderNumber;

  const res = await deps.gateway.approve({
    providerTxId: payment.tid,
    providerData: payment.providerData,
    orderNumber,
    customerRef: `guest-${order.id}`,
    token,
    expectedTotal: payment.totalAmount,
  });

  if (!res.ok) {
    const f = res.failure;
    const unknown = f.kind === "unknown";
    await db.$transaction(async (tx) => {
      await tx.payment.updateMany({
        where: { id: payment.id, status: "APPROVING" },
        data: { status: unknown ? "UNKNOWN" : "FAILED", failureCode: f.code, failureMessage: f.message.slice(0, 500) },
      });
      await addEvent(tx, providerCallEvent(order.id, payment.id, res.log, unknown ? `승인 결과 불명확 (${f.code}): 확인 필요` : `승인 실패: ${f.message}`));
    });
    log.warn({ orderId: order.id, code: f.code, kind: f.kind }, "payment approve failed");
    if (unknown) return { kind: "unknown", orderNumber };
    return { kind: "failed", orderNumber, message: f.kind === "declined" ? f.customerMessage : "결제를 승인하지 못했습니다." };
  }

  const approved = res.value;
  const taxFreeMismatch = approved.amounts.taxFree !== undefined && approved.amounts.taxFree !== order.taxFreeAmount;
  if (approved.amounts.total !== order.totalAmount || taxFreeMismatch) {
    return refuseMismatch(db, deps.gateway, payment.id, order, approved, res.log);
  }

  await db.$transaction(async (tx) => {
    await tx.payment.updateMany({
      where: { id: payment.id, status: "APPROVING" },
      data: {
        status: "APPROVED",
        tid: approved.providerTxId,
        method: approved.method,
        approvedAt: approved.approvedAt,
        ...(approved.amounts.vat !== undefined && { vatAmount: approved.amounts.vat }),
        cardInfo: approved.card ?? undefined,
        failureCode: null,
        failureMessage: null,
      },
    });
    await tx.order.updateMany({ where: { id: order.id, status: "PENDING" }, data: { status: "PAID", paidAt: approved.approvedAt } });
    await addEvent(tx, providerCallEvent(order.id, payment.id, res.log, `결제 승인 완료 (${approved.amounts.total}원, ${approved.method})`));
  });
  return { kind: "paid", orderNumber };
}

/** The provider approved a different amount than the order's: refund it at once, never ship it. */
async function refuseMismatch(
  db: Db,
  gateway: PaymentGateway,
  paymentId: string,
  order: { id: string; orderNumber: string; totalAmount: number },
  approved: Approved,
  approveLog: ProviderCallLog,
): Promise<ApproveOutcome> {
  log.error({ orderId: order.id, expected: order.totalAmount, approved: approved.amounts.total }, "approved amount mismatch");
  await addEvent(db, {
    ...providerCallEvent(order.id, paymentId, approveLog, `승인 금액 불일치: 주문 ${order.totalAmount}원, 승인 ${approved.amounts.total}원`),
    resultCode: "AMOUNT_MISMATCH",
  });
  const cancel = await gateway.cancel({
    providerTxId: approved.providerTxId,
    amount: approved.amounts.total,
    taxFree: approved.amounts.taxFree ?? 0,
    vat: approved.amounts.vat ?? 0,
    remainingBefore: approved.amounts.total,
    reason: "amount mismatch",
  });
  await db.$transaction(async (tx) => {
    await tx.payment.updateMany({
      where: { id: paymentId, status: "APPROVING" },
      data: cancel.ok
        ? { status: "FAILED", tid: approved.providerTxId, failureCode: "AMOUNT_MISMATCH", failureMessage: `승인 금액 ${approved.amounts.total}원 불일치로 즉시 취소` }
        : { status: "UNKNOWN", tid: approved.providerTxId, failureCode: "AMOUNT_MISMATCH", failureMessage: "승인 금액 불일치, 자동 취소 실패: 확인 필요" },
    });
    await addEvent(tx, providerCallEvent(order.id, paymentId, cancel.log, cancel.ok ? "금액 불일치 결제 자동 취소 완료" : "금액 불일치 결제 자동 취소 실패: 확인 필요"));
  });
  return { kind: "failed", orderNumber: order.orderNumber, message: "결제 금액이 주문 금액과 달라 결제를 취소했습니다. 다시 시도해 주세요." };
}

/** The customer cancelled at the provider's window, or the provider sent them back with a failure. */
export async function abandonPayment(
  input: { paymentId: string; reason: "cancel" | "fail"; code?: string; message?: string },
  deps: { db?: Db } = {},
): Promise<{ kind: "not_found" } | { kind: "ok"; orderNumber: string; status: string }> {
  const db = deps.db ?? defaultDb;
  const payment = await db.payment.findUnique({ where: { id: input.paymentId }, include: { order: true } });
  if (!payment) return { kind: "not_found" };
  const to = input.reason === "cancel" ? "ABORTED" : "FAILED";
  const providerName = payment.provider === "PAYUP_KCP" ? "KCP 결제창" : "카카오페이";
  await db.$transaction(async (tx) => {
    const changed = await tx.payment.updateMany({
      where: { id: payment.id, status: "READY" },
      data: {
        status: to,
        failureCode: input.reason === "cancel" ? "USER_CANCEL" : (input.code ?? "PROVIDER_FAIL"),
        failureMessage: input.message?.slice(0, 500) ?? null,
      },
    });
    if (changed.count) {
      await addEvent(tx, {
        orderId: payment.orderId,
        paymentId: payment.id,
        type: input.reason === "cancel" ? "payment.aborted" : "payment.failed",
        message: input.reason === "cancel" ? `고객이 ${providerName}에서 결제를 취소함` : `${providerName} 결제 실패로 돌아옴${input.message ? `: ${input.message}` : ""}`,
        resultCode: input.code ?? null,
      });
    }
  });
  const fresh = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
  return { kind: "ok", orderNumber: payment.order.orderNumber, status: fresh.status };
}
