// The consents domain's composition: builds the provider adapters behind the port (port.ts) from the
// validated env — the only file of lib/consents that imports concrete provider folders, and the only
// place that knows which env key feeds which consent provider.
import { env } from "../env";
import { barocertConsentProvider, createBarocertCms } from "../providers/barocert";
import { createKakaoCertESign, kakaocertConsentProvider } from "../providers/kakaocert";
import { signedDataToDer } from "../providers/linkhub/crypto";
import type { CmsProvider, ESignProvider } from "./port";

let cms: CmsProvider | undefined;
let esign: ESignProvider | undefined;

/** The Linkhub account both services use, and the provider timeout. */
const linkhubAccount = (e: ReturnType<typeof env>) => ({
  linkId: e.LINKHUB_LINK_ID,
  secretKey: e.LINKHUB_SECRET_KEY,
  timeoutMs: e.PROVIDER_TIMEOUT_MS,
});

/** 자동이체 출금동의: Barocert Kakao CMS. */
export function cmsProvider(): CmsProvider {
  if (!cms) {
    const e = env();
    cms = barocertConsentProvider(
      createBarocertCms({
        ...linkhubAccount(e),
        clientCode: e.BAROCERT_CLIENT_CODE,
        serviceUrl: e.BAROCERT_SERVICE_URL,
        authUrl: e.BAROCERT_AUTH_URL,
        resultKey: e.BAROCERT_RESULT_KEY,
        resultIv: e.BAROCERT_RESULT_IV,
      }),
    );
  }
  return cms;
}

/** 전자서명: legacy KakaoCert. */
export function esignProvider(): ESignProvider {
  if (!esign) {
    const e = env();
    esign = kakaocertConsentProvider(
      createKakaoCertESign({
        ...linkhubAccount(e),
        clientCode: e.KAKAOCERT_CLIENT_CODE,
        serviceUrl: e.KAKAOCERT_SERVICE_URL,
        authUrl: e.KAKAOCERT_AUTH_URL,
      }),
    );
  }
  return esign;
}

/** The provider of a consent of this kind. */
export const providerFor = (kind: "CMS" | "ESIGN"): CmsProvider | ESignProvider =>
  kind === "CMS" ? cmsProvider() : esignProvider();

/**
 * signedData (base64 DER PKCS#7, the same for both providers) → the DER bytes submitted to KFTC;
 * throws when it is not a DER SEQUENCE (the verify's check and the admin's .der download).
 */
export { signedDataToDer };

/** Where a phone opens KakaoTalk for an app-to-app e-sign, or undefined when not configured. */
export function appLaunchUrl(txId: string, returnUrl: string): string | undefined {
  const t = env().KAKAOCERT_APP_LAUNCH_URL.trim();
  if (!t) return undefined;
  return t.replaceAll("{tx_id}", encodeURIComponent(txId)).replaceAll("{return}", encodeURIComponent(returnUrl));
}

export const appToAppAvailable = () => env().KAKAOCERT_APP_LAUNCH_URL.trim() !== "";

/** For tests that change the env between cases. */
export function resetConsentProviders() {
  cms = undefined;
  esign = undefined;
}
