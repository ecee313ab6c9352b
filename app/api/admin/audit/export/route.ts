// GET /api/admin/audit/export — the filtered audit log as CSV (owner only; the export itself is audited).
import { auditCsv, auditFilterSchema } from "@/lib/admin/audit-query";
import { csvExportRoute } from "../../../../_lib/csv-export";

export const GET = csvExportRoute({
  perm: "audit.read",
  filter: auditFilterSchema,
  rows: auditCsv,
  action: "export.audit",
  label: "감사 로그",
  file: "audit",
});
