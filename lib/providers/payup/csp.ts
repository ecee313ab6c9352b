// What KCP's windows need the browser to reach (lib/payments/port.ts ProviderCsp): its PC script, which
// frames its layers and posts its forms from the same host, and PayUp's host (the mobile window's
// pay_url). Pure (no wire code): proxy.ts builds the CSP from it on every request.
import type { Env } from "../../env";
import type { ProviderCsp } from "../../payments/port";

/** Production / test locations of KCP's PC script (which one PayUp's site_cd needs is unconfirmed). */
export const KCP_SCRIPT_URL = "https://pay.kcp.co.kr/plugin/payplus_web.jsp";
export const KCP_TEST_SCRIPT_URL = "https://testpay.kcp.co.kr/plugin/payplus_web.jsp";

export function payUpCsp(e: Pick<Env, "KCP_SCRIPT_URL" | "PAYUP_API_BASE">): ProviderCsp {
  const kcp = e.KCP_SCRIPT_URL || KCP_SCRIPT_URL;
  return { scriptSrc: [kcp], formAction: [kcp, e.PAYUP_API_BASE], frameSrc: [kcp, e.PAYUP_API_BASE] };
}
