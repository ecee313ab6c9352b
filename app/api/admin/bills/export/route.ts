// GET /api/admin/bills/export — the filtered bill list as CSV (UTF-8 with BOM for Excel). Manager and
// owner only; every export is in the audit log with its filters and row count.
import { billExportFilterSchema, billsCsv } from "@/lib/bills/csv";
import { csvExportRoute } from "../../../../_lib/csv-export";

export const GET = csvExportRoute({
  perm: "export",
  filter: billExportFilterSchema,
  rows: billsCsv,
  action: "export.bills",
  label: "청구서",
  file: "bills",
});
