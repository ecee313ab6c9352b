// The admin home's numbers for today / 7 days / 30 days, all periods in KST calendar days ending now.
// Definitions (also shown on the dashboard as "기준"):
// - 매출: payments approved in the period (by approval time) that are the order's payment
//   (APPROVED / PARTIALLY_CANCELLED / CANCELLED), full approved amount.
// - 환불: completed refunds of those payments, by completion time (late-capture refunds excluded).
// - 결제 완료 주문: orders whose paidAt falls in the period.
// - 결제 성공률 (per provider): approved attempts ÷ attempts that reached the provider's window
//   (attempts created in the period that the provider registered: a tid or provider order ref).
// - 청구서: issued = created in the period; paid = paidAt in the period; outstanding = what can be
//   paid now (any age): UNPAID and CANCELLED bills in full, PARTIALLY_PAID ones by what is left.
// - 동의: requested = created in the period; verified = valid now (VERIFIED, identity matched) with
//   verifiedAt in the period (a signature by someone else is not counted).
import { db as defaultDb, type Db } from "../db";
import { kstDay } from "./format";

export const PERIODS = [
  { key: "today", label: "오늘", days: 1 },
  { key: "7d", label: "7일", days: 7 },
  { key: "30d", label: "30일", days: 30 },
] as const;
export type PeriodKey = (typeof PERIODS)[number]["key"];

const CHARGED = ["APPROVED", "PARTIALLY_CANCELLED", "CANCELLED"] as const;

export function periodRange(key: PeriodKey, now = new Date()) {
  const days = PERIODS.find((p) => p.key === key)!.days;
  const fromDay = kstDay(now, -(days - 1));
  return { fromDay, toDay: kstDay(now), from: new Date(`${fromDay}T00:00:00+09:00`), to: now };
}

export async function dashboard(merchantId: string, key: PeriodKey, deps: { db?: Db; now?: Date } = {}) {
  const db = deps.db ?? defaultDb;
  const { from, to, fromDay, toDay } = periodRange(key, deps.now);
  const range = { gte: from, lte: to };
  const [
    sales,
    refunds,
    paidOrders,
    attempts,
    billsIssued,
    billsPaid,
    billsOutstanding,
    consentsRequested,
    consentsVerified,
    daily,
  ] = await Promise.all([
    db.payment.aggregate({
      where: { order: { merchantId }, status: { in: [...CHARGED] }, approvedAt: range },
      _sum: { totalAmount: true },
      _count: true,
    }),
    db.refund.aggregate({
      where: { payment: { order: { merchantId }, status: { in: [...CHARGED] } }, status: "DONE", completedAt: range },
      _sum: { amount: true },
      _count: true,
    }),
    db.order.count({ where: { merchantId, paidAt: range } }),
    db.payment.groupBy({
      by: ["provider", "status"],
      where: {
        order: { merchantId },
        createdAt: range,
        OR: [{ tid: { not: null } }, { providerOrderRef: { not: null } }],
      },
      _count: true,
    }),
    db.bill.aggregate({ where: { merchantId, createdAt: range }, _sum: { amount: true }, _count: true }),
    db.bill.aggregate({ where: { merchantId, paidAt: range }, _sum: { paidAmount: true }, _count: true }),
    db.$queryRaw<{ count: number; amount: bigint }[]>`
      SELECT count(*)::int AS count,
             COALESCE(SUM(CASE WHEN status::text = 'PARTIALLY_PAID' THEN GREATEST(0, amount - ("paidAmount" - "cancelledAmount")) ELSE amount END), 0)::bigint AS amount
      FROM "Bill" WHERE "merchantId" = ${merchantId} AND status::text IN ('UNPAID', 'CANCELLED', 'PARTIALLY_PAID')`,
    db.consentRequest.count({ where: { merchantId, createdAt: range } }),
    db.consentRequest.count({ where: { merchantId, status: "VERIFIED", verifiedAt: range } }),
    db.$queryRaw<{ day: string; amount: bigint }[]>`
      SELECT to_char(p."approvedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD') AS day, SUM(p."totalAmount")::bigint AS amount
      FROM "Payment" p JOIN "Order" o ON o.id = p."orderId"
      WHERE o."merchantId" = ${merchantId} AND p.status::text IN ('APPROVED', 'PARTIALLY_CANCELLED', 'CANCELLED') AND p."approvedAt" >= ${from} AND p."approvedAt" <= ${to}
      GROUP BY 1 ORDER BY 1`,
  ]);
  const providers = new Map<string, { attempts: number; approved: number }>();
  for (const g of attempts) {
    const p = providers.get(g.provider) ?? { attempts: 0, approved: 0 };
    p.attempts += g._count;
    if ((CHARGED as readonly string[]).includes(g.status)) p.approved += g._count;
    providers.set(g.provider, p);
  }
  const salesAmount = sales._sum.totalAmount ?? 0;
  const refundAmount = refunds._sum.amount ?? 0;
  return {
    key,
    fromDay,
    toDay,
    sales: { amount: salesAmount, count: sales._count },
    refunds: { amount: refundAmount, count: refunds._count },
    net: salesAmount - refundAmount,
    paidOrders,
    successRate: [...providers].map(([provider, v]) => ({
      provider,
      ...v,
      rate: v.attempts ? v.approved / v.attempts : null,
    })),
    bills: {
      issued: { count: billsIssued._count, amount: billsIssued._sum.amount ?? 0 },
      paid: { count: billsPaid._count, amount: Number(billsPaid._sum.paidAmount ?? 0) },
      outstanding: { count: billsOutstanding[0]?.count ?? 0, amount: Number(billsOutstanding[0]?.amount ?? 0) },
    },
    consents: { requested: consentsRequested, verified: consentsVerified },
    daily: daily.map((d) => ({ day: d.day, amount: Number(d.amount) })),
  };
}
