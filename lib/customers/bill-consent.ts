// Staff request a billed customer's 자동이체 출금동의 (Barocert CMS) or an e-signed document (KakaoCert)
// from a bill. The billed customer has a customer number but no phone (seed 003: the customer number is
// never a phone number), so the form asks for 성명 · 휴대폰 · 생년월일 (and the account for CMS), which
// are kept on the billed customer as contact data (the account number sealed by lib/security/pii.ts).
// Left blank, the phone, birth date and account already on file are used again.
//
// The request itself is the consent use case (lib/consents/consents.ts requestCmsConsent / requestESign,
// linked to the bill); the worker's consent.settle job takes it from there. Manager / owner only
// (consent.write), audited. Rate limits are the caller's (app layer), as for the shop's requests.
import { db as defaultDb, type Db } from "../db";
import { fail, type Result } from "../errors";
import { recordAudit } from "../admin/audit";
import { can } from "../admin/roles";
import type { AdminRole } from "../generated/prisma/enums";
import { requestCmsConsent, requestESign, requestFailureOf, type ConsentDeps } from "../consents/consents";
import { consentKindLabel } from "../consents/state";
import { parseCmsInput, parseESignInput } from "../consents/input";
import { normalizePhone } from "../input/korean";
import { openPii, sealAccountNumber } from "../security/pii";

export type BillConsentActor = {
  adminId: string;
  email: string;
  merchantId: string;
  role: AdminRole;
  ip?: string | null;
};
/**
 * The request sent, or FORBIDDEN (no consent.write), NOT_FOUND (not this merchant's bill), VALIDATION
 * (details.fields: the form's field messages; nothing written), CONSENT_REQUEST_FAILED (details: { id?,
 * retryable }: the provider did not take it; id is the failed request's record when one was written).
 */
export type BillConsentOutcome = Result<{ id: string; channel: "TALK" | "APP"; txId?: string }>;

const FIELDS = ["name", "phone", "birthday", "bankName", "accountNumber", "accountHolder", "document"] as const;

/** The phone a request from this form would go to (for the caller's per-phone rate limit). */
export async function billConsentPhone(
  merchantId: string,
  billId: string,
  rawPhone: string | undefined,
  deps: { db?: Db } = {},
): Promise<string | null> {
  const typed = normalizePhone(rawPhone);
  if (typed) return typed;
  const db = deps.db ?? defaultDb;
  const bill = await db.bill.findFirst({
    where: { id: billId, merchantId },
    select: { customer: { select: { contactPhone: true } } },
  });
  return bill?.customer.contactPhone ?? null;
}

export async function requestConsentForBill(
  actor: BillConsentActor,
  billId: string,
  input: Record<string, string | undefined>,
  deps: ConsentDeps = {},
): Promise<BillConsentOutcome> {
  const db = deps.db ?? defaultDb;
  if (!can(actor.role, "consent.write"))
    return fail("FORBIDDEN", "동의 요청 권한이 없습니다. 소유자에게 문의해 주세요.");
  const bill = await db.bill.findFirst({
    where: { id: billId, merchantId: actor.merchantId },
    include: { customer: true },
  });
  if (!bill) return fail("NOT_FOUND", "청구서를 찾을 수 없습니다.");
  const kind = input.kind === "CMS" ? "CMS" : input.kind === "ESIGN" ? "ESIGN" : null;
  if (!kind)
    return fail("VALIDATION", "입력한 정보를 확인해 주세요.", { fields: { kind: "요청할 종류를 선택해 주세요." } });

  // Blank fields fall back to what is on file for this customer.
  const c = bill.customer;
  const raw: Record<string, string | undefined> = Object.fromEntries(FIELDS.map((k) => [k, (input[k] ?? "").trim()]));
  if (!raw.phone && c.contactPhone) raw.phone = c.contactPhone;
  if (!raw.birthday && c.contactBirthDate) raw.birthday = c.contactBirthDate;
  if (kind === "CMS" && !raw.accountNumber && c.bankAccountNumEnc)
    raw.accountNumber = openPii(c.bankAccountNumEnc, "bank-account");

  // Everything is checked before anything is written: a bad input leaves no record.
  const parsed = kind === "CMS" ? parseCmsInput(raw) : parseESignInput({ ...raw, agree: "on" });
  if (!parsed.ok) return fail("VALIDATION", "입력한 정보를 확인해 주세요.", { fields: parsed.errors });
  const v = parsed.value;

  const account = kind === "CMS" && "accountNumber" in v ? sealAccountNumber(v.accountNumber) : null;
  await db.billedCustomer.update({
    where: { id: c.id },
    data: {
      contactName: v.name,
      contactPhone: v.phone,
      contactBirthDate: v.birthday,
      ...(account && "bankName" in v
        ? {
            bankName: v.bankName,
            bankAccountNumEnc: account.sealed,
            bankAccountLast4: account.last4,
            bankAccountName: v.accountHolder,
          }
        : {}),
      contactUpdatedAt: new Date(),
    },
  });

  const r =
    kind === "CMS"
      ? await requestCmsConsent(raw, { billId: bill.id }, { ...deps, db, createdBy: actor.email })
      : await requestESign({ ...raw, agree: "on" }, { billId: bill.id }, { ...deps, db, createdBy: actor.email });

  await recordAudit(
    { adminId: actor.adminId, email: actor.email, merchantId: actor.merchantId },
    {
      action: "consent.request",
      summary:
        `청구서 "${bill.title}"의 ${consentKindLabel[kind]} 요청${r.ok ? "" : ` 실패: ${r.error.message}`}`.slice(
          0,
          300,
        ),
      target: { type: "bill", id: bill.id },
      detail: { kind, consentId: r.ok ? r.value.id : (requestFailureOf(r.error)?.id ?? null) },
      ip: actor.ip ?? null,
    },
    { db },
  );
  return r;
}
