// What we answer the Dozn agency on our biller endpoints (seed §5-§7). Input is already validated
// by lib/providers/dozn (field rules → E001/E006/E007/E008); here are the business answers:
//   notice      OK (bill) · E502 no such bill / birth date mismatch · E005 ambiguous without notice key
//   prepay      OK · E403 nothing payable (paid) or amount below it · E501 amount above payable ·
//               E502 no such bill · E506 past due · E005
//   pay-result  OK (also for every duplicate delivery) · E502 no such bill · E005 ·
//               E601 a delivery that contradicts one already recorded for the same pay_id
// Money moves are idempotent on (pay_id, pay_type) through unique keys, and every decision on a
// bill happens under its row lock, so parallel deliveries on several app instances record once.
import { db as defaultDb, Prisma, type Db, type Tx } from "../db";
import type { Bill } from "../generated/prisma/client";
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
import { addBillEvent } from "./events";
import { lockBill } from "./locks";
import { deriveBillStatus, kstToday, lastPayableDay, payableAmount } from "./state";
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

/**
 * The bill a request names. With biller_notice_key it is that bill (and the other keys, when
 * sent, must agree); without it, every bill of the customer matching the year-month / ordinal
 * that were sent — two or more is E005 (seed §3.3).
 * One raw SELECT (bill + the customer's birth date): this runs on every agency call, and the
 * ORM's findUnique-with-include cost ~4× a raw round trip in `npm run bench`.
 */
export async function findBillByKey(db: Db, key: DoznBillKey): Promise<Found<FoundBill>> {
  type Row = Omit<FoundBill, "customer"> & { birthDate: string | null };
  const cols = Prisma.sql`b.id, b."billerUserKey", b."billedYearMonth", b.ordinal, b."billerNoticeKey", b."settlementCode", b.title, b.amount,
    b."taxFreeAmount", b."vatAmount", b."expireType", b."payExpireDate", b."secondPayExpireDate", b."bankAccounts", b.details,
    b.status::text AS status, b."paidAmount", c."birthDate"`;
  let rows: Row[];
  if (key.billerNoticeKey !== undefined) {
    rows = await db.$queryRaw<Row[]>`SELECT ${cols} FROM "Bill" b JOIN "BilledCustomer" c ON c.id = b."customerId"
      WHERE b."billerNoticeKey" = ${key.billerNoticeKey} AND b."billerUserKey" = ${key.billerUserKey}
        AND (${key.billedYearMonth ?? null}::text IS NULL OR b."billedYearMonth" = ${key.billedYearMonth ?? null})
        AND (${key.ordinal ?? null}::text IS NULL OR b.ordinal = ${key.ordinal ?? null})`;
  } else {
    rows = await db.$queryRaw<Row[]>`SELECT ${cols} FROM "Bill" b JOIN "BilledCustomer" c ON c.id = b."customerId"
      WHERE b."billerUserKey" = ${key.billerUserKey}
        AND (${key.billedYearMonth ?? null}::text IS NULL OR b."billedYearMonth" = ${key.billedYearMonth ?? null})
        AND (${key.ordinal ?? null}::text IS NULL OR b.ordinal = ${key.ordinal ?? null})
      LIMIT 2`;
  }
  if (rows.length === 0) return { kind: "none" };
  if (rows.length > 1) return { kind: "ambiguous" };
  const { birthDate, ...bill } = rows[0]!;
  return { kind: "one", bill: { ...bill, customer: { birthDate } } };
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
  const found = await findBillByKey(db, keyOf(req));
  if (found.kind === "ambiguous") return { ...ambiguous(), outcome: "ambiguous" };
  if (found.kind === "none") {
    log.error({ payId: req.pay_id, payType: req.pay_type, noticeKey: req.biller_notice_key }, "pay-result for an unknown bill");
    return { ...notFound(), outcome: "no-bill" };
  }
  const billId = found.bill.id;
  const payId = BigInt(req.pay_id);
  try {
    const outcome = req.pay_type === "P" ? await recordPayment(db, billId, payId, req) : await recordCancellation(db, billId, payId, req);
    return { ...respond("OK"), outcome };
  } catch (e) {
    if (!(e instanceof Conflict)) throw e;
    log.error({ billId, payId: req.pay_id, payType: req.pay_type, reason: e.reason }, "pay-result conflicts with a recorded one");
    await addBillEvent(db, {
      billId,
      type: `dozn.pay-result.${req.pay_type}`,
      resultCode: "E601",
      message: `납부 결과 처리 불가 (확인 필요): ${e.reason}`,
      data: { payId: req.pay_id, payAmount: req.pay_amount },
    });
    return { ...respond("E601"), outcome: "conflict" };
  }
}

const payByLabel: Record<string, string> = { CARD: "카드", MONEY: "카카오페이머니", MONEY_TRANSFER: "계좌 송금" };

async function recordPayment(db: Db, billId: string, payId: bigint, req: PayResultRequest): Promise<PayResultOutcome> {
  // Fast path for redeliveries: no lock, no write.
  const [seen] = await db.$queryRaw<{ billId: string; payAmount: number }[]>`SELECT "billId", "payAmount" FROM "BillPayment" WHERE "payId" = ${payId}`;
  if (seen) return sameOrConflict(seen, billId, req.pay_amount);

  return db.$transaction(async (tx) => {
    // Insert first: parallel copies of this delivery wait on the unique pay_id (not on the bill
    // lock) and leave as duplicates the moment the first one commits.
    const inserted = await tx.billPayment.createMany({
      data: [
        {
          billId,
          payId,
          payType: "P",
          payBy: req.pay_by,
          amount: req.amount,
          payAmount: req.pay_amount,
          feeType: req.pay_fee_type,
          fee: req.pay_fee,
          feeTax: req.pay_fee_tax,
          cardBin: req.pay_detail1 ?? null,
          cardCompany: req.pay_detail2 ?? null,
          payDetail3: req.pay_detail3 ?? null,
          adjustDate: req.adjust_date ?? null,
          paidAt: fromKst(req.paid_at),
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) {
      const other = await tx.billPayment.findUniqueOrThrow({ where: { payId }, select: { billId: true, payAmount: true } });
      return sameOrConflict(other, billId, req.pay_amount);
    }
    await lockBill(tx, billId);
    const bill = await tx.bill.findUniqueOrThrow({ where: { id: billId } });
    const payableBefore = payableAmount(bill);
    await addBillEvent(tx, {
      billId,
      type: "dozn.pay-result.P",
      resultCode: "OK",
      message: `납부 완료 ${req.pay_amount}원 (${payByLabel[req.pay_by] ?? req.pay_by}${req.pay_detail2 ? ` ${req.pay_detail2}` : ""}, pay_id ${req.pay_id})`,
      data: { payId: req.pay_id, payAmount: req.pay_amount, payBy: req.pay_by, fee: req.pay_fee, feeTax: req.pay_fee_tax },
    });
    if (req.pay_amount !== payableBefore) {
      // The money moved at KakaoPay: record it, never drop it, and tell staff.
      await addBillEvent(tx, {
        billId,
        type: "bill.payment.mismatch",
        resultCode: "CHECK",
        message:
          payableBefore === 0
            ? `이미 납부된 청구서에 추가 납부 ${req.pay_amount}원이 들어왔습니다. 확인 후 환불이 필요할 수 있습니다.`
            : `납부 금액 ${req.pay_amount}원이 납부 가능 금액 ${payableBefore}원과 다릅니다. 확인이 필요합니다.`,
      });
    }
    // A cancellation that arrived first is settled now.
    const pending = await tx.billCancellation.findUnique({ where: { payId } });
    if (pending && pending.status === "PENDING") {
      if (pending.billId === billId && pending.amount <= req.pay_amount) {
        await tx.billPayment.update({ where: { payId }, data: { cancelledAmount: pending.amount, cancelledAt: pending.cancelledAt } });
        await tx.billCancellation.update({ where: { payId }, data: { status: "APPLIED", appliedAt: new Date() } });
        await addBillEvent(tx, {
          billId,
          type: "bill.cancel.settled",
          resultCode: "OK",
          message: `먼저 도착한 취소 ${pending.amount}원을 결제(pay_id ${req.pay_id})에 반영했습니다.`,
          data: { payId: req.pay_id, amount: pending.amount },
        });
      } else {
        await addBillEvent(tx, {
          billId,
          type: "bill.cancel.mismatch",
          resultCode: "CHECK",
          message: `먼저 도착한 취소 ${pending.amount}원을 결제 ${req.pay_amount}원에 반영할 수 없습니다. 확인이 필요합니다.`,
        });
      }
    }
    await settleBill(tx, billId);
    return "recorded";
  }, TX);
}

async function recordCancellation(db: Db, billId: string, payId: bigint, req: PayResultRequest): Promise<PayResultOutcome> {
  const amount = -req.pay_amount; // C carries a negative pay_amount (checked by the schema)
  const [seen] = await db.$queryRaw<{ billId: string; amount: number }[]>`SELECT "billId", amount FROM "BillCancellation" WHERE "payId" = ${payId}`;
  if (seen) {
    if (seen.billId !== billId || seen.amount !== amount) throw new Conflict(`pay_id ${req.pay_id}의 취소가 이미 ${seen.amount}원으로 기록되어 있습니다.`);
    return "duplicate";
  }

  return db.$transaction(async (tx) => {
    const inserted = await tx.billCancellation.createMany({
      data: [
        {
          billId,
          payId,
          payBy: req.pay_by,
          amount,
          fee: req.pay_fee,
          feeTax: req.pay_fee_tax,
          adjustDate: req.adjust_date ?? null,
          cancelledAt: fromKst(req.paid_at),
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) {
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
    await tx.billPayment.update({ where: { payId }, data: { cancelledAmount: { increment: amount }, cancelledAt: fromKst(req.paid_at) } });
    await tx.billCancellation.update({ where: { payId }, data: { status: "APPLIED", appliedAt: new Date() } });
    const full = payment.cancelledAmount + amount === payment.payAmount;
    await addBillEvent(tx, {
      billId,
      type: "dozn.pay-result.C",
      resultCode: "OK",
      message: `${full ? "전체" : "부분"} 취소 ${amount}원 (pay_id ${req.pay_id})`,
      data: { payId: req.pay_id, amount, fee: req.pay_fee, feeTax: req.pay_fee_tax },
    });
    await settleBill(tx, billId);
    return "recorded";
  }, TX);
}

function sameOrConflict(seen: { billId: string; payAmount: number }, billId: string, payAmount: number): PayResultOutcome {
  if (seen.billId !== billId) throw new Conflict("같은 pay_id의 결제가 다른 청구서에 기록되어 있습니다.");
  if (seen.payAmount !== payAmount) throw new Conflict(`같은 pay_id의 결제가 이미 ${seen.payAmount}원으로 기록되어 있습니다.`);
  return "duplicate";
}

/** Recomputes the bill's totals and status from its payments (caller holds the bill lock). */
async function settleBill(tx: Tx, billId: string) {
  const payments = await tx.billPayment.findMany({ where: { billId }, select: { payAmount: true, cancelledAmount: true, paidAt: true, cancelledAt: true } });
  const bill = await tx.bill.findUniqueOrThrow({ where: { id: billId }, select: { status: true } });
  const status = deriveBillStatus(payments);
  const paidAmount = payments.reduce((s, p) => s + p.payAmount, 0);
  const cancelledAmount = payments.reduce((s, p) => s + p.cancelledAmount, 0);
  const lastPaid = payments.reduce<Date | null>((m, p) => (!m || p.paidAt > m ? p.paidAt : m), null);
  const lastCancel = payments.reduce<Date | null>((m, p) => (p.cancelledAt && (!m || p.cancelledAt > m) ? p.cancelledAt : m), null);
  await tx.bill.update({ where: { id: billId }, data: { status, paidAmount, cancelledAmount, paidAt: lastPaid, cancelledAt: lastCancel } });
  if (bill.status !== status) {
    await addBillEvent(tx, { billId, type: "bill.status", message: `상태 변경: ${bill.status} → ${status}`, data: { from: bill.status, to: status } });
  }
}
