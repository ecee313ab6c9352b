import Link from "next/link";
import { consentFilterSchema, latestConfigError, listConsents } from "@/lib/consents/query";
import { maskAccountNumber } from "@/lib/admin/format";
import { consentKindLabel, consentStatusLabel } from "@/lib/consents/state";
import { maskName, maskPhone } from "@/lib/shop/order-access";
import { can } from "@/lib/admin/roles";
import { requireAdmin } from "../../../_lib/admin";
import { kstDateTime } from "../../_components";
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
import { ConsentBadge } from "./_ui";

export const metadata = { title: "동의·서명 관리" };

const EMPTY = "조건에 맞는 요청이 없습니다.";
const COLUMNS: ColumnHead[] = [
  { header: "요청일시" },
  { header: "종류" },
  { header: "고객" },
  { header: "내용" },
  { header: "연결" },
  { header: "상태" },
];

export default async function AdminConsents({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const admin = await requireAdmin();
  const sp = await searchParams;
  const parsed = consentFilterSchema.safeParse(sp);
  const filter = parsed.success ? parsed.data : consentFilterSchema.parse({});
  // A filter that does not parse shows only its error, never every request as if it had matched.
  const [result, configError] = await Promise.all([
    parsed.success
      ? listConsents(admin.merchantId, filter)
      : { total: 0, pages: 1, rows: [] as Awaited<ReturnType<typeof listConsents>>["rows"] },
    latestConfigError(admin.merchantId),
  ]);
  const qs = filterQuery({
    status: filter.status,
    kind: filter.kind,
    q: filter.q,
    from: filter.from,
    to: filter.to,
    basis: filter.basis,
  });
  const what = (r: (typeof result.rows)[number]) =>
    r.kind === "CMS" ? `${r.bankName ?? ""} ${maskAccountNumber(r.bankAccountLast4)}` : (r.documentTitle ?? "");
  return (
    <div>
      <ListHeader title="동의·서명">
        {can(admin.role, "export") && parsed.success && <CsvLink href={`/api/admin/consents/export?${qs()}`} />}
      </ListHeader>
      {configError && (
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
      )}
      {!parsed.success && <FilterError issues={parsed.error.issues} />}
      <FilterForm
        className="grid-cols-2 sm:grid-cols-[130px_130px_1fr_120px_150px_150px_auto]"
        buttonClassName="col-span-2 sm:col-span-1"
      >
        <FilterSelect label="상태" name="status" value={filter.status} all="전체 상태" options={consentStatusLabel} />
        <FilterSelect label="종류" name="kind" value={filter.kind} all="전체 종류" options={consentKindLabel} />
        <FilterInput
          label="검색어"
          name="q"
          value={filter.q}
          placeholder="이름, 휴대폰, 접수아이디, 주문번호"
          maxLength={100}
          className="col-span-2 sm:col-span-1"
        />
        <FilterSelect
          label="기간 기준"
          name="basis"
          value={filter.basis}
          all="요청일"
          options={{ verified: "검증일" }}
          className="col-span-2 sm:col-span-1"
        />
        <FilterInput label="시작일" name="from" type="date" value={filter.from} invalid={!parsed.success} />
        <FilterInput label="종료일" name="to" type="date" value={filter.to} invalid={!parsed.success} />
      </FilterForm>
      {parsed.success && <ResultCount total={result.total} />}
      <ListCards testId="consents-cards" empty={parsed.success ? EMPTY : null}>
        {result.rows.map((r) => (
          <ListCard key={r.id} href={`/admin/consents/${r.id}`}>
            <div className="flex items-center justify-between gap-2">
              <span className="text-sm font-semibold">{consentKindLabel[r.kind]}</span>
              <ConsentBadge status={r.status} />
            </div>
            <p className="mt-1 truncate text-sm text-ink-soft">
              {maskName(r.customerName)} · {maskPhone(r.customerPhone)} · {what(r)}
            </p>
            <p className="mt-1 text-xs text-ink-mute">{kstDateTime(r.createdAt)}</p>
          </ListCard>
        ))}
      </ListCards>
      <ListTable
        testId="consents-table"
        minWidth="min-w-[820px]"
        columns={COLUMNS}
        empty={parsed.success ? EMPTY : null}
      >
        {result.rows.map((r) => (
          <ListRow key={r.id}>
            <Cell className="whitespace-nowrap">
              <Link href={`/admin/consents/${r.id}`} className="font-semibold text-blue-700 hover:underline">
                {kstDateTime(r.createdAt)}
              </Link>
            </Cell>
            <Cell className="whitespace-nowrap">
              {consentKindLabel[r.kind]}
              {r.channel === "APP" && <span className="ml-1 text-xs text-ink-mute">앱투앱</span>}
            </Cell>
            <Cell className="whitespace-nowrap">
              {maskName(r.customerName)} <span className="text-ink-mute">{maskPhone(r.customerPhone)}</span>
            </Cell>
            <Cell className="max-w-56 truncate text-ink-soft">{what(r)}</Cell>
            <Cell className="whitespace-nowrap font-mono text-xs">
              {r.order?.orderNumber ?? (r.billId ? "청구서" : "-")}
            </Cell>
            <Cell>
              <ConsentBadge status={r.status} />
              {r.failureCode && <span className="ml-1 font-mono text-[11px] text-ink-mute">{r.failureCode}</span>}
            </Cell>
          </ListRow>
        ))}
      </ListTable>
      <Pagination page={filter.page} pages={result.pages} href={(page) => `?${qs({ page })}`} />
    </div>
  );
}
