// The consent-access cookie: the browser that asked for a consent (or came back from KakaoTalk
// with its tx_id) may see its screens.
import "server-only"; // holds APP_SECRET-signed cookies / sessions: never in a client bundle (build error)
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { CONSENT_ACCESS_COOKIE, grantConsent, hasConsentAccess } from "@/lib/consents/access";

export async function grantConsentAccess(id: string) {
  const jar = await cookies();
  jar.set(CONSENT_ACCESS_COOKIE, grantConsent(env().APP_SECRET, jar.get(CONSENT_ACCESS_COOKIE)?.value, id), {
    httpOnly: true,
    sameSite: "lax",
    secure: env().APP_URL.startsWith("https://"),
    path: "/",
    maxAge: 60 * 60 * 24 * 30,
  });
}

export async function canSeeConsent(id: string): Promise<boolean> {
  return hasConsentAccess(env().APP_SECRET, (await cookies()).get(CONSENT_ACCESS_COOKIE)?.value, id);
}
