// What a customer reads about a failed payment attempt whose failure code is the provider's own: the
// provider's code table decides (Korean, with a next step). A code the table does not know, or one meant
// for staff only, gets null: the page then shows its neutral text (the code stays a small "오류 코드" line).
import type { PaymentProvider } from "../generated/prisma/client";
import { KAKAOPAY_ERROR_CODES } from "../providers/kakaopay/codes";
import { describePayUpCode } from "../providers/payup/codes";

export function providerFailureText(provider: PaymentProvider, failureCode: string | null | undefined): string | null {
  if (!failureCode) return null;
  if (provider === "KAKAOPAY") return KAKAOPAY_ERROR_CODES[failureCode]?.customerMessage ?? null;
  // PayUp's own response codes (seed 002 §4.1); KCP window codes (KCP_…) are read by the page itself
  if (/^\d{4}$/.test(failureCode)) {
    const d = describePayUpCode(failureCode);
    return d.audience === "customer" ? d.message : null;
  }
  return null;
}
