// Barocert Kakao CMS (자동이체 출금동의) through the official `barocert` SDK, and its adapter to the
// consents port (consent.ts). Linkhub plumbing shared with KakaoCert: lib/providers/linkhub.
export {
  createBarocertCms,
  decryptIdentity,
  identityMatches,
  type BankServiceType,
  type BarocertCms,
  type BarocertCmsConfig,
  type CmsIdentity,
  type CmsReceipt,
  type CmsRequestInput,
  type CmsStatus,
  type CmsVerified,
} from "./client";
export { barocertConsentProvider } from "./consent";
export { signedDataToDer } from "../linkhub/crypto";
