// GET /api/admin/bills/export — the filtered bill list as CSV (UTF-8 with BOM for Excel).
import { appError } from "@/lib/errors";
import { billFilterSchema, billsCsv } from "@/lib/bills/query";
import { withAdmin } from "../../../../_lib/admin";
import { csvResponse, errorResponse, withErrors } from "../../../../_lib/http";

export const GET = withErrors(
  withAdmin(async (admin, req: Request) => {
    const parsed = billFilterSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!parsed.success) return errorResponse(appError("VALIDATION", parsed.error.issues[0]?.message));
    return csvResponse(billsCsv(admin.merchantId, parsed.data), "bills");
  }),
);
