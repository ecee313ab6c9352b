// GET /api/admin/bills/export — the filtered bill list as CSV (UTF-8 with BOM for Excel). Manager and
// owner only; every export is in the audit log with its filters and row count.
import { appError } from "@/lib/errors";
import { auditedCsv } from "@/lib/admin/export-audit";
import { billExportFilterSchema, billsCsv } from "@/lib/bills/csv";
import { withAdmin } from "../../../../_lib/admin";
import { csvResponse, errorResponse, withErrors } from "../../../../_lib/http";
import { currentIp } from "../../../../_lib/ratelimit";

export const GET = withErrors(
  withAdmin(
    async (admin, req: Request) => {
      // Everything is checked before the first byte: a bad filter is a 400 with its message, never a cut CSV.
      const parsed = billExportFilterSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
      if (!parsed.success) return errorResponse(appError("VALIDATION", parsed.error.issues[0]?.message));
      const { page: _p, pageSize: _s, ...filters } = parsed.data as typeof parsed.data & { page?: number; pageSize?: number };
      const rows = auditedCsv(billsCsv(admin.merchantId, parsed.data), {
        actor: { adminId: admin.adminId, email: admin.email, merchantId: admin.merchantId },
        action: "export.bills",
        label: "청구서",
        filters,
        ip: await currentIp(),
      });
      return csvResponse(rows, "bills");
    },
    { perm: "export" },
  ),
);
