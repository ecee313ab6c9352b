// Finding the bill an agency call names (seed §3.3), in one round trip on the hot path: every
// /kakao/* call runs this. For a pay-result it also reads what is already recorded for the delivery.
import type { Db } from "../db";
import type { Bill } from "../generated/prisma/client";
import { sqlOf, type Param, type Stmt } from "../hot-sql";
import type { BillKey } from "./port";

export type AgencyDeps = { db?: Db; now?: () => Date };

export type Found<T> = { kind: "one"; bill: T } | { kind: "none" } | { kind: "ambiguous" };

export type FoundBill = Pick<
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
  const seenCols =
    seen === "none"
      ? ""
      : seen === "P"
        ? `, s."billId" AS "seenBillId", s."payAmount" AS "seenAmount"`
        : `, s."billId" AS "seenBillId", s.amount AS "seenAmount"`;
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
export type SeenKey =
  { payId: bigint; payType: "P" } | { payId: bigint; payType: "C"; cancelledAt: Date; amount: number };
export async function findBillByKey(db: Db, key: BillKey): Promise<Found<FoundBill>>;
export async function findBillByKey(
  db: Db,
  key: BillKey,
  seen: SeenKey,
): Promise<Found<FoundBill & { seen: SeenDelivery }>>;
export async function findBillByKey(
  db: Db,
  key: BillKey,
  seen?: SeenKey,
): Promise<Found<FoundBill & { seen?: SeenDelivery }>> {
  type Row = Omit<FoundBill, "customer"> & {
    birthDate: string | null;
    seenBillId?: string | null;
    seenAmount?: number | bigint | null;
  };
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
    bill: {
      ...bill,
      customer: { birthDate },
      ...(seen && {
        seen: seenBillId != null && seenAmount != null ? { billId: seenBillId, amount: Number(seenAmount) } : null,
      }),
    },
  };
}
