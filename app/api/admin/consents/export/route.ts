// GET /api/admin/consents/export — the filtered consent list as CSV (UTF-8 with BOM, personal data masked).
import { appError } from "@/lib/errors";
import { consentFilterSchema, consentsCsv } from "@/lib/consents/query";
import { withAdmin } from "../../../../_lib/admin";
import { errorResponse, withErrors } from "../../../../_lib/http";

export const GET = withErrors(
  withAdmin(async (admin, req: Request) => {
    const parsed = consentFilterSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!parsed.success) return errorResponse(appError("VALIDATION", parsed.error.issues[0]?.message));
    const gen = consentsCsv(admin.merchantId, parsed.data);
    const encoder = new TextEncoder();
    const stream = new ReadableStream({
      async pull(controller) {
        const { value, done } = await gen.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      },
    });
    const day = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="consents-${day}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  }),
);
