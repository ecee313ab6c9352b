// A cancel (pay_type C) of a pay-result.
import type { Db } from "../db";
import { Conflict, TX, won } from "./delivery";
import { addBillEvent } from "./events";
import type { SeenDelivery } from "./find";
import { lockBill } from "./locks";
import type { PayResultDelivery, PayResultOutcome } from "./port";
import { openBillReview, resolveAfterCancellation, reviewMessage } from "./review";
import type { PayResultFlag } from "./sanity";
import { applyCancellation, insertCancellation, num, settleBill, transitionCancellation } from "./state";

/**
 * A cancel delivery (pay_type C), identified by (pay_id, paid_at, amount) — our reading, the seed
 * does not say how a partial cancel is identified. Several partial cancels of one pay_id are
 * several rows and add up; an identical repeat is a duplicate. A cancel is always recorded: applied
 * to its payment when it fits what is left of it, kept PENDING until its payment comes, or marked
 * MISMATCHED and listed when it cannot fit (more than is left, another bill's payment).
 */
export async function recordCancellation(
  db: Db,
  billId: string,
  payId: bigint,
  d: PayResultDelivery,
  seen: SeenDelivery,
  cancelledAt: Date,
  flags: PayResultFlag[],
): Promise<PayResultOutcome> {
  const amount = -d.payAmount; // C carries a negative pay_amount (checked by the schema)
  const otherBill = () =>
    new Conflict(`같은 취소(pay_id ${d.payId}, ${d.paidAtText}, ${won(amount)})가 다른 청구서에 기록되어 있습니다.`);
  if (seen) {
    if (seen.billId !== billId) throw otherBill();
    return "duplicate";
  }
  const key = { payId_cancelledAt_amount: { payId, cancelledAt, amount } };

  return db.$transaction(async (tx) => {
    const inserted = await insertCancellation(tx, {
      billId,
      payId,
      payBy: d.payBy,
      amount,
      fee: d.fee,
      feeTax: d.feeTax,
      adjustDate: d.adjustDate ?? null,
      cancelledAt,
    });
    if (!inserted) {
      const other = await tx.billCancellation.findUniqueOrThrow({ where: key, select: { billId: true } });
      if (other.billId !== billId) throw otherBill();
      return "duplicate";
    }
    await lockBill(tx, billId);
    for (const f of flags) {
      await addBillEvent(tx, {
        billId,
        type: "bill.cancel.check",
        resultCode: "CHECK",
        message: f.message,
        data: { payId: d.payId, kind: f.kind, ...f.data },
      });
      await openBillReview(tx, { billId, kind: f.kind, payId, code: "OK", message: f.message, data: f.data });
    }
    // Read after the lock: a payment committed by a transaction that held it is visible now.
    const payment = await tx.billPayment.findUnique({ where: { payId } });
    const cancellation = await tx.billCancellation.findUniqueOrThrow({
      where: key,
      select: { id: true, status: true },
    });
    if (!payment) {
      await addBillEvent(tx, {
        billId,
        type: "dozn.pay-result.C",
        resultCode: "OK",
        message: `취소 ${amount}원 수신 (pay_id ${d.payId}): 결제 결과가 아직 없어 보류, 결제가 도착하면 반영합니다.`,
        data: { payId: d.payId, amount, paidAt: d.paidAtText },
      });
      return "pending-cancel";
    }
    const left = num(payment.payAmount) - num(payment.cancelledAmount);
    if (payment.billId !== billId || amount > left) {
      const reason =
        payment.billId !== billId
          ? "결제가 다른 청구서에 기록되어 있습니다."
          : `취소 금액 ${won(amount)}이 취소 가능 금액 ${won(left)}을 넘습니다.`;
      // Recorded as sent (the agency reports money moving back) and listed; never applied.
      const moved = await transitionCancellation(tx, cancellation, "mismatch", {
        billId,
        type: "dozn.pay-result.C",
        resultCode: "CHECK",
        message: `취소 ${amount}원 수신 (pay_id ${d.payId}): 결제에 반영할 수 없어 확인이 필요합니다. ${reason}`,
        data: { payId: d.payId, amount, paidAt: d.paidAtText, left },
      });
      if (!moved) throw new Error(`bill cancellation ${cancellation.id}: changed under the lock`);
      await openBillReview(tx, {
        billId,
        kind: "CANCEL_MISMATCH",
        payId,
        code: "OK",
        message: reviewMessage.cancelMismatch({ payId, amount, reason }),
        data: { amount, left, paidAt: d.paidAtText },
      });
      return "flagged-cancel";
    }
    const full = num(payment.cancelledAmount) + amount === num(payment.payAmount);
    const { paymentStatus } = await applyCancellation(
      tx,
      { id: cancellation.id, status: cancellation.status, payId, amount, cancelledAt },
      payment,
      {
        billId,
        type: "dozn.pay-result.C",
        resultCode: "OK",
        message: `${full ? "전체" : "부분"} 취소 ${amount}원 (pay_id ${d.payId}${full && num(payment.cancelledAmount) > 0 ? ", 누적 취소로 전액" : ""})`,
        data: { payId: d.payId, amount, fee: d.fee, feeTax: d.feeTax, paidAt: d.paidAtText },
      },
    );
    await settleBill(tx, billId);
    await resolveAfterCancellation(tx, billId, payId, paymentStatus);
    return "recorded";
  }, TX);
}
