// What happens when the provider says a payment was captured — from the approve answer, a lookup, or
// a re-sent authorization. The late-capture rule in one place:
// - the order is still payable and this is its current attempt → the payment is APPROVED and the
//   order PAID, in one transaction (from APPROVING / UNKNOWN, or FAILED / ABORTED / EXPIRED as a late
//   capture);
// - otherwise (the order was paid by another attempt, or closed), or the captured amount / order
//   reference is not ours → CAPTURED_UNUSED, and an automatic refund is created and put on the worker's
//   queue in the same transaction (or, with no transaction id to refund, listed in 확인 필요).
import { callEvent } from "./events";
import type { Tx } from "../db";
import { enqueue } from "../jobs/enqueue";
import { transitionOrder } from "../orders/state";
import { raiseAttention, resolveSettled } from "./attention";
import type { Approved, ProviderCallLog } from "./port";
import { lockOrder } from "./locks";
import { createRefund, transitionPayment, TERMINAL_UNPAID } from "./state";

export type CaptureResult =
  | { kind: "approved" } // the order is paid by this payment
  | { kind: "already" } // recorded before (idempotent)
  | { kind: "unused"; reason: "late" | "mismatch"; refundId: string | null }
  | { kind: "ignored"; status: string }; // a status a capture cannot come from (READY): listed for a person

const won = (n: number) => `${n.toLocaleString("ko-KR")}원`;

export async function recordCapture(
  tx: Tx,
  paymentId: string,
  approved: Approved,
  callLog: ProviderCallLog,
): Promise<CaptureResult> {
  const p0 = await tx.payment.findUniqueOrThrow({ where: { id: paymentId }, select: { orderId: true } });
  await lockOrder(tx, p0.orderId);
  const payment = await tx.payment.findUniqueOrThrow({ where: { id: paymentId }, include: { order: true } });
  const order = payment.order;
  if (["APPROVED", "PARTIALLY_CANCELLED", "CANCELLED", "CAPTURED_UNUSED", "REFUNDED_UNUSED"].includes(payment.status))
    return { kind: "already" };
  if (payment.status === "READY") {
    await raiseAttention(tx, {
      kind: "PAYMENT_UNCERTAIN",
      orderId: order.id,
      paymentId,
      code: callLog.resultCode,
      message: "승인 요청 전인 결제가 결제사에서 승인됨으로 조회됨: 확인 필요",
    });
    return { kind: "ignored", status: payment.status };
  }

  const taxFreeOk = approved.amounts.taxFree === undefined || approved.amounts.taxFree === payment.taxFreeAmount;
  // The provider's echo of our order reference (KakaoPay partner_order_id = the order number; PayUp's
  // orderNumber = "<order number>-NN", reported only when it differs from what we sent).
  const refOk = approved.orderRef === undefined || approved.orderRef === order.orderNumber;
  // Checked against both the attempt and the order (an order whose amount changed after ready must not complete).
  const matches =
    approved.amounts.total === payment.totalAmount && payment.totalAmount === order.totalAmount && taxFreeOk && refOk;
  const newest = await tx.payment.findFirst({
    where: { orderId: order.id },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  const current = newest?.id === paymentId;
  const basis = approved.basis ? ` · ${approved.basis}` : "";
  const recorded = {
    ...(approved.providerTxId && { tid: approved.providerTxId }),
    method: approved.method,
    approvedAt: approved.approvedAt,
    ...(approved.amounts.vat !== undefined && matches && { vatAmount: approved.amounts.vat }),
    cardInfo: approved.card ?? undefined,
  };
  const late = TERMINAL_UNPAID.includes(payment.status);

  if (matches && current && order.status === "PENDING") {
    const moved = await transitionPayment(tx, paymentId, late ? "late_capture" : "approve", {
      orderId: order.id,
      data: { ...recorded, failureCode: null, failureMessage: null },
      event: callEvent(
        callLog,
        late
          ? `늦은 승인 확인: 실패로 기록했던 결제가 결제사에서 승인됨 (${won(approved.amounts.total)}) → 주문 결제 완료${basis}`
          : `결제 승인 완료 (${won(approved.amounts.total)}, ${approved.method})${basis}`,
        { previous: payment.status },
      ),
    });
    if (!moved) return { kind: "already" };
    await transitionOrder(tx, order.id, "pay", { data: { paidAt: approved.approvedAt } });
    await resolveSettled(tx, paymentId, "결제 승인 확인");
    if (!approved.providerTxId)
      await raiseAttention(tx, {
        kind: "NO_TRANSACTION_ID",
        orderId: order.id,
        paymentId,
        code: callLog.resultCode,
        message: "결제사가 거래번호 없이 승인을 확인함: 환불하려면 거래번호 입력 필요",
      });
    return { kind: "approved" };
  }

  // Not the order's payment: refund it automatically.
  const reason: "late" | "mismatch" = matches ? "late" : "mismatch";
  const why = !matches
    ? approved.amounts.total !== order.totalAmount || approved.amounts.total !== payment.totalAmount
      ? `승인 금액 ${won(approved.amounts.total)}이 주문 금액 ${won(order.totalAmount)}과 다름`
      : !refOk
        ? `결제사 주문번호(${approved.orderRef})가 우리 주문번호와 다름`
        : "비과세 금액이 주문과 다름"
    : order.status === "PENDING"
      ? "이 주문의 더 새로운 결제 시도가 있음"
      : order.status === "CLOSED"
        ? "주문이 이미 종료됨 (새 주문으로 대체)"
        : "주문이 다른 결제로 이미 결제됨";
  const moved = await transitionPayment(tx, paymentId, "capture_unused", {
    orderId: order.id,
    data: { ...recorded, failureCode: reason === "late" ? "LATE_CAPTURE" : "AMOUNT_MISMATCH", failureMessage: why },
    event: callEvent(callLog, `${reason === "late" ? "늦은 승인" : "금액 불일치 승인"}: ${why} → 자동 환불${basis}`, {
      previous: payment.status,
      capturedTotal: approved.amounts.total,
    }),
  });
  if (!moved) return { kind: "already" };
  await resolveSettled(tx, paymentId, "결제사에서 승인 확인 (자동 환불 대상)", [
    "PAYMENT_UNKNOWN",
    "PAYMENT_UNCERTAIN",
  ]);
  const kind = reason === "late" ? "LATE_CAPTURE" : "AMOUNT_MISMATCH";
  if (!approved.providerTxId) {
    await raiseAttention(tx, {
      kind: "NO_TRANSACTION_ID",
      orderId: order.id,
      paymentId,
      code: callLog.resultCode,
      message: `${why}: 거래번호가 없어 자동 환불할 수 없음 (결제사 관리자 화면에서 환불 필요)`,
    });
    return { kind: "unused", reason, refundId: null };
  }
  const refund = await createRefund(
    tx,
    {
      paymentId,
      idempotencyKey: `auto:${paymentId}`,
      amount: approved.amounts.total,
      taxFreeAmount: Math.min(approved.amounts.taxFree ?? 0, approved.amounts.total),
      vatAmount: approved.amounts.vat ?? 0,
      reason: reason === "late" ? "늦은 승인 자동 환불" : "승인 금액 불일치 자동 환불",
      requestedBy: "system",
      kind,
    },
    { orderId: order.id, type: "refund.requested", message: `자동 환불 요청 ${won(approved.amounts.total)} (${why})` },
  );
  await raiseAttention(tx, {
    kind,
    orderId: order.id,
    paymentId,
    refundId: refund.id,
    code: callLog.resultCode,
    message: `${why}. ${won(approved.amounts.total)} 자동 환불 진행`,
  });
  await enqueue(tx, "refund.settle", { refundId: refund.id }, { key: `refund:${refund.id}` });
  return { kind: "unused", reason, refundId: refund.id };
}
