// KakaoPay sends the customer here after they pay: GET approval_url?payment=…&pg_token=…
import { z } from "zod";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { acceptReturn } from "@/lib/payments/approve-payment";
import { kakaoPayGateway } from "@/lib/payments/gateways";
import { seeOther, withErrors } from "../../../_lib/http";
import { canSeeOrder } from "../../../_lib/request";

export const dynamic = "force-dynamic";

const query = z.object({ payment: z.string().min(1).max(40), t: z.string().max(64).optional(), pg_token: z.string().min(1).max(64) });

export const GET = withErrors(async (req: Request) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return seeOther("/orders/lookup?error=bad_return");
  const outcome = await acceptReturn({ paymentId: parsed.data.payment, pgToken: parsed.data.pg_token, attemptToken: parsed.data.t }, { gateway: kakaoPayGateway(), providerTimeoutMs: env().PROVIDER_TIMEOUT_MS });
  if (outcome.kind !== "in_progress" && outcome.kind !== "paid") log.warn({ outcome: outcome.kind, ...("message" in outcome && { message: outcome.message }) }, "KakaoPay return not claimed");
  if (outcome.kind === "not_found") return seeOther("/orders/lookup?error=bad_return");
  // Not this attempt's return: nothing changed; the buyer's own browser still sees their order.
  if (outcome.kind === "forbidden") return seeOther((await canSeeOrder(outcome.orderNumber)) ? `/orders/${outcome.orderNumber}` : "/orders/lookup?error=bad_return");
  return seeOther(`/orders/${outcome.orderNumber}`);
});
