// GET /api/admin/consents/export — the filtered consent list as CSV (UTF-8 with BOM for Excel). Manager and
// owner only; every export is in the audit log with its filters and row count.
import { appError } from "@/lib/errors";
import { auditedCsv } from "@/lib/admin/export-audit";
import { consentFilterSchema, consentsCsv } from "@/lib/consents/query";
import { withAdmin } from "../../../../_lib/admin";
import { csvResponse, errorResponse, withErrors } from "../../../../_lib/http";
import { currentIp } from "../../../../_lib/ratelimit";

export const GET = withErrors(
  withAdmin(
    async (admin, req: Request) => {
      const parsed = consentFilterSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
      if (!parsed.success) return errorResponse(appError("VALIDATION", parsed.error.issues[0]?.message));
      const { page: _p, pageSize: _s, ...filters } = parsed.data as typeof parsed.data & { page?: number; pageSize?: number };
      const rows = auditedCsv(consentsCsv(admin.merchantId, parsed.data), {
        actor: { adminId: admin.adminId, email: admin.email, merchantId: admin.merchantId },
        action: "export.consents",
        label: "동의·서명",
        filters,
        ip: await currentIp(),
      });
      return csvResponse(rows, "consents");
    },
    { perm: "export" },
  ),
);
