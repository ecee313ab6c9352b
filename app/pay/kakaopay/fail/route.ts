// KakaoPay sends the customer here (GET fail_url?payment=…) when the payment does not go through.
import { z } from "zod";
import { abandonPayment } from "@/lib/payments/approve-payment";
import { seeOther, withErrors } from "../../../_lib/http";
import { canSeeOrder } from "../../../_lib/request";

export const dynamic = "force-dynamic";

const query = z.object({ payment: z.string().min(1).max(40), t: z.string().max(64).optional() });

export const GET = withErrors(async (req: Request) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return seeOther("/orders/lookup?error=bad_return");
  const r = await abandonPayment({ provider: "KAKAOPAY", paymentId: parsed.data.payment, reason: "fail", attemptToken: parsed.data.t });
  if (r.kind === "not_found") return seeOther("/orders/lookup?error=bad_return");
  if (r.kind === "forbidden") return seeOther((await canSeeOrder(r.orderNumber)) ? `/orders/${r.orderNumber}` : "/orders/lookup?error=bad_return");
  return seeOther(`/orders/${r.orderNumber}`);
});
