// What the pay-result use cases share: the transaction budget, the conflict signal and what the
// timeline keeps of a delivery.
import type { PayResultDelivery, PayResultOutcome } from "./port";

/** Waiting longer than this for a connection would miss the agency's 3-second budget anyway. */
export const TX = { maxWait: 2_500, timeout: 5_000 } as const;

export class Conflict extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The money of a delivery: how it was paid, the amounts and the agency's fee (stored and kept in the timeline). */
export function payFields(d: PayResultDelivery) {
  return { payBy: d.payBy, amount: d.amount, payAmount: d.payAmount, feeType: d.feeType, fee: d.fee, feeTax: d.feeTax };
}

/** What the timeline and 확인 필요 keep of a delivery (no personal data: the card BIN is not a card number). */
export function deliveryData(d: PayResultDelivery): Record<string, unknown> {
  return {
    payId: d.payId,
    payType: d.payType,
    ...payFields(d),
    paidAt: d.paidAtText,
    ...(d.adjustDate !== undefined && { adjustDate: d.adjustDate }),
  };
}

export const won = (n: number) => `${n.toLocaleString("ko-KR")}원`;

export function sameOrConflict(
  seen: { billId: string; payAmount: number },
  billId: string,
  payAmount: number,
): PayResultOutcome {
  if (seen.billId !== billId) throw new Conflict("같은 pay_id의 결제가 다른 청구서에 기록되어 있습니다.");
  if (seen.payAmount !== payAmount)
    throw new Conflict(
      `같은 pay_id의 결제가 이미 ${seen.payAmount}원으로 기록되어 있는데 ${payAmount}원으로 다시 왔습니다.`,
    );
  return "duplicate";
}
