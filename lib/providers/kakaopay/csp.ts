// What KakaoPay's payment needs the browser to reach (lib/payments/port.ts ProviderCsp): its API host,
// where the checkout's form post may lead. Pure: proxy.ts builds the CSP from it on every request.
import type { Env } from "../../env";
import type { ProviderCsp } from "../../payments/port";

export function kakaoPayCsp(e: Pick<Env, "KAKAOPAY_API_BASE">): ProviderCsp {
  return { formAction: [e.KAKAOPAY_API_BASE] };
}
