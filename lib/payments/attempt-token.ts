// Binds a provider's return to its payment attempt: the approval / cancel / fail URLs (KakaoPay) and
// KCP's Ret_URL carry an HMAC of the attempt id. A return without the right token changes nothing
// (a stranger who learns a payment id or PayUp's guessable ordr_idxx cannot end someone's checkout).
import { createHmac, timingSafeEqual } from "node:crypto";

const LENGTH = 22; // 132 bits, base64url

export function attemptToken(secret: string, paymentId: string): string {
  return createHmac("sha256", secret).update(`payment-attempt:${paymentId}`).digest("base64url").slice(0, LENGTH);
}

export function verifyAttemptToken(secret: string, paymentId: string, token: string | null | undefined): boolean {
  if (!token || token.length !== LENGTH) return false;
  const a = Buffer.from(attemptToken(secret, paymentId));
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
