// GET /api/admin/audit/export — the filtered audit log as CSV (owner only; the export itself is audited).
import { appError } from "@/lib/errors";
import { auditCsv, auditFilterSchema } from "@/lib/admin/audit-query";
import { auditedCsv } from "@/lib/admin/export-audit";
import { withAdmin } from "../../../../_lib/admin";
import { csvResponse, errorResponse, withErrors } from "../../../../_lib/http";
import { currentIp } from "../../../../_lib/ratelimit";

export const GET = withErrors(
  withAdmin(
    async (admin, req: Request) => {
      const parsed = auditFilterSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
      if (!parsed.success) return errorResponse(appError("VALIDATION", parsed.error.issues[0]?.message));
      const { page: _p, ...filters } = parsed.data;
      const rows = auditedCsv(auditCsv(admin.merchantId, parsed.data), {
        actor: { adminId: admin.adminId, email: admin.email, merchantId: admin.merchantId },
        action: "export.audit",
        label: "감사 로그",
        filters,
        ip: await currentIp(),
      });
      return csvResponse(rows, "audit");
    },
    { perm: "audit.read" },
  ),
);
