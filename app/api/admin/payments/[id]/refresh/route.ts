// POST /api/admin/payments/:id/refresh — order lookup at the provider, reconcile local state.
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { appError } from "@/lib/errors";
import { refreshPayment } from "@/lib/payments/refresh";
import { audit, withAdmin } from "../../../../../_lib/admin";
import { refuseBody } from "../../../../../_lib/body";
import { errorResponse, withErrors } from "../../../../../_lib/http";

const ID = /^[a-z0-9]{20,40}$/;

export const POST = withErrors(
  withAdmin(
    async (admin, req: Request, ctx: { params: Promise<{ id: string }> }) => {
      const big = refuseBody(req);
      if (big) return errorResponse(big);
      const { id } = await ctx.params;
      if (!ID.test(id)) return errorResponse(appError("NOT_FOUND", "결제를 찾을 수 없습니다."));
      const payment = await db.payment.findFirst({
        where: { id, order: { merchantId: admin.merchantId } },
        select: { id: true, provider: true },
      });
      if (!payment) return errorResponse(appError("NOT_FOUND", "결제를 찾을 수 없습니다."));
      const r = await refreshPayment(id, payment.provider);
      await audit(admin, {
        action: "payment.refresh",
        summary: `결제사 상태 조회 (API): ${r.message}`.slice(0, 300),
        target: { type: "payment", id },
      });
      return NextResponse.json(r);
    },
    { mutation: true, perm: "payment.refresh" },
  ),
);
