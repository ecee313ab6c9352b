// POST /api/admin/payments/:id/refund {amount, taxFree, reason, idempotencyKey}
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { appError } from "@/lib/errors";
import { gatewayFor } from "@/lib/payments/gateways";
import { refundPayment } from "@/lib/payments/refund";
import { withAdmin } from "../../../../../_lib/admin";
import { errorResponse, withErrors } from "../../../../../_lib/http";

export const POST = withErrors(
  withAdmin(
    async (admin, req: Request, ctx: { params: Promise<{ id: string }> }) => {
      const { id } = await ctx.params;
      const payment = await db.payment.findFirst({ where: { id, order: { merchantId: admin.merchantId } }, select: { id: true, provider: true } });
      if (!payment) return errorResponse(appError("NOT_FOUND", "결제를 찾을 수 없습니다."));
      const body = (await req.json().catch(() => null)) as Record<string, unknown> | null;
      if (!body || typeof body !== "object") return errorResponse(appError("VALIDATION", "JSON 본문이 필요합니다."));
      const r = await refundPayment({ ...(body as object), paymentId: id } as never, { adminId: admin.adminId }, { gateway: gatewayFor(payment.provider) });
      if (!r.ok) return errorResponse(r.error);
      return NextResponse.json(r.value, { status: r.value.status === "DONE" ? 200 : r.value.status === "UNKNOWN" ? 202 : 502 });
    },
    { mutation: true },
  ),
);
