"use server";
// From a bill: request the billed customer's 자동이체 출금동의 or an e-signed document (manager / owner,
// audited, rate-limited per phone number and per IP like every consent request).
import { revalidatePath } from "next/cache";
import { fail, fieldErrorsOf, ok } from "@/lib/errors";
import { hitAll } from "@/lib/ratelimit";
import { billConsentPhone, requestConsentForBill } from "@/lib/customers/bill-consent";
import { withAdminAction } from "../../../../_lib/admin";
import { currentIp } from "../../../../_lib/ratelimit";

export type BillConsentState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  consentId?: string;
  at?: number;
};

const KEYS = ["kind", "name", "phone", "birthday", "bankName", "accountNumber", "accountHolder", "document"] as const;

const valuesOf = (formData: FormData) => Object.fromEntries(KEYS.map((k) => [k, String(formData.get(k) ?? "")]));
/** What the form gets back to show again: everything typed but the account number, which never goes back to the browser. */
const echo = (formData: FormData) => ({ ...valuesOf(formData), accountNumber: "" });

export const requestBillConsentAction = withAdminAction<BillConsentState>(
  {
    perm: "consent.write",
    state: (e, formData) => {
      const fieldErrors = fieldErrorsOf(e);
      const consentId =
        e.code === "CONSENT_REQUEST_FAILED" ? (e.details as { id?: string } | undefined)?.id : undefined;
      return {
        ok: false,
        message: e.message,
        ...(fieldErrors && { fieldErrors }),
        values: echo(formData),
        ...(consentId && { consentId }),
        at: Date.now(),
      };
    },
  },
  async ({ admin, formData }) => {
    const billId = String(formData.get("billId") ?? "");
    const values = valuesOf(formData);
    if (!/^[a-z0-9]{20,40}$/.test(billId)) return fail("NOT_FOUND", "청구서를 찾을 수 없습니다.");
    const ip = await currentIp();
    const phone = await billConsentPhone(admin.merchantId, billId, values.phone);
    // Only a well-formed number is limited per phone (a bad one is refused by the use case's validation).
    const limited = await hitAll([
      ["consentPerPhone", phone],
      ["consentPerIp", ip],
    ]);
    if (!limited.ok) return limited;
    const r = await requestConsentForBill({ ...admin, ip }, billId, values);
    revalidatePath(`/admin/bills/${billId}`);
    if (!r.ok) return r;
    return ok({
      ok: true,
      message: "카카오톡으로 요청을 보냈습니다. 고객이 서명하면 검증되어 이 청구서에 표시됩니다.",
      consentId: r.value.id,
      at: Date.now(),
    });
  },
);
