// Consent use cases: request → poll the provider's status → verify exactly once → settle.
// The only code that writes ConsentRequest.status. Every transition is a compare-and-set on the
// row (`updateMany where status in …`), so several app instances polling the same request cannot
// both call the once-only verify: the winner of COMPLETED → VERIFYING is the only caller.
import { Prisma } from "../generated/prisma/client";
import type { ConsentRequest, ConsentStatus } from "../generated/prisma/client";
import { db as defaultDb, type Db } from "../db";
import { env } from "../env";
import { log } from "../log";
import { signedDataToDer, type BarocertCms, type CmsIdentity, type LinkhubFailure } from "../providers/barocert";
import type { KakaoCertESign } from "../providers/kakaocert";
import { sha256Hex } from "./documents";
import { addConsentEvent } from "./events";
import { parseCmsInput, parseESignInput, type FieldErrors } from "./input";
import { barocertCms, kakaoCertESign } from "./providers";
import { isFinal, sourcesOf, statusFromProvider } from "./state";

export type ConsentDeps = { db?: Db; cms?: BarocertCms; esign?: KakaoCertESign; now?: () => Date };

/** Provider rule (S0): verify within 10 minutes of completion. */
export const VERIFY_WINDOW_MS = 10 * 60_000;
/** Requests expire after this many seconds (recommended 300). */
export const EXPIRE_IN_SEC = 300;
/** Pollers closer together than this share one provider status call. */
const POLL_MIN_INTERVAL_MS = 1_500;
/** A REQUESTING / VERIFYING claim older than this belongs to a process that died mid-call. */
const STALE_CLAIM_MS = 2 * 60_000;

const ctx = (deps: ConsentDeps) => ({
  db: deps.db ?? defaultDb,
  now: deps.now ?? (() => new Date()),
  cms: () => deps.cms ?? barocertCms(),
  esign: () => deps.esign ?? kakaoCertESign(),
});

const provName = (c: Pick<ConsentRequest, "kind">) => (c.kind === "CMS" ? "barocert" : "kakaocert");

// ------------------------------------------------------------------------------------------ request

export type Links = { orderId?: string | null; billId?: string | null };
export type RequestOutcome =
  | { ok: true; id: string; channel: "TALK" | "APP"; txId?: string }
  | { ok: false; kind: "invalid"; errors: FieldErrors; message: string }
  | { ok: false; kind: "failed"; id?: string; message: string; retryable: boolean };

/** Customer-facing and admin-facing reading of an adapter failure. */
export function describeFailure(f: LinkhubFailure): { code: string; customer: string; admin: string; retryable: boolean } {
  switch (f.kind) {
    case "timeout":
      return {
        code: "PROVIDER_TIMEOUT",
        customer: "카카오 인증 서버가 응답하지 않습니다. 잠시 후 다시 시도해 주세요.",
        admin: `제공자 응답 없음 (${f.reason === "unreachable" ? "연결 불가" : "시간 초과"}): ${f.message}`,
        retryable: true,
      };
    case "config":
      return {
        code: "CONFIG",
        customer: "지금은 카카오톡 인증을 요청할 수 없습니다. (연동 설정 오류) 고객센터로 문의해 주세요.",
        admin: `연동 설정 오류: ${f.message}`,
        retryable: false,
      };
    case "invalid":
      return { code: "INVALID", customer: f.message, admin: `입력값 오류 (${f.field}): ${f.message}`, retryable: true };
    case "provider":
      return {
        code: `PROVIDER_${f.code}`,
        customer: `카카오 인증 요청이 처리되지 않았습니다. ${f.message}`,
        admin: `제공자 오류 (${f.code}): ${f.message}`,
        retryable: true,
      };
  }
}

async function shopMerchantId(db: Db): Promise<string> {
  const m = await db.merchant.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  if (!m) throw new Error("no merchant");
  return m.id;
}

/** Resolves the optional order / bill the consent authorises; both must belong to the merchant. */
async function resolveLinks(db: Db, links: Links): Promise<{ ok: true; merchantId: string; orderId: string | null; billId: string | null; billTitle?: string } | { ok: false; message: string }> {
  let merchantId: string | undefined;
  let orderId: string | null = null;
  let billId: string | null = null;
  let billTitle: string | undefined;
  if (links.orderId) {
    const o = await db.order.findUnique({ where: { id: links.orderId }, select: { id: true, merchantId: true } });
    if (!o) return { ok: false, message: "연결할 주문을 찾을 수 없습니다." };
    merchantId = o.merchantId;
    orderId = o.id;
  }
  if (links.billId) {
    const b = await db.bill.findUnique({ where: { id: links.billId }, select: { id: true, merchantId: true, title: true } });
    if (!b || (merchantId && b.merchantId !== merchantId)) return { ok: false, message: "연결할 청구서를 찾을 수 없습니다." };
    merchantId = b.merchantId;
    billId = b.id;
    billTitle = b.title;
  }
  return { ok: true, merchantId: merchantId ?? (await shopMerchantId(db)), orderId, billId, billTitle };
}

export async function requestCmsConsent(raw: Record<string, string | undefined>, links: Links, deps: ConsentDeps & { createdBy?: string } = {}): Promise<RequestOutcome> {
  const { db, now } = ctx(deps);
  const parsed = parseCmsInput(raw, now());
  if (!parsed.ok) return { ok: false, kind: "invalid", errors: parsed.errors, message: "입력한 정보를 확인해 주세요." };
  const linked = await resolveLinks(db, links);
  if (!linked.ok) return { ok: false, kind: "invalid", errors: {}, message: linked.message };
  const v = parsed.value;
  const corp = env().CONSENT_REQUEST_CORP;
  const purpose = linked.billTitle ? `${linked.billTitle} 자동이체` : `${corp} 이용요금 매월 자동이체`;
  const row = await db.consentRequest.create({
    data: {
      merchantId: linked.merchantId,
      kind: "CMS",
      channel: "TALK",
      customerName: v.name,
      customerPhone: v.phone,
      customerBirthday: v.birthday,
      title: `${corp} 자동이체 출금동의`.slice(0, 40),
      expireInSec: EXPIRE_IN_SEC,
      requestCorp: corp,
      bankName: v.bankName,
      bankAccountNum: v.accountNumber,
      bankAccountName: v.accountHolder,
      bankServiceType: "CMS",
      purpose: purpose.slice(0, 200),
      orderId: linked.orderId,
      billId: linked.billId,
      createdBy: deps.createdBy ?? "customer",
      events: { create: { type: "consent.created", message: `자동이체 출금동의 요청 생성 (${v.bankName})` } },
    },
  });
  return sendRequest(row, deps);
}

export async function requestESign(
  raw: Record<string, string | undefined>,
  links: Links,
  deps: ConsentDeps & { createdBy?: string; appToApp?: boolean } = {},
): Promise<RequestOutcome> {
  const { db, now } = ctx(deps);
  const parsed = parseESignInput(raw, now());
  if (!parsed.ok) return { ok: false, kind: "invalid", errors: parsed.errors, message: "입력한 정보를 확인해 주세요." };
  const linked = await resolveLinks(db, links);
  if (!linked.ok) return { ok: false, kind: "invalid", errors: {}, message: linked.message };
  const v = parsed.value;
  const doc = v.document;
  const row = await db.consentRequest.create({
    data: {
      merchantId: linked.merchantId,
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
      orderId: linked.orderId,
      billId: linked.billId,
      createdBy: deps.createdBy ?? "customer",
      events: { create: { type: "consent.created", message: `전자서명 요청 생성: ${doc.title} (${deps.appToApp ? "앱투앱" : "톡메시지"})` } },
    },
  });
  return sendRequest(row, deps);
}

/** Calls the provider's request for a REQUESTING row and settles it as WAITING or FAILED. */
async function sendRequest(row: ConsentRequest, deps: ConsentDeps): Promise<RequestOutcome> {
  const { db, now, cms, esign } = ctx(deps);
  const started = Date.now();
  const res =
    row.kind === "CMS"
      ? await cms().request({
          receiverName: row.customerName,
          receiverHP: row.customerPhone,
          receiverBirthday: row.customerBirthday,
          reqTitle: row.title,
          extraMessage: row.purpose ?? undefined,
          expireIn: row.expireInSec,
          requestCorp: row.requestCorp!,
          bankName: row.bankName!,
          bankAccountNum: row.bankAccountNum!,
          bankAccountName: row.bankAccountName!,
          // the account holder's birth date: the person the consent is for is the account holder
          bankAccountBirthday: row.customerBirthday,
          bankServiceType: (row.bankServiceType ?? "CMS") as "CMS",
        })
      : await esign().request({
          receiverName: row.customerName,
          receiverHP: row.customerPhone,
          receiverBirthday: row.customerBirthday,
          title: row.title,
          message: `${row.documentTitle} 내용을 확인하고 서명해 주세요.`,
          document: row.documentText!,
          callCenterNum: env().CONSENT_CALL_CENTER,
          expiresIn: row.expireInSec,
          verifyName: true,
          payload: row.id,
          appToApp: row.channel === "APP",
        });
  const durationMs = Date.now() - started;
  const p = provName(row);
  if (res.ok) {
    const at = now();
    const txId = "txId" in res ? res.txId : undefined;
    const moved = await db.$transaction(async (tx) => {
      const m = await tx.consentRequest.updateMany({
        where: { id: row.id, status: "REQUESTING" },
        data: { status: "WAITING", receiptId: res.receiptId, txId: txId ?? null, requestedAt: at, expiresAt: new Date(at.getTime() + row.expireInSec * 1000) },
      });
      if (m.count) {
        await addConsentEvent(tx, {
          consentId: row.id,
          type: `${p}.request`,
          message: `요청 접수 (접수아이디 ${res.receiptId})${txId ? ", 앱투앱" : ", 카카오톡 메시지 발송"}`,
          resultCode: "OK",
          data: { receiptId: res.receiptId, durationMs },
        });
      }
      return m.count;
    });
    if (!moved) return { ok: false, kind: "failed", id: row.id, message: "요청 상태가 바뀌어 진행할 수 없습니다. 다시 시도해 주세요.", retryable: true };
    return { ok: true, id: row.id, channel: row.channel, txId };
  }
  const d = describeFailure(res);
  if (res.kind === "config") log.error({ consentId: row.id, provider: p, code: "code" in res ? res.code : undefined }, "consent provider configuration error");
  else log.warn({ consentId: row.id, provider: p, kind: res.kind }, "consent request failed");
  await db.$transaction(async (tx) => {
    const m = await tx.consentRequest.updateMany({
      where: { id: row.id, status: "REQUESTING" },
      data: { status: "FAILED", failureCode: d.code, failureMessage: d.admin.slice(0, 500) },
    });
    if (m.count)
      await addConsentEvent(tx, {
        consentId: row.id,
        type: `${p}.request`,
        message: `요청 실패: ${d.admin}${res.kind === "timeout" ? " (제공자 쪽 접수 여부 알 수 없음: 고객이 다시 요청)" : ""}`,
        resultCode: res.kind === "provider" ? res.code : d.code,
        data: { durationMs },
      });
  });
  return { ok: false, kind: "failed", id: row.id, message: d.customer, retryable: d.retryable };
}

/** Starts a fresh request with the same details (expired, rejected or failed ones). */
export async function reRequestConsent(id: string, deps: ConsentDeps & { by: string; merchantId?: string }): Promise<RequestOutcome> {
  const { db } = ctx(deps);
  const old = await db.consentRequest.findUnique({ where: { id } });
  if (!old || (deps.merchantId && old.merchantId !== deps.merchantId)) return { ok: false, kind: "failed", message: "요청을 찾을 수 없습니다.", retryable: false };
  if (!["EXPIRED", "REJECTED", "FAILED"].includes(old.status))
    return { ok: false, kind: "failed", id, message: "만료·거절·실패한 요청만 다시 요청할 수 있습니다.", retryable: false };
  const successor = await db.consentRequest.findUnique({ where: { previousId: id }, select: { id: true, status: true, channel: true } });
  if (successor) return { ok: true, id: successor.id, channel: successor.channel };
  let row: ConsentRequest;
  try {
    row = await db.consentRequest.create({
      data: {
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
        bankAccountNum: old.bankAccountNum,
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
        events: { create: { type: "consent.created", message: `이전 요청(${old.receiptId ?? old.id})을 다시 요청` } },
      },
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const s = await db.consentRequest.findUniqueOrThrow({ where: { previousId: id }, select: { id: true, channel: true } });
      return { ok: true, id: s.id, channel: s.channel };
    }
    throw e;
  }
  await addConsentEvent(db, { consentId: old.id, type: "consent.rerequested", message: `다시 요청함 → ${row.id} (${deps.by === "customer" ? "고객" : deps.by})` });
  return sendRequest(row, deps);
}

// ------------------------------------------------------------------------------------------ poll

/**
 * Brings a request up to date with the provider (called by the waiting screen every ~2 s, by the
 * app-to-app return page and by the admin). Verifies once on completion (talk-message requests).
 */
export async function refreshConsent(id: string, deps: ConsentDeps & { force?: boolean } = {}): Promise<ConsentRequest | null> {
  const { db, now } = ctx(deps);
  let c = await db.consentRequest.findUnique({ where: { id } });
  if (!c) return null;
  const t = now();

  if (c.status === "REQUESTING") {
    if (t.getTime() - c.createdAt.getTime() > STALE_CLAIM_MS) await settle(db, c, ["REQUESTING"], "FAILED", { failureCode: "REQUEST_LOST", failureMessage: "요청 결과를 받지 못했습니다 (처리 중 중단)" }, "consent.failed", "요청 처리 중 중단되어 실패 처리");
    return db.consentRequest.findUnique({ where: { id } });
  }
  if (c.status === "VERIFYING") {
    // the verifier died mid-call: the verify may or may not have been used; a new attempt will tell
    if (c.verifyClaimedAt && t.getTime() - c.verifyClaimedAt.getTime() > STALE_CLAIM_MS)
      await settle(db, c, ["VERIFYING"], "COMPLETED", {}, "consent.verify_stale", "검증 처리 중 중단되어 다시 검증 대기");
    return db.consentRequest.findUnique({ where: { id } });
  }
  if (isFinal(c.status)) return c;

  if (c.status === "WAITING" || c.status === "VIEWED") {
    // share one provider call between pollers (compare-and-set on lastPolledAt)
    const since = new Date(t.getTime() - POLL_MIN_INTERVAL_MS);
    const claimed = deps.force
      ? 1
      : (await db.consentRequest.updateMany({ where: { id, status: { in: ["WAITING", "VIEWED"] }, OR: [{ lastPolledAt: null }, { lastPolledAt: { lt: since } }] }, data: { lastPolledAt: t } })).count;
    if (!claimed) return c;
    await pollStatus(c, deps);
    c = (await db.consentRequest.findUnique({ where: { id } }))!;
  }

  if (c.status === "COMPLETED") {
    if (c.completedAt && t.getTime() - c.completedAt.getTime() > VERIFY_WINDOW_MS) {
      await settle(db, c, ["COMPLETED"], "FAILED", { failureCode: "VERIFY_LATE", failureMessage: "서명 완료 후 10분 안에 검증하지 못했습니다." }, "consent.verify_late", "서명 완료 후 10분이 지나 검증할 수 없음 (검증 호출 안 함)");
    } else if (c.channel === "TALK") {
      await verifyConsent(id, deps);
    }
    // APP: verified by the return page, which carries the signature KakaoTalk handed back
    c = (await db.consentRequest.findUnique({ where: { id } }))!;
  }
  return c;
}

async function pollStatus(c: ConsentRequest, deps: ConsentDeps) {
  const { db, now, cms, esign } = ctx(deps);
  const p = provName(c);
  const started = Date.now();
  const res = c.kind === "CMS" ? await cms().status(c.receiptId!) : await esign().status(c.receiptId!);
  const durationMs = Date.now() - started;
  if (!res.ok) {
    const d = describeFailure(res);
    // record a failing status call at most once a minute (the screen keeps polling)
    const recent = await db.consentEvent.findFirst({
      where: { consentId: c.id, type: `${p}.status`, createdAt: { gt: new Date(now().getTime() - 60_000) }, NOT: { resultCode: "OK" } },
      select: { id: true },
    });
    if (!recent) await addConsentEvent(db, { consentId: c.id, type: `${p}.status`, message: `상태 조회 실패: ${d.admin}`, resultCode: res.kind === "provider" ? res.code : d.code, data: { durationMs } });
    if (res.kind === "config") log.error({ consentId: c.id, provider: p }, "consent provider configuration error");
    return;
  }
  const target = statusFromProvider(res.state, !!res.viewedAt);
  const times = {
    requestedAt: res.requestedAt ?? c.requestedAt,
    viewedAt: res.viewedAt ?? c.viewedAt,
    completedAt: res.completedAt ?? c.completedAt,
    expiresAt: res.expiresAt ?? c.expiresAt,
  };
  if (!target) {
    await addConsentEvent(db, { consentId: c.id, type: `${p}.status`, message: `알 수 없는 상태값 ${res.state}`, resultCode: String(res.state) });
    return;
  }
  if (target === c.status) {
    await db.consentRequest.updateMany({ where: { id: c.id, status: c.status }, data: times });
    return;
  }
  const extra =
    target === "FAILED" ? { failureCode: "PROVIDER_FAILED", failureMessage: "제공자 처리 실패 (상태 4)" } : {};
  await settle(db, c, sourcesOf(target), target, { ...times, ...extra }, `${p}.status`, stateMessage(target, res.state), { resultCode: String(res.state), data: { durationMs } });
}

function stateMessage(s: ConsentStatus, state: number) {
  const m: Partial<Record<ConsentStatus, string>> = {
    VIEWED: "고객이 카카오톡에서 요청을 열어 봄",
    COMPLETED: "고객이 카카오톡에서 서명함",
    EXPIRED: "서명 없이 만료됨",
    REJECTED: "고객이 카카오톡에서 거절함",
    FAILED: "제공자 쪽 처리 실패",
  };
  return `${m[s] ?? s} (상태 ${state})`;
}

/** Compare-and-set of the status plus one timeline event in the same transaction. */
async function settle(
  db: Db,
  c: Pick<ConsentRequest, "id">,
  from: ConsentStatus[],
  to: ConsentStatus,
  data: Prisma.ConsentRequestUpdateManyMutationInput,
  type: string,
  message: string,
  ev: { resultCode?: string | number; data?: Record<string, unknown> } = {},
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const m = await tx.consentRequest.updateMany({ where: { id: c.id, status: { in: from } }, data: { ...data, status: to } });
    if (m.count) await addConsentEvent(tx, { consentId: c.id, type, message, resultCode: ev.resultCode, data: ev.data });
    return m.count > 0;
  });
}

// ------------------------------------------------------------------------------------------ verify

export type VerifyOutcome =
  | { kind: "verified" }
  | { kind: "identity_mismatch"; fields: string[] }
  | { kind: "failed"; code: string; message: string }
  | { kind: "retry"; message: string } // no answer / config problem: still COMPLETED
  | { kind: "not_completed"; message: string }
  | { kind: "already"; status: ConsentStatus; message: string } // verified (or being verified) already
  | { kind: "not_found" };

/** Sandbox/provider verify refusal codes (suffix of -401000NN / -310000NN, see the sandbox README). */
const VERIFY_REFUSAL: Record<number, { to: ConsentStatus; code: string; message: string }> = {
  11: { to: "WAITING", code: "VERIFY_NOT_COMPLETE", message: "제공자: 서명이 완료되지 않아 검증 불가" },
  12: { to: "FAILED", code: "VERIFY_TWICE", message: "제공자: 이미 검증된 요청 (검증은 1회만 가능) — 검증 결과를 받지 못함" },
  13: { to: "FAILED", code: "VERIFY_LATE", message: "제공자: 서명 완료 후 10분이 지나 검증 불가" },
  14: { to: "EXPIRED", code: "EXPIRED", message: "제공자: 만료된 요청" },
  15: { to: "REJECTED", code: "REJECTED", message: "제공자: 고객이 거절한 요청" },
  16: { to: "FAILED", code: "PROVIDER_FAILED", message: "제공자: 처리에 실패한 요청" },
  18: { to: "COMPLETED", code: "SIGNATURE_MISMATCH", message: "제공자: 앱투앱 서명값 불일치" },
};

/**
 * Verifies a completed request exactly once. A second call, a call before completion or later
 * than 10 minutes after it is refused here (and recorded) without calling the provider.
 */
export async function verifyConsent(id: string, deps: ConsentDeps & { signature?: string; explicit?: boolean } = {}): Promise<VerifyOutcome> {
  const { db, now, cms, esign } = ctx(deps);
  const c = await db.consentRequest.findUnique({ where: { id } });
  if (!c) return { kind: "not_found" };
  const t = now();
  if (c.status !== "COMPLETED") {
    if (c.status === "VERIFYING") return { kind: "already", status: c.status, message: "다른 요청이 검증하고 있습니다." };
    const before = ["REQUESTING", "WAITING", "VIEWED"].includes(c.status);
    const message = before ? "서명이 완료되지 않아 검증할 수 없습니다." : c.status === "VERIFIED" || c.status === "IDENTITY_MISMATCH" ? "이미 검증한 요청입니다. 검증은 1회만 합니다." : "종료된 요청이라 검증할 수 없습니다.";
    if (deps.explicit) await addConsentEvent(db, { consentId: id, type: "consent.verify_refused", message: `검증 거부: ${message}`, resultCode: before ? "NOT_COMPLETED" : "ALREADY_FINAL" });
    return before ? { kind: "not_completed", message } : { kind: "already", status: c.status, message };
  }
  if (c.channel === "APP" && !deps.signature) return { kind: "retry", message: "앱투앱 서명은 카카오톡에서 돌아온 서명값으로 검증합니다." };
  if (c.completedAt && t.getTime() - c.completedAt.getTime() > VERIFY_WINDOW_MS) {
    await settle(db, c, ["COMPLETED"], "FAILED", { failureCode: "VERIFY_LATE", failureMessage: "서명 완료 후 10분 안에 검증하지 못했습니다." }, "consent.verify_late", "서명 완료 후 10분이 지나 검증할 수 없음 (검증 호출 안 함)");
    return { kind: "failed", code: "VERIFY_LATE", message: "서명 완료 후 10분이 지나 검증할 수 없습니다." };
  }
  // claim: only the request that moves COMPLETED → VERIFYING calls the provider
  const claimed = await db.consentRequest.updateMany({ where: { id, status: "COMPLETED" }, data: { status: "VERIFYING", verifyClaimedAt: t } });
  if (!claimed.count) {
    const fresh = await db.consentRequest.findUniqueOrThrow({ where: { id }, select: { status: true } });
    return { kind: "already", status: fresh.status, message: "다른 요청이 이미 검증했거나 검증하고 있습니다." };
  }

  const p = provName(c);
  const started = Date.now();
  const res = c.kind === "CMS" ? await cms().verify(c.receiptId!) : await esign().verify(c.receiptId!, deps.signature);
  const durationMs = Date.now() - started;

  if (!res.ok) {
    const d = describeFailure(res);
    if (res.kind === "provider") {
      const suffix = -res.code % 100;
      const known = (res.code <= -40100000 && res.code > -40100100) || (res.code <= -31000000 && res.code > -31000100) ? VERIFY_REFUSAL[suffix] : undefined;
      if (known) {
        const data = known.to === "FAILED" ? { failureCode: known.code, failureMessage: known.message } : {};
        await settle(db, c, ["VERIFYING"], known.to, data, `${p}.verify`, `검증 거부: ${known.message} (${res.message})`, { resultCode: res.code, data: { durationMs } });
        if (known.to === "COMPLETED") return { kind: "failed", code: known.code, message: "서명값이 올바르지 않습니다. 카카오톡에서 다시 돌아와 주세요." };
        if (known.to === "WAITING") return { kind: "not_completed", message: "서명이 완료되지 않았습니다." };
        return { kind: "failed", code: known.code, message: known.message };
      }
      await settle(db, c, ["VERIFYING"], "FAILED", { failureCode: d.code, failureMessage: d.admin.slice(0, 500) }, `${p}.verify`, `검증 실패: ${d.admin}`, { resultCode: res.code, data: { durationMs } });
      return { kind: "failed", code: d.code, message: d.customer };
    }
    // no answer (the verify may or may not have been used) or configuration: back to COMPLETED, next poll retries
    if (res.kind === "config") log.error({ consentId: id, provider: p }, "consent provider configuration error on verify");
    await settle(db, c, ["VERIFYING"], "COMPLETED", {}, `${p}.verify`, `검증 응답 없음 또는 설정 오류 — 다시 시도: ${d.admin}`, { resultCode: d.code, data: { durationMs } });
    return { kind: "retry", message: d.customer };
  }

  const signedData = res.signedData;
  let derOk = true;
  try {
    signedDataToDer(signedData);
  } catch {
    derOk = false;
  }
  const verifiedAt = now();
  if (!derOk) {
    await settle(db, c, ["VERIFYING"], "FAILED", { signedData, verifiedAt, failureCode: "BAD_SIGNED_DATA", failureMessage: "signedData가 DER PKCS#7 형식이 아닙니다." }, `${p}.verify`, "검증 응답의 signedData가 DER 형식이 아님", { resultCode: "BAD_SIGNED_DATA", data: { durationMs } });
    return { kind: "failed", code: "BAD_SIGNED_DATA", message: "전자서명 값을 확인하지 못했습니다." };
  }

  if (c.kind === "ESIGN") {
    await settle(db, c, ["VERIFYING"], "VERIFIED", { signedData, verifiedAt, failureCode: null, failureMessage: null }, `${p}.verify`, `전자서명 검증 완료 (signedData ${signedData.length}자, 문서 해시 ${c.documentHash?.slice(0, 12)}…)`, { resultCode: "OK", data: { durationMs } });
    return { kind: "verified" };
  }

  const cmsRes = res as unknown as { identity: CmsIdentity | null };
  if (!cmsRes.identity) {
    const msg = `서명자 개인정보를 복호화하지 못했습니다. BAROCERT_RESULT_KEY / BAROCERT_RESULT_IV 설정을 확인하세요.`;
    log.error({ consentId: id }, "consent verify result could not be decrypted (result key/IV)");
    await settle(db, c, ["VERIFYING"], "FAILED", { signedData, verifiedAt, identityMatched: null, failureCode: "CONFIG_RESULT_KEY", failureMessage: msg }, `${p}.verify`, `검증 완료, 본인 확인 불가: ${msg}`, { resultCode: "CONFIG_RESULT_KEY", data: { durationMs } });
    return { kind: "failed", code: "CONFIG_RESULT_KEY", message: "서명은 받았지만 본인 확인을 하지 못했습니다. 고객센터로 문의해 주세요." };
  }
  const fields = identityMismatches(cmsRes.identity, c);
  if (fields.length) {
    const label = fields.map((f) => FIELD_LABEL[f] ?? f).join(", ");
    await settle(
      db,
      c,
      ["VERIFYING"],
      "IDENTITY_MISMATCH",
      { signedData, verifiedAt, identityMatched: false, mismatchedFields: fields, failureCode: "IDENTITY_MISMATCH", failureMessage: `서명자 본인 확인 불일치: ${label}` },
      "consent.identity_mismatch",
      `검증 완료, 서명자 본인 확인 불일치 (${label}) — 유효한 출금동의가 아님`,
      { resultCode: "IDENTITY_MISMATCH", data: { durationMs, fields } },
    );
    return { kind: "identity_mismatch", fields };
  }
  await settle(
    db,
    c,
    ["VERIFYING"],
    "VERIFIED",
    { signedData, verifiedAt, identityMatched: true, mismatchedFields: [], failureCode: null, failureMessage: null },
    `${p}.verify`,
    `출금동의 검증 완료, 서명자 = 예금주 본인 확인 (성명·생년월일·휴대폰 일치)`,
    { resultCode: "OK", data: { durationMs } },
  );
  return { kind: "verified" };
}

const FIELD_LABEL: Record<string, string> = { name: "성명", birthday: "생년월일", phone: "휴대폰 번호", accountHolder: "예금주" };

/**
 * The signer (decrypted verify result) must be the person the consent is for: the customer who
 * asked (name, birth date, phone) and the holder of the debited account (S0: 동일인 체크 의무).
 */
export function identityMismatches(identity: CmsIdentity, c: Pick<ConsentRequest, "customerName" | "customerBirthday" | "customerPhone" | "bankAccountName">): string[] {
  const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, "").toLowerCase();
  const digits = (s: string) => s.replace(/\D/g, "");
  const out: string[] = [];
  if (norm(identity.name) !== norm(c.customerName)) out.push("name");
  if (digits(identity.birthday) !== digits(c.customerBirthday)) out.push("birthday");
  if (digits(identity.phone) !== digits(c.customerPhone)) out.push("phone");
  if (c.bankAccountName && norm(identity.name) !== norm(c.bankAccountName)) out.push("accountHolder");
  return out;
}

// ------------------------------------------------------------------------------------------ app-to-app

export type AppReturnOutcome = { ok: true; id: string } | { ok: false; message: string };

/**
 * The customer comes back from the KakaoTalk app with tx_id and the signature (`signature` on
 * Android, `sig` on iOS) or error=cancel. The state always comes from the provider, never from
 * the query string; the signature is only handed to the once-only verify.
 */
export async function completeAppReturn(id: string, q: { txId?: string; signature?: string; error?: string }, deps: ConsentDeps = {}): Promise<AppReturnOutcome> {
  const { db } = ctx(deps);
  const c = await db.consentRequest.findUnique({ where: { id } });
  if (!c || c.channel !== "APP" || !c.txId || q.txId !== c.txId) {
    if (c) await addConsentEvent(db, { consentId: c.id, type: "consent.app_return_refused", message: "앱투앱 복귀 거부: tx_id가 요청과 다름", resultCode: "TX_MISMATCH" });
    return { ok: false, message: "요청 정보가 올바르지 않습니다. 처음부터 다시 시도해 주세요." };
  }
  if (isFinal(c.status)) return { ok: true, id };
  await addConsentEvent(db, {
    consentId: id,
    type: "consent.app_return",
    message: q.error ? `카카오톡 앱에서 돌아옴: ${q.error === "cancel" ? "취소" : "오류"}` : q.signature ? "카카오톡 앱에서 서명값을 가지고 돌아옴" : "카카오톡 앱에서 돌아옴 (서명값 없음)",
    resultCode: q.error ?? (q.signature ? "SIGNATURE" : "NONE"),
  });
  await refreshConsent(id, { ...deps, force: true });
  const now = await db.consentRequest.findUniqueOrThrow({ where: { id } });
  if (now.status === "COMPLETED" && q.signature) await verifyConsent(id, { ...deps, signature: q.signature });
  return { ok: true, id };
}
