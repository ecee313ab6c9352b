// Builds provider gateways from the validated env. The only place that knows which env key feeds
// which provider.
import { env } from "../env";
import { createKakaoPayGateway } from "../providers/kakaopay";
import type { RedirectPaymentGateway } from "./gateway";

let kakaopay: RedirectPaymentGateway | undefined;

export function kakaoPayGateway(): RedirectPaymentGateway {
  if (!kakaopay) {
    const e = env();
    kakaopay = createKakaoPayGateway({
      baseUrl: e.KAKAOPAY_API_BASE,
      secretKey: e.KAKAOPAY_SECRET_KEY,
      cid: e.KAKAOPAY_CID,
      timeoutMs: e.PROVIDER_TIMEOUT_MS,
    });
  }
  return kakaopay;
}
