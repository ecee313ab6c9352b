import Link from "next/link";
import { consentFilterSchema, latestConfigError, listConsents } from "@/lib/consents/query";
import { maskAccountNumber } from "@/lib/admin/format";
import { consentKindLabel, consentStatusLabel } from "@/lib/consents/state";
import { maskName, maskPhone } from "@/lib/shop/order-access";
import { can } from "@/lib/admin/roles";
import { requireAdmin } from "../../../_lib/admin";
import { FilterError, FilterSelect, kstDateTime, Pagination } from "../../_components";
import { ConsentBadge } from "./_ui";

export const metadata = { title: "동의·서명 관리" };

export default async function AdminConsents({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const admin = await requireAdmin();
  const sp = await searchParams;
  const parsed = consentFilterSchema.safeParse(sp);
  const filter = parsed.success ? parsed.data : consentFilterSchema.parse({});
  const [result, configError] = await Promise.all([listConsents(admin.merchantId, filter), latestConfigError(admin.merchantId)]);
  const qs = (extra: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ status: filter.status, kind: filter.kind, q: filter.q, from: filter.from, to: filter.to, basis: filter.basis, ...extra })) if (v !== undefined && v !== "") p.set(k, String(v));
    return p.toString();
  };
  const what = (r: (typeof result.rows)[number]) => (r.kind === "CMS" ? `${r.bankName ?? ""} ${maskAccountNumber(r.bankAccountLast4)}` : (r.documentTitle ?? ""));
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-2">
        <h1 className="text-xl font-bold">동의·서명</h1>
        {can(admin.role, "export") && (
          <a href={`/api/admin/consents/export?${qs({})}`} className="btn-ghost py-2 text-sm" data-testid="csv-export">
            CSV 내보내기
          </a>
        )}
      </div>
      {configError && (
        <div className="mb-3 rounded-xl border border-red-200 bg-red-50 p-3 text-sm text-red-800" role="alert" data-testid="config-error">
          <p className="font-semibold">카카오 인증 연동 설정 오류 ({kstDateTime(configError.createdAt)})</p>
          <p className="mt-1 break-all">{configError.message}</p>
          <Link href={`/admin/consents/${configError.consentId}`} className="mt-1 inline-block underline">
            해당 요청 보기
          </Link>
        </div>
      )}
      {!parsed.success && (
        <FilterError issues={parsed.error.issues} />
      )}
      <form className="card mb-4 grid grid-cols-2 gap-2 p-3 sm:grid-cols-[130px_130px_1fr_120px_150px_150px_auto] sm:items-end" role="search">
        <FilterSelect label="상태" name="status" value={filter.status} all="전체 상태" options={consentStatusLabel} />
        <label className="text-xs text-ink-mute">
          종류
          <select name="kind" defaultValue={filter.kind ?? ""} className="input mt-1 py-2">
            <option value="">전체 종류</option>
            <option value="CMS">{consentKindLabel.CMS}</option>
            <option value="ESIGN">{consentKindLabel.ESIGN}</option>
          </select>
        </label>
        <label className="col-span-2 text-xs text-ink-mute sm:col-span-1">
          검색어
          <input name="q" defaultValue={filter.q} placeholder="이름, 휴대폰, 접수아이디, 주문번호" className="input mt-1 py-2" maxLength={100} />
        </label>
        <label className="col-span-2 text-xs text-ink-mute sm:col-span-1">
          기간 기준
          <select name="basis" defaultValue={filter.basis ?? ""} className="input mt-1 py-2">
            <option value="">요청일</option>
            <option value="verified">검증일</option>
          </select>
        </label>
        <label className="text-xs text-ink-mute">
          시작일
          <input name="from" type="date" defaultValue={filter.from} className="input mt-1 py-2" aria-invalid={!parsed.success} />
        </label>
        <label className="text-xs text-ink-mute">
          종료일
          <input name="to" type="date" defaultValue={filter.to} className="input mt-1 py-2" aria-invalid={!parsed.success} />
        </label>
        <button className="btn-dark col-span-2 py-2 sm:col-span-1">검색</button>
      </form>
      <p className="mb-2 text-sm text-ink-mute">총 {result.total.toLocaleString("ko-KR")}건</p>
      <ul className="space-y-2 sm:hidden" data-testid="consents-cards">
        {result.rows.map((r) => (
          <li key={r.id}>
            <Link href={`/admin/consents/${r.id}`} className="card block p-3">
              <div className="flex items-center justify-between gap-2">
                <span className="text-sm font-semibold">{consentKindLabel[r.kind]}</span>
                <ConsentBadge status={r.status} />
              </div>
              <p className="mt-1 truncate text-sm text-ink-soft">
                {maskName(r.customerName)} · {maskPhone(r.customerPhone)} · {what(r)}
              </p>
              <p className="mt-1 text-xs text-ink-mute">{kstDateTime(r.createdAt)}</p>
            </Link>
          </li>
        ))}
        {result.rows.length === 0 && <li className="card p-6 text-center text-sm text-ink-mute">조건에 맞는 요청이 없습니다.</li>}
      </ul>
      <div className="card hidden overflow-x-auto sm:block">
        <table className="w-full min-w-[820px] text-sm" data-testid="consents-table">
          <thead className="border-b border-line text-left text-ink-mute">
            <tr>
              <th className="p-3 font-medium">요청일시</th>
              <th className="p-3 font-medium">종류</th>
              <th className="p-3 font-medium">고객</th>
              <th className="p-3 font-medium">내용</th>
              <th className="p-3 font-medium">연결</th>
              <th className="p-3 font-medium">상태</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {result.rows.map((r) => (
              <tr key={r.id} className="hover:bg-paper">
                <td className="whitespace-nowrap p-3">
                  <Link href={`/admin/consents/${r.id}`} className="font-semibold text-blue-700 hover:underline">
                    {kstDateTime(r.createdAt)}
                  </Link>
                </td>
                <td className="whitespace-nowrap p-3">
                  {consentKindLabel[r.kind]}
                  {r.channel === "APP" && <span className="ml-1 text-xs text-ink-mute">앱투앱</span>}
                </td>
                <td className="whitespace-nowrap p-3">
                  {maskName(r.customerName)} <span className="text-ink-mute">{maskPhone(r.customerPhone)}</span>
                </td>
                <td className="max-w-56 truncate p-3 text-ink-soft">{what(r)}</td>
                <td className="whitespace-nowrap p-3 font-mono text-xs">{r.order?.orderNumber ?? (r.billId ? "청구서" : "-")}</td>
                <td className="p-3">
                  <ConsentBadge status={r.status} />
                  {r.failureCode && <span className="ml-1 font-mono text-[11px] text-ink-mute">{r.failureCode}</span>}
                </td>
              </tr>
            ))}
            {result.rows.length === 0 && (
              <tr>
                <td colSpan={6} className="p-8 text-center text-ink-mute">
                  조건에 맞는 요청이 없습니다.
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
