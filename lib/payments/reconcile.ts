// "Refresh from provider": reads the provider's view of a payment (order lookup) and settles our
// state where it was left uncertain (timeouts, lost responses, refunds of unknown outcome).
import { db as defaultDb, type Db } from "../db";
import { appError, err, ok, type Result } from "../errors";
import { addEvent, providerCallEvent } from "./events";
import type { PaymentGateway } from "./gateway";
import { applyRefund } from "./refund";
import { lockOrder } from "./locks";

/** quiet: don't write "no change" / failed-lookup events (the customer's page retries every few seconds). */
export async function reconcilePayment(
  paymentId: string,
  deps: { db?: Db; gateway: PaymentGateway; quiet?: boolean },
): Promise<Result<{ status: string; changed: boolean }>> {
  const db = deps.db ?? defaultDb;
  const payment = await db.payment.findUnique({ where: { id: paymentId }, include: { order: true } });
  if (!payment) return err(appError("NOT_FOUND", "결제를 찾을 수 없습니다."));
  if (!payment.tid && !payment.providerOrderRef) return ok({ status: payment.status, changed: false });

  const res = await deps.gateway.lookup({ providerTxId: payment.tid, providerData: payment.providerData, expectedTotal: payment.totalAmount });
  if (!res.ok) {
    if (!deps.quiet) await addEvent(db, providerCallEvent(payment.orderId, payment.id, res.log, `결제사 조회 실패: ${res.failure.message}`));
    return err(appError(res.failure.kind === "unknown" ? "PROVIDER_TIMEOUT" : "PROVIDER_ERROR", `결제사 조회 실패: ${res.failure.message}`));
  }
  const remote = res.value;
  const order = payment.order;
  let changed = false;

  if (remote.state === "approved" || remote.state === "partially_cancelled" || remote.state === "cancelled") {
    const a = remote.approved;
    if (payment.status === "APPROVING" || payment.status === "UNKNOWN" || payment.status === "READY") {
      const mismatch = a.amounts.total !== order.totalAmount;
      changed = await db.$transaction(async (tx) => {
        await lockOrder(tx, order.id);
        const p = await tx.payment.findUniqueOrThrow({ where: { id: payment.id } });
        if (!["APPROVING", "UNKNOWN", "READY"].includes(p.status)) return false;
        await tx.payment.update({
          where: { id: payment.id },
          data: {
            status: mismatch ? "UNKNOWN" : "APPROVED",
            tid: a.providerTxId || p.tid,
            method: a.method,
            approvedAt: a.approvedAt,
            ...(a.amounts.vat !== undefined && { vatAmount: a.amounts.vat }),
            failureCode: mismatch ? "AMOUNT_MISMATCH" : null,
            failureMessage: mismatch ? `결제사 승인 금액 ${a.amounts.total}원이 주문 금액과 다름: 수동 환불 필요` : null,
          },
        });
        if (!mismatch) await tx.order.updateMany({ where: { id: order.id, status: "PENDING" }, data: { status: "PAID", paidAt: a.approvedAt } });
        await addEvent(tx, providerCallEvent(order.id, payment.id, res.log, mismatch ? "결제사에서 승인 확인, 금액 불일치: 확인 필요" : "결제사 조회로 승인 확인"));
        return true;
      });
    }
    // Refunds whose outcome we did not know: the provider's cancelled total tells, or (PayUp) re-sending
    // the cancel does — it answers "not cancellable" (1005) when the first one went through.
    const fresh = await db.payment.findUniqueOrThrow({ where: { id: payment.id }, include: { refunds: { where: { status: { in: ["UNKNOWN", "REQUESTED"] } }, orderBy: { createdAt: "asc" } } } });
    for (const r of fresh.refunds) {
      const current = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
      let done: boolean;
      let callLog = res.log;
      if (deps.gateway.reportsCancellations) {
        done = remote.cancelled.total >= current.cancelledAmount + r.amount;
      } else {
        const again = await deps.gateway.cancel({
          providerTxId: current.tid!,
          amount: r.amount,
          taxFree: r.taxFreeAmount,
          vat: r.vatAmount,
          remainingBefore: current.totalAmount - current.cancelledAmount,
          reason: `reconcile: ${r.reason}`,
        });
        done = again.ok;
        callLog = again.log;
      }
      if (done) {
        await applyRefund(db, payment.id, r.id, callLog);
      } else {
        await db.$transaction(async (tx) => {
          await tx.refund.update({ where: { id: r.id }, data: { status: "FAILED", failureCode: "NOT_CANCELLED_AT_PROVIDER" } });
          await addEvent(tx, providerCallEvent(order.id, payment.id, callLog, `결제사 확인 결과 환불 ${r.amount}원은 처리되지 않음`));
        });
      }
      changed = true;
    }
  } else if (["APPROVING", "UNKNOWN", "READY"].includes(payment.status)) {
    // Not charged at the provider.
    const to = remote.state === "aborted" ? "ABORTED" : remote.state === "failed" ? "FAILED" : payment.status === "READY" ? null : "FAILED";
    if (to) {
      const n = await db.payment.updateMany({
        where: { id: payment.id, status: payment.status },
        data: { status: to, failureCode: `PROVIDER_${remote.state.toUpperCase()}` },
      });
      if (n.count) {
        changed = true;
        await addEvent(db, providerCallEvent(order.id, payment.id, res.log, `결제사 조회: 결제되지 않음 (${remote.state})`));
      }
    }
  }
  if (!changed && !deps.quiet) await addEvent(db, providerCallEvent(order.id, payment.id, res.log, "결제사 조회: 변경 없음"));
  const after = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
  return ok({ status: after.status, changed });
}
