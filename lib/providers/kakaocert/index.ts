// Legacy KakaoCert e-signature (talk message and app-to-app) through the official `kakaocert` SDK, and
// its adapter to the consents port (consent.ts).
export {
  createKakaoCertESign,
  type ESignReceipt,
  type ESignRequestInput,
  type ESignStatus,
  type ESignVerified,
  type KakaoCertESign,
  type KakaoCertESignConfig,
} from "./client";
export { kakaocertConsentProvider } from "./consent";
export { signedDataToDer } from "../linkhub/crypto";
export type { LinkhubFailure, LinkhubResult, ConsentState } from "../linkhub/linkhub";
