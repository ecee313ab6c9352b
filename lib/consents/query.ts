// Staff consent search, shared by the admin list page and the CSV export. Personal data is masked
// in both (the account number and birth date are never exported in full: the account is stored
// encrypted, lib/security/pii.ts, and only its last four digits are readable here).
import { z } from "zod";
import { filterDate } from "../input/filters";
import { db as defaultDb, type Db, type Prisma } from "../db";
import type { ConsentStatus } from "../generated/prisma/enums";
import { csvLine } from "../admin/orders-query";
import { kstDayRange } from "../kst";
import { batchesOf, pageOf } from "../paging";
import { readOrderNumber } from "../orders/order-number";
import { maskName, maskPhone } from "../shop/order-access";
import { maskAccountNumber } from "../admin/format";
import { consentKindLabel, consentStatusLabel } from "./state";

const STATUSES = Object.keys(consentStatusLabel) as [ConsentStatus, ...ConsentStatus[]];

export const consentFilterSchema = z.object({
  status: z
    .enum(STATUSES, { message: "상태 값이 올바르지 않습니다." })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  kind: z
    .enum(["CMS", "ESIGN"], { message: "종류 값이 올바르지 않습니다." })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  q: z.string().trim().max(100, "검색어는 100자 이하로 입력해 주세요.").optional(),
  from: filterDate,
  to: filterDate,
  /** Which date the range applies to: 요청일 (default) or 검증일. */
  basis: z
    .enum(["created", "verified"], { message: "기간 기준 값이 올바르지 않습니다." })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ConsentFilter = z.infer<typeof consentFilterSchema>;

export function consentWhere(merchantId: string, f: ConsentFilter): Prisma.ConsentRequestWhereInput {
  const where: Prisma.ConsentRequestWhereInput = { merchantId };
  if (f.status) where.status = f.status;
  if (f.kind) where.kind = f.kind;
  if (f.q) {
    const digits = f.q.replace(/[\s-]/g, "");
    where.OR = [
      { customerName: { contains: f.q } },
      { bankAccountName: { contains: f.q } },
      { documentTitle: { contains: f.q } },
      { id: f.q },
      ...(/^\d{4,11}$/.test(digits) ? [{ customerPhone: { contains: digits } }] : []),
      // an account number is searchable by its last four digits only (the rest is encrypted)
      ...(/^\d{4}$/.test(digits) ? [{ bankAccountLast4: digits }] : []),
      ...(/^\d{6,32}$/.test(digits) ? [{ receiptId: { contains: digits } }] : []),
      ...(readOrderNumber(f.q) ? [{ order: { orderNumber: readOrderNumber(f.q)! } }] : []),
    ];
  }
  if (f.from || f.to) {
    const range = kstDayRange(f.from, f.to);
    if (f.basis === "verified") where.verifiedAt = range;
    else where.createdAt = range;
  }
  return where;
}

/** What the staff list shows of a consent. */
const LIST_COLUMNS = {
  id: true,
  kind: true,
  channel: true,
  status: true,
  receiptId: true,
  customerName: true,
  customerPhone: true,
  bankName: true,
  bankAccountLast4: true,
  documentTitle: true,
  failureCode: true,
  createdAt: true,
  verifiedAt: true,
  order: { select: { orderNumber: true } },
  billId: true,
} as const;

export async function listConsents(merchantId: string, f: ConsentFilter, deps: { db?: Db } = {}) {
  const db = deps.db ?? defaultDb;
  const where = consentWhere(merchantId, f);
  return pageOf(
    f,
    () => db.consentRequest.count({ where }),
    (window) => db.consentRequest.findMany({ where, ...window, select: LIST_COLUMNS }),
  );
}

/** The latest configuration error in the timeline (last 24 h), for the admin banner. */
export async function latestConfigError(merchantId: string, deps: { db?: Db; now?: () => Date } = {}) {
  const db = deps.db ?? defaultDb;
  const since = new Date((deps.now?.() ?? new Date()).getTime() - 24 * 3600_000);
  return db.consentEvent.findFirst({
    where: { createdAt: { gt: since }, resultCode: { in: ["CONFIG", "CONFIG_RESULT_KEY"] }, consent: { merchantId } },
    orderBy: { createdAt: "desc" },
    select: { message: true, createdAt: true, consentId: true },
  });
}

export async function* consentsCsv(
  merchantId: string,
  f: Omit<ConsentFilter, "page" | "pageSize">,
  deps: { db?: Db } = {},
) {
  const db = deps.db ?? defaultDb;
  const where = consentWhere(merchantId, { ...f, page: 1, pageSize: 1 });
  yield (
    "\uFEFF" +
    csvLine([
      "요청ID",
      "종류",
      "방식",
      "상태",
      "접수아이디",
      "고객",
      "휴대폰",
      "은행",
      "계좌",
      "문서",
      "문서해시",
      "실패코드",
      "요청일시",
      "서명일시",
      "검증일시",
      "주문번호",
      "청구서ID",
    ])
  );
  const batches = batchesOf((window) =>
    db.consentRequest.findMany({
      where,
      ...window,
      include: { order: { select: { orderNumber: true } } },
    }),
  );
  for await (const batch of batches) {
    for (const c of batch) {
      yield csvLine([
        c.id,
        consentKindLabel[c.kind],
        c.channel === "APP" ? "앱투앱" : "톡메시지",
        consentStatusLabel[c.status],
        c.receiptId ?? "",
        maskName(c.customerName),
        maskPhone(c.customerPhone),
        c.bankName ?? "",
        c.bankAccountLast4 ? maskAccountNumber(c.bankAccountLast4) : "",
        c.documentTitle ?? "",
        c.documentHash ?? "",
        c.failureCode ?? "",
        c.requestedAt ?? c.createdAt,
        c.completedAt ?? "",
        c.verifiedAt ?? "",
        c.order?.orderNumber ?? "",
        c.billId ?? "",
      ]);
    }
  }
}
