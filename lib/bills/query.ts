// Staff bill search, shared by the admin page and the CSV export.
import { z } from "zod";
import { db as defaultDb, type Db, type Prisma } from "../db";
import { kstDayRange } from "../kst";
import { pageOf } from "../paging";
import { BILL_STATUSES } from "./state";

const blank = z.literal("").transform(() => undefined);

export const billFilterSchema = z.object({
  status: z.enum(BILL_STATUSES).optional().or(blank),
  /** billed year-month: "2026-07" (input type=month) or "202607" */
  month: z
    .string()
    .trim()
    .transform((v) => v.replace(/-/g, ""))
    .refine((v) => v === "" || /^\d{4}(0[1-9]|1[0-2])$/.test(v), "청구 연월은 YYYY-MM 형식입니다.")
    .transform((v) => v || undefined)
    .optional(),
  /** customer number (biller_user_key), exact */
  customer: z
    .string()
    .trim()
    .max(50, "고객번호는 50자 이내입니다.")
    .optional()
    .transform((v) => v || undefined),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  /** "1": bills that can be paid now (미납: UNPAID, CANCELLED — payable again — and PARTIALLY_PAID). */
  due: z.enum(["1"]).optional().or(blank),
  /** KST days, with the date they apply to: 작성일 (default) or 납부일. */
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "날짜는 YYYY-MM-DD 형식입니다.")
    .optional()
    .or(blank),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "날짜는 YYYY-MM-DD 형식입니다.")
    .optional()
    .or(blank),
  basis: z.enum(["created", "paid"]).optional().or(blank),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type BillFilter = z.infer<typeof billFilterSchema>;

export function billWhere(merchantId: string, f: Omit<BillFilter, "page" | "pageSize">): Prisma.BillWhereInput {
  const where: Prisma.BillWhereInput = { merchantId };
  if (f.status) where.status = f.status;
  if (f.month) where.billedYearMonth = f.month;
  if (f.customer) where.billerUserKey = f.customer;
  if (f.due && !f.status) where.status = { in: ["UNPAID", "CANCELLED", "PARTIALLY_PAID"] };
  if (f.from || f.to) {
    const range = kstDayRange(f.from, f.to);
    if (f.basis === "paid") where.paidAt = range;
    else where.createdAt = range;
  }
  if (f.q) {
    where.OR = [
      { title: { contains: f.q, mode: "insensitive" } },
      { billerNoticeKey: { contains: f.q, mode: "insensitive" } },
      { billerUserKey: { contains: f.q, mode: "insensitive" } },
      { customer: { name: { contains: f.q, mode: "insensitive" } } },
    ];
  }
  return where;
}

export async function listBills(merchantId: string, f: BillFilter, deps: { db?: Db } = {}) {
  const db = deps.db ?? defaultDb;
  const where = billWhere(merchantId, f);
  const include = { customer: { select: { name: true } }, _count: { select: { links: true } } };
  return pageOf(
    f,
    () => db.bill.count({ where }),
    (window) => db.bill.findMany({ where, ...window, include }),
  );
}

// The CSV export of this list: lib/bills/csv.ts.
