import Link from "next/link";
import { billExportFilterSchema as billFilterSchema } from "@/lib/bills/csv";
import { listBills } from "@/lib/bills/query";
import { can } from "@/lib/admin/roles";
import { requireAdmin } from "../../../_lib/admin";
import { FilterError, FilterSelect, kstDateTime, Pagination } from "../../_components";
import { BillStatusBadge, billStatusText, won, ymText, ymdText } from "./_ui";

export const metadata = { title: "청구서" };

export default async function AdminBills({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const admin = await requireAdmin();
  const sp = await searchParams;
  const parsed = billFilterSchema.safeParse(sp);
  const filter = parsed.success ? parsed.data : billFilterSchema.parse({});
  // A filter that does not parse shows only its error, never "all bills" as if it had matched.
  const result = parsed.success ? await listBills(admin.merchantId, filter) : { total: 0, pages: 1, rows: [] as Awaited<ReturnType<typeof listBills>>["rows"] };
  const monthValue = filter.month ? `${filter.month.slice(0, 4)}-${filter.month.slice(4)}` : "";
  const qs = (extra: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ status: filter.status, month: filter.month, customer: filter.customer, q: filter.q, due: filter.due, from: filter.from, to: filter.to, basis: filter.basis, ...extra })) if (v !== undefined && v !== "") p.set(k, String(v));
    return p.toString();
  };
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-2">
        <h1 className="text-xl font-bold">청구서</h1>
        <div className="flex gap-2">
          {can(admin.role, "export") && (
            <a href={`/api/admin/bills/export?${qs({})}`} className="btn-ghost py-2 text-sm" data-testid="bills-csv">
              CSV 내보내기
            </a>
          )}
          {can(admin.role, "bill.write") && (
            <Link href="/admin/bills/new" className="btn-kakao py-2 text-sm" data-testid="bill-new">
              + 청구서 만들기
            </Link>
          )}
        </div>
      </div>
      {!parsed.success && (
        <FilterError issues={parsed.error.issues} />
      )}
      <form className="card mb-4 grid grid-cols-2 gap-2 p-3 sm:grid-cols-[140px_160px_160px_1fr_auto] sm:items-end" role="search">
        <FilterSelect label="상태" name="status" value={filter.status} all="전체 상태" options={billStatusText} />
        <label className="text-xs text-ink-mute">
          청구 연월
          <input name="month" type="month" defaultValue={monthValue} className="input mt-1 py-2" />
        </label>
        <label className="col-span-2 text-xs text-ink-mute sm:col-span-1">
          고객번호
          <input name="customer" defaultValue={filter.customer} placeholder="예: APT-1011001" className="input mt-1 py-2" maxLength={50} />
        </label>
        <label className="col-span-2 text-xs text-ink-mute sm:col-span-1">
          검색어
          <input name="q" defaultValue={filter.q} placeholder="청구서명, 식별 코드, 고객 이름" className="input mt-1 py-2" maxLength={100} />
        </label>
        <button className="btn-dark col-span-2 py-2 sm:col-span-1">검색</button>
      </form>
      {(filter.due || filter.from || filter.to) && (
        <p className="mb-2 flex flex-wrap items-center gap-2 text-sm" data-testid="bills-range">
          <span className="rounded-full border border-line bg-white px-3 py-1">
            {filter.due ? "지금 납부할 수 있는 청구서 (미납·부분 납부·결제 취소)" : `${filter.basis === "paid" ? "납부일" : "작성일"} ${filter.from ?? ""} ~ ${filter.to ?? ""}`}
          </span>
          <Link href={`?${qs({ due: undefined, from: undefined, to: undefined, basis: undefined, page: undefined })}`} className="text-ink-soft underline">
            조건 해제
          </Link>
        </p>
      )}
      <p className="mb-2 text-sm text-ink-mute">총 {result.total.toLocaleString("ko-KR")}건</p>
      <ul className="space-y-2 sm:hidden" data-testid="bills-cards">
        {result.rows.map((b) => (
          <li key={b.id}>
            <Link href={`/admin/bills/${b.id}`} className="card block p-3">
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
                {ymText(b.billedYearMonth)}
                {b.ordinal && ` (${b.ordinal})`} · 납기 {b.expireType === "D0" ? "제한 없음" : ymdText(b.expireType === "D2" ? b.secondPayExpireDate : b.payExpireDate)}
                {b._count.links === 0 && " · 링크 없음"}
              </p>
            </Link>
          </li>
        ))}
        {result.rows.length === 0 && parsed.success && <li className="card p-6 text-center text-sm text-ink-mute">조건에 맞는 청구서가 없습니다.</li>}
      </ul>
      <div className="card hidden overflow-x-auto sm:block">
        <table className="w-full min-w-[760px] text-sm" data-testid="bills-table">
          <thead className="border-b border-line text-left text-ink-mute">
            <tr>
              <th className="p-3 font-medium">청구서</th>
              <th className="p-3 font-medium">고객</th>
              <th className="p-3 font-medium">청구 연월</th>
              <th className="p-3 font-medium">납기일</th>
              <th className="p-3 text-right font-medium">금액</th>
              <th className="p-3 font-medium">상태</th>
              <th className="p-3 font-medium">생성</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {result.rows.map((b) => (
              <tr key={b.id} className="hover:bg-paper">
                <td className="p-3">
                  <Link href={`/admin/bills/${b.id}`} className="font-semibold text-blue-700 hover:underline">
                    {b.title}
                  </Link>
                  <div className="font-mono text-xs text-ink-mute">{b.billerNoticeKey}</div>
                </td>
                <td className="p-3">
                  {b.customer.name}
                  <div className="font-mono text-xs text-ink-mute">{b.billerUserKey}</div>
                </td>
                <td className="whitespace-nowrap p-3 text-ink-soft">
                  {ymText(b.billedYearMonth)}
                  {b.ordinal && ` (${b.ordinal})`}
                </td>
                <td className="whitespace-nowrap p-3 text-ink-soft">{b.expireType === "D0" ? "제한 없음" : ymdText(b.expireType === "D2" ? b.secondPayExpireDate : b.payExpireDate)}</td>
                <td className="amount whitespace-nowrap p-3 text-right font-semibold">{won(b.amount)}</td>
                <td className="p-3">
                  <BillStatusBadge status={b.status} />
                  {b._count.links === 0 && <span className="ml-1 text-xs text-ink-mute">링크 없음</span>}
                </td>
                <td className="whitespace-nowrap p-3 text-ink-soft">{kstDateTime(b.createdAt)}</td>
              </tr>
            ))}
            {result.rows.length === 0 && (
              <tr>
                <td colSpan={7} className="p-8 text-center text-ink-mute">
                  조건에 맞는 청구서가 없습니다.
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
