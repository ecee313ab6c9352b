// Barocert Kakao CMS behind the consents port (lib/consents/port.ts): the port's request → the SDK's
// fields, the SDK's answers and codes → outcomes (lib/providers/linkhub/consent.ts).
import type { CmsProvider } from "../../consents/port";
import { linkhubPortBase, sdkReceiver, toConsentFailure } from "../linkhub/consent";
import type { BarocertCms } from "./client";

export function barocertConsentProvider(cms: BarocertCms): CmsProvider {
  return {
    ...linkhubPortBase("barocert", (receiptId) => cms.status(receiptId)),
    async request(i) {
      const r = await cms.request({
        ...sdkReceiver(i),
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
      return r.ok ? { ok: true, receiptId: r.receiptId } : toConsentFailure(r, "barocert");
    },
    async verify(receiptId) {
      const r = await cms.verify(receiptId);
      return r.ok ? { ok: true, signedData: r.signedData, identity: r.identity } : toConsentFailure(r, "barocert");
    },
  };
}
