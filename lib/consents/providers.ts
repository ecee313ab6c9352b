// Builds the Linkhub-family adapters from the validated env: the only place that knows which env
// key feeds which consent provider.
import { env } from "../env";
import { createBarocertCms, type BarocertCms } from "../providers/barocert";
import { createKakaoCertESign, type KakaoCertESign } from "../providers/kakaocert";

let cms: BarocertCms | undefined;
let esign: KakaoCertESign | undefined;

export function barocertCms(): BarocertCms {
  if (!cms) {
    const e = env();
    cms = createBarocertCms({
      linkId: e.LINKHUB_LINK_ID,
      secretKey: e.LINKHUB_SECRET_KEY,
      clientCode: e.BAROCERT_CLIENT_CODE,
      serviceUrl: e.BAROCERT_SERVICE_URL,
      authUrl: e.BAROCERT_AUTH_URL,
      resultKey: e.BAROCERT_RESULT_KEY,
      resultIv: e.BAROCERT_RESULT_IV,
      timeoutMs: e.PROVIDER_TIMEOUT_MS,
    });
  }
  return cms;
}

export function kakaoCertESign(): KakaoCertESign {
  if (!esign) {
    const e = env();
    esign = createKakaoCertESign({
      linkId: e.LINKHUB_LINK_ID,
      secretKey: e.LINKHUB_SECRET_KEY,
      clientCode: e.KAKAOCERT_CLIENT_CODE,
      serviceUrl: e.KAKAOCERT_SERVICE_URL,
      authUrl: e.KAKAOCERT_AUTH_URL,
      timeoutMs: e.PROVIDER_TIMEOUT_MS,
    });
  }
  return esign;
}

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
