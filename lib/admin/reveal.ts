// Revealing one piece of personal data on an admin detail page (issue 12 item 1, issue 9 item 6).
// Lists and exports only ever show masks; a manager or owner may press "보기" on a detail page and
// get the one value back from a server action (app/admin/(console)/_reveal/actions.ts). This is the
// use case behind it: it re-checks the role, scopes the row to the staff member's merchant, opens
// the sealed value if it is encrypted (lib/security/pii.ts) and writes the audit row before
// answering. A viewer gets "no permission" and no value — the value never reaches their HTML.
import { db as defaultDb, type Db } from "../db";
import { fail, ok, type Result } from "../errors";
import { openPii, PiiError } from "../security/pii";
import { recordAudit, type AuditActor } from "./audit";
import { maskName } from "../shop/order-access";
import { can } from "./roles";
import type { AdminIdentity } from "./sessions";

/** What may be revealed, per kind of record. */
export const REVEALABLE = {
  consent: ["phone", "account", "birthday"],
  order: ["contact"],
  /** the billed customer's contact details on file (BilledCustomer.contact*, migration 0019), by bill id */
  bill: ["phone", "birthday", "account"],
} as const;
export type RevealTargetType = keyof typeof REVEALABLE;
export type RevealField = (typeof REVEALABLE)[RevealTargetType][number];
export type RevealRequest = { type: string; id: string; field: string };

/** The field with its object particle, for the audit summary ("…의 계좌번호를 봄"). */
const FIELD_LABEL: Record<string, string> = {
  phone: "휴대폰 번호를",
  account: "계좌번호를",
  birthday: "생년월일을",
  contact: "연락처를",
};

/** The value, or FORBIDDEN (no pii.reveal), BAD_REQUEST (not a revealable field), NOT_FOUND, PII_UNREADABLE (keys). */
export type RevealResult = Result<string>;

export function isRevealable(type: string, field: string): type is RevealTargetType {
  return Object.hasOwn(REVEALABLE, type) && (REVEALABLE[type as RevealTargetType] as readonly string[]).includes(field);
}

const ymd = (b: string) => (/^\d{8}$/.test(b) ? `${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6)}` : b);

/** Loads the one value (scoped to the merchant); null when the record or the value does not exist. */
async function load(
  db: Db,
  merchantId: string,
  type: RevealTargetType,
  id: string,
  field: string,
): Promise<{ value: string; label: string } | null> {
  if (type === "consent") {
    const c = await db.consentRequest.findFirst({
      where: { id, merchantId },
      select: { kind: true, customerName: true, customerPhone: true, customerBirthday: true, bankAccountNumEnc: true },
    });
    if (!c) return null;
    // the audit row names the record the way staff recognise it, with the name masked
    const label = `${maskName(c.customerName)} 님 ${c.kind === "CMS" ? "자동이체 출금동의" : "전자서명"}`;
    if (field === "phone") return { value: c.customerPhone, label };
    if (field === "birthday") return { value: ymd(c.customerBirthday), label };
    if (field === "account")
      return c.bankAccountNumEnc ? { value: openPii(c.bankAccountNumEnc, "bank-account"), label } : null;
    return null;
  }
  if (type === "bill") {
    const b = await db.bill.findFirst({
      where: { id, merchantId },
      select: {
        billerUserKey: true,
        customer: { select: { contactPhone: true, contactBirthDate: true, bankAccountNumEnc: true } },
      },
    });
    if (!b) return null;
    const label = `청구서 고객 ${b.billerUserKey}`;
    const c = b.customer;
    if (field === "phone") return c.contactPhone ? { value: c.contactPhone, label } : null;
    if (field === "birthday") return c.contactBirthDate ? { value: ymd(c.contactBirthDate), label } : null;
    if (field === "account")
      return c.bankAccountNumEnc ? { value: openPii(c.bankAccountNumEnc, "bank-account"), label } : null;
    return null;
  }
  const o = await db.order.findFirst({
    where: { id, merchantId },
    select: { orderNumber: true, buyerPhone: true, buyerEmail: true },
  });
  if (!o) return null;
  return { value: `${o.buyerPhone} · ${o.buyerEmail}`, label: `주문 ${o.orderNumber}` };
}

/**
 * The full value of one field, for a staff member with `pii.reveal`, audited ("pii.reveal" with the
 * record and field; never the value). ip: the request's client IP for the audit row.
 */
export async function revealPersonalData(
  admin: Pick<AdminIdentity, "adminId" | "email" | "merchantId" | "role">,
  req: RevealRequest,
  deps: { db?: Db; ip?: string | null } = {},
): Promise<RevealResult> {
  const db = deps.db ?? defaultDb;
  if (!can(admin.role, "pii.reveal")) return fail("FORBIDDEN", "개인정보를 볼 권한이 없습니다. (매니저·소유자만)");
  if (!isRevealable(req.type, req.field) || !/^[A-Za-z0-9_-]{1,64}$/.test(req.id))
    return fail("BAD_REQUEST", "볼 수 있는 항목이 아닙니다.");
  let found: { value: string; label: string } | null;
  try {
    found = await load(db, admin.merchantId, req.type, req.id, req.field);
  } catch (e) {
    if (e instanceof PiiError)
      return fail(
        "PII_UNREADABLE",
        `저장된 값을 복호화할 수 없습니다 (${e.code}). 암호화 키 설정(PII_KEYS)을 확인해 주세요.`,
      );
    throw e;
  }
  if (!found) return fail("NOT_FOUND", "해당 정보가 없습니다.");
  const actor: AuditActor = { adminId: admin.adminId, email: admin.email, merchantId: admin.merchantId };
  await recordAudit(
    actor,
    {
      action: "pii.reveal",
      summary: `${found.label}의 ${FIELD_LABEL[req.field] ?? req.field} 봄`,
      target: { type: req.type, id: req.id },
      detail: { field: req.field },
      ip: deps.ip ?? null,
    },
    { db },
  );
  return ok(found.value);
}
