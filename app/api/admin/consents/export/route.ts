// GET /api/admin/consents/export — the filtered consent list as CSV (UTF-8 with BOM for Excel). Manager and
// owner only; every export is in the audit log with its filters and row count.
import { consentFilterSchema, consentsCsv } from "@/lib/consents/query";
import { csvExportRoute } from "../../../../_lib/csv-export";

export const GET = csvExportRoute({
  perm: "export",
  filter: consentFilterSchema,
  rows: consentsCsv,
  action: "export.consents",
  label: "동의·서명",
  file: "consents",
});
