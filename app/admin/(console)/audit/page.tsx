import { AUDIT_ACTIONS, listAudit } from "@/lib/admin/audit";
import { auditFilterSchema, toAuditFilter } from "@/lib/admin/audit-query";
import { kstDateTime } from "@/lib/admin/format";
import { requireAdmin } from "../../../_lib/admin";
import {
  CsvLink,
  EmptyState,
  FilterError,
  FilterForm,
  FilterInput,
  FilterPeriod,
  FilterSelect,
  filterQuery,
  ListHeader,
  listFromSearch,
  Pagination,
  ResultCount,
} from "../_components/list";

export const metadata = { title: "감사 로그" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const admin = await requireAdmin("audit.read");
  const sp = await searchParams;
  const {
    filter: q,
    issues,
    result: r,
  } = await listFromSearch(auditFilterSchema, sp, (f) =>
    listAudit(admin.merchantId, { ...toAuditFilter(f), page: f.page, pageSize: 50 }),
  );
  const qs = filterQuery({ action: q.action, actor: q.actor, from: q.from, to: q.to });
  return (
    <div>
      <ListHeader
        title="감사 로그"
        description="직원의 로그인, 환불, 내보내기, 개인정보 보기, 직원 변경 기록. 지우거나 고칠 수 없습니다."
      >
        {!issues && <CsvLink href={`/api/admin/audit/export?${qs()}`} testId="audit-csv" />}
      </ListHeader>
      {issues && <FilterError issues={issues} />}
      <FilterForm className="sm:grid-cols-[180px_1fr_150px_150px_auto]">
        <FilterSelect label="작업" name="action" value={sp.action} all="전체" options={AUDIT_ACTIONS} />
        <FilterInput label="직원 이메일" name="actor" value={sp.actor} maxLength={200} />
        <FilterPeriod from={sp.from} to={sp.to} invalid={Boolean(issues)} />
      </FilterForm>
      {!issues && <ResultCount total={r.total} />}
      {/* Audit rows are read as a log at every width: one card per entry, no table. */}
      <ul className="space-y-2" data-testid="audit-list">
        {r.rows.map((e) => (
          <li
            key={e.id}
            className="card grid gap-1 p-3 text-sm sm:grid-cols-[170px_150px_1fr] sm:gap-3"
            data-action={e.action}
          >
            <span className="whitespace-nowrap text-ink-mute">{kstDateTime(e.createdAt)}</span>
            <span className="font-semibold">
              {AUDIT_ACTIONS[e.action as keyof typeof AUDIT_ACTIONS] ?? e.action}
              <span className="ml-1 font-mono text-[11px] font-normal text-ink-mute">{e.action}</span>
            </span>
            <span className="min-w-0">
              <span className="break-words">{e.summary}</span>
              <span className="block break-all text-xs text-ink-mute">
                {e.actorEmail}
                {e.ip && ` · ${e.ip}`}
                {e.targetType && ` · ${e.targetType} ${e.targetId ?? ""}`}
              </span>
            </span>
          </li>
        ))}
        {r.rows.length === 0 && !issues && <EmptyState as="li">기록이 없습니다.</EmptyState>}
      </ul>
      <Pagination page={q.page} pages={r.pages} href={(page) => `?${qs({ page })}`} />
    </div>
  );
}
