// The one list of what each payment provider's pages need the browser to reach (ProviderCsp, port.ts),
// each declared in its own folder (lib/providers/<name>/csp.ts). lib/security/headers.ts builds the
// Content-Security-Policy from it, and proxy.ts runs that on every request: so this file imports only
// those pure declarations — no adapter, no Prisma, no DB code. With providers.ts (the adapters), the
// registry a new provider is added to (allowed to import provider folders in .dependency-cruiser.cjs).
import { kakaoPayCsp } from "../providers/kakaopay/csp";
import { payUpCsp } from "../providers/payup/csp";
import type { ProviderCsp, ProviderName } from "./port";

/** Every provider's declaration (one per provider, or this does not compile), in the policy's order. */
const declarations = {
  PAYUP_KCP: payUpCsp,
  KAKAOPAY: kakaoPayCsp,
} satisfies Record<ProviderName, (e: never) => ProviderCsp>;

type Declaration = (typeof declarations)[ProviderName];
type Both<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** The settings the declarations read. */
export type PaymentCspEnv = Both<Parameters<Declaration>[0]>;

/** What every payment provider needs, from the settings. */
export function paymentCsp(e: PaymentCspEnv): ProviderCsp[] {
  return Object.values(declarations).map((declare: Declaration) => declare(e));
}
