// GET /orders/:orderNumber/check — where the receipt's "결제 확인 중" refresh goes: asks the provider when
// the outcome is overdue (lib/payments/receipt.ts), then back to the receipt. The receipt page itself
// only reads.
import { isOrderNumber } from "@/lib/orders/order-number";
import { refreshOpenPayment } from "@/lib/payments/receipt";
import { seeOther, withErrors } from "../../../../_lib/http";
import { canSeeOrder } from "../../../../_lib/request";

export const dynamic = "force-dynamic";

export const GET = withErrors(async (_req: Request, ctx: { params: Promise<{ orderNumber: string }> }) => {
  const { orderNumber } = await ctx.params;
  if (!isOrderNumber(orderNumber)) return seeOther("/orders/lookup");
  if (!(await canSeeOrder(orderNumber))) return seeOther(`/orders/lookup?orderNumber=${orderNumber}`);
  await refreshOpenPayment(orderNumber);
  return seeOther(`/orders/${orderNumber}`);
});
