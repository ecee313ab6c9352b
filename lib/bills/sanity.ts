// Plausibility of a schema-valid pay-result (seed 003 §7). A pay-result reports money that already
// moved, and anything but OK makes the agency deliver it again: so what passes the wire rules
// (lib/providers/dozn, E001/E006/E007/E008) is always recorded, and what looks wrong is listed for
// staff (확인 필요, review.ts) instead of refused. The bounds below are our choice (seed silent;
// sandbox/providers/dozn/README.md).
import { kstDay } from "../kst";
import type { PayResultDelivery } from "./port";
import type { BillReviewKind } from "./review";
import { reviewMessage } from "./review";

/** paid_at further in the past than this is implausible for a delivery (redeliveries take hours, not a year). */
export const PAID_AT_PAST_DAYS = 366;
/** paid_at further in the future than this (clock skew allowance) is implausible. */
export const PAID_AT_FUTURE_HOURS = 24;
/** adjust_date (정산예정일) further after paid_at than this is implausible. */
export const ADJUST_AFTER_DAYS = 366;

const DAY = 86_400_000;
const ymdText = (v: string) => `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
/** Days since 0001-01-01 of a YYYYMMDD calendar day (years 0001–0099 are those years). */
function dayNumber(v: string): number {
  const d = new Date(0);
  d.setUTCFullYear(+v.slice(0, 4), +v.slice(4, 6) - 1, +v.slice(6, 8));
  return d.getTime() / DAY;
}
const stampText = (v: string) => `${ymdText(v)} ${v.slice(8, 10)}:${v.slice(10, 12)}:${v.slice(12, 14)}`;

export type PayResultFlag = {
  kind: Extract<BillReviewKind, "FEE_SIGN" | "DATE_IMPLAUSIBLE">;
  message: string;
  data: Record<string, unknown>;
};

/** What is implausible about a pay-result (nothing: []). Pure. */
export function payResultFlags(d: PayResultDelivery, now: Date): PayResultFlag[] {
  const flags: PayResultFlag[] = [];
  const payId = d.payId;
  const payType = d.payType;
  // Fees: a payment's fees are charged (≥ 0), a cancel's are given back (≤ 0) — as the seed's
  // pay_amount sign rule for P / C (seed §7.1: "P 인 경우 양수, C 인 경우 음수").
  const badFee = payType === "P" ? d.fee < 0 || d.feeTax < 0 : d.fee > 0 || d.feeTax > 0;
  if (badFee)
    flags.push({
      kind: "FEE_SIGN",
      message: reviewMessage.feeSign({ payId, payType, fee: d.fee, feeTax: d.feeTax }),
      data: { payType, fee: d.fee, feeTax: d.feeTax },
    });

  const reasons: string[] = [];
  const paidAt = d.paidAt;
  if (paidAt.getTime() < now.getTime() - PAID_AT_PAST_DAYS * DAY)
    reasons.push(`결제일시 ${stampText(d.paidAtText)}(KST)가 1년 넘게 지난 날짜입니다.`);
  else if (paidAt.getTime() > now.getTime() + PAID_AT_FUTURE_HOURS * 3600_000)
    reasons.push(`결제일시 ${stampText(d.paidAtText)}(KST)가 미래입니다.`);
  if (d.adjustDate !== undefined) {
    // 정산예정일 (seed §7.1): the day the money is settled, on or after the payment's day.
    const paidDay = d.paidAtText.slice(0, 8);
    if (d.adjustDate < paidDay)
      reasons.push(`정산예정일 ${ymdText(d.adjustDate)}이 결제일 ${ymdText(paidDay)}보다 앞섭니다.`);
    else if (dayNumber(d.adjustDate) - dayNumber(paidDay) > ADJUST_AFTER_DAYS)
      reasons.push(`정산예정일 ${ymdText(d.adjustDate)}이 결제일 ${ymdText(paidDay)}보다 1년 넘게 뒤입니다.`);
  }
  if (reasons.length > 0)
    flags.push({
      kind: "DATE_IMPLAUSIBLE",
      message: reviewMessage.dateImplausible({ payId, payType, reasons }),
      data: { payType, paidAt: d.paidAtText, adjustDate: d.adjustDate ?? null, today: kstDay(now).replaceAll("-", "") },
    });
  return flags;
}

/**
 * The earliest instant PostgreSQL's timestamp takes as ISO text (year 0 is refused): paid_at
 * 0001-01-01 00:00–08:59 KST is 1 BC in UTC. Such a delivery is stored at this instant and listed
 * (DATE_IMPLAUSIBLE, with the wire value in its data and in the timeline).
 */
export const EARLIEST_STORABLE = new Date("0001-01-01T00:00:00.000Z");

export function storableInstant(d: Date): Date {
  return d.getTime() < EARLIEST_STORABLE.getTime() ? new Date(EARLIEST_STORABLE) : d;
}
