// Binds a provider's return to its payment attempt: the return URLs we give the provider carry a
// signed token of the attempt id (lib/security/signed-token.ts). A return without the right token
// changes nothing (a stranger who learns a payment id or PayUp's guessable ordr_idxx cannot end
// someone's checkout).
import { signToken, verifyToken } from "../security/signed-token";

export function attemptToken(secret: string, paymentId: string): string {
  return signToken(secret, "payment-attempt", paymentId);
}

export function verifyAttemptToken(secret: string, paymentId: string, token: string | null | undefined): boolean {
  return verifyToken(secret, "payment-attempt", paymentId, token);
}
