// GET /api/admin/orders/export — the filtered order list as CSV (UTF-8 with BOM for Excel). Manager and
// owner only; every export is in the audit log with its filters and row count.
import { orderFilterSchema, ordersCsv } from "@/lib/admin/orders-query";
import { csvExportRoute } from "../../../../_lib/csv-export";

export const GET = csvExportRoute({
  perm: "export",
  filter: orderFilterSchema,
  rows: ordersCsv,
  action: "export.orders",
  label: "주문",
  file: "orders",
});
