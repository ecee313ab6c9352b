// GET /api/admin/orders?status=&q=&from=&to=&page=&pageSize= — staff order search (JSON, any role; phone masked).
import { NextResponse } from "next/server";
import { appError } from "@/lib/errors";
import { maskPhoneNumber } from "@/lib/admin/format";
import { listOrders, orderFilterSchema } from "@/lib/admin/orders-query";
import { withAdmin } from "../../../_lib/admin";
import { errorResponse, withErrors } from "../../../_lib/http";

export const GET = withErrors(
  withAdmin(async (admin, req: Request) => {
    const parsed = orderFilterSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!parsed.success) return errorResponse(appError("VALIDATION", parsed.error.issues[0]?.message));
    const r = await listOrders(admin.merchantId, parsed.data);
    return NextResponse.json({
      total: r.total,
      page: r.page,
      pages: r.pages,
      orders: r.rows.map((o) => ({
        id: o.id,
        orderNumber: o.orderNumber,
        status: o.status,
        createdAt: o.createdAt,
        buyerName: o.buyerName,
        buyerPhone: maskPhoneNumber(o.buyerPhone), // lists are masked for every role
        itemSummary: o.itemSummary,
        totalAmount: o.totalAmount,
        refundedAmount: o.refundedAmount,
        payment: o.payments[0] ?? null,
      })),
    });
  }),
);
