// Barocert Kakao CMS behind the consents port (lib/consents/port.ts): the port's request → the SDK's
// fields, the SDK's answers and codes → outcomes (lib/providers/linkhub/consent.ts).
import type { CmsProvider } from "../../consents/port";
import { customerTextFor, toConsentFailure, toProviderStatus } from "../linkhub/consent";
import type { BarocertCms } from "./client";

export function barocertConsentProvider(cms: BarocertCms): CmsProvider {
  const service = "barocert" as const;
  return {
    name: service,
    async request(i) {
      const r = await cms.request({
        receiverName: i.receiverName,
        receiverHP: i.receiverPhone,
        receiverBirthday: i.receiverBirthday,
        reqTitle: i.title,
        extraMessage: i.extraMessage,
        expireIn: i.expireInSec,
        requestCorp: i.requestCorp,
        bankName: i.bankName,
        bankAccountNum: i.bankAccountNum,
        bankAccountName: i.bankAccountName,
        bankAccountBirthday: i.bankAccountBirthday,
        bankServiceType: i.bankServiceType,
      });
      return r.ok ? { ok: true, receiptId: r.receiptId } : toConsentFailure(r, service);
    },
    async status(receiptId) {
      const r = await cms.status(receiptId);
      return r.ok ? toProviderStatus(r) : toConsentFailure(r, service);
    },
    async verify(receiptId) {
      const r = await cms.verify(receiptId);
      if (!r.ok) return toConsentFailure(r, service);
      return { ok: true, signedData: r.signedData, identity: r.identity };
    },
    customerTextFor: (failureCode) => customerTextFor(service, failureCode),
  };
}
