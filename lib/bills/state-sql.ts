// The bill state machines' raw SQL: the agency's hot path (a new payment, /kakao/pay-result P) writes
// Bill / BillPayment / BillCancellation statuses with these statements only (named prepared
// statements through lib/hot-sql.ts, one round trip each). They are part of state.ts's module: the same
// tables guard every status write twice — in JS before the statement is sent (a forbidden move
// throws ForbiddenBillTransition and nothing is sent), and in SQL, where each UPDATE's WHERE clause
// compares-and-sets from the status read under the bill's row lock AND lists the allowed
// (from, to) pairs of the table, so no statement here can make a move the table does not have.
import type { BillCancellationStatus, BillPaymentStatus, BillStatus } from "../generated/prisma/enums";
import type { Param, Sql, Stmt } from "../hot-sql";
import { newId } from "./ids";
import {
  allowedPairs,
  assertBillMove,
  assertCancellationMove,
  assertEdge,
  billCancellationEdges,
  billPaymentEdges,
  billStatusEvent,
  billTransitions,
  type BillCancellationEdge,
  type BillPaymentEdge,
  type BillTotals,
} from "./state";
import type { BillEventInput } from "./events";
import type { BillReviewKind } from "./review";

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** `(from, to) IN (…)` over a table's allowed pairs: the state machine inside the WHERE clause. */
function pairsIn(fromExpr: string, toExpr: string, pairs: [string, string][]): string {
  return `(${fromExpr}, ${toExpr}) IN (${pairs.map(([f, t]) => `(${sqlText(f)}, ${sqlText(t)})`).join(", ")})`;
}

const BILL_PAIRS = allowedPairs<BillStatus>(billTransitions);
const PAYMENT_PAIRS = allowedPairs<BillPaymentStatus>(billPaymentEdges);
const CANCELLATION_PAIRS = allowedPairs<BillCancellationStatus>(billCancellationEdges);

export const stateStmts = {
  /**
   * A new payment is born PAID. Insert, and lock the bill only when this delivery inserted the
   * payment (see locks.ts): parallel copies of one delivery wait on the unique pay_id index, not on
   * the bill lock, and leave as duplicates the moment the first commits.
   */
  insertPaymentAndLock: {
    name: "kc_payment_insert_lock",
    text: `WITH ins AS (
        INSERT INTO "BillPayment" (id, "billId", "payId", status, "payType", "payBy", amount, "payAmount", "feeType", fee, "feeTax",
                                   "cardBin", "cardCompany", "payDetail3", "adjustDate", "paidAt", "createdAt")
        VALUES ($1::text, $2::text, $3::bigint, 'PAID', 'P', $4::text, $5::bigint, $6::bigint, $7::text, $8::bigint, $9::bigint,
                $10::text, $11::text, $12::text, $13::text, $14::timestamp(3), $15::timestamp(3))
        ON CONFLICT ("payId") DO NOTHING
        RETURNING "billId"),
      locked AS (SELECT b.id FROM "Bill" b JOIN ins ON b.id = ins."billId" FOR NO KEY UPDATE OF b)
      SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM locked)::int AS locked`,
  },
  /**
   * Settles a bill after its new payment, in one statement: the timeline rows ($3), the 확인 필요
   * rows ($4), the payment's move when cancellations that came first are applied to it ($6…$8),
   * those cancellations' moves ($9: [{id, from, to}], each compare-and-set from its own status),
   * the resolution of their "no payment yet" review ($10), and the bill's status and totals
   * ($11…, compare-and-set from $16). RETURNING says how many moved.
   */
  settleNewPayment: {
    name: "kc_payment_settle",
    text: `WITH ev AS (
        INSERT INTO "BillEvent" (id, "billId", type, message, "resultCode", data, "createdAt")
        SELECT e.id, $1::text, e.type, e.message, e."resultCode", e.data, $2::timestamp(3)
        FROM jsonb_to_recordset($3::jsonb) AS e(id text, type text, message text, "resultCode" text, data jsonb)),
      rv AS (
        INSERT INTO "BillReview" (id, "billId", kind, "payId", code, message, data, "createdAt")
        SELECT r.id, $1::text, r.kind, $5::bigint, r.code, r.message, r.data, $2::timestamp(3)
        FROM jsonb_to_recordset($4::jsonb) AS r(id text, kind text, code text, message text, data jsonb)
        ON CONFLICT DO NOTHING),
      pay AS (
        UPDATE "BillPayment" SET status = $6::text::"BillPaymentStatus", "cancelledAmount" = $7::bigint, "cancelledAt" = $8::timestamp(3)
        WHERE "payId" = $5::bigint AND $6::text IS NOT NULL AND status = 'PAID'
          AND ${pairsIn("status::text", "$6::text", PAYMENT_PAIRS)}
        RETURNING 1),
      can AS (
        UPDATE "BillCancellation" bc SET status = c."to"::"BillCancellationStatus",
               "appliedAt" = CASE WHEN c."to" = 'APPLIED' THEN $2::timestamp(3) ELSE bc."appliedAt" END
        FROM jsonb_to_recordset($9::jsonb) AS c(id text, "from" text, "to" text)
        WHERE bc.id = c.id AND bc."payId" = $5::bigint AND bc.status::text = c."from"
          AND ${pairsIn('c."from"', 'c."to"', CANCELLATION_PAIRS)}
        RETURNING 1),
      res AS (
        UPDATE "BillReview" SET "resolvedAt" = $2::timestamp(3), "resolvedBy" = 'system', resolution = $10::text
        WHERE kind = 'CANCEL_UNMATCHED' AND "payId" = $5::bigint AND "resolvedAt" IS NULL AND $10::text IS NOT NULL)
      UPDATE "Bill" SET status = $11::text::"BillStatus", "paidAmount" = $12::bigint, "cancelledAmount" = $13::bigint,
                        "paidAt" = $14::timestamp(3), "cancelledAt" = $15::timestamp(3), "updatedAt" = $2::timestamp(3)
      WHERE id = $1::text AND status::text = $16::text
        AND ${pairsIn("$16::text", "$11::text", BILL_PAIRS)}
      RETURNING id, (SELECT count(*) FROM pay)::int AS "paymentMoved", (SELECT count(*) FROM can)::int AS "cancellationMoved"`,
  },
} satisfies Record<string, Stmt>;

export type NewPaymentRow = {
  id: string;
  billId: string;
  payId: bigint;
  payBy: string;
  amount: number; // the wire's numbers (safe integers), written to BIGINT columns
  payAmount: number;
  feeType: string;
  fee: number;
  feeTax: number;
  cardBin: string | null;
  cardCompany: string | null;
  payDetail3: string | null;
  adjustDate: string | null;
  paidAt: Date;
  createdAt: Date;
};

/** Inserts a new payment (PAID) and takes the bill's lock if it was new. */
export async function insertPaymentAndLock(
  sql: Sql,
  p: NewPaymentRow,
): Promise<{ inserted: boolean; locked: boolean }> {
  const [r] = await sql.rows<{ inserted: number; locked: number }>(stateStmts.insertPaymentAndLock, [
    p.id,
    p.billId,
    p.payId,
    p.payBy,
    p.amount,
    p.payAmount,
    p.feeType,
    p.fee,
    p.feeTax,
    p.cardBin,
    p.cardCompany,
    p.payDetail3,
    p.adjustDate,
    p.paidAt,
    p.createdAt,
  ]);
  return { inserted: (r?.inserted ?? 0) === 1, locked: (r?.locked ?? 0) === 1 };
}

export type NewPaymentSettlement = {
  billId: string;
  payId: bigint;
  now: Date;
  /** The money move's own timeline rows (in order); a "bill.status" row is added here when the status changes. */
  events: BillEventInput[];
  /** 확인 필요 rows about this pay_id (state-sql inserts them; an open one of the same kind stays as it is). */
  reviews: { kind: BillReviewKind; code: string; message: string; data?: Record<string, unknown> }[];
  /** The bill as read under the lock, and its totals with the new payment. */
  bill: { from: BillStatus; totals: BillTotals };
  /** Cancellations of this pay_id that came first: each applied to the new payment, or found not to fit it. */
  cancellations: { id: string; from: BillCancellationStatus; edge: "apply" | "mismatch" }[];
  /** The new payment's move when cancellations were applied to it: its edge and what is then cancelled of it. */
  payment: { edge: BillPaymentEdge; cancelledAmount: number; cancelledAt: Date } | null;
  /** Resolution text for the cancellations' open "no payment yet" review, when there was one. */
  resolveUnmatched: string | null;
};

/** Writes a new payment's settlement (the third statement of the hot path). Throws on a forbidden move; nothing is sent then. */
export async function settleNewPayment(sql: Sql, s: NewPaymentSettlement): Promise<void> {
  const to = s.bill.totals.status;
  assertBillMove(s.bill.from, to);
  const moves = s.cancellations.map((c) => ({
    id: c.id,
    from: c.from,
    to: assertCancellationMove(c.from, c.edge satisfies BillCancellationEdge),
  }));
  if (s.payment && !s.cancellations.some((c) => c.edge === "apply"))
    throw new Error(`bill payment ${s.payId}: cancelled without an applied cancellation`);
  const paymentTo: BillPaymentStatus | null = s.payment
    ? assertEdge<BillPaymentStatus>("bill payment", billPaymentEdges, s.payment.edge, "PAID")
    : null;
  const events = [...s.events];
  if (s.bill.from !== to) events.push(billStatusEvent(s.billId, s.bill.from, to));
  const eventsJson = JSON.stringify(
    events.map((e) => ({
      id: newId(),
      type: e.type,
      message: e.message,
      resultCode: e.resultCode ?? null,
      ...(e.data !== undefined && { data: e.data }),
    })),
  );
  const reviewsJson = JSON.stringify(
    s.reviews.map((r) => ({ id: newId(), kind: r.kind, code: r.code, message: r.message, data: r.data ?? null })),
  );
  const t = s.bill.totals;
  const values: Param[] = [
    s.billId,
    s.now,
    eventsJson,
    reviewsJson,
    s.payId,
    paymentTo,
    s.payment ? s.payment.cancelledAmount : 0,
    s.payment ? s.payment.cancelledAt : null,
    JSON.stringify(moves),
    s.resolveUnmatched,
    to,
    t.paidAmount,
    t.cancelledAmount,
    t.paidAt,
    t.cancelledAt,
    s.bill.from,
  ];
  const rows = await sql.rows<{ id: string; paymentMoved: number; cancellationMoved: number }>(
    stateStmts.settleNewPayment,
    values,
  );
  const r = rows[0];
  if (rows.length !== 1 || !r)
    throw new Error(`bill ${s.billId}: not settled for pay_id ${s.payId} (status changed under the lock?)`);
  if (paymentTo && r.paymentMoved !== 1) throw new Error(`bill payment ${s.payId}: ${paymentTo} not written`);
  if (r.cancellationMoved !== moves.length)
    throw new Error(`bill cancellations of ${s.payId}: ${r.cancellationMoved} of ${moves.length} moved`);
}
