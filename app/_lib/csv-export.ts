// The admin CSV exports (orders, bills, consents, audit log): one route shape. The role is checked, the filter is
// parsed before the first byte (a bad filter is a 400 with its message, never a cut CSV), and the stream is wrapped
// so the export is in the audit log with its filters and row count.
import type { z } from "zod";
import type { AuditAction } from "@/lib/admin/audit";
import { auditedCsv } from "@/lib/admin/export-audit";
import type { Permission } from "@/lib/admin/roles";
import { appError } from "@/lib/errors";
import { withAdmin } from "./admin";
import { csvResponse, errorResponse, withErrors } from "./http";
import { currentIp } from "./ratelimit";

export function csvExportRoute<S extends z.ZodType<object>>(opts: {
  perm: Permission;
  /** the list's filter (from the query string) */
  filter: S;
  /** the CSV chunks: the header line first, then one per row */
  rows: (merchantId: string, filter: z.output<S>) => AsyncGenerator<string>;
  /** the audit row: its action and what was exported ("주문 12행 내보냄") */
  action: AuditAction;
  label: string;
  /** the download's file name, without the date and extension */
  file: string;
}) {
  return withErrors(
    withAdmin(
      async (admin, req: Request) => {
        const parsed = opts.filter.safeParse(Object.fromEntries(new URL(req.url).searchParams));
        if (!parsed.success) return errorResponse(appError("VALIDATION", parsed.error.issues[0]?.message));
        // the audit row keeps the filters, not the list page the staff member was on
        const { page: _p, pageSize: _s, ...filters } = parsed.data as Record<string, unknown>;
        const rows = auditedCsv(opts.rows(admin.merchantId, parsed.data), {
          actor: { adminId: admin.adminId, email: admin.email, merchantId: admin.merchantId },
          action: opts.action,
          label: opts.label,
          filters,
          ip: await currentIp(),
        });
        return csvResponse(rows, opts.file);
      },
      { perm: opts.perm },
    ),
  );
}
