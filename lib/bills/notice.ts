// /kakao/notice: the bill as the customer sees it in KakaoPay (seed §5).
import { db as defaultDb } from "../db";
import { findBillByKey, type AgencyDeps, type FoundBill } from "./find";
import type { AgencyAnswer, NoticeBill, NoticeQuery } from "./port";
import { payableAmount } from "./state";

/** The bill for /kakao/notice: amount is what is payable now (0 once paid). */
export function noticeBillOf(bill: FoundBill): NoticeBill {
  const payable = payableAmount(bill);
  const full = payable === bill.amount;
  return {
    settlementCode: bill.settlementCode,
    billerUserKey: bill.billerUserKey,
    billedYearMonth: bill.billedYearMonth,
    ordinal: bill.ordinal,
    billerNoticeKey: bill.billerNoticeKey,
    title: bill.title,
    amount: payable,
    taxFreeAmount: full ? bill.taxFreeAmount : 0,
    vatAmount: full ? bill.vatAmount : 0,
    expireType: bill.expireType as NoticeBill["expireType"],
    payExpireDate: bill.payExpireDate,
    secondPayExpireDate: bill.secondPayExpireDate,
    bankAccounts: (bill.bankAccounts as unknown[] | null) ?? [],
    details: bill.details as unknown[],
  };
}

export async function answerNotice(q: NoticeQuery, deps: AgencyDeps = {}): Promise<AgencyAnswer> {
  const db = deps.db ?? defaultDb;
  const found = await findBillByKey(db, q.key);
  if (found.kind === "ambiguous") return { kind: "ambiguous" };
  if (found.kind === "none") return { kind: "not-found" };
  const { bill } = found;
  // A bill with a birth date on file is shown only to that customer; a mismatch looks like "no bill".
  if (bill.customer.birthDate && bill.customer.birthDate !== q.userBirth) return { kind: "not-found" };
  return { kind: "bill", bill: noticeBillOf(bill) };
}
