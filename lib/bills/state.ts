// The bill state machines, executable: the only code that writes Bill.status, BillPayment.status and
// BillCancellation.status (with lib/bills/state-sql.ts, the raw SQL of the agency's hot path, which
// is part of this module and enforces the same tables in its WHERE clauses). Every move is a
// compare-and-set from the allowed source states in the caller's transaction, with its timeline
// event written in the same transaction. A move the tables forbid throws ForbiddenBillTransition.
//
// Bill — derived from its payments and its amount (recomputed under the bill's row lock, see settleBill):
//   UNPAID ──P──► PAID ──C (part)──► PARTIALLY_CANCELLED ──C (rest)──► CANCELLED ──P──► PAID
//                   └──────────C (all)───────────────────────────────────┘
//   UNPAID ──P (less than the bill)──► PARTIALLY_PAID ──P (the rest)──► PAID
//   PAID only when what is paid (net of cancellations) covers the bill: a 1-won payment of a
//   29,000-won bill leaves it PARTIALLY_PAID (and listed for staff, record-payment.ts).
//   A P that arrives with its cancellation already parked can land on any paid state at once, and
//   a move to the same state is a settle that changes only the totals (a second payment, …).
//   Once money moved a bill never returns to UNPAID.
//
// BillPayment — created PAID (insert in state-sql.ts):
//   PAID / PARTIALLY_CANCELLED ──cancel_part──► PARTIALLY_CANCELLED
//   PAID / PARTIALLY_CANCELLED ──cancel_all───► CANCELLED                    (CANCELLED is final)
//
// BillCancellation — created PENDING (insertCancellation), a pay_type C delivery:
//   PENDING / UNMATCHED ──apply────► APPLIED      (its payment is there and the cancel fits it)
//   PENDING ─────────────unmatched─► UNMATCHED    (no payment after the parking time: lib/bills/jobs.ts)
//   PENDING / UNMATCHED ──mismatch─► MISMATCHED   (its payment came but the cancel does not fit it)
//   APPLIED and MISMATCHED are final; UNMATCHED and MISMATCHED are listed for staff (review.ts).
import type { Prisma } from "../generated/prisma/client";
import type { BillCancellationStatus, BillPaymentStatus, BillStatus } from "../generated/prisma/enums";
import type { Tx } from "../db";
import type { Edge } from "../state-machine";
import { addBillEvent, type BillEventInput } from "./events";

export class ForbiddenBillTransition extends Error {
  constructor(machine: string, detail: string) {
    super(`${machine}: forbidden transition (${detail})`);
    this.name = "ForbiddenBillTransition";
  }
}

// ------------------------------------------------------------------------------------ tables

export const BILL_STATUSES = [
  "UNPAID",
  "PARTIALLY_PAID",
  "PAID",
  "PARTIALLY_CANCELLED",
  "CANCELLED",
] as const satisfies readonly BillStatus[];

/** Every status a settle may write once money moved (never UNPAID again). */
const SETTLED: readonly BillStatus[] = ["PAID", "PARTIALLY_PAID", "PARTIALLY_CANCELLED", "CANCELLED"];
/** Bill: from → the statuses a settle may write. */
export const billTransitions: Record<BillStatus, readonly BillStatus[]> = {
  UNPAID: SETTLED,
  PARTIALLY_PAID: SETTLED,
  PAID: SETTLED,
  PARTIALLY_CANCELLED: SETTLED,
  CANCELLED: SETTLED,
};

/** Amounts read from BIGINT columns arrive as bigint; the rules below work in (safe-integer) numbers. */
export type Money = number | bigint;
export const num = (v: Money): number => (typeof v === "bigint" ? Number(v) : v);

export const billPaymentEdges = {
  cancel_part: { from: ["PAID", "PARTIALLY_CANCELLED"], to: "PARTIALLY_CANCELLED" },
  cancel_all: { from: ["PAID", "PARTIALLY_CANCELLED"], to: "CANCELLED" },
} as const satisfies Record<string, Edge<BillPaymentStatus>>;
export type BillPaymentEdge = keyof typeof billPaymentEdges;

export const billCancellationEdges = {
  apply: { from: ["PENDING", "UNMATCHED"], to: "APPLIED" },
  unmatched: { from: ["PENDING"], to: "UNMATCHED" },
  mismatch: { from: ["PENDING", "UNMATCHED"], to: "MISMATCHED" },
} as const satisfies Record<string, Edge<BillCancellationStatus>>;
export type BillCancellationEdge = keyof typeof billCancellationEdges;

/** A cancellation still waiting for its payment (the hot path applies these when it arrives). */
export const WAITING_CANCELLATION: readonly BillCancellationStatus[] = billCancellationEdges.apply.from;

/** Every allowed (from, to) pair of a table: what state-sql.ts puts in its WHERE clauses. */
export function allowedPairs<S extends string>(
  table: Record<string, readonly S[]> | Record<string, Edge<S>>,
): [S, S][] {
  const out: [S, S][] = [];
  for (const [k, v] of Object.entries(table) as [string, readonly S[] | Edge<S>][]) {
    if (Array.isArray(v)) for (const to of v as readonly S[]) out.push([k as S, to]);
    else for (const from of (v as Edge<S>).from) out.push([from, (v as Edge<S>).to]);
  }
  return out;
}

export function canBillMove(from: BillStatus, to: BillStatus): boolean {
  return billTransitions[from]?.includes(to) ?? false;
}
export function assertBillMove(from: BillStatus, to: BillStatus): void {
  if (!canBillMove(from, to)) throw new ForbiddenBillTransition("bill", `${from} → ${to}`);
}

/** The edge a payment takes when `amount` more of it is cancelled (throws when the table has none). */
export function paymentCancelEdge(
  payment: { status: BillPaymentStatus; payAmount: Money; cancelledAmount: Money },
  amountIn: Money,
): BillPaymentEdge {
  const amount = num(amountIn);
  const payAmount = num(payment.payAmount);
  const total = num(payment.cancelledAmount) + amount;
  if (!(amount > 0) || total > payAmount)
    throw new ForbiddenBillTransition(
      "bill payment",
      `cancel ${amount} of ${payAmount - num(payment.cancelledAmount)} left`,
    );
  const edge: BillPaymentEdge = total === payAmount ? "cancel_all" : "cancel_part";
  assertEdge("bill payment", billPaymentEdges, edge, payment.status);
  return edge;
}

export function assertEdge<S extends string>(
  machine: string,
  edges: Record<string, Edge<S>>,
  edge: string,
  from: S,
): S {
  const e = edges[edge];
  if (!e) throw new ForbiddenBillTransition(machine, `no edge "${edge}"`);
  if (!e.from.includes(from))
    throw new ForbiddenBillTransition(machine, `"${edge}": ${from} → ${e.to} is not in the table`);
  return e.to;
}

export function assertCancellationMove(
  from: BillCancellationStatus,
  edge: BillCancellationEdge,
): BillCancellationStatus {
  return assertEdge("bill cancellation", billCancellationEdges, edge, from);
}

// ------------------------------------------------------------------------------------ labels

export const billStatusLabel: Record<BillStatus, string> = {
  UNPAID: "미납",
  PARTIALLY_PAID: "부분 납부",
  PAID: "납부 완료",
  PARTIALLY_CANCELLED: "부분 취소",
  CANCELLED: "납부 취소",
};

export const billPaymentStatusLabel: Record<BillPaymentStatus, string> = {
  PAID: "납부",
  PARTIALLY_CANCELLED: "부분 취소",
  CANCELLED: "전체 취소",
};

export const billCancellationStatusLabel: Record<BillCancellationStatus, string> = {
  PENDING: "결제 대기 (먼저 도착)",
  APPLIED: "반영됨",
  UNMATCHED: "결제 없음 (확인 필요)",
  MISMATCHED: "결제와 불일치 (확인 필요)",
};

// ------------------------------------------------------------------------------- pure rules

/**
 * Status from the bill's payments (each with what was paid and what of it was cancelled) and the
 * bill's amount: PAID only when the money still held covers the bill; less than that (and no
 * cancellation involved) is PARTIALLY_PAID.
 */
export function deriveBillStatus(
  payments: readonly { payAmount: Money; cancelledAmount: Money }[],
  billAmount: Money,
): BillStatus {
  if (payments.length === 0) return "UNPAID";
  const live = payments.filter((p) => num(p.payAmount) - num(p.cancelledAmount) > 0);
  if (live.length === 0) return "CANCELLED";
  if (live.some((p) => num(p.cancelledAmount) > 0)) return "PARTIALLY_CANCELLED";
  const held = live.reduce((s, p) => s + num(p.payAmount), 0);
  return held >= num(billAmount) ? "PAID" : "PARTIALLY_PAID";
}

/** A payment's status from its amounts (the CHECK in migration 0008 says the same). */
export function derivePaymentStatus(p: { payAmount: Money; cancelledAmount: Money }): BillPaymentStatus {
  const c = num(p.cancelledAmount);
  return c === 0 ? "PAID" : c >= num(p.payAmount) ? "CANCELLED" : "PARTIALLY_CANCELLED";
}

export type BillTotals = {
  status: BillStatus;
  paidAmount: number;
  cancelledAmount: number;
  paidAt: Date | null;
  cancelledAt: Date | null;
};

/** A bill's status and totals from its payments and amount (what settling writes on the bill). */
export function billTotals(
  payments: readonly { payAmount: Money; cancelledAmount: Money; paidAt: Date; cancelledAt: Date | null }[],
  billAmount: Money,
): BillTotals {
  return {
    status: deriveBillStatus(payments, billAmount),
    paidAmount: payments.reduce((s, p) => s + num(p.payAmount), 0),
    cancelledAmount: payments.reduce((s, p) => s + num(p.cancelledAmount), 0),
    paidAt: payments.reduce<Date | null>((m, p) => (!m || p.paidAt > m ? p.paidAt : m), null),
    cancelledAt: payments.reduce<Date | null>(
      (m, p) => (p.cancelledAt && (!m || p.cancelledAt > m) ? p.cancelledAt : m),
      null,
    ),
  };
}

/**
 * What the customer may pay now: the whole bill while nothing is held (UNPAID, CANCELLED), the rest
 * of it when less than the bill was paid (PARTIALLY_PAID: our choice, see the dozn README), otherwise nothing.
 */
export function payableAmount(bill: {
  status: BillStatus;
  amount: number;
  paidAmount?: Money;
  cancelledAmount?: Money;
}): number {
  if (bill.status === "UNPAID" || bill.status === "CANCELLED") return bill.amount;
  if (bill.status === "PARTIALLY_PAID")
    return Math.max(0, bill.amount - (num(bill.paidAmount ?? 0) - num(bill.cancelledAmount ?? 0)));
  return 0;
}

/** Editing (amount, details …) is allowed only before any money moved. */
export function isEditable(bill: { status: BillStatus; paidAmount: Money }): boolean {
  return bill.status === "UNPAID" && num(bill.paidAmount) === 0;
}

/** The due date after which prepay answers E506 ("YYYYMMDD"), or null when the due date does not limit payment (D0). */
export function lastPayableDay(bill: {
  expireType: string;
  payExpireDate: string;
  secondPayExpireDate: string | null;
}): string | null {
  if (bill.expireType === "D0") return null;
  if (bill.expireType === "D2") return bill.secondPayExpireDate ?? bill.payExpireDate;
  return bill.payExpireDate;
}

/** Today in Korea as "YYYYMMDD". */
export function kstToday(now: Date): string {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10).replace(/-/g, "");
}

// ------------------------------------------------------------------ writers (caller's transaction)
// Callers hold the bill's row lock (locks.ts) around every money decision, so a compare-and-set
// that matches nothing is a bug, not a race: it throws and the transaction rolls back.

const statusEvent = (billId: string, from: BillStatus, to: BillStatus): BillEventInput => ({
  billId,
  type: "bill.status",
  message: `상태 변경: ${from} → ${to}`,
  data: { from, to },
});
/** The timeline event of a bill status change (state-sql.ts writes the same). */
export { statusEvent as billStatusEvent };

/**
 * Recomputes the bill's totals and status from its payments and writes them: compare-and-set from
 * the status read under the lock, only along the table; "bill.status" on the timeline when the
 * status changed (the totals-only settle is covered by the caller's event for the money move).
 */
export async function settleBill(tx: Tx, billId: string): Promise<BillTotals & { from: BillStatus }> {
  const payments = await tx.billPayment.findMany({
    where: { billId },
    select: { payAmount: true, cancelledAmount: true, paidAt: true, cancelledAt: true },
  });
  const { status: from, amount } = await tx.bill.findUniqueOrThrow({
    where: { id: billId },
    select: { status: true, amount: true },
  });
  const totals = billTotals(payments, amount);
  assertBillMove(from, totals.status);
  const n = await tx.bill.updateMany({
    where: { id: billId, status: from },
    data: {
      status: totals.status,
      paidAmount: totals.paidAmount,
      cancelledAmount: totals.cancelledAmount,
      paidAt: totals.paidAt,
      cancelledAt: totals.cancelledAt,
    },
  });
  if (n.count !== 1) throw new Error(`bill ${billId}: status changed under the lock (expected ${from})`);
  if (from !== totals.status) await addBillEvent(tx, statusEvent(billId, from, totals.status));
  return { ...totals, from };
}

/** Staff edit of a bill's contents: only while UNPAID and nothing paid (no status is written). */
export async function editUnpaidBill(
  tx: Tx,
  billId: string,
  data: Omit<Prisma.BillUncheckedUpdateManyInput, "status" | "paidAmount" | "cancelledAmount">,
): Promise<boolean> {
  const n = await tx.bill.updateMany({ where: { id: billId, status: "UNPAID", paidAmount: 0 }, data });
  return n.count === 1;
}

export type CancellationRow = {
  billId: string;
  payId: bigint;
  payBy: string;
  amount: Money;
  fee: Money;
  feeTax: Money;
  adjustDate: string | null;
  cancelledAt: Date;
};

/**
 * Records a pay_type C delivery as PENDING (the only place a cancellation is created). Its identity
 * is (pay_id, paid_at → cancelledAt, amount) (unique index, migration 0015): false when that exact
 * delivery is already there.
 */
export async function insertCancellation(tx: Tx, row: CancellationRow): Promise<boolean> {
  const inserted = await tx.billCancellation.createMany({
    data: [{ ...row, status: "PENDING" }],
    skipDuplicates: true,
  });
  return inserted.count === 1;
}

/**
 * Applies a cancellation to its payment: the payment moves along cancel_part / cancel_all and the
 * cancellation along apply, both compare-and-set from what the caller read under the lock; one
 * timeline event (the caller's) for the move. The bill is settled by the caller (settleBill).
 */
export async function applyCancellation(
  tx: Tx,
  c: { id: string; status: BillCancellationStatus; payId: bigint; amount: Money; cancelledAt: Date },
  payment: { status: BillPaymentStatus; payAmount: Money; cancelledAmount: Money },
  event: BillEventInput,
  now = new Date(),
): Promise<{ paymentStatus: BillPaymentStatus }> {
  const edge = paymentCancelEdge(payment, c.amount);
  const paymentTo = billPaymentEdges[edge].to;
  assertCancellationMove(c.status, "apply");
  const p = await tx.billPayment.updateMany({
    where: { payId: c.payId, status: payment.status, cancelledAmount: payment.cancelledAmount },
    data: {
      status: paymentTo,
      cancelledAmount: num(payment.cancelledAmount) + num(c.amount),
      cancelledAt: c.cancelledAt,
    },
  });
  if (p.count !== 1) throw new Error(`bill payment ${c.payId}: changed under the lock`);
  const k = await tx.billCancellation.updateMany({
    where: { id: c.id, status: c.status },
    data: { status: "APPLIED", appliedAt: now },
  });
  if (k.count !== 1) throw new Error(`bill cancellation ${c.id}: changed under the lock`);
  await addBillEvent(tx, { ...event, data: { ...event.data, transition: `payment.${edge}`, paymentTo } });
  return { paymentStatus: paymentTo };
}

/** Moves a cancellation along `unmatched` or `mismatch` (compare-and-set from `from`) and writes `event`. Returns whether it moved. */
export async function transitionCancellation(
  tx: Tx,
  c: { id: string; status: BillCancellationStatus },
  edge: Exclude<BillCancellationEdge, "apply">,
  event: BillEventInput,
): Promise<boolean> {
  const to = assertCancellationMove(c.status, edge);
  const n = await tx.billCancellation.updateMany({ where: { id: c.id, status: c.status }, data: { status: to } });
  if (n.count === 0) return false;
  await addBillEvent(tx, { ...event, data: { ...event.data, transition: `cancellation.${edge}`, from: c.status, to } });
  return true;
}
