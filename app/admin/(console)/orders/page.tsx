import Link from "next/link";
import { formatWon } from "@/lib/money";
import { listOrders, orderFilterSchema } from "@/lib/admin/orders-query";
import { kstDateTime, kstDay } from "@/lib/admin/format";
import { paymentMethodText, providerShort } from "@/lib/admin/labels";
import { can } from "@/lib/admin/roles";
import { requireAdmin } from "../../../_lib/admin";
import { OrderDisplayBadge, orderStatusLabel } from "../../_components";
import {
  Cell,
  type ColumnHead,
  CsvLink,
  FilterError,
  FilterForm,
  FilterInput,
  FilterSelect,
  filterQuery,
  ListCard,
  ListCards,
  ListHeader,
  ListRow,
  ListTable,
  Pagination,
  ResultCount,
} from "../_components/list";

export const metadata = { title: "주문 관리" };

const EMPTY = "조건에 맞는 주문이 없습니다.";
const COLUMNS: ColumnHead[] = [
  { header: "주문번호" },
  { header: "주문일시" },
  { header: "주문자" },
  { header: "상품" },
  { header: "결제" },
  { header: "금액", align: "right" },
  { header: "상태" },
];

export default async function AdminOrders({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const admin = await requireAdmin();
  const sp = await searchParams;
  const parsed = orderFilterSchema.safeParse(sp);
  const filter = parsed.success ? parsed.data : orderFilterSchema.parse({});
  const result = parsed.success
    ? await listOrders(admin.merchantId, filter)
    : { total: 0, pages: 1, rows: [] as Awaited<ReturnType<typeof listOrders>>["rows"] };
  const now = new Date();
  const today = kstDay(now);
  const presets = [
    { label: "오늘", from: today },
    { label: "1주일", from: kstDay(now, -6) },
    { label: "1개월", from: kstDay(now, -29) },
  ];
  const shown = { from: sp.from ?? "", to: sp.to ?? "" };
  const qs = filterQuery({ status: filter.status, q: filter.q, from: filter.from, to: filter.to, basis: filter.basis });
  type Row = (typeof result.rows)[number];
  const payText = (o: Row, sep: string) =>
    o.payments[0]
      ? `${providerShort[o.payments[0].provider] ?? o.payments[0].provider}${o.payments[0].method ? `${sep}${paymentMethodText(o.payments[0].method)}` : ""}`
      : "";
  return (
    <div>
      <ListHeader title="주문 관리">
        {can(admin.role, "export") && parsed.success && <CsvLink href={`/api/admin/orders/export?${qs()}`} />}
      </ListHeader>
      {!parsed.success && <FilterError issues={parsed.error.issues} />}
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
      <FilterForm className="sm:grid-cols-[150px_1fr_130px_150px_150px_auto]">
        <FilterSelect label="상태" name="status" value={sp.status} all="전체 상태" options={orderStatusLabel} />
        <FilterInput
          label="검색어"
          name="q"
          value={sp.q}
          placeholder="주문번호, 주문자, 이메일, 휴대폰"
          maxLength={100}
        />
        <FilterSelect
          label="기간 기준"
          name="basis"
          value={filter.basis}
          all="주문일"
          options={{ paid: "결제 완료일", refunded: "환불 완료일" }}
          testId="orders-basis"
        />
        <FilterInput label="시작일" name="from" type="date" value={shown.from} invalid={!parsed.success} />
        <FilterInput label="종료일" name="to" type="date" value={shown.to} invalid={!parsed.success} />
      </FilterForm>
      {parsed.success && <ResultCount total={result.total} />}
      <ListCards testId="orders-cards" empty={parsed.success ? EMPTY : null}>
        {result.rows.map((o) => (
          <ListCard key={o.id} href={`/admin/orders/${o.id}`}>
            <div className="flex items-center justify-between gap-2">
              <span className="font-mono text-xs font-semibold text-blue-700">{o.orderNumber}</span>
              <OrderDisplayBadge status={o.status} paymentStatus={o.payments[0]?.status} />
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
          </ListCard>
        ))}
      </ListCards>
      <ListTable testId="orders-table" minWidth="min-w-[720px]" columns={COLUMNS} empty={parsed.success ? EMPTY : null}>
        {result.rows.map((o) => (
          <ListRow key={o.id}>
            <Cell className="font-mono text-xs">
              <Link href={`/admin/orders/${o.id}`} className="font-semibold text-blue-700 hover:underline">
                {o.orderNumber}
              </Link>
            </Cell>
            <Cell className="whitespace-nowrap text-ink-soft">{kstDateTime(o.createdAt)}</Cell>
            <Cell>{o.buyerName}</Cell>
            <Cell className="max-w-56 truncate text-ink-soft">{o.itemSummary}</Cell>
            <Cell className="whitespace-nowrap text-xs text-ink-soft">{payText(o, " · ") || "-"}</Cell>
            <Cell align="right" className="amount whitespace-nowrap font-semibold">
              {formatWon(o.totalAmount)}
            </Cell>
            <Cell>
              <OrderDisplayBadge status={o.status} paymentStatus={o.payments[0]?.status} />
            </Cell>
          </ListRow>
        ))}
      </ListTable>
      <Pagination page={filter.page} pages={result.pages} href={(page) => `?${qs({ page })}`} />
    </div>
  );
}
