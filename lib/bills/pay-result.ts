// /kakao/pay-result (seed §7): money that moved at KakaoPay, a payment (record-payment.ts) or a
// cancel (record-cancellation.ts).
//
// A pay-result reports money that already moved at KakaoPay, and any answer but OK makes the agency
// deliver it again (seed §7: the agency waits for "정상 수신"). So every delivery that passes the wire
// rules is recorded and answered OK; what looks wrong is recorded as sent and listed in 확인 필요
// (review.ts, sanity.ts): an amount the bill could not take, fees of the wrong sign, dates far from
// plausible, a second payment, a cancel that does not fit its payment, a delivery that contradicts
// the one recorded for its pay_id. Only a bill we cannot find (E502) or tell apart (E005) is refused:
// there is nothing to attach the money to.

import { db as defaultDb } from "../db";
import { log } from "../log";
import { addBillEvent } from "./events";
import { findBillByKey, type AgencyDeps, type SeenKey } from "./find";
import { Conflict, deliveryData, TX } from "./delivery";
import type { AgencyAnswer, PayResultDelivery, PayResultOutcome } from "./port";
import { recordCancellation } from "./record-cancellation";
import { recordPayment } from "./record-payment";
import { openBillReview, reviewMessage } from "./review";
import { payResultFlags, storableInstant } from "./sanity";

export async function answerPayResult(
  d: PayResultDelivery,
  deps: AgencyDeps = {},
): Promise<AgencyAnswer & { outcome: PayResultOutcome }> {
  const db = deps.db ?? defaultDb;
  const now = deps.now?.() ?? new Date();
  const payId = BigInt(d.payId);
  // Stored instant of paid_at (a payment's paidAt, a cancel's cancelledAt and part of its identity).
  const at = storableInstant(d.paidAt);
  const seenKey: SeenKey =
    d.payType === "P" ? { payId, payType: "P" } : { payId, payType: "C", cancelledAt: at, amount: -d.payAmount };
  // One round trip: the bill, and whatever is already recorded for this delivery.
  const found = await findBillByKey(db, d.key, seenKey);
  if (found.kind === "ambiguous") return { kind: "ambiguous", outcome: "ambiguous" };
  if (found.kind === "none") {
    log.error(
      { payId: d.payId, payType: d.payType, noticeKey: d.key.billerNoticeKey },
      "pay-result for an unknown bill",
    );
    return { kind: "not-found", outcome: "no-bill" };
  }
  const billId = found.bill.id;
  const flags = payResultFlags(d, now);
  try {
    const outcome =
      d.payType === "P"
        ? await recordPayment(db, billId, payId, d, found.bill.seen, at, flags)
        : await recordCancellation(db, billId, payId, d, found.bill.seen, at, flags);
    return { kind: "ok", outcome };
  } catch (e) {
    if (!(e instanceof Conflict)) throw e;
    log.warn(
      { billId, payId: d.payId, payType: d.payType, reason: e.reason },
      "pay-result contradicts a recorded one: kept for staff, answered OK",
    );
    // The timeline and the 확인 필요 list together (a redelivery adds a timeline row, not a second open review).
    await db.$transaction(async (tx) => {
      await addBillEvent(tx, {
        billId,
        type: `dozn.pay-result.${d.payType}`,
        resultCode: "CHECK",
        message: `기록된 내용과 다른 납부 결과 수신 (확인 필요): ${e.reason}`,
        data: deliveryData(d),
      });
      await openBillReview(tx, {
        billId,
        kind: "CONFLICT",
        payId,
        code: "OK",
        message: reviewMessage.conflict({ payId, reason: e.reason }),
        data: deliveryData(d),
      });
    }, TX);
    return { kind: "ok", outcome: "conflict" };
  }
}
