import Link from "next/link";
import { formatWon } from "@/lib/money";
import { listOrders, orderFilterSchema } from "@/lib/admin/orders-query";
import { kstDateTime, kstDay } from "@/lib/admin/format";
import { paymentMethodText, providerShort } from "@/lib/admin/labels";
import { orderDisplay } from "@/lib/admin/order-display";
import { can } from "@/lib/admin/roles";
import { requireAdmin } from "../../../_lib/admin";
import { FilterError, FilterSelect, orderStatusLabel, Pagination } from "../../_components";

function OrderBadge({ o }: { o: { status: Parameters<typeof orderDisplay>[0]; payments: { status: Parameters<typeof orderDisplay>[1] }[] } }) {
  const d = orderDisplay(o.status, o.payments[0]?.status);
  return (
    <span className={`inline-block whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-semibold ${d.tone}`} data-status={o.status} data-display={d.key}>
      {d.label}
    </span>
  );
}

export const metadata = { title: "주문 관리" };

export default async function AdminOrders({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const admin = await requireAdmin();
  const sp = await searchParams;
  const parsed = orderFilterSchema.safeParse(sp);
  const filter = parsed.success ? parsed.data : orderFilterSchema.parse({});
  const result = parsed.success ? await listOrders(admin.merchantId, filter) : { total: 0, pages: 1, rows: [] as Awaited<ReturnType<typeof listOrders>>["rows"] };
  const now = new Date();
  const today = kstDay(now);
  const presets = [
    { label: "오늘", from: today },
    { label: "1주일", from: kstDay(now, -6) },
    { label: "1개월", from: kstDay(now, -29) },
  ];
  const shown = { from: sp.from ?? "", to: sp.to ?? "" };
  const qs = (extra: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ status: filter.status, q: filter.q, from: filter.from, to: filter.to, basis: filter.basis, ...extra })) if (v !== undefined && v !== "") p.set(k, String(v));
    return p.toString();
  };
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-2">
        <h1 className="text-xl font-bold">주문 관리</h1>
        {can(admin.role, "export") && parsed.success && (
          <a href={`/api/admin/orders/export?${qs({})}`} className="btn-ghost py-2 text-sm" data-testid="csv-export">
            CSV 내보내기
          </a>
        )}
      </div>
      {!parsed.success && (
        <FilterError issues={parsed.error.issues} />
      )}
      <div className="mb-2 flex flex-wrap gap-1.5 text-sm" aria-label="기간 빠른 선택">
        {presets.map((p) => {
          const on = shown.from === p.from && shown.to === today;
          return (
            <Link key={p.label} href={`?${qs({ from: p.from, to: today, page: undefined })}`} aria-current={on ? "true" : undefined} className={`rounded-full border px-3 py-1 ${on ? "border-ink bg-ink text-white" : "border-line bg-white hover:bg-paper"}`}>
              {p.label}
            </Link>
          );
        })}
        {(shown.from || shown.to) && (
          <Link href={`?${qs({ from: undefined, to: undefined, page: undefined })}`} className="rounded-full border border-line bg-white px-3 py-1 text-ink-soft hover:bg-paper">
            기간 해제
          </Link>
        )}
      </div>
      <form className="card mb-4 grid gap-2 p-3 sm:grid-cols-[150px_1fr_130px_150px_150px_auto] sm:items-end" role="search">
        <FilterSelect label="상태" name="status" value={sp.status} all="전체 상태" options={orderStatusLabel} />
        <label className="text-xs text-ink-mute">
          검색어
          <input name="q" defaultValue={sp.q ?? ""} placeholder="주문번호, 주문자, 이메일, 휴대폰" className="input mt-1 py-2" maxLength={100} />
        </label>
        <label className="text-xs text-ink-mute">
          기간 기준
          <select name="basis" defaultValue={filter.basis ?? ""} className="input mt-1 py-2" data-testid="orders-basis">
            <option value="">주문일</option>
            <option value="paid">결제 완료일</option>
            <option value="refunded">환불 완료일</option>
          </select>
        </label>
        <label className="text-xs text-ink-mute">
          시작일
          <input name="from" type="date" defaultValue={shown.from} className="input mt-1 py-2" aria-invalid={!parsed.success} />
        </label>
        <label className="text-xs text-ink-mute">
          종료일
          <input name="to" type="date" defaultValue={shown.to} className="input mt-1 py-2" aria-invalid={!parsed.success} />
        </label>
        <button className="btn-dark py-2">검색</button>
      </form>
      {parsed.success && <p className="mb-2 text-sm text-ink-mute">총 {result.total.toLocaleString("ko-KR")}건</p>}
      <ul className="space-y-2 sm:hidden" data-testid="orders-cards">
        {result.rows.map((o) => (
          <li key={o.id}>
            <Link href={`/admin/orders/${o.id}`} className="card block p-3">
              <div className="flex items-center justify-between gap-2">
                <span className="font-mono text-xs font-semibold text-blue-700">{o.orderNumber}</span>
                <OrderBadge o={o} />
              </div>
              <div className="mt-1 flex items-end justify-between gap-2 text-sm">
                <span className="min-w-0 truncate text-ink-soft">
                  {o.buyerName} · {o.itemSummary}
                </span>
                <span className="amount shrink-0 font-semibold">{formatWon(o.totalAmount)}</span>
              </div>
              <p className="mt-1 text-xs text-ink-mute">
                {kstDateTime(o.createdAt)}
                {o.payments[0] && ` · ${providerShort[o.payments[0].provider] ?? o.payments[0].provider}${o.payments[0].method ? ` ${paymentMethodText(o.payments[0].method)}` : ""}`}
              </p>
            </Link>
          </li>
        ))}
        {result.rows.length === 0 && parsed.success && <li className="card p-6 text-center text-sm text-ink-mute">조건에 맞는 주문이 없습니다.</li>}
      </ul>
      <div className="card hidden overflow-x-auto sm:block">
        <table className="w-full min-w-[720px] text-sm" data-testid="orders-table">
          <thead className="border-b border-line text-left text-ink-mute">
            <tr>
              <th className="p-3 font-medium">주문번호</th>
              <th className="p-3 font-medium">주문일시</th>
              <th className="p-3 font-medium">주문자</th>
              <th className="p-3 font-medium">상품</th>
              <th className="p-3 font-medium">결제</th>
              <th className="p-3 text-right font-medium">금액</th>
              <th className="p-3 font-medium">상태</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {result.rows.map((o) => (
              <tr key={o.id} className="hover:bg-paper">
                <td className="p-3 font-mono text-xs">
                  <Link href={`/admin/orders/${o.id}`} className="font-semibold text-blue-700 hover:underline">
                    {o.orderNumber}
                  </Link>
                </td>
                <td className="whitespace-nowrap p-3 text-ink-soft">{kstDateTime(o.createdAt)}</td>
                <td className="p-3">{o.buyerName}</td>
                <td className="max-w-56 truncate p-3 text-ink-soft">{o.itemSummary}</td>
                <td className="whitespace-nowrap p-3 text-xs text-ink-soft">
                  {o.payments[0] ? `${providerShort[o.payments[0].provider] ?? o.payments[0].provider}${o.payments[0].method ? ` · ${paymentMethodText(o.payments[0].method)}` : ""}` : "-"}
                </td>
                <td className="amount whitespace-nowrap p-3 text-right font-semibold">{formatWon(o.totalAmount)}</td>
                <td className="p-3">
                  <OrderBadge o={o} />
                </td>
              </tr>
            ))}
            {result.rows.length === 0 && (
              <tr hidden={!parsed.success}>
                <td colSpan={7} className="p-8 text-center text-ink-mute">
                  조건에 맞는 주문이 없습니다.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pagination page={filter.page} pages={result.pages} href={(page) => `?${qs({ page })}`} />
    </div>
  );
}
