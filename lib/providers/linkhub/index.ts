// Linkhub family plumbing shared by the Barocert (CMS) and legacy KakaoCert (e-sign) adapters: code
// tables, the SDK call wrapper and its failure type, signatures, input normalisation, signedData,
// and the reading of all of it for the consents port (consent.ts).
export {
  anyLinkhubCode,
  BAROCERT_CODES,
  KAKAOCERT_CODES,
  LINKHUB_AUTH_CODES,
  linkhubCode,
  type LinkhubCodeInfo,
  type LinkhubCodeKind,
  type LinkhubService,
} from "./codes";
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
export { decryptResultField, signedDataToDer } from "./crypto";
export {
  customerTextFor,
  describeFailure,
  isAlreadyVerified,
  toConsentFailure,
  toProviderStatus,
  verifyRefusalOf,
} from "./consent";
