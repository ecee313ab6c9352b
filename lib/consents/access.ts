// Who may see a consent's screens without logging in: the browser that asked for it. A cookie
// holds signed consent ids (lib/security/signed-token.ts, as the order-access cookie).
import { addSigned, hasSigned } from "../security/signed-token";

export const CONSENT_ACCESS_COOKIE = "kc_consents";

export function grantConsent(secret: string, raw: string | undefined, id: string): string {
  return addSigned(secret, "consent-access", raw, id);
}

export function hasConsentAccess(secret: string, raw: string | undefined, id: string): boolean {
  return hasSigned(secret, "consent-access", raw, id);
}
