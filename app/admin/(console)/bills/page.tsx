import Link from "next/link";
import { billExportFilterSchema as billFilterSchema } from "@/lib/bills/csv";
import { listBills } from "@/lib/bills/query";
import { can } from "@/lib/admin/roles";
import { requireAdmin } from "../../../_lib/admin";
import { kstDateTime } from "../../_components";
import type { Column, ListPageProps } from "../_components/list";
import { FilterInput, FilterSearch, filterQuery, ListPage, listFromSearch } from "../_components/list";
import { BillStatusBadge, billStatusText, won, ymText, ymdText } from "./_ui";

export const metadata = { title: "청구서" };

type Row = Awaited<ReturnType<typeof listBills>>["rows"][number];

const due = (b: Row) =>
  b.expireType === "D0" ? "제한 없음" : ymdText(b.expireType === "D2" ? b.secondPayExpireDate : b.payExpireDate);
const month = (b: Row) => `${ymText(b.billedYearMonth)}${b.ordinal ? ` (${b.ordinal})` : ""}`;

const COLUMNS: Column<Row>[] = [
  {
    header: "청구서",
    cell: (b) => (
      <>
        <Link href={`/admin/bills/${b.id}`} className="font-semibold text-blue-700 hover:underline">
          {b.title}
        </Link>
        <div className="font-mono text-xs text-ink-mute">{b.billerNoticeKey}</div>
      </>
    ),
  },
  {
    header: "고객",
    cell: (b) => (
      <>
        {b.customer.name}
        <div className="font-mono text-xs text-ink-mute">{b.billerUserKey}</div>
      </>
    ),
  },
  { header: "청구 연월", className: "whitespace-nowrap text-ink-soft", cell: month },
  { header: "납기일", className: "whitespace-nowrap text-ink-soft", cell: due },
  { header: "금액", align: "right", className: "amount whitespace-nowrap font-semibold", cell: (b) => won(b.amount) },
  {
    header: "상태",
    cell: (b) => (
      <>
        <BillStatusBadge status={b.status} />
        {b._count.links === 0 && <span className="ml-1 text-xs text-ink-mute">링크 없음</span>}
      </>
    ),
  },
  { header: "생성", className: "whitespace-nowrap text-ink-soft", cell: (b) => kstDateTime(b.createdAt) },
];

/** A row as a card on a phone. */
const CARD = (b: Row) => (
  <>
    <div className="flex items-start justify-between gap-2">
      <span className="min-w-0 font-semibold text-blue-700">{b.title}</span>
      <BillStatusBadge status={b.status} />
    </div>
    <div className="mt-1 flex items-end justify-between gap-2 text-sm">
      <span className="min-w-0 truncate text-ink-soft">
        {b.customer.name} <span className="font-mono text-xs text-ink-mute">{b.billerUserKey}</span>
      </span>
      <span className="amount shrink-0 font-semibold">{won(b.amount)}</span>
    </div>
    <p className="mt-1 text-xs text-ink-mute">
      {month(b)} · 납기 {due(b)}
      {b._count.links === 0 && " · 링크 없음"}
    </p>
  </>
);

export default async function AdminBills({ searchParams }: ListPageProps) {
  const admin = await requireAdmin();
  const list = await listFromSearch(billFilterSchema, await searchParams, (f) => listBills(admin.merchantId, f));
  const { filter } = list;
  const monthValue = filter.month ? `${filter.month.slice(0, 4)}-${filter.month.slice(4)}` : "";
  const qs = filterQuery({
    status: filter.status,
    month: filter.month,
    customer: filter.customer,
    q: filter.q,
    due: filter.due,
    from: filter.from,
    to: filter.to,
    basis: filter.basis,
  });
  return (
    <ListPage
      name="bills"
      title="청구서"
      csv={can(admin.role, "export") && { href: `/api/admin/bills/export?${qs()}`, testId: "bills-csv" }}
      actions={
        can(admin.role, "bill.write") && (
          <Link href="/admin/bills/new" className="btn-kakao py-2 text-sm" data-testid="bill-new">
            + 청구서 만들기
          </Link>
        )
      }
      view={list.view({ columns: COLUMNS, href: (b) => `/admin/bills/${b.id}`, card: CARD })}
      filterClassName="grid-cols-2 sm:grid-cols-[140px_160px_160px_1fr_auto]"
      filterButtonClassName="col-span-2 sm:col-span-1"
      status={{ value: filter.status, options: billStatusText }}
      filters={
        <>
          <FilterInput label="청구 연월" name="month" type="month" value={monthValue} />
          <FilterInput
            label="고객번호"
            name="customer"
            value={filter.customer}
            placeholder="예: APT-1011001"
            maxLength={50}
            className="col-span-2 sm:col-span-1"
          />
          <FilterSearch value={filter.q} placeholder="청구서명, 식별 코드, 고객 이름" wide />
        </>
      }
      afterFilters={
        (filter.due || filter.from || filter.to) && (
          <p className="mb-2 flex flex-wrap items-center gap-2 text-sm" data-testid="bills-range">
            <span className="rounded-full border border-line bg-white px-3 py-1">
              {filter.due
                ? "지금 납부할 수 있는 청구서 (미납·부분 납부·결제 취소)"
                : `${filter.basis === "paid" ? "납부일" : "작성일"} ${filter.from ?? ""} ~ ${filter.to ?? ""}`}
            </span>
            <Link
              href={`?${qs({ due: undefined, from: undefined, to: undefined, basis: undefined, page: undefined })}`}
              className="text-ink-soft underline"
            >
              조건 해제
            </Link>
          </p>
        )
      }
      query={qs}
      minWidth="min-w-[760px]"
      empty="조건에 맞는 청구서가 없습니다."
    />
  );
}
