// The bill state machine in one place. A bill's status is derived from its settled payments and
// cancellations (recomputed under the bill's row lock), never set by hand:
//   UNPAID ──P──► PAID ──C (part)──► PARTIALLY_CANCELLED ──C (rest)──► CANCELLED
//                   └──────────C (all)───────────────────────────────────┘
//   CANCELLED ──P──► PAID   (a fully cancelled payment leaves the bill owed again)
import type { BillStatus } from "../generated/prisma/enums";

export const billStatusLabel: Record<BillStatus, string> = {
  UNPAID: "미납",
  PAID: "납부 완료",
  PARTIALLY_CANCELLED: "부분 취소",
  CANCELLED: "납부 취소",
};

export const BILL_STATUSES = ["UNPAID", "PAID", "PARTIALLY_CANCELLED", "CANCELLED"] as const satisfies readonly BillStatus[];

/** Status from the bill's payments (each with what was paid and what of it was cancelled). */
export function deriveBillStatus(payments: readonly { payAmount: number; cancelledAmount: number }[]): BillStatus {
  if (payments.length === 0) return "UNPAID";
  const live = payments.filter((p) => p.payAmount - p.cancelledAmount > 0);
  if (live.length === 0) return "CANCELLED";
  return live.some((p) => p.cancelledAmount > 0) ? "PARTIALLY_CANCELLED" : "PAID";
}

/** What the customer may pay now: the whole bill while nothing is paid, otherwise nothing. */
export function payableAmount(bill: { status: BillStatus; amount: number }): number {
  return bill.status === "UNPAID" || bill.status === "CANCELLED" ? bill.amount : 0;
}

/** Editing (amount, details …) is allowed only before any money moved. */
export function isEditable(bill: { status: BillStatus; paidAmount: number }): boolean {
  return bill.status === "UNPAID" && bill.paidAmount === 0;
}

/** The due date after which prepay answers E506 ("YYYYMMDD"), or null when the due date does not limit payment (D0). */
export function lastPayableDay(bill: { expireType: string; payExpireDate: string; secondPayExpireDate: string | null }): string | null {
  if (bill.expireType === "D0") return null;
  if (bill.expireType === "D2") return bill.secondPayExpireDate ?? bill.payExpireDate;
  return bill.payExpireDate;
}

/** Today in Korea as "YYYYMMDD". */
export function kstToday(now: Date): string {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10).replace(/-/g, "");
}
