"use server";
// From a bill: request the billed customer's 자동이체 출금동의 or an e-signed document (manager / owner,
// audited, rate-limited per phone number and per IP like every consent request).
import { revalidatePath } from "next/cache";
import { hitAll } from "@/lib/ratelimit";
import { billConsentPhone, requestConsentForBill } from "@/lib/customers/bill-consent";
import { authorize } from "../../../../_lib/admin";
import { formProblem } from "../../../../_lib/input";
import { currentIp } from "../../../../_lib/ratelimit";

export type BillConsentState = { ok?: boolean; message?: string; fieldErrors?: Record<string, string>; values?: Record<string, string>; consentId?: string; at?: number };

const KEYS = ["kind", "name", "phone", "birthday", "bankName", "accountNumber", "accountHolder", "document"] as const;

export async function requestBillConsentAction(_prev: BillConsentState, formData: FormData): Promise<BillConsentState> {
  const auth = await authorize("consent.write");
  if (!auth.ok) return { ok: false, message: auth.message, at: Date.now() };
  const bad = formProblem(formData);
  if (bad) return { ok: false, message: bad.message, at: Date.now() };
  const billId = String(formData.get("billId") ?? "");
  const values = Object.fromEntries(KEYS.map((k) => [k, String(formData.get(k) ?? "")]));
  // The account number is never sent back to the browser.
  const echo = { ...values, accountNumber: "" };
  if (!/^[a-z0-9]{20,40}$/.test(billId)) return { ok: false, message: "청구서를 찾을 수 없습니다.", values: echo, at: Date.now() };
  const ip = await currentIp();
  const phone = await billConsentPhone(auth.admin.merchantId, billId, values.phone);
  // Only a well-formed number is limited per phone (a bad one is refused by the use case's validation).
  const limited = await hitAll([
    ["consentPerPhone", phone],
    ["consentPerIp", ip],
  ]);
  if (!limited.ok) return { ok: false, message: limited.message, values: echo, at: Date.now() };
  const r = await requestConsentForBill({ ...auth.admin, ip }, billId, values);
  revalidatePath(`/admin/bills/${billId}`);
  if (r.ok) return { ok: true, message: "카카오톡으로 요청을 보냈습니다. 고객이 서명하면 검증되어 이 청구서에 표시됩니다.", consentId: r.id, at: Date.now() };
  if (r.kind === "invalid") return { ok: false, message: r.message, fieldErrors: r.errors, values: echo, at: Date.now() };
  return { ok: false, message: r.message, values: echo, consentId: r.kind === "failed" ? r.id : undefined, at: Date.now() };
}
