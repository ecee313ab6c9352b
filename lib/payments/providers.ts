// The payment providers this shop offers, built from the validated env. The composition root of
// lib/payments: the only file here that imports concrete provider folders (lib/providers/<name>/).
// Adding a provider = its adapter folder (meeting ./port.ts) + one entry below.
import { env } from "../env";
import { createKakaoPayGateway, kakaoPayCodeTone } from "../providers/kakaopay";
import { createPayUpClient, createPayUpGateway, payUpCodeTone } from "../providers/payup";
import type { CodeTone, PaymentProvider, ProviderName } from "./port";

/** Every provider, in the order the checkout offers them. */
const factories: Record<ProviderName, () => PaymentProvider> = {
  KAKAOPAY: () => {
    const e = env();
    return createKakaoPayGateway({
      baseUrl: e.KAKAOPAY_API_BASE,
      secretKey: e.KAKAOPAY_SECRET_KEY,
      cid: e.KAKAOPAY_CID,
      timeoutMs: e.PROVIDER_TIMEOUT_MS,
    });
  },
  PAYUP_KCP: () => {
    const e = env();
    return createPayUpGateway(
      createPayUpClient({
        baseUrl: e.PAYUP_API_BASE,
        merchantId: e.PAYUP_MERCHANT_ID,
        apiCertKey: e.PAYUP_API_CERT_KEY,
        timeoutMs: e.PROVIDER_TIMEOUT_MS,
      }),
      { scriptUrl: e.KCP_SCRIPT_URL || undefined },
    );
  },
};

/** Each provider's reading of its own result codes (static: the admin timelines use it without any keys). */
const codeTones: Record<ProviderName, CodeTone> = { KAKAOPAY: kakaoPayCodeTone, PAYUP_KCP: payUpCodeTone };

/** How staff timelines show a payment provider's own result code (null: not one any provider knows as fine). */
export function paymentCodeTone(code: string): "ok" | "pending" | null {
  for (const tone of Object.values(codeTones)) {
    const t = tone(code);
    if (t) return t;
  }
  return null;
}

const built = new Map<ProviderName, PaymentProvider>();

/** The adapter of a payment's provider. */
export function paymentProvider(name: ProviderName): PaymentProvider {
  let p = built.get(name);
  if (!p) {
    p = factories[name]();
    built.set(name, p);
  }
  return p;
}

export function paymentProviders(): PaymentProvider[] {
  return (Object.keys(factories) as ProviderName[]).map(paymentProvider);
}

/** The provider whose returns come to /pay/<slug>/…, if any. */
export function providerBySlug(slug: string): PaymentProvider | undefined {
  return paymentProviders().find((p) => p.slug === slug);
}

/** The checkout's payment methods (one per provider). */
export function paymentMethods(): Array<{ id: string; label: string; description: string }> {
  return paymentProviders().map((p) => p.display.method);
}

/** The provider behind a checkout method id, if it is one. */
export function providerForMethod(methodId: string): PaymentProvider | undefined {
  return paymentProviders().find((p) => p.display.method.id === methodId);
}
