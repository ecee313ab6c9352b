// Legacy KakaoCert e-signature (talk message and app-to-app) through the official `kakaocert` SDK.
export {
  createKakaoCertESign,
  type ESignReceipt,
  type ESignRequestInput,
  type ESignStatus,
  type ESignVerified,
  type KakaoCertESign,
  type KakaoCertESignConfig,
} from "./client";
export { signedDataToDer, type LinkhubFailure, type LinkhubResult, type ConsentState } from "../barocert";
