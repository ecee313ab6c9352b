// Staff order search, shared by the admin page, its JSON API and the CSV export.
import { z } from "zod";
import { filterDate } from "../input/filters";
import { db as defaultDb, type Db, type Prisma } from "../db";
import type { OrderStatus } from "../generated/prisma/enums";
import { hasControlChars } from "../input/guard";
import { paymentStatusLabel } from "../payments/state";
import { kstDateTime } from "./format";
import { kstDayRange } from "../kst";
import { batchesOf, pageOf } from "../paging";
import { paymentMethodText, providerShort } from "./labels";
import { orderDisplay } from "./order-display";

export const orderFilterSchema = z
  .object({
    status: z
      .enum(["PENDING", "PAID", "PARTIALLY_REFUNDED", "REFUNDED", "CLOSED"], { message: "알 수 없는 주문 상태입니다." })
      .optional()
      .or(z.literal("").transform(() => undefined)),
    q: z
      .string()
      .trim()
      .max(100)
      .refine((q) => !hasControlChars(q), "검색어에 사용할 수 없는 문자가 있습니다.")
      .optional(),
    from: filterDate,
    to: filterDate,
    /** Which date the range applies to: 주문일 (default), 결제 완료일, 환불 완료일 (an order with a refund completed then). */
    basis: z
      .enum(["created", "paid", "refunded"], { message: "기간 기준 값이 올바르지 않습니다." })
      .optional()
      .or(z.literal("").transform(() => undefined)),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: "시작일이 종료일보다 늦습니다. 기간을 다시 골라 주세요.",
    path: ["from"],
  });
export type OrderFilter = z.infer<typeof orderFilterSchema>;

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
    const range = kstDayRange(f.from, f.to);
    if (f.basis === "paid") where.paidAt = range;
    else if (f.basis === "refunded")
      where.payments = { some: { refunds: { some: { status: "DONE", completedAt: range } } } };
    else where.createdAt = range;
  }
  return where;
}

/** An order's payments, newest first, and what the list shows of them (the export adds its columns). */
const newestFirst = { orderBy: { createdAt: "desc" } } as const;
const PAYMENT_SUMMARY = { provider: true, status: true, method: true, device: true } as const;

export async function listOrders(merchantId: string, f: OrderFilter, deps: { db?: Db } = {}) {
  const db = deps.db ?? defaultDb;
  const where = whereFor(merchantId, f);
  const include = { payments: { ...newestFirst, take: 1, select: PAYMENT_SUMMARY } };
  return pageOf(
    f,
    () => db.order.count({ where }),
    (window) => db.order.findMany({ where, ...window, include }),
  );
}

export { kstDateTime };

/** One CSV line (cells escaped by csvCell, newline included). */
export const csvLine = (cells: readonly unknown[]) => cells.map(csvCell).join(",") + "\n";

export function csvCell(v: unknown): string {
  let s = v instanceof Date ? kstDateTime(v) : String(v ?? "");
  // Spreadsheet formula injection guard.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CHARGED_STATUSES = new Set([
  "APPROVED",
  "PARTIALLY_CANCELLED",
  "CANCELLED",
  "CAPTURED_UNUSED",
  "REFUNDED_UNUSED",
]);

/**
 * The order list as staff settle it: KST times, Korean statuses, the payment that charged the order
 * (provider, 결제수단, 카드사, 거래번호, approval time) and its completed refunds. Streams in batches of
 * 500 (memory stays flat however many orders match).
 */
export async function* ordersCsv(
  merchantId: string,
  f: Omit<OrderFilter, "page" | "pageSize">,
  deps: { db?: Db } = {},
) {
  const db = deps.db ?? defaultDb;
  const where = whereFor(merchantId, { ...f, page: 1, pageSize: 1 });
  yield (
    "\uFEFF" +
    csvLine([
      "주문번호",
      "주문일시(KST)",
      "주문 상태",
      "주문자",
      "휴대폰",
      "이메일",
      "상품",
      "결제금액",
      "면세",
      "부가세",
      "결제사",
      "결제수단",
      "카드사",
      "거래번호",
      "결제 상태",
      "결제일시(KST)",
      "환불금액",
      "최근 환불일시(KST)",
    ])
  );
  const batches = batchesOf((window) =>
    db.order.findMany({
      where,
      ...window,
      include: {
        payments: {
          ...newestFirst,
          select: {
            ...PAYMENT_SUMMARY,
            tid: true,
            cardInfo: true,
            approvedAt: true,
            refunds: { where: { status: "DONE" }, select: { completedAt: true, createdAt: true } },
          },
        },
      },
    }),
  );
  for await (const batch of batches) {
    for (const o of batch) {
      const p = o.payments.find((x) => CHARGED_STATUSES.has(x.status)) ?? o.payments[0];
      const lastRefund = o.payments
        .flatMap((x) => x.refunds)
        .map((r) => r.completedAt ?? r.createdAt)
        .sort((a, b) => b.getTime() - a.getTime())[0];
      const issuer = (p?.cardInfo as { issuer?: string } | null)?.issuer ?? "";
      yield csvLine([
        o.orderNumber,
        o.createdAt,
        orderDisplay(o.status, o.payments[0]?.status).label,
        o.buyerName,
        o.buyerPhone,
        o.buyerEmail,
        o.itemSummary,
        o.totalAmount,
        o.taxFreeAmount,
        o.vatAmount,
        p ? (providerShort[p.provider] ?? p.provider) : "",
        p?.method ? paymentMethodText(p.method, p.device) : "",
        issuer,
        p?.tid ?? "",
        p ? (paymentStatusLabel[p.status] ?? p.status) : "",
        p?.approvedAt ?? o.paidAt ?? "",
        o.refundedAmount,
        lastRefund ?? "",
      ]);
    }
  }
}
