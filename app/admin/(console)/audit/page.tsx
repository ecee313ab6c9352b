import { AUDIT_ACTIONS, listAudit } from "@/lib/admin/audit";
import { auditFilterSchema, toAuditFilter } from "@/lib/admin/audit-query";
import { kstDateTime } from "@/lib/admin/format";
import { requireAdmin } from "../../../_lib/admin";
import { FilterSelect, Pagination } from "../../_components";

export const metadata = { title: "감사 로그" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const admin = await requireAdmin("audit.read");
  const sp = await searchParams;
  const parsed = auditFilterSchema.safeParse(sp);
  const q = parsed.success ? parsed.data : auditFilterSchema.parse({});
  const r = parsed.success ? await listAudit(admin.merchantId, { ...toAuditFilter(q), page: q.page, pageSize: 50 }) : { total: 0, rows: [], pages: 1 };
  const qs = (extra: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ action: q.action, actor: q.actor, from: q.from, to: q.to, ...extra })) if (v !== undefined && v !== "") p.set(k, String(v));
    return p.toString();
  };
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-xl font-bold">감사 로그</h1>
          <p className="text-xs text-ink-mute">직원의 로그인, 환불, 내보내기, 개인정보 보기, 직원 변경 기록. 지우거나 고칠 수 없습니다.</p>
        </div>
        {parsed.success && (
          <a href={`/api/admin/audit/export?${qs({})}`} className="btn-ghost py-2 text-sm" data-testid="audit-csv">
            CSV 내보내기
          </a>
        )}
      </div>
      {!parsed.success && (
        <p className="mb-3 rounded-xl bg-red-50 p-3 text-sm text-red-700" role="alert">
          {parsed.error.issues[0]?.message ?? "검색 조건을 확인해 주세요."}
        </p>
      )}
      <form className="card mb-4 grid gap-2 p-3 sm:grid-cols-[180px_1fr_150px_150px_auto] sm:items-end" role="search">
        <FilterSelect label="작업" name="action" value={sp.action} all="전체" options={AUDIT_ACTIONS} />
        <label className="text-xs text-ink-mute">
          직원 이메일
          <input name="actor" defaultValue={sp.actor ?? ""} className="input mt-1 py-2" maxLength={200} />
        </label>
        <label className="text-xs text-ink-mute">
          시작일
          <input name="from" type="date" defaultValue={sp.from ?? ""} className="input mt-1 py-2" />
        </label>
        <label className="text-xs text-ink-mute">
          종료일
          <input name="to" type="date" defaultValue={sp.to ?? ""} className="input mt-1 py-2" />
        </label>
        <button className="btn-dark py-2">검색</button>
      </form>
      <p className="mb-2 text-sm text-ink-mute">총 {r.total.toLocaleString("ko-KR")}건</p>
      <ul className="space-y-2" data-testid="audit-list">
        {r.rows.map((e) => (
          <li key={e.id} className="card grid gap-1 p-3 text-sm sm:grid-cols-[170px_150px_1fr] sm:gap-3" data-action={e.action}>
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
        {r.rows.length === 0 && <li className="card p-6 text-center text-sm text-ink-mute">기록이 없습니다.</li>}
      </ul>
      <Pagination page={q.page} pages={r.pages} href={(page) => `?${qs({ page })}`} />
    </div>
  );
}
