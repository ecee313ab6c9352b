// GET /api/admin/consents/export — the filtered consent list as CSV (UTF-8 with BOM, personal data masked).
import { appError } from "@/lib/errors";
import { consentFilterSchema, consentsCsv } from "@/lib/consents/query";
import { withAdmin } from "../../../../_lib/admin";
import { csvResponse, errorResponse, withErrors } from "../../../../_lib/http";

export const GET = withErrors(
  withAdmin(async (admin, req: Request) => {
    const parsed = consentFilterSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!parsed.success) return errorResponse(appError("VALIDATION", parsed.error.issues[0]?.message));
    return csvResponse(consentsCsv(admin.merchantId, parsed.data), "consents");
  }),
);
