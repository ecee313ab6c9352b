// GET /api/admin/bills/export — the filtered bill list as CSV (UTF-8 with BOM for Excel).
import { appError } from "@/lib/errors";
import { billFilterSchema, billsCsv } from "@/lib/bills/query";
import { withAdmin } from "../../../../_lib/admin";
import { errorResponse, withErrors } from "../../../../_lib/http";

export const GET = withErrors(
  withAdmin(async (admin, req: Request) => {
    const parsed = billFilterSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!parsed.success) return errorResponse(appError("VALIDATION", parsed.error.issues[0]?.message));
    const gen = billsCsv(admin.merchantId, parsed.data);
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
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="bills-${day}.csv"`, "Cache-Control": "no-store" },
    });
  }),
);
