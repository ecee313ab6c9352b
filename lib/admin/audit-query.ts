// The audit page's filter (shared by the page and its CSV export).
import { z } from "zod";
import { filterDate } from "../input/filters";
import { AUDIT_ACTIONS, auditRows, type AuditFilter } from "./audit";
import { kstDayRange } from "../kst";
import { kstDateTime } from "./format";
import { csvLine } from "./orders-query";

export const auditFilterSchema = z
  .object({
    action: z
      .string()
      .refine((a) => a === "" || Object.hasOwn(AUDIT_ACTIONS, a), "알 수 없는 작업입니다.")
      .optional(),
    actor: z
      .string()
      .trim()
      .max(200)
      .regex(/^[^\p{Cc}]*$/u, "사용할 수 없는 문자가 있습니다.")
      .optional(),
    from: filterDate,
    to: filterDate,
    page: z.coerce.number().int().min(1).max(100000).default(1),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: "시작일이 종료일보다 늦습니다. 기간을 다시 골라 주세요.",
    path: ["from"],
  });
export type AuditQuery = z.infer<typeof auditFilterSchema>;

export function toAuditFilter(q: AuditQuery): AuditFilter {
  const days = kstDayRange(q.from || undefined, q.to || undefined);
  return { action: q.action || undefined, actor: q.actor || undefined, from: days.gte, to: days.lt };
}

export async function* auditCsv(merchantId: string, q: AuditQuery) {
  yield "\uFEFF" + ["일시(KST)", "작업", "작업 코드", "직원", "내용", "대상", "대상 ID", "IP", "세부"].join(",") + "\n";
  for await (const r of auditRows(merchantId, toAuditFilter(q))) {
    yield csvLine([
      kstDateTime(r.createdAt),
      AUDIT_ACTIONS[r.action as keyof typeof AUDIT_ACTIONS] ?? r.action,
      r.action,
      r.actorEmail,
      r.summary,
      r.targetType ?? "",
      r.targetId ?? "",
      r.ip ?? "",
      r.detail ? JSON.stringify(r.detail) : "",
    ]);
  }
}
