// Barocert Kakao CMS (자동이체 출금동의) through the official `barocert` SDK, plus the Linkhub helpers
// shared with the legacy KakaoCert adapter.
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
export { decryptResultField, signedDataToDer } from "./crypto";
export { anyLinkhubCode, BAROCERT_CODES, KAKAOCERT_CODES, LINKHUB_AUTH_CODES, linkhubCode, type LinkhubCodeInfo, type LinkhubCodeKind, type LinkhubService } from "./codes";
export {
  barocertAuthSignature,
  classifySdkError,
  kakaocertAuthSignature,
  linkhubTokenSignature,
  parseKstStamp,
  sdkUrl,
  stateName,
  type ConsentState,
  type LinkhubFailure,
  type LinkhubResult,
} from "./linkhub";
