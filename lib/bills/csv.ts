// The bill list as staff settle it (CSV, UTF-8 with BOM for Excel): KST times from the one formatter
// (lib/kst.ts via csvCell), Korean statuses, due-date rule, payment method and card company in words,
// paid / cancelled amounts with their latest dates and KakaoPay's 결제번호 (pay_id) for the agency.
// Streams in batches of 500, so memory stays flat however many bills match.
import { z } from "zod";
import { db as defaultDb, type Db } from "../db";
import { csvLine } from "../admin/orders-query";
import { batchesOf } from "../paging";
import { cardCompanyName } from "./providers";
import { billFilterSchema, billWhere, type BillFilter } from "./query";
import { billStatusLabel } from "./state";

const realDay = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

/**
 * The bill filter with everything a query would otherwise trip over checked first: real calendar days
 * and a range that does not run backwards. The export answers 400 with the message before a byte of CSV.
 */
export const billExportFilterSchema = billFilterSchema.superRefine((f, ctx) => {
  for (const k of ["from", "to"] as const) {
    const v = f[k];
    if (v && !realDay(v))
      ctx.addIssue({
        code: "custom",
        path: [k],
        message: `${k === "from" ? "시작일" : "종료일"}이 달력에 없는 날짜입니다.`,
      });
  }
  if (f.from && f.to && f.from > f.to)
    ctx.addIssue({ code: "custom", path: ["from"], message: "시작일이 종료일보다 늦습니다. 기간을 다시 골라 주세요." });
});

export const BILL_CSV_HEADER = [
  "청구서 식별 코드",
  "고객번호",
  "고객",
  "청구서명",
  "청구 연월",
  "회차",
  "청구 금액",
  "비과세",
  "부가세",
  "납부 기한",
  "납기일",
  "2차 납기일",
  "상태",
  "납부 금액",
  "최근 납부일시(KST)",
  "결제수단",
  "카드사",
  "결제번호",
  "취소 금액",
  "최근 취소일시(KST)",
  "링크",
  "작성일시(KST)",
] as const;

const expireTypeText: Record<string, string> = { D0: "납기 무관", D1: "납기일까지", D2: "두 번째 납기일까지" };
const payByText: Record<string, string> = { CARD: "카드", MONEY: "카카오페이머니", MONEY_TRANSFER: "계좌 송금" };
const ym = (v: string | null) => (v ? `${v.slice(0, 4)}-${v.slice(4)}` : "");
const ymd = (v: string | null) => (v ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6)}` : "");
const latest = (dates: (Date | null | undefined)[]) =>
  dates.filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0];

export async function* billsCsv(merchantId: string, f: Omit<BillFilter, "page" | "pageSize">, deps: { db?: Db } = {}) {
  const db = deps.db ?? defaultDb;
  const where = billWhere(merchantId, f);
  yield "\uFEFF" + BILL_CSV_HEADER.join(",") + "\n";
  const batches = batchesOf((window) =>
    db.bill.findMany({
      where,
      ...window,
      include: {
        customer: { select: { name: true } },
        payments: { orderBy: { paidAt: "asc" }, select: { payId: true, payBy: true, cardCompany: true, paidAt: true } },
        cancellations: { where: { status: "APPLIED" }, select: { cancelledAt: true } },
        _count: { select: { links: true } },
      },
    }),
  );
  for await (const batch of batches) {
    for (const b of batch) {
      const last = b.payments[b.payments.length - 1];
      const methods = [...new Set(b.payments.map((p) => payByText[p.payBy] ?? p.payBy))];
      const cards = [...new Set(b.payments.flatMap((p) => (p.cardCompany ? [cardCompanyName(p.cardCompany)] : [])))];
      yield csvLine([
        b.billerNoticeKey,
        b.billerUserKey,
        b.customer.name,
        b.title,
        ym(b.billedYearMonth),
        b.ordinal ?? "",
        b.amount,
        b.taxFreeAmount,
        b.vatAmount,
        expireTypeText[b.expireType] ?? b.expireType,
        ymd(b.payExpireDate),
        ymd(b.secondPayExpireDate),
        billStatusLabel[b.status] ?? b.status,
        b.paidAmount,
        latest([last?.paidAt, b.paidAt]) ?? "",
        methods.join(" / "),
        cards.join(" / "),
        b.payments.map((p) => p.payId.toString()).join(" "),
        b.cancelledAmount,
        latest([...b.cancellations.map((c) => c.cancelledAt), b.cancelledAt]) ?? "",
        b._count.links > 0 ? "발급" : "미발급",
        b.createdAt,
      ]);
    }
  }
}

export type BillExportFilter = z.infer<typeof billExportFilterSchema>;
