import Link from "next/link";
import { formatWon } from "@/lib/money";
import { listOrders, orderFilterSchema } from "@/lib/admin/orders-query";
import { kstDateTime, kstDay } from "@/lib/admin/format";
import { paymentMethodText, providerShort } from "@/lib/admin/labels";
import { can } from "@/lib/admin/roles";
import { requireAdmin } from "../../../_lib/admin";
import { OrderDisplayBadge, orderStatusLabel } from "../../_components";
import type { Column, ListPageProps } from "../_components/list";
import { FilterPeriod, FilterSearch, filterQuery, ListPage, listFromSearch } from "../_components/list";

export const metadata = { title: "주문 관리" };

type Row = Awaited<ReturnType<typeof listOrders>>["rows"][number];

const payText = (o: Row, sep: string) =>
  o.payments[0]
    ? `${providerShort[o.payments[0].provider] ?? o.payments[0].provider}${o.payments[0].method ? `${sep}${paymentMethodText(o.payments[0].method)}` : ""}`
    : "";
const badge = (o: Row) => <OrderDisplayBadge status={o.status} paymentStatus={o.payments[0]?.status} />;

const COLUMNS: Column<Row>[] = [
  { header: "주문번호", className: "font-mono text-xs", link: true, cell: (o) => o.orderNumber },
  { header: "주문일시", className: "whitespace-nowrap text-ink-soft", cell: (o) => kstDateTime(o.createdAt) },
  { header: "주문자", cell: (o) => o.buyerName },
  { header: "상품", className: "max-w-56 truncate text-ink-soft", cell: (o) => o.itemSummary },
  { header: "결제", className: "whitespace-nowrap text-xs text-ink-soft", cell: (o) => payText(o, " · ") || "-" },
  {
    header: "금액",
    align: "right",
    className: "amount whitespace-nowrap font-semibold",
    cell: (o) => formatWon(o.totalAmount),
  },
  { header: "상태", cell: badge },
];

/** A row as a card on a phone. */
const CARD = (o: Row) => (
  <>
    <div className="flex items-center justify-between gap-2">
      <span className="font-mono text-xs font-semibold text-blue-700">{o.orderNumber}</span>
      {badge(o)}
    </div>
    <div className="mt-1 flex items-end justify-between gap-2 text-sm">
      <span className="min-w-0 truncate text-ink-soft">
        {o.buyerName} · {o.itemSummary}
      </span>
      <span className="amount shrink-0 font-semibold">{formatWon(o.totalAmount)}</span>
    </div>
    <p className="mt-1 text-xs text-ink-mute">
      {kstDateTime(o.createdAt)}
      {o.payments[0] && ` · ${payText(o, " ")}`}
    </p>
  </>
);

export default async function AdminOrders({ searchParams }: ListPageProps) {
  const admin = await requireAdmin();
  const sp = await searchParams;
  const list = await listFromSearch(orderFilterSchema, sp, (f) => listOrders(admin.merchantId, f));
  const { filter, issues } = list;
  const now = new Date();
  const today = kstDay(now);
  const presets = [
    { label: "오늘", from: today },
    { label: "1주일", from: kstDay(now, -6) },
    { label: "1개월", from: kstDay(now, -29) },
  ];
  const shown = { from: sp.from ?? "", to: sp.to ?? "" };
  const qs = filterQuery({ status: filter.status, q: filter.q, from: filter.from, to: filter.to, basis: filter.basis });
  return (
    <ListPage
      name="orders"
      title="주문 관리"
      csv={can(admin.role, "export") && !issues && { href: `/api/admin/orders/export?${qs()}` }}
      view={list.view({ columns: COLUMNS, href: (o) => `/admin/orders/${o.id}`, card: CARD })}
      beforeFilters={
        <div className="mb-2 flex flex-wrap gap-1.5 text-sm" aria-label="기간 빠른 선택">
          {presets.map((p) => {
            const on = shown.from === p.from && shown.to === today;
            return (
              <Link
                key={p.label}
                href={`?${qs({ from: p.from, to: today, page: undefined })}`}
                aria-current={on ? "true" : undefined}
                className={`rounded-full border px-3 py-1 ${on ? "border-ink bg-ink text-white" : "border-line bg-white hover:bg-paper"}`}
              >
                {p.label}
              </Link>
            );
          })}
          {(shown.from || shown.to) && (
            <Link
              href={`?${qs({ from: undefined, to: undefined, page: undefined })}`}
              className="rounded-full border border-line bg-white px-3 py-1 text-ink-soft hover:bg-paper"
            >
              기간 해제
            </Link>
          )}
        </div>
      }
      filterClassName="sm:grid-cols-[150px_1fr_130px_150px_150px_auto]"
      status={{ value: sp.status, options: orderStatusLabel }}
      filters={
        <>
          <FilterSearch value={sp.q} placeholder="주문번호, 주문자, 이메일, 휴대폰" />
          <FilterPeriod
            basis={{
              value: filter.basis,
              all: "주문일",
              options: { paid: "결제 완료일", refunded: "환불 완료일" },
              testId: "orders-basis",
            }}
            from={shown.from}
            to={shown.to}
            invalid={Boolean(issues)}
          />
        </>
      }
      query={qs}
      minWidth="min-w-[720px]"
      empty="조건에 맞는 주문이 없습니다."
    />
  );
}
