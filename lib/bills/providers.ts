// The bills domain's composition: the one file of lib/bills that imports the concrete agency provider
// (lib/providers/dozn). Everything else in lib/bills speaks port.ts; this file hands them the Dozn
// adapter's pieces (biller.ts: wire ⇄ domain both ways, auth.ts: who may call us) and builds the link
// API client from env.
import { env } from "../env";
import { createDoznClient, createDoznLinkAgency } from "../providers/dozn";
import type { BillLinkAgency } from "./port";

export {
  answerToWire,
  cardCompanyName,
  checkAgencyAuth,
  DEFAULT_CREDENTIAL_FORMAT,
  DEFAULT_CREDENTIAL_HEADER,
  noticeShapeError,
  parseBillerCall,
  tooLargeAnswer,
  unavailableAnswer,
  type BillerEndpoint,
  type DoznResponse,
} from "../providers/dozn";

/** The agency's link API from env, or null when the Dozn settings are missing. */
export function linkAgencyFromEnv(): BillLinkAgency | null {
  const e = env();
  if (!e.DOZN_API_BASE || !e.DOZN_BILLER_CODE || !e.DOZN_API_KEY) return null;
  return createDoznLinkAgency(
    createDoznClient({
      baseUrl: e.DOZN_API_BASE,
      billerCode: e.DOZN_BILLER_CODE,
      apiKey: e.DOZN_API_KEY,
      timeoutMs: e.PROVIDER_TIMEOUT_MS,
    }),
  );
}
