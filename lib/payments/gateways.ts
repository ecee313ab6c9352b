// Builds provider gateways from the validated env. The only place that knows which env key feeds
// which provider.
import { env } from "../env";
import { createKakaoPayGateway } from "../providers/kakaopay";
import { createPayUpClient, createPayUpGateway, type PayUpGateway } from "../providers/payup";
import type { PaymentGateway, ProviderName, RedirectPaymentGateway } from "./gateway";

let kakaopay: RedirectPaymentGateway | undefined;
let payup: PayUpGateway | undefined;

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

export function payUpGateway(): PayUpGateway {
  if (!payup) {
    const e = env();
    payup = createPayUpGateway(
      createPayUpClient({ baseUrl: e.PAYUP_API_BASE, merchantId: e.PAYUP_MERCHANT_ID, apiCertKey: e.PAYUP_API_CERT_KEY, timeoutMs: e.PROVIDER_TIMEOUT_MS }),
    );
  }
  return payup;
}

export function gatewayFor(provider: ProviderName): PaymentGateway {
  return provider === "PAYUP_KCP" ? payUpGateway() : kakaoPayGateway();
}
