// Who may see a consent's screens without logging in: the browser that asked for it. A cookie
// holds HMAC-signed consent ids (same scheme as the order-access cookie).
import { createHmac, timingSafeEqual } from "node:crypto";

export const CONSENT_ACCESS_COOKIE = "kc_consents";
const MAX = 20;

function sign(secret: string, id: string) {
  return createHmac("sha256", secret).update(`consent-access:${id}`).digest("base64url").slice(0, 22);
}

export function grantConsent(secret: string, raw: string | undefined, id: string): string {
  const kept = (raw ?? "").split(".").filter(Boolean).filter((e) => !e.startsWith(`${id}~`));
  return [...kept.slice(-(MAX - 1)), `${id}~${sign(secret, id)}`].join(".");
}

export function hasConsentAccess(secret: string, raw: string | undefined, id: string): boolean {
  for (const entry of (raw ?? "").split(".")) {
    const [n, sig] = entry.split("~");
    if (n !== id || !sig) continue;
    const expected = Buffer.from(sign(secret, id));
    const got = Buffer.from(sig);
    if (expected.length === got.length && timingSafeEqual(expected, got)) return true;
  }
  return false;
}
