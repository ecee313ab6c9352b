// What we answer the Dozn agency on our biller endpoints (seed §5-§7). Input is already validated
// by lib/providers/dozn (field rules → E001/E006/E007/E008); here are the business answers:
//   notice      OK (bill) · E502 no such bill / birth date mismatch · E005 ambiguous without notice key
//   prepay      OK · E403 nothing payable (paid) or amount below it · E501 amount above payable ·
//               E502 no such bill · E506 past due · E005
//   pay-result  OK (also for every duplicate delivery) · E502 no such bill · E005 ·
//               E601 a delivery that contradicts one already recorded for the same pay_id
// Money moves are idempotent on (pay_id, pay_type) through unique keys, and every decision on a
// bill happens under its row lock, so parallel deliveries on several app instances record once.
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
import { sqlOf, transaction, type Param, type Stmt } from "./hot-sql";
import { lockBill } from "./locks";
import { openBillReview, resolveAfterCancellation, reviewMessage, type BillReviewKind } from "./review";
import {
  applyCancellation,
  billTotals,
  insertCancellation,
  kstToday,
  lastPayableDay,
  payableAmount,
  paymentCancelEdge,
  settleBill,
  WAITING_CANCELLATION,
  type BillPaymentEdge,
} from "./state";
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
> & { customer: { birthDate: string | null } };

/** What is already recorded for a pay-result's pay_id (read together with its bill). */
export type SeenDelivery = { billId: string; amount: number } | null;

type SeenKind = "none" | "P" | "C";
const lookupStmts = new Map<string, Stmt>();
/** The lookup statement for a request shape: with or without the notice key, and what it adds for a pay_id. */
function lookupStmt(byNoticeKey: boolean, seen: SeenKind): Stmt {
  const name = `kc_bill_lookup_${byNoticeKey ? "nk" : "uk"}_${seen}`;
  let stmt = lookupStmts.get(name);
  if (stmt) return stmt;
  // $1… are the keys; the pay_id (if any) comes last. payId is unique in both tables: the join
  // adds at most one row's columns to every bill row.
  const n = byNoticeKey ? 4 : 3;
  const seenCols = seen === "none" ? "" : seen === "P" ? `, s."billId" AS "seenBillId", s."payAmount" AS "seenAmount"` : `, s."billId" AS "seenBillId", s.amount AS "seenAmount"`;
  const seenJoin = seen === "none" ? "" : `LEFT JOIN "${seen === "P" ? "BillPayment" : "BillCancellation"}" s ON s."payId" = $${n + 1}::bigint`;
  const where = byNoticeKey
    ? `b."billerNoticeKey" = $1::text AND b."billerUserKey" = $2::text
        AND ($3::text IS NULL OR b."billedYearMonth" = $3::text) AND ($4::text IS NULL OR b.ordinal = $4::text)`
    : `b."billerUserKey" = $1::text
        AND ($2::text IS NULL OR b."billedYearMonth" = $2::text) AND ($3::text IS NULL OR b.ordinal = $3::text)`;
  stmt = {
    name,
    text: `SELECT b.id, b."billerUserKey", b."billedYearMonth", b.ordinal, b."billerNoticeKey", b."settlementCode", b.title, b.amount,
        b."taxFreeAmount", b."vatAmount", b."expireType", b."payExpireDate", b."secondPayExpireDate", b."bankAccounts", b.details,
        b.status::text AS status, b."paidAmount", c."birthDate"${seenCols}
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
 * already recorded for its pay_id (the payment for P, the cancellation for C) to the same round
 * trip: a redelivery is answered by it.
 */
export async function findBillByKey(db: Db, key: DoznBillKey): Promise<Found<FoundBill>>;
export async function findBillByKey(db: Db, key: DoznBillKey, seen: { payId: bigint; payType: "P" | "C" }): Promise<Found<FoundBill & { seen: SeenDelivery }>>;
export async function findBillByKey(db: Db, key: DoznBillKey, seen?: { payId: bigint; payType: "P" | "C" }): Promise<Found<FoundBill & { seen?: SeenDelivery }>> {
  type Row = Omit<FoundBill, "customer"> & { birthDate: string | null; seenBillId?: string | null; seenAmount?: number | null };
  const byNoticeKey = key.billerNoticeKey !== undefined;
  const values: Param[] = [
    ...(byNoticeKey ? [key.billerNoticeKey!] : []),
    key.billerUserKey,
    key.billedYearMonth ?? null,
    key.ordinal ?? null,
    ...(seen ? [seen.payId] : []),
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

export type PayResultOutcome =
  | "recorded" // a new payment / cancellation
  | "duplicate" // the same delivery again: already recorded
  | "pending-cancel" // a cancellation before its payment: kept, settled when the payment comes
  | "conflict" // contradicts what is recorded for this pay_id
  | "no-bill"
  | "ambiguous";

/** Waiting longer than this for a connection would miss the agency's 3-second budget anyway. */
const TX = { maxWait: 2_500, timeout: 5_000 } as const;

class Conflict extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export async function answerPayResult(req: PayResultRequest, deps: AgencyDeps = {}): Promise<DoznResponse & { outcome: PayResultOutcome }> {
  const db = deps.db ?? defaultDb;
  const payId = BigInt(req.pay_id);
  // One round trip: the bill, and whatever is already recorded for this pay_id.
  const found = await findBillByKey(db, keyOf(req), { payId, payType: req.pay_type === "P" ? "P" : "C" });
  if (found.kind === "ambiguous") return { ...ambiguous(), outcome: "ambiguous" };
  if (found.kind === "none") {
    log.error({ payId: req.pay_id, payType: req.pay_type, noticeKey: req.biller_notice_key }, "pay-result for an unknown bill");
    return { ...notFound(), outcome: "no-bill" };
  }
  const billId = found.bill.id;
  try {
    const outcome = req.pay_type === "P" ? await recordPayment(db, billId, payId, req, found.bill.seen) : await recordCancellation(db, billId, payId, req, found.bill.seen);
    return { ...respond("OK"), outcome };
  } catch (e) {
    if (!(e instanceof Conflict)) throw e;
    log.error({ billId, payId: req.pay_id, payType: req.pay_type, reason: e.reason }, "pay-result conflicts with a recorded one");
    // The timeline and the 확인 필요 list together (a redelivery adds a timeline row, not a second open review).
    await db.$transaction(async (tx) => {
      await addBillEvent(tx, {
        billId,
        type: `dozn.pay-result.${req.pay_type}`,
        resultCode: "E601",
        message: `납부 결과 처리 불가 (확인 필요): ${e.reason}`,
        data: { payId: req.pay_id, payAmount: req.pay_amount },
      });
      await openBillReview(tx, {
        billId,
        kind: "CONFLICT",
        payId,
        code: "E601",
        message: reviewMessage.conflict({ payId, reason: e.reason }),
        data: { payType: req.pay_type, payAmount: req.pay_amount },
      });
    });
    return { ...respond("E601"), outcome: "conflict" };
  }
}

const payByLabel: Record<string, string> = { CARD: "카드", MONEY: "카카오페이머니", MONEY_TRANSFER: "계좌 송금" };

type PaymentRow = { payId: bigint; payAmount: number; cancelledAmount: number; paidAt: Date; cancelledAt: Date | null };

const sqlList = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(", ");

const paymentStmts = {
  recorded: { name: "kc_payment_recorded", text: `SELECT "billId", "payAmount" FROM "BillPayment" WHERE "payId" = $1::bigint` },
  // One row per payment of the bill (this one included), each with the bill's columns and the
  // cancellation of this pay_id still waiting for its payment, if one came first.
  state: {
    name: "kc_payment_state",
    text: `SELECT b.status::text AS status, b.amount,
             p."payId", p."payAmount", p."cancelledAmount", p."paidAt", p."cancelledAt",
             pc."billId" AS "pendingBillId", pc.amount AS "pendingAmount", pc."cancelledAt" AS "pendingCancelledAt", pc.status::text AS "pendingStatus"
      FROM "Bill" b
      LEFT JOIN "BillPayment" p ON p."billId" = b.id
      LEFT JOIN "BillCancellation" pc ON pc."payId" = $2::bigint AND pc.status IN (${sqlList(WAITING_CANCELLATION)})
      WHERE b.id = $1::text`,
  },
} satisfies Record<string, Stmt>;

/**
 * A new payment (pay_type P) in one short transaction of three statements (hot-sql.ts; the ORM
 * spent ~15 round trips here in `npm run bench`):
 *   1. insert the payment (ON CONFLICT on the unique pay_id: parallel copies of this delivery wait
 *      on the index, not on the bill lock, and leave as duplicates the moment the first commits)
 *      and, only when it was inserted, take the bill's row lock (state-sql.ts, see locks.ts);
 *   2. read the bill, its payments and a cancellation that came first — a new statement, so its
 *      snapshot is taken after the lock and sees everything committed by earlier lock holders;
 *   3. write the timeline, the 확인 필요 rows, the settled early cancellation and the bill's totals
 *      in one statement (state-sql.settleNewPayment: the state machines' guards, in SQL too).
 * The decisions in between are the same pure functions as everywhere (payableAmount, billTotals).
 */
async function recordPayment(db: Db, billId: string, payId: bigint, req: PayResultRequest, seen: SeenDelivery): Promise<PayResultOutcome> {
  // Redelivery (the common retry): answered from the lookup's round trip, no lock, no write.
  if (seen) return sameOrConflict({ billId: seen.billId, payAmount: seen.amount }, billId, req.pay_amount);

  return transaction(
    db,
    async (sql) => {
      const now = new Date();
      const ins = await insertPaymentAndLock(sql, {
        id: newId(), billId, payId, payBy: req.pay_by, amount: req.amount, payAmount: req.pay_amount, feeType: req.pay_fee_type,
        fee: req.pay_fee, feeTax: req.pay_fee_tax, cardBin: req.pay_detail1 ?? null, cardCompany: req.pay_detail2 ?? null,
        payDetail3: req.pay_detail3 ?? null, adjustDate: req.adjust_date ?? null, paidAt: fromKst(req.paid_at), createdAt: now,
      });
      if (!ins.inserted) {
        // A parallel copy committed first (its row was not in this statement's snapshot).
        const [other] = await sql.rows<{ billId: string; payAmount: number }>(paymentStmts.recorded, [payId]);
        if (!other) throw new Error(`pay_id ${req.pay_id}: conflicting insert but no row`);
        return sameOrConflict(other, billId, req.pay_amount);
      }
      if (!ins.locked) throw new Error(`bill ${billId} vanished while recording pay_id ${req.pay_id}`);

      type StateRow = {
        status: BillStatus;
        amount: number;
        payId: bigint | null;
        payAmount: number | null;
        cancelledAmount: number | null;
        paidAt: Date | null;
        cancelledAt: Date | null;
        pendingBillId: string | null;
        pendingAmount: number | null;
        pendingCancelledAt: Date | null;
        pendingStatus: BillCancellationStatus | null;
      };
      const state = await sql.rows<StateRow>(paymentStmts.state, [billId, payId]);
      const head = state[0]!;
      // Payable before this payment: the bill as it was, i.e. before it is settled below.
      const payableBefore = payableAmount({ status: head.status, amount: head.amount });
      let payments: PaymentRow[] = state.flatMap((r) =>
        r.payId === null ? [] : [{ payId: BigInt(r.payId), payAmount: r.payAmount!, cancelledAmount: r.cancelledAmount!, paidAt: r.paidAt!, cancelledAt: r.cancelledAt }],
      );
      const pending =
        head.pendingBillId !== null
          ? { billId: head.pendingBillId, amount: head.pendingAmount!, cancelledAt: head.pendingCancelledAt!, status: head.pendingStatus! }
          : null;

      // A cancellation that arrived first: applied to this payment when it fits it, otherwise flagged.
      let cancellation: NewPaymentSettlement["cancellation"] = null;
      let resolveUnmatched: string | null = null;
      const pendingEvents: BillEventInput[] = [];
      const reviews: NewPaymentSettlement["reviews"] = [];
      if (pending) {
        const wasUnmatched = pending.status === "UNMATCHED";
        if (pending.billId === billId && pending.amount <= req.pay_amount) {
          const paymentEdge: BillPaymentEdge = paymentCancelEdge({ status: "PAID", payAmount: req.pay_amount, cancelledAmount: 0 }, pending.amount);
          cancellation = { from: pending.status, edge: "apply", amount: pending.amount, cancelledAt: pending.cancelledAt, paymentEdge };
          payments = payments.map((p) => (p.payId === payId ? { ...p, cancelledAmount: pending.amount, cancelledAt: pending.cancelledAt } : p));
          if (wasUnmatched) resolveUnmatched = `결제 결과(pay_id ${req.pay_id})가 도착해 먼저 온 취소를 반영했습니다.`;
          pendingEvents.push({
            billId,
            type: "bill.cancel.settled",
            resultCode: "OK",
            message: `먼저 도착한 취소 ${pending.amount}원을 결제(pay_id ${req.pay_id})에 반영했습니다.${wasUnmatched ? " (확인 필요 '결제 없는 취소' 해소)" : ""}`,
            data: { payId: req.pay_id, amount: pending.amount },
          });
        } else {
          const reason = pending.billId !== billId ? "취소가 다른 청구서로 들어왔습니다." : `취소 금액 ${pending.amount}원이 결제 금액 ${req.pay_amount}원보다 큽니다.`;
          cancellation = { from: pending.status, edge: "mismatch" };
          if (wasUnmatched) resolveUnmatched = `결제 결과(pay_id ${req.pay_id})가 도착했지만 취소와 맞지 않아 '결제와 맞지 않는 취소'로 넘어갔습니다.`;
          pendingEvents.push({
            billId,
            type: "bill.cancel.mismatch",
            resultCode: "CHECK",
            message: `먼저 도착한 취소 ${pending.amount}원을 결제 ${req.pay_amount}원에 반영할 수 없습니다. 확인이 필요합니다.`,
            data: { payId: req.pay_id, amount: pending.amount },
          });
          reviews.push({ kind: "CANCEL_MISMATCH", code: "OK", message: reviewMessage.cancelMismatch({ payId, amount: pending.amount, reason }), data: { cancelBillId: pending.billId } });
        }
      }

      const events: BillEventInput[] = [
        {
          billId,
          type: "dozn.pay-result.P",
          resultCode: "OK",
          message: `납부 완료 ${req.pay_amount}원 (${payByLabel[req.pay_by] ?? req.pay_by}${req.pay_detail2 ? ` ${req.pay_detail2}` : ""}, pay_id ${req.pay_id})`,
          data: { payId: req.pay_id, payAmount: req.pay_amount, payBy: req.pay_by, fee: req.pay_fee, feeTax: req.pay_fee_tax },
        },
      ];
      if (req.pay_amount !== payableBefore) {
        // The money moved at KakaoPay: record it, never drop it, and list it for staff (unless the
        // cancellation that came first already gave all of it back).
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
        const keptAmount = req.pay_amount - (cancellation?.edge === "apply" ? cancellation.amount : 0);
        if (keptAmount > 0) {
          const kind: BillReviewKind = payableBefore === 0 ? "PAID_TWICE" : "AMOUNT_MISMATCH";
          reviews.unshift({
            kind,
            code: "OK",
            message: kind === "PAID_TWICE" ? reviewMessage.paidTwice({ payId, payAmount: req.pay_amount }) : reviewMessage.amountMismatch({ payId, payAmount: req.pay_amount, payable: payableBefore }),
            data: { payAmount: req.pay_amount, payable: payableBefore },
          });
        }
      }
      events.push(...pendingEvents);

      await settleNewPayment(sql, { billId, payId, now, events, reviews, bill: { from: head.status, totals: billTotals(payments) }, cancellation, resolveUnmatched });
      return "recorded" as const;
    },
    TX,
  );
}

async function recordCancellation(db: Db, billId: string, payId: bigint, req: PayResultRequest, seen: SeenDelivery): Promise<PayResultOutcome> {
  const amount = -req.pay_amount; // C carries a negative pay_amount (checked by the schema)
  if (seen) {
    if (seen.billId !== billId || seen.amount !== amount) throw new Conflict(`pay_id ${req.pay_id}의 취소가 이미 ${seen.amount}원으로 기록되어 있습니다.`);
    return "duplicate";
  }

  return db.$transaction(async (tx) => {
    const cancelledAt = fromKst(req.paid_at);
    const inserted = await insertCancellation(tx, {
      billId,
      payId,
      payBy: req.pay_by,
      amount,
      fee: req.pay_fee,
      feeTax: req.pay_fee_tax,
      adjustDate: req.adjust_date ?? null,
      cancelledAt,
    });
    if (!inserted) {
      const other = await tx.billCancellation.findUniqueOrThrow({ where: { payId }, select: { billId: true, amount: true } });
      if (other.billId !== billId || other.amount !== amount) throw new Conflict(`pay_id ${req.pay_id}의 취소가 이미 ${other.amount}원으로 기록되어 있습니다.`);
      return "duplicate";
    }
    await lockBill(tx, billId);
    // Read after the lock: a payment committed by a transaction that held it is visible now.
    const payment = await tx.billPayment.findUnique({ where: { payId } });
    if (!payment) {
      await addBillEvent(tx, {
        billId,
        type: "dozn.pay-result.C",
        resultCode: "OK",
        message: `취소 ${amount}원 수신 (pay_id ${req.pay_id}): 결제 결과가 아직 없어 보류, 결제가 도착하면 반영합니다.`,
        data: { payId: req.pay_id, amount },
      });
      return "pending-cancel";
    }
    if (payment.billId !== billId) throw new Conflict(`pay_id ${req.pay_id}는 다른 청구서의 결제입니다.`);
    if (amount > payment.payAmount - payment.cancelledAmount)
      throw new Conflict(`취소 금액 ${amount}원이 취소 가능 금액 ${payment.payAmount - payment.cancelledAmount}원을 넘습니다.`);
    const cancellation = await tx.billCancellation.findUniqueOrThrow({ where: { payId }, select: { id: true, status: true } });
    const full = payment.cancelledAmount + amount === payment.payAmount;
    const { paymentStatus } = await applyCancellation(tx, { id: cancellation.id, status: cancellation.status, payId, amount, cancelledAt }, payment, {
      billId,
      type: "dozn.pay-result.C",
      resultCode: "OK",
      message: `${full ? "전체" : "부분"} 취소 ${amount}원 (pay_id ${req.pay_id})`,
      data: { payId: req.pay_id, amount, fee: req.pay_fee, feeTax: req.pay_fee_tax },
    });
    await settleBill(tx, billId);
    await resolveAfterCancellation(tx, billId, payId, paymentStatus);
    return "recorded";
  }, TX);
}

function sameOrConflict(seen: { billId: string; payAmount: number }, billId: string, payAmount: number): PayResultOutcome {
  if (seen.billId !== billId) throw new Conflict("같은 pay_id의 결제가 다른 청구서에 기록되어 있습니다.");
  if (seen.payAmount !== payAmount) throw new Conflict(`같은 pay_id의 결제가 이미 ${seen.payAmount}원으로 기록되어 있습니다.`);
  return "duplicate";
}
