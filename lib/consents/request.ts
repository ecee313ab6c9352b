// Asking a customer for a consent: 자동이체 출금동의 (CMS) or 전자서명 (e-sign), and asking again.
// The request row (REQUESTING) and the worker's job exist before the provider is called; the call
// settles it as WAITING or FAILED.
import { Prisma } from "../generated/prisma/client";
import type { ConsentRequest, ConsentStatus } from "../generated/prisma/client";
import type { Db } from "../db";
import { env } from "../env";
import { fail, ok, type AppError, type Result } from "../errors";
import { log } from "../log";
import { openPii, PiiError, sealAccountNumber } from "../security/pii";
import { ctx, EXPIRE_IN_SEC, type ConsentDeps } from "./common";
import { sha256Hex } from "./documents";
import { addConsentEvent } from "./events";
import { parseCmsInput, parseESignInput } from "./input";
import type { CmsProvider, ConsentProviderFailure, ESignProvider } from "./port";
import { createRequest, transition } from "./state";

export type Links = { orderId?: string | null; billId?: string | null };
/** CONSENT_REQUEST_FAILED's details: the failed request's record when one was written, and whether asking again may work. */
export type RequestFailure = { id?: string; retryable: boolean };
/**
 * The request sent (txId: the app-to-app hand-off), or VALIDATION (details.fields: the form's field
 * messages; nothing written) or CONSENT_REQUEST_FAILED (details: RequestFailure).
 */
export type RequestOutcome = Result<{ id: string; channel: "TALK" | "APP"; txId?: string }>;

const sent = (id: string, channel: "TALK" | "APP", txId?: string | null): RequestOutcome =>
  ok({ id, channel, ...(txId && { txId }) });
const failed = (message: string, details: RequestFailure): RequestOutcome =>
  fail("CONSENT_REQUEST_FAILED", message, details);
const invalid = (message: string, fields: Record<string, string>): Result<never> =>
  fail("VALIDATION", message, { fields });

/** The details of a CONSENT_REQUEST_FAILED (undefined for any other error). */
export function requestFailureOf(e: AppError): RequestFailure | undefined {
  return e.code === "CONSENT_REQUEST_FAILED" ? (e.details as RequestFailure) : undefined;
}

async function shopMerchantId(db: Db): Promise<string> {
  const m = await db.merchant.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  if (!m) throw new Error("no merchant");
  return m.id;
}

/** Resolves the optional order / bill the consent authorises; both must belong to the merchant. */
async function resolveLinks(
  db: Db,
  links: Links,
): Promise<Result<{ merchantId: string; orderId: string | null; billId: string | null; billTitle?: string }>> {
  let merchantId: string | undefined;
  let orderId: string | null = null;
  let billId: string | null = null;
  let billTitle: string | undefined;
  if (links.orderId) {
    const o = await db.order.findUnique({ where: { id: links.orderId }, select: { id: true, merchantId: true } });
    if (!o) return invalid("연결할 주문을 찾을 수 없습니다.", {});
    merchantId = o.merchantId;
    orderId = o.id;
  }
  if (links.billId) {
    const b = await db.bill.findUnique({
      where: { id: links.billId },
      select: { id: true, merchantId: true, title: true },
    });
    if (!b || (merchantId && b.merchantId !== merchantId)) return invalid("연결할 청구서를 찾을 수 없습니다.", {});
    merchantId = b.merchantId;
    billId = b.id;
    billTitle = b.title;
  }
  return ok({ merchantId: merchantId ?? (await shopMerchantId(db)), orderId, billId, billTitle });
}

export async function requestCmsConsent(
  raw: Record<string, string | undefined>,
  links: Links,
  deps: ConsentDeps & { createdBy?: string } = {},
): Promise<RequestOutcome> {
  const { db, now } = ctx(deps);
  const parsed = parseCmsInput(raw, now());
  if (!parsed.ok) return invalid("입력한 정보를 확인해 주세요.", parsed.errors);
  const linked = await resolveLinks(db, links);
  if (!linked.ok) return linked;
  const v = parsed.value;
  const corp = env().CONSENT_REQUEST_CORP;
  // The account number is stored sealed (lib/security/pii.ts) with its last four digits; sendRequest opens it for the provider.
  const account = sealAccountNumber(v.accountNumber);
  const purpose = linked.value.billTitle ? `${linked.value.billTitle} 자동이체` : `${corp} 이용요금 매월 자동이체`;
  const row = await createRequest(
    db,
    {
      merchantId: linked.value.merchantId,
      kind: "CMS",
      channel: "TALK",
      customerName: v.name,
      customerPhone: v.phone,
      customerBirthday: v.birthday,
      title: `${corp} 자동이체 출금동의`.slice(0, 40),
      expireInSec: EXPIRE_IN_SEC,
      requestCorp: corp,
      bankName: v.bankName,
      bankAccountNumEnc: account.sealed,
      bankAccountLast4: account.last4,
      bankAccountName: v.accountHolder,
      bankServiceType: "CMS",
      purpose: purpose.slice(0, 200),
      orderId: linked.value.orderId,
      billId: linked.value.billId,
      createdBy: deps.createdBy ?? "customer",
    },
    { type: "consent.created", message: `자동이체 출금동의 요청 생성 (${v.bankName})` },
  );
  return sendRequest(row, deps);
}

export async function requestESign(
  raw: Record<string, string | undefined>,
  links: Links,
  deps: ConsentDeps & { createdBy?: string; appToApp?: boolean } = {},
): Promise<RequestOutcome> {
  const { db, now } = ctx(deps);
  const parsed = parseESignInput(raw, now());
  if (!parsed.ok) return invalid("입력한 정보를 확인해 주세요.", parsed.errors);
  const linked = await resolveLinks(db, links);
  if (!linked.ok) return linked;
  const v = parsed.value;
  const doc = v.document;
  const row = await createRequest(
    db,
    {
      merchantId: linked.value.merchantId,
      kind: "ESIGN",
      channel: deps.appToApp ? "APP" : "TALK",
      customerName: v.name,
      customerPhone: v.phone,
      customerBirthday: v.birthday,
      title: doc.tmsTitle,
      expireInSec: EXPIRE_IN_SEC,
      documentKey: `${doc.key}@${doc.version}`,
      documentTitle: doc.title,
      documentText: doc.text,
      documentHash: sha256Hex(doc.text),
      orderId: linked.value.orderId,
      billId: linked.value.billId,
      createdBy: deps.createdBy ?? "customer",
    },
    { type: "consent.created", message: `전자서명 요청 생성: ${doc.title} (${deps.appToApp ? "앱투앱" : "톡메시지"})` },
  );
  return sendRequest(row, deps);
}

/** A stored account number we cannot open: a configuration problem on our side, nothing was sent. */
function sealFailure(message: string): ConsentProviderFailure {
  return {
    ok: false,
    kind: "config",
    code: "CONFIG",
    resultCode: "CONFIG",
    customer: "지금은 카카오톡 인증을 요청할 수 없습니다. 잠시 후 다시 시도하시거나 고객센터로 문의해 주세요.",
    admin: `연동 설정 오류: ${message}`,
    retryable: false,
    message,
  };
}

/** Calls the provider's request for a REQUESTING row and settles it as WAITING or FAILED. */
async function sendRequest(row: ConsentRequest, deps: ConsentDeps): Promise<RequestOutcome> {
  const { db, now, provider } = ctx(deps);
  const prov = provider(row);
  const started = Date.now();
  // CMS: the plain account number exists only for this call (decrypted here, never stored or logged).
  let accountNumber: string | undefined;
  let sealError: ConsentProviderFailure | undefined;
  if (row.kind === "CMS") {
    try {
      accountNumber = openPii(row.bankAccountNumEnc ?? "", "bank-account");
    } catch (e) {
      if (!(e instanceof PiiError)) throw e;
      sealError = sealFailure(`저장된 계좌번호를 복호화할 수 없습니다 (${e.code}). PII_KEYS 설정을 확인하세요.`);
    }
  }
  const res =
    sealError ??
    (row.kind === "CMS"
      ? await (prov as CmsProvider).request({
          receiverName: row.customerName,
          receiverPhone: row.customerPhone,
          receiverBirthday: row.customerBirthday,
          title: row.title,
          extraMessage: row.purpose ?? undefined,
          expireInSec: row.expireInSec,
          requestCorp: row.requestCorp!,
          bankName: row.bankName!,
          bankAccountNum: accountNumber!,
          bankAccountName: row.bankAccountName!,
          // the account holder's birth date: the person the consent is for is the account holder
          bankAccountBirthday: row.customerBirthday,
          bankServiceType: (row.bankServiceType ?? "CMS") as "CMS",
        })
      : await (prov as ESignProvider).request({
          receiverName: row.customerName,
          receiverPhone: row.customerPhone,
          receiverBirthday: row.customerBirthday,
          title: row.title,
          message: `${row.documentTitle} 내용을 확인하고 서명해 주세요.`,
          document: row.documentText!,
          callCenter: env().CONSENT_CALL_CENTER,
          expireInSec: row.expireInSec,
          verifyName: true,
          payload: row.id,
          appToApp: row.channel === "APP",
        }));
  const durationMs = Date.now() - started;
  const p = prov.name;
  if (res.ok) {
    const at = now();
    const txId = res.txId;
    const moved = await transition(db, row.id, "WAITING", {
      from: "REQUESTING",
      data: {
        receiptId: res.receiptId,
        txId: txId ?? null,
        requestedAt: at,
        expiresAt: new Date(at.getTime() + row.expireInSec * 1000),
      },
      event: {
        type: `${p}.request`,
        message: `요청 접수 (접수아이디 ${res.receiptId})${txId ? ", 앱투앱" : ", 카카오톡 메시지 발송"}`,
        resultCode: "OK",
        data: { receiptId: res.receiptId, durationMs },
      },
    });
    if (!moved)
      return failed("요청 상태가 바뀌어 진행할 수 없습니다. 다시 시도해 주세요.", { id: row.id, retryable: true });
    return sent(row.id, row.channel, txId);
  }
  if (res.kind === "config")
    log.error({ consentId: row.id, provider: p, code: res.resultCode }, "consent provider configuration error");
  else log.warn({ consentId: row.id, provider: p, kind: res.kind }, "consent request failed");
  // The request itself (no receipt id, nothing to poll): no answer here cannot be reconciled, and at
  // worst a KakaoTalk message nobody can verify reached the customer; the customer asks again.
  await transition(db, row.id, "FAILED", {
    from: "REQUESTING",
    data: { failureCode: res.code, failureMessage: res.admin.slice(0, 500) },
    event: {
      type: `${p}.request`,
      message: `요청 실패: ${res.admin}${res.kind === "no-answer" ? " (제공자 쪽 접수 여부 알 수 없음: 접수아이디가 없어 조회할 수 없음, 고객이 다시 요청)" : ""}`,
      resultCode: res.resultCode,
      data: { durationMs },
    },
  });
  return failed(res.customer, { id: row.id, retryable: res.retryable });
}

/** Ended without a valid consent: a fresh request with the same details may replace them. */
export const RE_REQUESTABLE: readonly ConsentStatus[] = ["EXPIRED", "REJECTED", "FAILED", "NEEDS_REVIEW"];

/** Starts a fresh request with the same details (expired, rejected, failed or in-review ones). */
export async function reRequestConsent(
  id: string,
  deps: ConsentDeps & { by: string; merchantId?: string },
): Promise<RequestOutcome> {
  const { db } = ctx(deps);
  const old = await db.consentRequest.findUnique({ where: { id } });
  if (!old || (deps.merchantId && old.merchantId !== deps.merchantId))
    return failed("요청을 찾을 수 없습니다.", { retryable: false });
  if (!RE_REQUESTABLE.includes(old.status))
    return failed("만료·거절·실패했거나 확인이 필요한 요청만 다시 요청할 수 있습니다.", { id, retryable: false });
  const successor = await db.consentRequest.findUnique({
    where: { previousId: id },
    select: { id: true, status: true, channel: true },
  });
  if (successor) return sent(successor.id, successor.channel);
  let row: ConsentRequest;
  try {
    row = await createRequest(
      db,
      {
        merchantId: old.merchantId,
        kind: old.kind,
        channel: old.channel,
        customerName: old.customerName,
        customerPhone: old.customerPhone,
        customerBirthday: old.customerBirthday,
        title: old.title,
        expireInSec: old.expireInSec,
        requestCorp: old.requestCorp,
        bankName: old.bankName,
        bankAccountNumEnc: old.bankAccountNumEnc,
        bankAccountLast4: old.bankAccountLast4,
        bankAccountName: old.bankAccountName,
        bankServiceType: old.bankServiceType,
        purpose: old.purpose,
        documentKey: old.documentKey,
        documentTitle: old.documentTitle,
        documentText: old.documentText,
        documentHash: old.documentHash,
        orderId: old.orderId,
        billId: old.billId,
        previousId: old.id,
        createdBy: deps.by,
      },
      { type: "consent.created", message: `이전 요청(${old.receiptId ?? old.id})을 다시 요청` },
    );
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const s = await db.consentRequest.findUniqueOrThrow({
        where: { previousId: id },
        select: { id: true, channel: true },
      });
      return sent(s.id, s.channel);
    }
    throw e;
  }
  await addConsentEvent(db, {
    consentId: old.id,
    type: "consent.rerequested",
    message: `다시 요청함 → ${row.id} (${deps.by === "customer" ? "고객" : deps.by})`,
  });
  return sendRequest(row, deps);
}
