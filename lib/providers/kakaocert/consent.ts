// Legacy KakaoCert e-sign behind the consents port (lib/consents/port.ts): the port's request → the
// SDK's fields, the SDK's answers and codes → outcomes (lib/providers/linkhub/consent.ts).
import type { ESignProvider } from "../../consents/port";
import { customerTextFor, toConsentFailure, toProviderStatus } from "../linkhub/consent";
import type { KakaoCertESign } from "./client";

export function kakaocertConsentProvider(esign: KakaoCertESign): ESignProvider {
  const service = "kakaocert" as const;
  return {
    name: service,
    async request(i) {
      const r = await esign.request({
        receiverName: i.receiverName,
        receiverHP: i.receiverPhone,
        receiverBirthday: i.receiverBirthday,
        title: i.title,
        message: i.message,
        document: i.document,
        callCenterNum: i.callCenter,
        expiresIn: i.expireInSec,
        verifyName: i.verifyName,
        payload: i.payload,
        appToApp: i.appToApp,
      });
      return r.ok ? { ok: true, receiptId: r.receiptId, ...(r.txId !== undefined && { txId: r.txId }) } : toConsentFailure(r, service);
    },
    async status(receiptId) {
      const r = await esign.status(receiptId);
      return r.ok ? toProviderStatus(r) : toConsentFailure(r, service);
    },
    async verify(receiptId, signature) {
      const r = await esign.verify(receiptId, signature);
      return r.ok ? { ok: true, signedData: r.signedData } : toConsentFailure(r, service);
    },
    customerTextFor: (failureCode) => customerTextFor(service, failureCode),
  };
}
