// Legacy KakaoCert e-sign behind the consents port (lib/consents/port.ts): the port's request → the
// SDK's fields, the SDK's answers and codes → outcomes (lib/providers/linkhub/consent.ts).
import type { ESignProvider } from "../../consents/port";
import { linkhubPortBase, sdkReceiver, toConsentFailure } from "../linkhub/consent";
import type { KakaoCertESign } from "./client";

export function kakaocertConsentProvider(esign: KakaoCertESign): ESignProvider {
  return {
    ...linkhubPortBase("kakaocert", (receiptId) => esign.status(receiptId)),
    async request(i) {
      const r = await esign.request({
        ...sdkReceiver(i),
        title: i.title,
        message: i.message,
        document: i.document,
        callCenterNum: i.callCenter,
        expiresIn: i.expireInSec,
        verifyName: i.verifyName,
        payload: i.payload,
        appToApp: i.appToApp,
      });
      return r.ok
        ? { ok: true, receiptId: r.receiptId, ...(r.txId !== undefined && { txId: r.txId }) }
        : toConsentFailure(r, "kakaocert");
    },
    async verify(receiptId, signature) {
      const r = await esign.verify(receiptId, signature);
      return r.ok ? { ok: true, signedData: r.signedData } : toConsentFailure(r, "kakaocert");
    },
  };
}
