import Link from "next/link";
import { consentFilterSchema, latestConfigError, listConsents } from "@/lib/consents/query";
import { maskAccountNumber } from "@/lib/admin/format";
import { consentKindLabel, consentStatusLabel } from "@/lib/consents/state";
import { maskName, maskPhone } from "@/lib/shop/order-access";
import { can } from "@/lib/admin/roles";
import { requireAdmin } from "../../../_lib/admin";
import { kstDateTime } from "../../_components";
import type { Column, ListPageProps } from "../_components/list";
import { FilterPeriod, FilterSelect, FilterSearch, filterQuery, ListPage, listFromSearch } from "../_components/list";
import { ConsentBadge } from "./_ui";

export const metadata = { title: "동의·서명 관리" };

type Row = Awaited<ReturnType<typeof listConsents>>["rows"][number];

const what = (r: Row) =>
  r.kind === "CMS" ? `${r.bankName ?? ""} ${maskAccountNumber(r.bankAccountLast4)}` : (r.documentTitle ?? "");

const COLUMNS: Column<Row>[] = [
  { header: "요청일시", className: "whitespace-nowrap", link: true, cell: (r) => kstDateTime(r.createdAt) },
  {
    header: "종류",
    className: "whitespace-nowrap",
    cell: (r) => (
      <>
        {consentKindLabel[r.kind]}
        {r.channel === "APP" && <span className="ml-1 text-xs text-ink-mute">앱투앱</span>}
      </>
    ),
  },
  {
    header: "고객",
    className: "whitespace-nowrap",
    cell: (r) => (
      <>
        {maskName(r.customerName)} <span className="text-ink-mute">{maskPhone(r.customerPhone)}</span>
      </>
    ),
  },
  { header: "내용", className: "max-w-56 truncate text-ink-soft", cell: what },
  {
    header: "연결",
    className: "whitespace-nowrap font-mono text-xs",
    cell: (r) => r.order?.orderNumber ?? (r.billId ? "청구서" : "-"),
  },
  {
    header: "상태",
    cell: (r) => (
      <>
        <ConsentBadge status={r.status} />
        {r.failureCode && <span className="ml-1 font-mono text-[11px] text-ink-mute">{r.failureCode}</span>}
      </>
    ),
  },
];

/** A row as a card on a phone. */
const CARD = (r: Row) => (
  <>
    <div className="flex items-center justify-between gap-2">
      <span className="text-sm font-semibold">{consentKindLabel[r.kind]}</span>
      <ConsentBadge status={r.status} />
    </div>
    <p className="mt-1 truncate text-sm text-ink-soft">
      {maskName(r.customerName)} · {maskPhone(r.customerPhone)} · {what(r)}
    </p>
    <p className="mt-1 text-xs text-ink-mute">{kstDateTime(r.createdAt)}</p>
  </>
);

export default async function AdminConsents({ searchParams }: ListPageProps) {
  const admin = await requireAdmin();
  const sp = await searchParams;
  const [list, configError] = await Promise.all([
    listFromSearch(consentFilterSchema, sp, (f) => listConsents(admin.merchantId, f)),
    latestConfigError(admin.merchantId),
  ]);
  const { filter, issues } = list;
  const qs = filterQuery({
    status: filter.status,
    kind: filter.kind,
    q: filter.q,
    from: filter.from,
    to: filter.to,
    basis: filter.basis,
  });
  return (
    <ListPage
      name="consents"
      title="동의·서명"
      csv={can(admin.role, "export") && !issues && { href: `/api/admin/consents/export?${qs()}` }}
      notice={
        configError && (
          <div
            className="mb-3 rounded-xl border border-red-200 bg-red-50 p-3 text-sm text-red-800"
            role="alert"
            data-testid="config-error"
          >
            <p className="font-semibold">카카오 인증 연동 설정 오류 ({kstDateTime(configError.createdAt)})</p>
            <p className="mt-1 break-all">{configError.message}</p>
            <Link href={`/admin/consents/${configError.consentId}`} className="mt-1 inline-block underline">
              해당 요청 보기
            </Link>
          </div>
        )
      }
      view={list.view({ columns: COLUMNS, href: (r) => `/admin/consents/${r.id}`, card: CARD })}
      filterClassName="grid-cols-2 sm:grid-cols-[130px_130px_1fr_120px_150px_150px_auto]"
      filterButtonClassName="col-span-2 sm:col-span-1"
      status={{ value: filter.status, options: consentStatusLabel }}
      filters={
        <>
          <FilterSelect label="종류" name="kind" value={filter.kind} all="전체 종류" options={consentKindLabel} />
          <FilterSearch value={filter.q} placeholder="이름, 휴대폰, 접수아이디, 주문번호" wide />
          <FilterPeriod
            basis={{
              value: filter.basis,
              all: "요청일",
              options: { verified: "검증일" },
              className: "col-span-2 sm:col-span-1",
            }}
            from={filter.from}
            to={filter.to}
            invalid={Boolean(issues)}
          />
        </>
      }
      query={qs}
      minWidth="min-w-[820px]"
      empty="조건에 맞는 요청이 없습니다."
    />
  );
}
