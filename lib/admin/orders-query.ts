// Staff order search, shared by the admin page, its JSON API and the CSV export.
import { z } from "zod";
import { db as defaultDb, type Db, type Prisma } from "../db";
import type { OrderStatus } from "../generated/prisma/enums";
import { hasControlChars, isRealDate } from "../input/guard";
import { kstDateTime } from "./format";

const dateStr = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "날짜는 YYYY-MM-DD 형식입니다.")
  .refine(isRealDate, "존재하지 않는 날짜입니다.")
  .optional()
  .or(z.literal("").transform(() => undefined));

export const orderFilterSchema = z.object({
  status: z.enum(["PENDING", "PAID", "PARTIALLY_REFUNDED", "REFUNDED"]).optional().or(z.literal("").transform(() => undefined)),
  q: z.string().trim().max(100).refine((q) => !hasControlChars(q), "검색어에 사용할 수 없는 문자가 있습니다.").optional(),
  from: dateStr,
  to: dateStr,
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type OrderFilter = z.infer<typeof orderFilterSchema>;

/** KST calendar day → UTC instant range. */
function kstDayStart(d: string) {
  return new Date(`${d}T00:00:00+09:00`);
}

export function whereFor(merchantId: string, f: OrderFilter): Prisma.OrderWhereInput {
  const where: Prisma.OrderWhereInput = { merchantId };
  if (f.status) where.status = f.status as OrderStatus;
  if (f.q) {
    const digits = f.q.replace(/[\s-]/g, "");
    where.OR = [
      { orderNumber: { contains: f.q.toUpperCase() } },
      { buyerName: { contains: f.q } },
      { buyerEmail: { contains: f.q, mode: "insensitive" } },
      ...(/^\d{4,11}$/.test(digits) ? [{ buyerPhone: { contains: digits } }] : []),
    ];
  }
  if (f.from || f.to) {
    where.createdAt = {};
    if (f.from) where.createdAt.gte = kstDayStart(f.from);
    if (f.to) where.createdAt.lt = new Date(kstDayStart(f.to).getTime() + 86400_000);
  }
  return where;
}

export async function listOrders(merchantId: string, f: OrderFilter, deps: { db?: Db } = {}) {
  const db = deps.db ?? defaultDb;
  const where = whereFor(merchantId, f);
  const [total, rows] = await Promise.all([
    db.order.count({ where }),
    db.order.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (f.page - 1) * f.pageSize,
      take: f.pageSize,
      include: { payments: { orderBy: { createdAt: "desc" }, take: 1, select: { provider: true, status: true, method: true } } },
    }),
  ]);
  return { total, page: f.page, pageSize: f.pageSize, pages: Math.max(1, Math.ceil(total / f.pageSize)), rows };
}

export { kstDateTime };

export function csvCell(v: unknown): string {
  let s = v instanceof Date ? kstDateTime(v) : String(v ?? "");
  // Spreadsheet formula injection guard.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function* ordersCsv(merchantId: string, f: Omit<OrderFilter, "page" | "pageSize">, deps: { db?: Db } = {}) {
  const db = deps.db ?? defaultDb;
  const where = whereFor(merchantId, { ...f, page: 1, pageSize: 1 });
  yield "\uFEFF" + ["주문번호", "주문일시(KST)", "상태", "주문자", "휴대폰", "이메일", "상품", "결제금액", "면세", "부가세", "환불금액", "결제일시(KST)"].join(",") + "\n";
  let cursor: string | undefined;
  for (;;) {
    const batch = await db.order.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 500,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    for (const o of batch) {
      yield [o.orderNumber, o.createdAt, o.status, o.buyerName, o.buyerPhone, o.buyerEmail, o.itemSummary, o.totalAmount, o.taxFreeAmount, o.vatAmount, o.refundedAmount, o.paidAt ?? ""]
        .map(csvCell)
        .join(",") + "\n";
    }
    if (batch.length < 500) return;
    cursor = batch[batch.length - 1]!.id;
  }
}
