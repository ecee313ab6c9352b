// POST /api/admin/payments/:id/refund {amount, taxFree, reason, idempotencyKey}
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { appError } from "@/lib/errors";
import { paymentProvider } from "@/lib/payments/providers";
import { refundPayment } from "@/lib/payments/refund";
import { audit, withAdmin } from "../../../../../_lib/admin";
import { readJsonCapped } from "../../../../../_lib/body";
import { errorResponse, withErrors } from "../../../../../_lib/http";

const ID = /^[a-z0-9]{20,40}$/;

export const POST = withErrors(
  withAdmin(
    async (admin, req: Request, ctx: { params: Promise<{ id: string }> }) => {
      const { id } = await ctx.params;
      if (!ID.test(id)) return errorResponse(appError("NOT_FOUND", "결제를 찾을 수 없습니다."));
      // JSON only, at most 16 KB, read with the cap (before the payment is even looked up).
      const read = await readJsonCapped(req);
      if (!read.ok) return errorResponse(read.error);
      const payment = await db.payment.findFirst({
        where: { id, order: { merchantId: admin.merchantId } },
        select: { id: true, provider: true },
      });
      if (!payment) return errorResponse(appError("NOT_FOUND", "결제를 찾을 수 없습니다."));
      const body = read.value as Record<string, unknown> | null;
      if (!body || typeof body !== "object" || Array.isArray(body))
        return errorResponse(appError("VALIDATION", "JSON 본문이 필요합니다."));
      const r = await refundPayment(
        { ...(body as object), paymentId: id } as never,
        { adminId: admin.adminId },
        { gateway: paymentProvider(payment.provider) },
      );
      await audit(admin, {
        action: "payment.refund",
        summary: r.ok ? `환불 요청 (API) → ${r.value.status}` : `환불 거절 (API): ${r.error.message}`.slice(0, 300),
        target: { type: "payment", id },
        detail: {
          amount: typeof body.amount === "number" ? body.amount : null,
          result: r.ok ? r.value.status : r.error.code,
        },
      });
      if (!r.ok) return errorResponse(r.error);
      return NextResponse.json(r.value, {
        status: r.value.status === "DONE" ? 200 : r.value.status === "UNKNOWN" ? 202 : 502,
      });
    },
    { mutation: true, perm: "refund" },
  ),
);
