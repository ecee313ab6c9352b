// Helpers for the bill integration tests: demo bills through the use case, and calls to our
// /kakao/* route handlers exactly as the agency makes them.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { createBill } from "@/lib/bills/bills";
import type { BillInput } from "@/lib/bills/input";
import { POST as noticePOST } from "@/app/kakao/notice/route";
import { POST as prepayPOST } from "@/app/kakao/prepay/route";
import { POST as payResultPOST } from "@/app/kakao/pay-result/route";

/**
 * An Authorization header the agency does NOT send (seed 003 §1.3 names no credential for its calls
 * to us): the default setup ignores it. Tests of a configured credential configure their own.
 */
export const AGENCY_AUTH = `Bearer ${process.env.DOZN_AGENCY_CREDENTIAL || "DEVDOZNAGENCYCREDENTIAL0001"}`;

export async function demoActor() {
  const m = await db.merchant.findUniqueOrThrow({ where: { code: "KC" } });
  return { merchantId: m.id, adminId: "test-admin" };
}

const kstDay = (offsetDays: number) =>
  new Date(Date.now() + 9 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");

export function billInput(over: Partial<BillInput> = {}): BillInput {
  return {
    customerKey: `C${randomUUID().slice(0, 8).toUpperCase()}`,
    customerName: "101동 1001호",
    billedYearMonth: kstDay(0).slice(0, 6),
    title: "관리비",
    amount: 29000,
    taxFreeAmount: 0,
    expireType: "D1",
    payExpireDate: kstDay(10),
    details: [
      { type: "KEY_VALUE", title: "청구 내역", rows: [{ key: "당월 부과", value: "29,000원", level: 1 }] },
      { type: "TEXT", title: "기본정보", lines: ["카카오아파트", "101동 1001호"] },
      { type: "TABLE", title: "항목별", head: ["항목", "금액"], rows: [["전기료", "12,000원"]] },
      {
        type: "GRAPH",
        title: "추이",
        unitName: "원",
        points: [
          { x: "06", y: 25000 },
          { x: "07", y: 29000 },
        ],
      },
    ],
    ...over,
  };
}

export async function newBill(over: Partial<BillInput> = {}) {
  const r = await createBill(billInput(over), await demoActor());
  if (!r.ok) throw new Error(`createBill: ${r.error.message}`);
  return db.bill.findUniqueOrThrow({ where: { id: r.value.billId } });
}

export const keysOf = (b: { billerUserKey: string; billerNoticeKey: string; billedYearMonth: string | null }) => ({
  biller_user_key: b.billerUserKey,
  biller_notice_key: b.billerNoticeKey,
  ...(b.billedYearMonth && { billed_year_month: b.billedYearMonth }),
});

const routes = { notice: noticePOST, prepay: prepayPOST, "pay-result": payResultPOST };

export type Envelope = { res_code: string; message: string; data: unknown };

/**
 * POSTs to our route handler as the agency does (the seed's headers, no Authorization unless given);
 * `data` is wrapped in the {"data": …} envelope unless `raw` is given. X-Forwarded-For defaults to
 * the loopback agency, as the test env's trusted proxy would write it.
 */
export async function callAgency(
  endpoint: keyof typeof routes,
  data: unknown,
  opts: { raw?: string; authorization?: string | null; xff?: string | null } = {},
): Promise<{ status: number; body: Envelope; contentType: string | null }> {
  const headers: Record<string, string> = {
    "content-type": "application/json;charset=utf-8",
    accept: "application/json;charset=utf-8",
  };
  if (opts.authorization != null) headers.authorization = opts.authorization;
  const xff = opts.xff === undefined ? "127.0.0.1" : opts.xff;
  if (xff !== null) headers["x-forwarded-for"] = xff;
  const res = await routes[endpoint](
    new Request(`http://127.0.0.1:3999/kakao/${endpoint}`, {
      method: "POST",
      headers,
      body: opts.raw ?? JSON.stringify({ data }),
    }),
  );
  return { status: res.status, body: (await res.json()) as Envelope, contentType: res.headers.get("content-type") };
}

let payIdSeq = 9_000_000 + Math.floor(Math.random() * 1_000_000);
export const nextPayId = () => (payIdSeq += 1 + Math.floor(Math.random() * 5));

const stamp = (d = new Date()) => new Date(d.getTime() + 9 * 3600_000).toISOString().replace(/\D/g, "").slice(0, 14);

export function payResult(bill: Parameters<typeof keysOf>[0] & { amount: number }, over: Record<string, unknown> = {}) {
  return {
    ...keysOf(bill),
    pay_by: "CARD",
    pay_type: "P",
    pay_detail1: "451842",
    pay_detail2: "SHINHAN",
    amount: bill.amount,
    pay_amount: bill.amount,
    pay_fee_type: "BEFORE",
    pay_fee: 522,
    pay_fee_tax: 52,
    adjust_date: stamp().slice(0, 8),
    paid_at: stamp(),
    pay_id: nextPayId(),
    ...over,
  };
}

export function cancelOf(p: ReturnType<typeof payResult>, amount = p.pay_amount as number) {
  return {
    ...p,
    pay_type: "C",
    pay_amount: -amount,
    pay_fee: -Math.round(amount * 0.018),
    pay_fee_tax: -Math.round(amount * 0.0018),
    paid_at: stamp(),
  };
}
