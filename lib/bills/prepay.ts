// /kakao/prepay: may the customer pay this amount now? (seed §6)
import { db as defaultDb } from "../db";
import { findBillByKey, type AgencyDeps } from "./find";
import type { AgencyAnswer, PrepayQuery } from "./port";
import { kstToday, lastPayableDay, payableAmount } from "./state";

export async function answerPrepay(q: PrepayQuery, deps: AgencyDeps = {}): Promise<AgencyAnswer> {
  const db = deps.db ?? defaultDb;
  const now = deps.now ?? (() => new Date());
  const found = await findBillByKey(db, q.key);
  if (found.kind === "ambiguous") return { kind: "ambiguous" };
  if (found.kind === "none") return { kind: "not-found" };
  const { bill } = found;
  const payable = payableAmount(bill);
  if (payable <= 0) return { kind: "nothing-payable" };
  const last = lastPayableDay(bill);
  if (last !== null && kstToday(now()) > last) return { kind: "past-due" };
  // Above what is payable: KakaoPay re-reads /kakao/notice, which returns the current amount.
  if (q.amount > payable) return { kind: "above-payable" };
  // Below it (or not positive): the amounts do not match — nothing payable for that amount.
  if (q.amount < payable) return { kind: "nothing-payable", amountDiffers: true };
  return { kind: "ok" };
}
