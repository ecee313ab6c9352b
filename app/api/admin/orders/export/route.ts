// GET /api/admin/orders/export — the filtered order list as CSV (UTF-8 with BOM for Excel).
import { appError } from "@/lib/errors";
import { orderFilterSchema, ordersCsv } from "@/lib/admin/orders-query";
import { withAdmin } from "../../../../_lib/admin";
import { csvResponse, errorResponse, withErrors } from "../../../../_lib/http";

export const GET = withErrors(
  withAdmin(async (admin, req: Request) => {
    const parsed = orderFilterSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!parsed.success) return errorResponse(appError("VALIDATION", parsed.error.issues[0]?.message));
    return csvResponse(ordersCsv(admin.merchantId, parsed.data), "orders");
  }),
);
