// What we answer the Dozn agency on our biller endpoints (seed §5-§7). Input is already validated
// by lib/providers/dozn (field rules → E001/E006/E007/E008); here are the business answers:
//   notice      OK (bill) · E502 no such bill / birth date mismatch · E005 ambiguous without notice key
//   prepay      OK · E403 nothing payable (paid) or amount below it · E501 amount above payable ·
//               E502 no such bill · E506 past due · E005
//   pay-result  OK for every schema-valid delivery (recorded; duplicates, odd amounts, fees, dates,
//               contradicting deliveries listed in 확인 필요) · E502 no such bill · E005
//               (E601 only when the database fails: agency-endpoint.ts)
// Money moves are idempotent through unique keys — a payment on its pay_id, a cancel on (pay_id,
// paid_at, amount) — and every decision on a bill happens under its row lock, so parallel
// deliveries on several app instances record once.
import { db as defaultDb, type Db } from "../db";
import type { Bill, BillCancellationStatus, BillStatus } from "../generated/prisma/client";
import { log } from "../log";
import {
  fromKst,
  respond,
  type DoznBillKey,
  type DoznResponse,
  type NoticeRequest,
  type NoticeResult,
  type PayResultRequest,
  type PrepayRequest,
} from "../providers/dozn";
import { addBillEvent, type BillEventInput } from "./events";
import { newId } from "./ids";
import { sqlOf, transaction, type Param, type Stmt } from "../hot-sql";
import { lockBill } from "./locks";
import { openBillReview, resolveAfterCancellation, reviewMessage, type BillReviewKind } from "./review";
import {
  applyCancellation,
  billTotals,
  insertCancellation,
  kstToday,
  lastPayableDay,
  num,
  payableAmount,
  paymentCancelEdge,
  settleBill,
  transitionCancellation,
  WAITING_CANCELLATION,
  type BillPaymentEdge,
  type Money,
} from "./state";
import { payResultFlags, storableInstant, type PayResultFlag } from "./sanity";
import { insertPaymentAndLock, settleNewPayment, type NewPaymentSettlement } from "./state-sql";
import type { WireDetail } from "./details";

export type AgencyDeps = { db?: Db; now?: () => Date };

type Found<T> = { kind: "one"; bill: T } | { kind: "none" } | { kind: "ambiguous" };


type FoundBill = Pick<
  Bill,
  | "id"
  | "billerUserKey"
  | "billedYearMonth"
  | "ordinal"
  | "billerNoticeKey"
  | "settlementCode"
  | "title"
  | "amount"
  | "taxFreeAmount"
  | "vatAmount"
  | "expireType"
  | "payExpireDate"
  | "secondPayExpireDate"
  | "bankAccounts"
  | "details"
  | "status"
  | "paidAmount"
  | "cancelledAmount"
> & { customer: { birthDate: string | null } };

/** What is already recorded for a pay-result's pay_id (read together with its bill). */
export type SeenDelivery = { billId: string; amount: number } | null;

type SeenKind = "none" | "P" | "C";
const lookupStmts = new Map<string, Stmt>();
/** The lookup statement for a request shape: with or without the notice key, and what it adds for a pay_id. */
function lookupStmt(byNoticeKey: boolean, seen: SeenKind): Stmt {
  const name = `kc_bill_lookup2_${byNoticeKey ? "nk" : "uk"}_${seen}`;
  let stmt = lookupStmts.get(name);
  if (stmt) return stmt;
  // $1… are the keys; then the delivery's identity: the pay_id for a payment (unique in
  // BillPayment), or (pay_id, paid_at, amount) for a cancel (unique in BillCancellation, migration
  // 0015). The join adds at most one row's columns to every bill row.
  const n = byNoticeKey ? 4 : 3;
  const seenCols = seen === "none" ? "" : seen === "P" ? `, s."billId" AS "seenBillId", s."payAmount" AS "seenAmount"` : `, s."billId" AS "seenBillId", s.amount AS "seenAmount"`;
  const seenJoin =
    seen === "none"
      ? ""
      : seen === "P"
        ? `LEFT JOIN "BillPayment" s ON s."payId" = $${n + 1}::bigint`
        : `LEFT JOIN "BillCancellation" s ON s."payId" = $${n + 1}::bigint AND s."cancelledAt" = $${n + 2}::timestamp(3) AND s.amount = $${n + 3}::bigint`;
  const where = byNoticeKey
    ? `b."billerNoticeKey" = $1::text AND b."billerUserKey" = $2::text
        AND ($3::text IS NULL OR b."billedYearMonth" = $3::text) AND ($4::text IS NULL OR b.ordinal = $4::text)`
    : `b."billerUserKey" = $1::text
        AND ($2::text IS NULL OR b."billedYearMonth" = $2::text) AND ($3::text IS NULL OR b.ordinal = $3::text)`;
  stmt = {
    name,
    text: `SELECT b.id, b."billerUserKey", b."billedYearMonth", b.ordinal, b."billerNoticeKey", b."settlementCode", b.title, b.amount,
        b."taxFreeAmount", b."vatAmount", b."expireType", b."payExpireDate", b."secondPayExpireDate", b."bankAccounts", b.details,
        b.status::text AS status, b."paidAmount", b."cancelledAmount", c."birthDate"${seenCols}
      FROM "Bill" b JOIN "BilledCustomer" c ON c.id = b."customerId" ${seenJoin}
      WHERE ${where}
      LIMIT 2`,
  };
  lookupStmts.set(name, stmt);
  return stmt;
}

/**
 * The bill a request names. With biller_notice_key it is that bill (and the other keys, when
 * sent, must agree); without it, every bill of the customer matching the year-month / ordinal
 * that were sent — two or more is E005 (seed §3.3).
 * One round trip (bill + the customer's birth date, on the unique notice-key index) as a named
 * statement (hot-sql.ts): this runs on every agency call. For a pay-result, `seen` adds what is
 * already recorded for the delivery (the payment of its pay_id for P, the identical cancel for C)
 * to the same round trip: a redelivery is answered by it.
 */
export type SeenKey = { payId: bigint; payType: "P" } | { payId: bigint; payType: "C"; cancelledAt: Date; amount: number };
export async function findBillByKey(db: Db, key: DoznBillKey): Promise<Found<FoundBill>>;
export async function findBillByKey(db: Db, key: DoznBillKey, seen: SeenKey): Promise<Found<FoundBill & { seen: SeenDelivery }>>;
export async function findBillByKey(db: Db, key: DoznBillKey, seen?: SeenKey): Promise<Found<FoundBill & { seen?: SeenDelivery }>> {
  type Row = Omit<FoundBill, "customer"> & { birthDate: string | null; seenBillId?: string | null; seenAmount?: number | bigint | null };
  const byNoticeKey = key.billerNoticeKey !== undefined;
  const values: Param[] = [
    ...(byNoticeKey ? [key.billerNoticeKey!] : []),
    key.billerUserKey,
    key.billedYearMonth ?? null,
    key.ordinal ?? null,
    ...(seen ? [seen.payId] : []),
    ...(seen?.payType === "C" ? [seen.cancelledAt, seen.amount] : []),
  ];
  const rows = await sqlOf(db).rows<Row>(lookupStmt(byNoticeKey, seen?.payType ?? "none"), values);
  if (rows.length === 0) return { kind: "none" };
  if (rows.length > 1) return { kind: "ambiguous" };
  const { birthDate, seenBillId, seenAmount, ...bill } = rows[0]!;
  return {
    kind: "one",
    bill: { ...bill, customer: { birthDate }, ...(seen && { seen: seenBillId != null && seenAmount != null ? { billId: seenBillId, amount: Number(seenAmount) } : null }) },
  };
}

function keyOf(d: { biller_user_key: string; billed_year_month?: string; ordinal?: string; biller_notice_key?: string }): DoznBillKey {
  return {
    billerUserKey: d.biller_user_key,
    ...(d.billed_year_month !== undefined && { billedYearMonth: d.billed_year_month }),
    ...(d.ordinal !== undefined && { ordinal: d.ordinal }),
    ...(d.biller_notice_key !== undefined && { billerNoticeKey: d.biller_notice_key }),
  };
}

const notFound = () => respond("E502");
const ambiguous = () => respond("E005");

/** The /kakao/notice result for a bill: amount is what is payable now (0 once paid). */
export function noticeResultOf(bill: FoundBill): NoticeResult {
  const payable = payableAmount(bill);
  const full = payable === bill.amount;
  const bankAccounts = bill.bankAccounts as NoticeResult["bank_accounts"];
  const details = bill.details as WireDetail[];
  return {
    ...(bill.settlementCode !== null && { settlement_code: bill.settlementCode }),
    biller_user_key: bill.billerUserKey,
    ...(bill.billedYearMonth !== null && { billed_year_month: bill.billedYearMonth }),
    ...(bill.ordinal !== null && { ordinal: bill.ordinal }),
    biller_notice_key: bill.billerNoticeKey,
    title: bill.title,
    amount: payable,
    tax_free_amount: full ? bill.taxFreeAmount : 0,
    vat_amount: full ? bill.vatAmount : 0,
    expire_type: bill.expireType as "D0" | "D1" | "D2",
    pay_expire_date: bill.payExpireDate,
    ...(bill.secondPayExpireDate !== null && { second_pay_expire_date: bill.secondPayExpireDate }),
    ...(bankAccounts && bankAccounts.length > 0 && { bank_accounts: bankAccounts }),
    ...(details.length > 0 && { details: details as NoticeResult["details"] }),
  };
}

// ------------------------------------------------------------------------------- /kakao/notice

export async function answerNotice(req: NoticeRequest, deps: AgencyDeps = {}): Promise<DoznResponse<{ result: NoticeResult } | null>> {
  const db = deps.db ?? defaultDb;
  const found = await findBillByKey(db, keyOf(req));
  if (found.kind === "ambiguous") return ambiguous();
  if (found.kind === "none") return notFound();
  const { bill } = found;
  // A bill with a birth date on file is shown only to that customer; a mismatch looks like "no bill".
  if (bill.customer.birthDate && bill.customer.birthDate !== req.user_birth) return notFound();
  return respond("OK", undefined, { result: noticeResultOf(bill) });
}

// ------------------------------------------------------------------------------- /kakao/prepay

export async function answerPrepay(req: PrepayRequest, deps: AgencyDeps = {}): Promise<DoznResponse> {
  const db = deps.db ?? defaultDb;
  const now = deps.now ?? (() => new Date());
  const found = await findBillByKey(db, keyOf(req));
  if (found.kind === "ambiguous") return ambiguous();
  if (found.kind === "none") return notFound();
  const { bill } = found;
  const payable = payableAmount(bill);
  if (payable <= 0) return respond("E403");
  const last = lastPayableDay(bill);
  if (last !== null && kstToday(now()) > last) return respond("E506");
  // Above what is payable: KakaoPay re-reads /kakao/notice, which returns the current amount.
  if (req.amount > payable) return respond("E501");
  // Below it (or not positive): the amounts do not match — nothing payable for that amount.
  if (req.amount < payable) return respond("E403", "납부 가능 금액이 없습니다. (납부 요청 금액이 청구 금액과 다릅니다)");
  return respond("OK");
}

// ---------------------------------------------------------------------------- /kakao/pay-result
//
// A pay-result reports money that already moved at KakaoPay, and any answer but OK makes the agency
// deliver it again (seed §7: the agency waits for "정상 수신"). So every delivery that passes the wire
// rules is recorded and answered OK; what looks wrong is recorded as sent and listed in 확인 필요
// (review.ts, sanity.ts): an amount the bill could not take, fees of the wrong sign, dates far from
// plausible, a second payment, a cancel that does not fit its payment, a delivery that contradicts
// the one recorded for its pay_id. Only a bill we cannot find (E502) or tell apart (E005) is refused:
// there is nothing to attach the money to.

export type PayResultOutcome =
  | "recorded" // a new payment / cancellation
  | "duplicate" // the same delivery again: already recorded
  | "pending-cancel" // a cancellation before its payment: kept, settled when the payment comes
  | "flagged-cancel" // a cancellation recorded that does not fit its payment (listed as CANCEL_MISMATCH)
  | "conflict" // contradicts what is recorded for this pay_id: kept in 확인 필요, answered OK
  | "no-bill"
  | "ambiguous";

/** Waiting longer than this for a connection would miss the agency's 3-second budget anyway. */
const TX = { maxWait: 2_500, timeout: 5_000 } as const;

class Conflict extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** What the timeline and 확인 필요 keep of a delivery (no personal data: the card BIN is not a card number). */
function deliveryData(req: PayResultRequest): Record<string, unknown> {
  return {
    payId: req.pay_id,
    payType: req.pay_type,
    payBy: req.pay_by,
    amount: req.amount,
    payAmount: req.pay_amount,
    feeType: req.pay_fee_type,
    fee: req.pay_fee,
    feeTax: req.pay_fee_tax,
    paidAt: req.paid_at,
    ...(req.adjust_date !== undefined && { adjustDate: req.adjust_date }),
  };
}

export async function answerPayResult(req: PayResultRequest, deps: AgencyDeps = {}): Promise<DoznResponse & { outcome: PayResultOutcome }> {
  const db = deps.db ?? defaultDb;
  const now = deps.now?.() ?? new Date();
  const payId = BigInt(req.pay_id);
  // Stored instant of paid_at (a payment's paidAt, a cancel's cancelledAt and part of its identity).
  const at = storableInstant(fromKst(req.paid_at));
  const seenKey: SeenKey = req.pay_type === "P" ? { payId, payType: "P" } : { payId, payType: "C", cancelledAt: at, amount: -req.pay_amount };
  // One round trip: the bill, and whatever is already recorded for this delivery.
  const found = await findBillByKey(db, keyOf(req), seenKey);
  if (found.kind === "ambiguous") return { ...ambiguous(), outcome: "ambiguous" };
  if (found.kind === "none") {
    log.error({ payId: req.pay_id, payType: req.pay_type, noticeKey: req.biller_notice_key }, "pay-result for an unknown bill");
    return { ...notFound(), outcome: "no-bill" };
  }
  const billId = found.bill.id;
  const flags = payResultFlags(req, now);
  try {
    const outcome =
      req.pay_type === "P" ? await recordPayment(db, billId, payId, req, found.bill.seen, at, flags) : await recordCancellation(db, billId, payId, req, found.bill.seen, at, flags);
    return { ...respond("OK"), outcome };
  } catch (e) {
    if (!(e instanceof Conflict)) throw e;
    log.warn({ billId, payId: req.pay_id, payType: req.pay_type, reason: e.reason }, "pay-result contradicts a recorded one: kept for staff, answered OK");
    // The timeline and the 확인 필요 list together (a redelivery adds a timeline row, not a second open review).
    await db.$transaction(async (tx) => {
      await addBillEvent(tx, {
        billId,
        type: `dozn.pay-result.${req.pay_type}`,
        resultCode: "CHECK",
        message: `기록된 내용과 다른 납부 결과 수신 (확인 필요): ${e.reason}`,
        data: deliveryData(req),
      });
      await openBillReview(tx, { billId, kind: "CONFLICT", payId, code: "OK", message: reviewMessage.conflict({ payId, reason: e.reason }), data: deliveryData(req) });
    }, TX);
    return { ...respond("OK"), outcome: "conflict" };
  }
}

const payByLabel: Record<string, string> = { CARD: "카드", MONEY: "카카오페이머니", MONEY_TRANSFER: "계좌 송금" };
const won = (n: number) => `${n.toLocaleString("ko-KR")}원`;

type PaymentRow = { payId: bigint; payAmount: number; cancelledAmount: number; paidAt: Date; cancelledAt: Date | null };

const sqlList = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(", ");

const paymentStmts = {
  recorded: { name: "kc_payment_recorded", text: `SELECT "billId", "payAmount" FROM "BillPayment" WHERE "payId" = $1::bigint` },
  // One row per payment of the bill (this one included), each with the bill's columns and (computed
  // once) the cancellations of this pay_id still waiting for their payment, oldest first.
  state: {
    name: "kc_payment_state_v2",
    text: `SELECT b.status::text AS status, b.amount, b."paidAmount" AS "billPaid", b."cancelledAmount" AS "billCancelled",
             p."payId", p."payAmount", p."cancelledAmount", p."paidAt", p."cancelledAt",
             (SELECT coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'billId', c."billId", 'amount', c.amount, 'cancelledAt', c."cancelledAt", 'status', c.status::text)
                                        ORDER BY c."cancelledAt", c."createdAt", c.id), '[]'::jsonb)
                FROM "BillCancellation" c WHERE c."payId" = $2::bigint AND c.status IN (${sqlList(WAITING_CANCELLATION)})) AS pending
      FROM "Bill" b
      LEFT JOIN "BillPayment" p ON p."billId" = b.id
      WHERE b.id = $1::text`,
  },
} satisfies Record<string, Stmt>;

type PendingCancel = { id: string; billId: string; amount: number; cancelledAt: string; status: BillCancellationStatus };
/** jsonb timestamps have no zone: they are UTC wall times, as Prisma stores them. */
const utc = (v: string) => new Date(/[zZ]|[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`);

/**
 * A new payment (pay_type P) in one short transaction of three statements (hot-sql.ts; the ORM
 * spent ~15 round trips here in `npm run bench`):
 *   1. insert the payment (ON CONFLICT on the unique pay_id: parallel copies of this delivery wait
 *      on the index, not on the bill lock, and leave as duplicates the moment the first commits)
 *      and, only when it was inserted, take the bill's row lock (state-sql.ts, see locks.ts);
 *   2. read the bill, its payments and the cancellations that came first — a new statement, so its
 *      snapshot is taken after the lock and sees everything committed by earlier lock holders;
 *   3. write the timeline, the 확인 필요 rows, the settled early cancellations and the bill's totals
 *      in one statement (state-sql.settleNewPayment: the state machines' guards, in SQL too).
 * The decisions in between are the same pure functions as everywhere (payableAmount, billTotals).
 */
async function recordPayment(db: Db, billId: string, payId: bigint, req: PayResultRequest, seen: SeenDelivery, paidAt: Date, flags: PayResultFlag[]): Promise<PayResultOutcome> {
  // Redelivery (the common retry): answered from the lookup's round trip, no lock, no write.
  if (seen) return sameOrConflict({ billId: seen.billId, payAmount: seen.amount }, billId, req.pay_amount);

  return transaction(
    db,
    async (sql) => {
      const now = new Date();
      const ins = await insertPaymentAndLock(sql, {
        id: newId(), billId, payId, payBy: req.pay_by, amount: req.amount, payAmount: req.pay_amount, feeType: req.pay_fee_type,
        fee: req.pay_fee, feeTax: req.pay_fee_tax, cardBin: req.pay_detail1 ?? null, cardCompany: req.pay_detail2 ?? null,
        payDetail3: req.pay_detail3 ?? null, adjustDate: req.adjust_date ?? null, paidAt, createdAt: now,
      });
      if (!ins.inserted) {
        // A parallel copy committed first (its row was not in this statement's snapshot).
        const [other] = await sql.rows<{ billId: string; payAmount: number | bigint }>(paymentStmts.recorded, [payId]);
        if (!other) throw new Error(`pay_id ${req.pay_id}: conflicting insert but no row`);
        return sameOrConflict({ billId: other.billId, payAmount: num(other.payAmount) }, billId, req.pay_amount);
      }
      if (!ins.locked) throw new Error(`bill ${billId} vanished while recording pay_id ${req.pay_id}`);

      type StateRow = {
        status: BillStatus;
        amount: number;
        billPaid: Money;
        billCancelled: Money;
        payId: bigint | null;
        payAmount: Money | null;
        cancelledAmount: Money | null;
        paidAt: Date | null;
        cancelledAt: Date | null;
        pending: PendingCancel[];
      };
      const state = await sql.rows<StateRow>(paymentStmts.state, [billId, payId]);
      const head = state[0]!;
      // Payable before this payment: the bill as it was, i.e. before it is settled below.
      const payableBefore = payableAmount({ status: head.status, amount: head.amount, paidAmount: head.billPaid, cancelledAmount: head.billCancelled });
      let payments: PaymentRow[] = state.flatMap((r) =>
        r.payId === null ? [] : [{ payId: BigInt(r.payId), payAmount: num(r.payAmount!), cancelledAmount: num(r.cancelledAmount!), paidAt: r.paidAt!, cancelledAt: r.cancelledAt }],
      );

      // Cancellations that arrived first, oldest first: each applied to this payment while what is
      // left of it covers the cancel, otherwise flagged (CANCEL_MISMATCH).
      const cancellations: NewPaymentSettlement["cancellations"] = [];
      const pendingEvents: BillEventInput[] = [];
      const reviews: NewPaymentSettlement["reviews"] = [];
      let applied = 0;
      let lastCancelledAt: Date | null = null;
      let anyUnmatched = false;
      for (const pc of head.pending ?? []) {
        const amount = num(pc.amount);
        const cancelledAt = utc(pc.cancelledAt);
        if (pc.status === "UNMATCHED") anyUnmatched = true;
        if (pc.billId === billId && applied + amount <= req.pay_amount) {
          applied += amount;
          if (!lastCancelledAt || cancelledAt > lastCancelledAt) lastCancelledAt = cancelledAt;
          cancellations.push({ id: pc.id, from: pc.status, edge: "apply" });
          pendingEvents.push({
            billId,
            type: "bill.cancel.settled",
            resultCode: "OK",
            message: `먼저 도착한 취소 ${amount}원을 결제(pay_id ${req.pay_id})에 반영했습니다.${pc.status === "UNMATCHED" ? " (확인 필요 '결제 없는 취소' 해소)" : ""}`,
            data: { payId: req.pay_id, amount },
          });
        } else {
          const reason = pc.billId !== billId ? "취소가 다른 청구서로 들어왔습니다." : `취소 금액 ${won(amount)}이 남은 결제 금액 ${won(req.pay_amount - applied)}보다 큽니다.`;
          cancellations.push({ id: pc.id, from: pc.status, edge: "mismatch" });
          pendingEvents.push({
            billId,
            type: "bill.cancel.mismatch",
            resultCode: "CHECK",
            message: `먼저 도착한 취소 ${amount}원을 결제 ${req.pay_amount}원에 반영할 수 없습니다. 확인이 필요합니다.`,
            data: { payId: req.pay_id, amount },
          });
          reviews.push({ kind: "CANCEL_MISMATCH", code: "OK", message: reviewMessage.cancelMismatch({ payId, amount, reason }), data: { cancelBillId: pc.billId, amount } });
        }
      }
      let payment: NewPaymentSettlement["payment"] = null;
      if (applied > 0) {
        const edge: BillPaymentEdge = paymentCancelEdge({ status: "PAID", payAmount: req.pay_amount, cancelledAmount: 0 }, applied);
        payment = { edge, cancelledAmount: applied, cancelledAt: lastCancelledAt! };
        payments = payments.map((p) => (p.payId === payId ? { ...p, cancelledAmount: applied, cancelledAt: lastCancelledAt } : p));
      }
      const resolveUnmatched = anyUnmatched ? `결제 결과(pay_id ${req.pay_id})가 도착해 먼저 온 취소를 처리했습니다.` : null;

      const events: BillEventInput[] = [
        {
          billId,
          type: "dozn.pay-result.P",
          resultCode: "OK",
          message: `납부 ${req.pay_amount}원 (${payByLabel[req.pay_by] ?? req.pay_by}${req.pay_detail2 ? ` ${req.pay_detail2}` : ""}, pay_id ${req.pay_id})`,
          data: { payId: req.pay_id, payAmount: req.pay_amount, payBy: req.pay_by, fee: req.pay_fee, feeTax: req.pay_fee_tax, paidAt: req.paid_at },
        },
      ];
      if (req.pay_amount !== payableBefore) {
        // The money moved at KakaoPay: record it, never drop it, and list it for staff (unless the
        // cancellations that came first already gave all of it back).
        events.push({
          billId,
          type: "bill.payment.mismatch",
          resultCode: "CHECK",
          message:
            payableBefore === 0
              ? `이미 납부된 청구서에 추가 납부 ${req.pay_amount}원이 들어왔습니다. 확인 후 환불이 필요할 수 있습니다.`
              : `납부 금액 ${req.pay_amount}원이 납부 가능 금액 ${payableBefore}원과 다릅니다. 확인이 필요합니다.`,
          data: { payId: req.pay_id, payAmount: req.pay_amount, payable: payableBefore },
        });
        if (req.pay_amount - applied > 0) {
          const kind: BillReviewKind = payableBefore === 0 ? "PAID_TWICE" : "AMOUNT_MISMATCH";
          reviews.unshift({
            kind,
            code: "OK",
            message: kind === "PAID_TWICE" ? reviewMessage.paidTwice({ payId, payAmount: req.pay_amount }) : reviewMessage.amountMismatch({ payId, payAmount: req.pay_amount, payable: payableBefore }),
            data: { payAmount: req.pay_amount, payable: payableBefore },
          });
        }
      }
      for (const f of flags) {
        events.push({ billId, type: "bill.payment.check", resultCode: "CHECK", message: f.message, data: { payId: req.pay_id, kind: f.kind, ...f.data } });
        reviews.push({ kind: f.kind, code: "OK", message: f.message, data: f.data });
      }
      events.push(...pendingEvents);

      await settleNewPayment(sql, {
        billId,
        payId,
        now,
        events,
        // at most one open row per (kind, pay_id): the first of each kind (several early cancels may not fit)
        reviews: reviews.filter((r, i) => reviews.findIndex((x) => x.kind === r.kind) === i),
        bill: { from: head.status, totals: billTotals(payments, head.amount) },
        cancellations,
        payment,
        resolveUnmatched,
      });
      return "recorded" as const;
    },
    TX,
  );
}

/**
 * A cancel delivery (pay_type C), identified by (pay_id, paid_at, amount) — our reading, the seed
 * does not say how a partial cancel is identified. Several partial cancels of one pay_id are
 * several rows and add up; an identical repeat is a duplicate. A cancel is always recorded: applied
 * to its payment when it fits what is left of it, kept PENDING until its payment comes, or marked
 * MISMATCHED and listed when it cannot fit (more than is left, another bill's payment).
 */
async function recordCancellation(db: Db, billId: string, payId: bigint, req: PayResultRequest, seen: SeenDelivery, cancelledAt: Date, flags: PayResultFlag[]): Promise<PayResultOutcome> {
  const amount = -req.pay_amount; // C carries a negative pay_amount (checked by the schema)
  const otherBill = () => new Conflict(`같은 취소(pay_id ${req.pay_id}, ${req.paid_at}, ${won(amount)})가 다른 청구서에 기록되어 있습니다.`);
  if (seen) {
    if (seen.billId !== billId) throw otherBill();
    return "duplicate";
  }
  const key = { payId_cancelledAt_amount: { payId, cancelledAt, amount } };

  return db.$transaction(async (tx) => {
    const inserted = await insertCancellation(tx, { billId, payId, payBy: req.pay_by, amount, fee: req.pay_fee, feeTax: req.pay_fee_tax, adjustDate: req.adjust_date ?? null, cancelledAt });
    if (!inserted) {
      const other = await tx.billCancellation.findUniqueOrThrow({ where: key, select: { billId: true } });
      if (other.billId !== billId) throw otherBill();
      return "duplicate";
    }
    await lockBill(tx, billId);
    for (const f of flags) {
      await addBillEvent(tx, { billId, type: "bill.cancel.check", resultCode: "CHECK", message: f.message, data: { payId: req.pay_id, kind: f.kind, ...f.data } });
      await openBillReview(tx, { billId, kind: f.kind, payId, code: "OK", message: f.message, data: f.data });
    }
    // Read after the lock: a payment committed by a transaction that held it is visible now.
    const payment = await tx.billPayment.findUnique({ where: { payId } });
    const cancellation = await tx.billCancellation.findUniqueOrThrow({ where: key, select: { id: true, status: true } });
    if (!payment) {
      await addBillEvent(tx, {
        billId,
        type: "dozn.pay-result.C",
        resultCode: "OK",
        message: `취소 ${amount}원 수신 (pay_id ${req.pay_id}): 결제 결과가 아직 없어 보류, 결제가 도착하면 반영합니다.`,
        data: { payId: req.pay_id, amount, paidAt: req.paid_at },
      });
      return "pending-cancel";
    }
    const left = num(payment.payAmount) - num(payment.cancelledAmount);
    if (payment.billId !== billId || amount > left) {
      const reason = payment.billId !== billId ? "결제가 다른 청구서에 기록되어 있습니다." : `취소 금액 ${won(amount)}이 취소 가능 금액 ${won(left)}을 넘습니다.`;
      // Recorded as sent (the agency reports money moving back) and listed; never applied.
      const moved = await transitionCancellation(tx, cancellation, "mismatch", {
        billId,
        type: "dozn.pay-result.C",
        resultCode: "CHECK",
        message: `취소 ${amount}원 수신 (pay_id ${req.pay_id}): 결제에 반영할 수 없어 확인이 필요합니다. ${reason}`,
        data: { payId: req.pay_id, amount, paidAt: req.paid_at, left },
      });
      if (!moved) throw new Error(`bill cancellation ${cancellation.id}: changed under the lock`);
      await openBillReview(tx, { billId, kind: "CANCEL_MISMATCH", payId, code: "OK", message: reviewMessage.cancelMismatch({ payId, amount, reason }), data: { amount, left, paidAt: req.paid_at } });
      return "flagged-cancel";
    }
    const full = num(payment.cancelledAmount) + amount === num(payment.payAmount);
    const { paymentStatus } = await applyCancellation(tx, { id: cancellation.id, status: cancellation.status, payId, amount, cancelledAt }, payment, {
      billId,
      type: "dozn.pay-result.C",
      resultCode: "OK",
      message: `${full ? "전체" : "부분"} 취소 ${amount}원 (pay_id ${req.pay_id}${full && num(payment.cancelledAmount) > 0 ? ", 누적 취소로 전액" : ""})`,
      data: { payId: req.pay_id, amount, fee: req.pay_fee, feeTax: req.pay_fee_tax, paidAt: req.paid_at },
    });
    await settleBill(tx, billId);
    await resolveAfterCancellation(tx, billId, payId, paymentStatus);
    return "recorded";
  }, TX);
}

function sameOrConflict(seen: { billId: string; payAmount: number }, billId: string, payAmount: number): PayResultOutcome {
  if (seen.billId !== billId) throw new Conflict("같은 pay_id의 결제가 다른 청구서에 기록되어 있습니다.");
  if (seen.payAmount !== payAmount) throw new Conflict(`같은 pay_id의 결제가 이미 ${seen.payAmount}원으로 기록되어 있는데 ${payAmount}원으로 다시 왔습니다.`);
  return "duplicate";
}
