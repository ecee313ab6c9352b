// Consent use cases: request → poll the provider's status → verify exactly once → settle.
// Every status change goes through lib/consents/state.ts (`transition`: compare-and-set + timeline
// event in one transaction), so several app instances and workers polling the same request cannot
// both call the once-only verify: the winner of COMPLETED | VERIFY_UNKNOWN → VERIFYING is the only
// caller. A verify without a definite answer is VERIFY_UNKNOWN (retried by the worker while the
// provider's window is open), never FAILED; a retry answered "already verified" is NEEDS_REVIEW.
import { Prisma } from "../generated/prisma/client";
import type { ConsentRequest, ConsentStatus } from "../generated/prisma/client";
import { db as defaultDb, type Db } from "../db";
import { env } from "../env";
import { log } from "../log";
import { linkhubCode, signedDataToDer, type BarocertCms, type CmsIdentity, type LinkhubCodeKind, type LinkhubFailure, type LinkhubService } from "../providers/barocert";
import type { KakaoCertESign } from "../providers/kakaocert";
import { sha256Hex } from "./documents";
import { addConsentEvent } from "./events";
import { parseCmsInput, parseESignInput, type FieldErrors } from "./input";
import { openPii, PiiError, sealAccountNumber } from "../security/pii";
import { barocertCms, kakaoCertESign } from "./providers";
import { canTransition, createRequest, isFinal, PENDING, statusFromProvider, transition, updateWhileIn, type ConsentData, type ConsentTimelineEvent } from "./state";

export type ConsentDeps = { db?: Db; cms?: BarocertCms; esign?: KakaoCertESign; now?: () => Date };

/**
 * Barocert CMS (seed 000 §3): verify within 10 minutes of completion. The legacy KakaoCert e-sign API
 * (seed 001) documents no such window — Barocert states one for its own Kakao sign API, which we do
 * not use, so e-sign verifies are not cut off by our clock (the provider's answer decides).
 */
export const VERIFY_WINDOW_MS = 10 * 60_000;
export const verifyWindowMs = (c: Pick<ConsentRequest, "kind">): number | null => (c.kind === "CMS" ? VERIFY_WINDOW_MS : null);
const pastVerifyWindow = (c: Pick<ConsentRequest, "kind" | "completedAt">, t: Date) => {
  const w = verifyWindowMs(c);
  return w !== null && c.completedAt !== null && t.getTime() - c.completedAt.getTime() > w;
};
/** Requests expire after this many seconds (recommended 300). */
export const EXPIRE_IN_SEC = 300;
/** Pollers closer together than this share one provider status call. */
const POLL_MIN_INTERVAL_MS = 1_500;
/** A REQUESTING / VERIFYING claim older than this belongs to a process that died mid-call. */
const STALE_CLAIM_MS = 2 * 60_000;
/** Verify retries (VERIFY_UNKNOWN) closer together than this wait (the customer's page polls every 2 s). */
const VERIFY_RETRY_GAP_MS = 5_000;
/** A verify still unresolved this long after the signature (provider unreachable) goes to 확인 필요. */
export const UNRESOLVED_AFTER_MS = 24 * 3600_000;
/** A waiting CMS request whose provider cannot be reached is given up this long after its expiry (by
 * then even a last-second signature is past its 10-minute verify window). E-sign: never (no window). */
const GIVE_UP_AFTER_EXPIRY_MS = VERIFY_WINDOW_MS + 60_000;

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
export function describeFailure(f: LinkhubFailure, service?: LinkhubService): { code: string; customer: string; admin: string; retryable: boolean } {
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
        customer: "지금은 카카오톡 인증을 요청할 수 없습니다. 잠시 후 다시 시도하시거나 고객센터로 문의해 주세요.",
        admin: `연동 설정 오류: ${f.message}`,
        retryable: false,
      };
    case "invalid":
      return { code: "INVALID", customer: f.message, admin: `입력값 오류 (${f.field}): ${f.message}`, retryable: true };
    case "provider": {
      // by the code's entry in the provider's table; an unknown code gets a neutral text and the raw answer for staff
      const known = service ? linkhubCode(service, f.code) : undefined;
      return {
        code: `PROVIDER_${f.code}`,
        customer: known?.customer ?? "카카오 인증 요청이 처리되지 않았습니다. 잠시 후 다시 시도해 주세요.",
        admin: known ? `${known.staff} (제공자 코드 ${f.code}${known.confirmed ? "" : ", 번호 미확인"}: ${f.message})` : `알 수 없는 제공자 코드 ${f.code}: ${f.message} — 제공자에 문의해 확인하세요.`,
        retryable: true,
      };
    }
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
  // The account number is stored sealed (lib/security/pii.ts) with its last four digits; sendRequest opens it for the provider.
  const account = sealAccountNumber(v.accountNumber);
  const purpose = linked.billTitle ? `${linked.billTitle} 자동이체` : `${corp} 이용요금 매월 자동이체`;
  const row = await createRequest(
    db,
    {
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
      bankAccountNumEnc: account.sealed,
      bankAccountLast4: account.last4,
      bankAccountName: v.accountHolder,
      bankServiceType: "CMS",
      purpose: purpose.slice(0, 200),
      orderId: linked.orderId,
      billId: linked.billId,
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
  if (!parsed.ok) return { ok: false, kind: "invalid", errors: parsed.errors, message: "입력한 정보를 확인해 주세요." };
  const linked = await resolveLinks(db, links);
  if (!linked.ok) return { ok: false, kind: "invalid", errors: {}, message: linked.message };
  const v = parsed.value;
  const doc = v.document;
  const row = await createRequest(
    db,
    {
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
    },
    { type: "consent.created", message: `전자서명 요청 생성: ${doc.title} (${deps.appToApp ? "앱투앱" : "톡메시지"})` },
  );
  return sendRequest(row, deps);
}

/** Calls the provider's request for a REQUESTING row and settles it as WAITING or FAILED. */
async function sendRequest(row: ConsentRequest, deps: ConsentDeps): Promise<RequestOutcome> {
  const { db, now, cms, esign } = ctx(deps);
  const started = Date.now();
  // CMS: the plain account number exists only for this call (decrypted here, never stored or logged).
  let accountNumber: string | undefined;
  let sealError: LinkhubFailure | undefined;
  if (row.kind === "CMS") {
    try {
      accountNumber = openPii(row.bankAccountNumEnc ?? "", "bank-account");
    } catch (e) {
      if (!(e instanceof PiiError)) throw e;
      sealError = { ok: false, kind: "config", message: `저장된 계좌번호를 복호화할 수 없습니다 (${e.code}). PII_KEYS 설정을 확인하세요.` };
    }
  }
  const res =
    sealError ??
    (row.kind === "CMS"
      ? await cms().request({
          receiverName: row.customerName,
          receiverHP: row.customerPhone,
          receiverBirthday: row.customerBirthday,
          reqTitle: row.title,
          extraMessage: row.purpose ?? undefined,
          expireIn: row.expireInSec,
          requestCorp: row.requestCorp!,
          bankName: row.bankName!,
          bankAccountNum: accountNumber!,
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
        }));
  const durationMs = Date.now() - started;
  const p = provName(row);
  if (res.ok) {
    const at = now();
    const txId = "txId" in res ? res.txId : undefined;
    const moved = await transition(db, row.id, "WAITING", {
      from: "REQUESTING",
      data: { receiptId: res.receiptId, txId: txId ?? null, requestedAt: at, expiresAt: new Date(at.getTime() + row.expireInSec * 1000) },
      event: {
        type: `${p}.request`,
        message: `요청 접수 (접수아이디 ${res.receiptId})${txId ? ", 앱투앱" : ", 카카오톡 메시지 발송"}`,
        resultCode: "OK",
        data: { receiptId: res.receiptId, durationMs },
      },
    });
    if (!moved) return { ok: false, kind: "failed", id: row.id, message: "요청 상태가 바뀌어 진행할 수 없습니다. 다시 시도해 주세요.", retryable: true };
    return { ok: true, id: row.id, channel: row.channel, txId };
  }
  const d = describeFailure(res, p);
  if (res.kind === "config") log.error({ consentId: row.id, provider: p, code: "code" in res ? res.code : undefined }, "consent provider configuration error");
  else log.warn({ consentId: row.id, provider: p, kind: res.kind }, "consent request failed");
  // The request itself (no receipt id, nothing to poll): a timeout here cannot be reconciled, and at
  // worst a KakaoTalk message nobody can verify reached the customer; the customer asks again.
  await transition(db, row.id, "FAILED", {
    from: "REQUESTING",
    data: { failureCode: d.code, failureMessage: d.admin.slice(0, 500) },
    event: {
      type: `${p}.request`,
      message: `요청 실패: ${d.admin}${res.kind === "timeout" ? " (제공자 쪽 접수 여부 알 수 없음: 접수아이디가 없어 조회할 수 없음, 고객이 다시 요청)" : ""}`,
      resultCode: res.kind === "provider" ? res.code : d.code,
      data: { durationMs },
    },
  });
  return { ok: false, kind: "failed", id: row.id, message: d.customer, retryable: d.retryable };
}

/** Ended without a valid consent: a fresh request with the same details may replace them. */
export const RE_REQUESTABLE: readonly ConsentStatus[] = ["EXPIRED", "REJECTED", "FAILED", "NEEDS_REVIEW"];

/** Starts a fresh request with the same details (expired, rejected, failed or in-review ones). */
export async function reRequestConsent(id: string, deps: ConsentDeps & { by: string; merchantId?: string }): Promise<RequestOutcome> {
  const { db } = ctx(deps);
  const old = await db.consentRequest.findUnique({ where: { id } });
  if (!old || (deps.merchantId && old.merchantId !== deps.merchantId)) return { ok: false, kind: "failed", message: "요청을 찾을 수 없습니다.", retryable: false };
  if (!RE_REQUESTABLE.includes(old.status))
    return { ok: false, kind: "failed", id, message: "만료·거절·실패했거나 확인이 필요한 요청만 다시 요청할 수 있습니다.", retryable: false };
  const successor = await db.consentRequest.findUnique({ where: { previousId: id }, select: { id: true, status: true, channel: true } });
  if (successor) return { ok: true, id: successor.id, channel: successor.channel };
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
 * Brings a request up to date with the provider and settles what it can: polls the status while
 * the customer signs, verifies once on completion (talk-message requests, or app-to-app ones whose
 * signature came back), retries a verify whose answer was lost, and gives up what can no longer
 * succeed. Called by the waiting screen every ~2 s, the app-to-app return page, the admin, and the
 * worker's consent.settle job (`force`: skip the poll sharing and the retry spacing).
 */
export async function refreshConsent(id: string, deps: ConsentDeps & { force?: boolean } = {}): Promise<ConsentRequest | null> {
  const { db, now } = ctx(deps);
  let c = await db.consentRequest.findUnique({ where: { id } });
  if (!c) return null;
  const t = now();
  const reload = async () => (await db.consentRequest.findUnique({ where: { id } }))!;

  if (c.status === "REQUESTING") {
    // the requester died mid-call: without a receipt id there is nothing to look up
    if (t.getTime() - c.createdAt.getTime() > STALE_CLAIM_MS)
      await transition(db, id, "FAILED", {
        from: "REQUESTING",
        where: { createdAt: { lt: new Date(t.getTime() - STALE_CLAIM_MS) } },
        data: { failureCode: "REQUEST_LOST", failureMessage: "요청 결과를 받지 못했습니다 (처리 중 중단)" },
        event: { type: "consent.failed", message: "요청 처리 중 중단되어 실패 처리 (접수아이디 없음: 조회 불가)", resultCode: "REQUEST_LOST" },
      });
    return reload();
  }
  if (c.status === "VERIFYING") {
    // the verifier died mid-call: the verify may or may not have been used — the retry will tell
    const cutoff = new Date(t.getTime() - STALE_CLAIM_MS);
    if (c.verifyClaimedAt && c.verifyClaimedAt < cutoff) {
      await transition(db, id, "VERIFY_UNKNOWN", {
        from: "VERIFYING",
        where: { verifyClaimedAt: { lt: cutoff } },
        event: { type: "consent.verify_stale", message: "검증 호출 중 처리가 중단됨 — 결과를 알 수 없어 다시 확인", resultCode: "VERIFY_STALE" },
      });
      c = await reload();
    } else return c;
  }
  if (isFinal(c.status)) return c;

  if (c.status === "WAITING" || c.status === "VIEWED") {
    // share one provider call between pollers (compare-and-set on lastPolledAt; no status write)
    const since = new Date(t.getTime() - POLL_MIN_INTERVAL_MS);
    const claimed = deps.force
      ? 1
      : await updateWhileIn(db, id, PENDING, { lastPolledAt: t }, { OR: [{ lastPolledAt: null }, { lastPolledAt: { lt: since } }] });
    if (!claimed) return c;
    const polled = await pollStatus(c, deps);
    c = await reload();
    // Only where a verify window is documented (CMS): an e-signature made before expiry stays verifiable,
    // so an e-sign whose provider cannot be reached stays in progress until the provider answers.
    if (!polled && verifyWindowMs(c) !== null && (c.status === "WAITING" || c.status === "VIEWED") && c.expiresAt && t.getTime() - c.expiresAt.getTime() > GIVE_UP_AFTER_EXPIRY_MS) {
      await transition(db, id, "EXPIRED", {
        from: c.status,
        data: { failureCode: "WINDOW_PASSED", failureMessage: "제공자 상태를 확인하지 못한 채 서명·검증 가능 시간이 모두 지났습니다." },
        event: { type: "consent.expired", message: "제공자 상태를 확인하지 못함 — 만료 후 10분(검증 가능 시간)까지 지나 더는 유효한 동의가 될 수 없음", resultCode: "WINDOW_PASSED" },
      });
      c = await reload();
    }
  }

  if (c.status === "COMPLETED") {
    if (pastVerifyWindow(c, t)) {
      await failLate(db, c, "COMPLETED");
    } else if (c.channel === "TALK" || c.appSignature) {
      await verifyConsent(id, deps);
    }
    // APP without a signature: verified by the return page, which carries the signature KakaoTalk handed back
    c = await reload();
  } else if (c.status === "VERIFY_UNKNOWN") {
    if (deps.force || !c.verifyClaimedAt || t.getTime() - c.verifyClaimedAt.getTime() >= VERIFY_RETRY_GAP_MS) await verifyConsent(id, deps);
    c = await reload();
  }
  return c;
}

/** Our own clock says the window passed with no verify in flight or unknown: nothing was verified, nothing can be. */
async function failLate(db: Db, c: Pick<ConsentRequest, "id">, from: "COMPLETED") {
  await transition(db, c.id, "FAILED", {
    from,
    data: { failureCode: "VERIFY_LATE", failureMessage: "서명 완료 후 10분 안에 검증하지 못했습니다." },
    event: { type: "consent.verify_late", message: "서명 완료 후 10분이 지나 검증할 수 없음 (검증된 적 없음, 검증 호출 안 함)", resultCode: "VERIFY_LATE" },
  });
}

/** One provider status call for a waiting request; false when the provider gave no usable answer. */
async function pollStatus(c: ConsentRequest, deps: ConsentDeps): Promise<boolean> {
  const { db, now, cms, esign } = ctx(deps);
  const p = provName(c);
  const started = Date.now();
  const res = c.kind === "CMS" ? await cms().status(c.receiptId!) : await esign().status(c.receiptId!);
  const durationMs = Date.now() - started;
  if (!res.ok) {
    const d = describeFailure(res, p);
    // record a failing status call at most once a minute (the screen keeps polling)
    const recent = await db.consentEvent.findFirst({
      where: { consentId: c.id, type: `${p}.status`, createdAt: { gt: new Date(now().getTime() - 60_000) }, NOT: { resultCode: "OK" } },
      select: { id: true },
    });
    if (!recent) await addConsentEvent(db, { consentId: c.id, type: `${p}.status`, message: `상태 조회 실패: ${d.admin}`, resultCode: res.kind === "provider" ? res.code : d.code, data: { durationMs } });
    if (res.kind === "config") log.error({ consentId: c.id, provider: p }, "consent provider configuration error");
    return false;
  }
  const target = statusFromProvider(res.state, !!res.viewedAt);
  const times = {
    requestedAt: res.requestedAt ?? c.requestedAt,
    viewedAt: res.viewedAt ?? c.viewedAt,
    completedAt: res.completedAt ?? c.completedAt,
    expiresAt: res.expiresAt ?? c.expiresAt,
  };
  if (!target) {
    await addConsentEvent(db, { consentId: c.id, type: `${p}.status`, message: `알 수 없는 상태값 ${res.state} (대기로 간주하고 계속 조회)`, resultCode: String(res.state) });
    return false;
  }
  if (target === c.status || !canTransition(c.status, target)) {
    await updateWhileIn(db, c.id, c.status, times);
    return true;
  }
  const extra = target === "FAILED" ? { failureCode: "PROVIDER_FAILED", failureMessage: "제공자 처리 실패 (상태 4)" } : {};
  await transition(db, c.id, target, {
    from: PENDING.filter((s) => canTransition(s, target)),
    data: { ...times, ...extra },
    event: { type: `${p}.status`, message: stateMessage(target, res.state), resultCode: String(res.state), data: { durationMs } },
  });
  return true;
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

// ------------------------------------------------------------------------------------------ verify

export type VerifyOutcome =
  | { kind: "verified" }
  | { kind: "identity_mismatch"; fields: string[] }
  | { kind: "failed"; code: string; message: string }
  | { kind: "retry"; message: string } // no definite answer / not performed: still COMPLETED or VERIFY_UNKNOWN
  | { kind: "review"; code: string; message: string } // the verify was used but its result is lost: NEEDS_REVIEW
  | { kind: "not_completed"; message: string }
  | { kind: "already"; status: ConsentStatus; message: string } // verified (or being verified) already
  | { kind: "not_found" };

/**
 * How we read a verify refusal: by the code's *situation* in the provider's code table
 * (lib/providers/barocert/codes.ts), never by numeric ranges. The Barocert/KakaoCert numbers there are
 * the sandbox's (UNCONFIRMED), so "already verified" is also recognised by its message, and every code
 * we do not know is UNKNOWN (retried, then 확인 필요), never a definite refusal.
 */
type Refusal = { to: ConsentStatus; code: string; message: string };
const VERIFY_REFUSAL: Partial<Record<LinkhubCodeKind, Refusal>> = {
  verify_not_complete: { to: "WAITING", code: "VERIFY_NOT_COMPLETE", message: "제공자: 서명이 완료되지 않아 검증 불가" },
  verify_late: { to: "FAILED", code: "VERIFY_LATE", message: "제공자: 서명 완료 후 10분이 지나 검증 불가" },
  request_expired: { to: "EXPIRED", code: "EXPIRED", message: "제공자: 만료된 요청" },
  request_declined: { to: "REJECTED", code: "REJECTED", message: "제공자: 고객이 거절한 요청" },
  request_failed: { to: "FAILED", code: "PROVIDER_FAILED", message: "제공자: 처리에 실패한 요청" },
  signature_required: { to: "FAILED", code: "SIGNATURE_REQUIRED", message: "제공자: 앱투앱 요청을 서명값 없이 검증함" },
  signature_mismatch: { to: "COMPLETED", code: "SIGNATURE_MISMATCH", message: "제공자: 앱투앱 서명값 불일치" },
  signature_unexpected: { to: "FAILED", code: "SIGNATURE_UNEXPECTED", message: "제공자: 톡메시지 요청에 서명값을 보냄" },
};
const ALREADY_VERIFIED_TEXT = /이미\s*검증|검증.{0,30}(1회|한\s*번)|already\s+verified/i;

export function isAlreadyVerified(service: LinkhubService, code: number, message: string): boolean {
  return linkhubCode(service, code)?.kind === "verify_used" || ALREADY_VERIFIED_TEXT.test(message);
}

type Classified =
  | { k: "used"; code: number; message: string }
  | { k: "refused"; refusal: Refusal; code: number; message: string }
  | { k: "unknown"; code: string | number; message: string } // the verify may have happened
  | { k: "not_performed"; code: string; message: string }; // certainly did not reach the verify

function classify(service: LinkhubService, res: LinkhubFailure): Classified {
  const d = describeFailure(res, service);
  if (res.kind === "provider") {
    if (isAlreadyVerified(service, res.code, res.message)) return { k: "used", code: res.code, message: res.message };
    const known = linkhubCode(service, res.code);
    const refusal = known ? VERIFY_REFUSAL[known.kind] : undefined;
    if (refusal) return { k: "refused", refusal, code: res.code, message: res.message };
    return { k: "unknown", code: res.code, message: `알 수 없는 응답 (${res.code}): ${res.message}` };
  }
  if (res.kind === "timeout") return { k: "unknown", code: d.code, message: d.admin };
  return { k: "not_performed", code: d.code, message: d.admin }; // config / invalid: refused before any call
}

const VERIFY_USED_MESSAGE = "제공자가 검증을 이미 처리함 — 응답을 받지 못한 이전 검증 호출이 1회뿐인 검증을 사용했고 서명 데이터(signedData)는 받지 못함";

/**
 * Verifies a completed request exactly once (or retries a verify whose answer was lost). A call
 * before completion, after a final state or later than 10 minutes after completion is refused here
 * (and recorded) without calling the provider.
 */
export async function verifyConsent(id: string, deps: ConsentDeps & { signature?: string; explicit?: boolean } = {}): Promise<VerifyOutcome> {
  const { db, now, cms, esign } = ctx(deps);
  const c = await db.consentRequest.findUnique({ where: { id } });
  if (!c) return { kind: "not_found" };
  const t = now();
  if (c.status !== "COMPLETED" && c.status !== "VERIFY_UNKNOWN") {
    if (c.status === "VERIFYING") return { kind: "already", status: c.status, message: "다른 요청이 검증하고 있습니다." };
    const before = ["REQUESTING", "WAITING", "VIEWED"].includes(c.status);
    const message = before ? "서명이 완료되지 않아 검증할 수 없습니다." : c.status === "VERIFIED" || c.status === "IDENTITY_MISMATCH" ? "이미 검증한 요청입니다. 검증은 1회만 합니다." : "종료된 요청이라 검증할 수 없습니다.";
    if (deps.explicit) await addConsentEvent(db, { consentId: id, type: "consent.verify_refused", message: `검증 거부: ${message}`, resultCode: before ? "NOT_COMPLETED" : "ALREADY_FINAL" });
    return before ? { kind: "not_completed", message } : { kind: "already", status: c.status, message };
  }
  const from = c.status;
  const retry = from === "VERIFY_UNKNOWN";
  const signature = deps.signature ?? c.appSignature ?? undefined;
  if (c.channel === "APP" && !signature) return { kind: "retry", message: "앱투앱 서명은 카카오톡에서 돌아온 서명값으로 검증합니다." };
  const p = provName(c);

  if (pastVerifyWindow(c, t)) {
    if (!retry) {
      await failLate(db, c, "COMPLETED");
      return { kind: "failed", code: "VERIFY_LATE", message: "서명 완료 후 10분이 지나 검증할 수 없습니다." };
    }
    // an earlier call's answer was lost and the window has passed: only the provider's status can tell
    return resolveFromStatus(c, "VERIFY_UNKNOWN", deps, { onUnverified: { to: "FAILED", code: "VERIFY_LATE", message: "이전 검증 호출은 제공자에 도달하지 않았고 서명 완료 후 10분이 지남" } });
  }

  // claim: only the request that moves COMPLETED | VERIFY_UNKNOWN → VERIFYING calls the provider
  const claimed = await transition(db, id, "VERIFYING", {
    from,
    data: { verifyClaimedAt: t, verifyAttempts: { increment: 1 }, appSignature: c.channel === "APP" ? signature : null },
    event: {
      type: "consent.verify_started",
      message: retry ? `검증 다시 호출 (이전 ${c.verifyAttempts}회의 결과를 알 수 없음)` : "검증 호출 (1회만 가능)",
      data: { attempt: c.verifyAttempts + 1 },
    },
  });
  if (!claimed) {
    const fresh = await db.consentRequest.findUniqueOrThrow({ where: { id }, select: { status: true } });
    return { kind: "already", status: fresh.status, message: "다른 요청이 이미 검증했거나 검증하고 있습니다." };
  }

  const started = Date.now();
  const res = c.kind === "CMS" ? await cms().verify(c.receiptId!) : await esign().verify(c.receiptId!, c.channel === "APP" ? signature : undefined);
  const durationMs = Date.now() - started;

  if (!res.ok) {
    const k = classify(p, res);
    if (res.kind === "config") log.error({ consentId: id, provider: p }, "consent provider configuration error on verify");
    else log.warn({ consentId: id, provider: p, kind: k.k, code: k.code }, "consent verify without a result");
    const ev = (message: string): ConsentTimelineEvent => ({ type: `${p}.verify`, message, resultCode: k.code, data: { durationMs, attempt: c.verifyAttempts + 1 } });

    if (k.k === "used") {
      await transition(db, id, "NEEDS_REVIEW", {
        from: "VERIFYING",
        data: { failureCode: "VERIFY_USED", failureMessage: `${VERIFY_USED_MESSAGE} (제공자 코드 ${k.code})`.slice(0, 500) },
        event: ev(`확인 필요: ${VERIFY_USED_MESSAGE} (${k.message})`),
      });
      return { kind: "review", code: "VERIFY_USED", message: VERIFY_USED_MESSAGE };
    }
    if (k.k === "not_performed") {
      // refused before the verify (configuration, bad receipt id): nothing was used, try again later
      await transition(db, id, from, { from: "VERIFYING", event: ev(`검증 호출 전 거부 (검증 사용 안 됨) — 다시 시도: ${k.message}`) });
      return { kind: "retry", message: describeFailure(res, p).customer };
    }
    if (retry) {
      // an earlier call's answer was lost: whatever this one says, the provider's status tells whether that call verified
      await addConsentEvent(db, { consentId: id, ...ev(`검증 재시도 응답: ${k.k === "refused" ? k.refusal.message : k.message} — 제공자 상태로 이전 호출의 검증 여부 확인`) });
      return resolveFromStatus(c, "VERIFYING", deps, { onUnverified: k.k === "refused" ? k.refusal : undefined });
    }
    if (k.k === "unknown") {
      await transition(db, id, "VERIFY_UNKNOWN", { from: "VERIFYING", event: ev(`검증 결과 알 수 없음 (응답 없음 또는 알 수 없는 응답) — 검증 가능 시간 안에 다시 확인: ${k.message}`) });
      return { kind: "retry", message: "서명을 확인하고 있습니다." };
    }
    return applyRefusal(db, c, k.refusal, ev(`검증 거부: ${k.refusal.message} (${k.message})`));
  }

  const signedData = res.signedData;
  let derOk = true;
  try {
    signedDataToDer(signedData);
  } catch {
    derOk = false;
  }
  const verifiedAt = now();
  const okEvent = (message: string, resultCode: string, data: Record<string, unknown> = {}): ConsentTimelineEvent => ({ type: `${p}.verify`, message, resultCode, data: { durationMs, attempt: c.verifyAttempts + 1, ...data } });
  if (!derOk) {
    await transition(db, id, "FAILED", {
      from: "VERIFYING",
      data: { signedData, verifiedAt, failureCode: "BAD_SIGNED_DATA", failureMessage: "signedData가 DER PKCS#7 형식이 아닙니다." },
      event: okEvent("검증 응답의 signedData가 DER 형식이 아님", "BAD_SIGNED_DATA"),
    });
    return { kind: "failed", code: "BAD_SIGNED_DATA", message: "전자서명 값을 확인하지 못했습니다." };
  }

  if (c.kind === "ESIGN") {
    await transition(db, id, "VERIFIED", {
      from: "VERIFYING",
      data: { signedData, verifiedAt, failureCode: null, failureMessage: null },
      event: okEvent(`전자서명 검증 완료 (signedData ${signedData.length}자, 문서 해시 ${c.documentHash?.slice(0, 12)}…)`, "OK"),
    });
    return { kind: "verified" };
  }

  const cmsRes = res as unknown as { identity: CmsIdentity | null };
  if (!cmsRes.identity) {
    const msg = `서명자 개인정보를 복호화하지 못했습니다. BAROCERT_RESULT_KEY / BAROCERT_RESULT_IV 설정을 확인하세요.`;
    log.error({ consentId: id }, "consent verify result could not be decrypted (result key/IV)");
    await transition(db, id, "FAILED", {
      from: "VERIFYING",
      data: { signedData, verifiedAt, identityMatched: null, failureCode: "CONFIG_RESULT_KEY", failureMessage: msg },
      event: okEvent(`검증 완료, 본인 확인 불가: ${msg}`, "CONFIG_RESULT_KEY"),
    });
    return { kind: "failed", code: "CONFIG_RESULT_KEY", message: "서명은 받았지만 본인 확인을 하지 못했습니다. 고객센터로 문의해 주세요." };
  }
  const fields = identityMismatches(cmsRes.identity, c);
  if (fields.length) {
    const label = fields.map((f) => FIELD_LABEL[f] ?? f).join(", ");
    await transition(db, id, "IDENTITY_MISMATCH", {
      from: "VERIFYING",
      data: { signedData, verifiedAt, identityMatched: false, mismatchedFields: fields, failureCode: "IDENTITY_MISMATCH", failureMessage: `서명자 본인 확인 불일치: ${label}` },
      event: { ...okEvent(`검증 완료, 서명자 본인 확인 불일치 (${label}) — 유효한 출금동의가 아님`, "IDENTITY_MISMATCH", { fields }), type: "consent.identity_mismatch" },
    });
    return { kind: "identity_mismatch", fields };
  }
  await transition(db, id, "VERIFIED", {
    from: "VERIFYING",
    data: { signedData, verifiedAt, identityMatched: true, mismatchedFields: [], failureCode: null, failureMessage: null },
    event: okEvent(`출금동의 검증 완료, 서명자 = 예금주 본인 확인 (성명·생년월일·휴대폰 일치)`, "OK"),
  });
  return { kind: "verified" };
}

/** A definite refusal of a verify that certainly did not verify anything. */
async function applyRefusal(db: Db, c: ConsentRequest, r: Refusal, event: ConsentTimelineEvent): Promise<VerifyOutcome> {
  const data: ConsentData = r.to === "FAILED" || r.to === "EXPIRED" || r.to === "REJECTED" ? { failureCode: r.code, failureMessage: r.message } : {};
  if (r.code === "SIGNATURE_MISMATCH") data.appSignature = null; // the customer must come back from KakaoTalk again
  await transition(db, c.id, r.to, { from: "VERIFYING", data, event });
  if (r.to === "COMPLETED") return { kind: "failed", code: r.code, message: "서명값이 올바르지 않습니다. 카카오톡에서 다시 돌아와 주세요." };
  if (r.to === "WAITING") return { kind: "not_completed", message: "서명이 완료되지 않았습니다." };
  return { kind: "failed", code: r.code, message: r.message };
}

/**
 * After a verify whose answer was lost: the provider's status says whether a verify happened
 * (verifyDT, seeds 000 §4.4 / 001 A.4). Verified there → NEEDS_REVIEW (we never got the signed data);
 * not verified → `onUnverified` (a definite refusal) or stay VERIFY_UNKNOWN for the next retry; no
 * answer → stay VERIFY_UNKNOWN, or NEEDS_REVIEW once it has been unresolved for a day.
 */
async function resolveFromStatus(
  c: ConsentRequest,
  from: "VERIFYING" | "VERIFY_UNKNOWN",
  deps: ConsentDeps,
  opts: { onUnverified?: Refusal },
): Promise<VerifyOutcome> {
  const { db, now, cms, esign } = ctx(deps);
  const p = provName(c);
  const started = Date.now();
  const res = c.kind === "CMS" ? await cms().status(c.receiptId!) : await esign().status(c.receiptId!);
  const durationMs = Date.now() - started;
  const since = c.completedAt ?? c.verifyClaimedAt ?? c.createdAt;
  if (!res.ok) {
    const d = describeFailure(res, p);
    if (now().getTime() - since.getTime() > UNRESOLVED_AFTER_MS) {
      const msg = "서명 후 하루가 지나도록 제공자에서 검증 결과를 확인하지 못함";
      await transition(db, c.id, "NEEDS_REVIEW", {
        from,
        data: { failureCode: "VERIFY_UNRESOLVED", failureMessage: msg },
        event: { type: `${p}.status`, message: `확인 필요: ${msg} (${d.admin})`, resultCode: res.kind === "provider" ? res.code : d.code, data: { durationMs } },
      });
      return { kind: "review", code: "VERIFY_UNRESOLVED", message: msg };
    }
    if (from === "VERIFYING")
      await transition(db, c.id, "VERIFY_UNKNOWN", {
        from,
        event: { type: `${p}.status`, message: `상태 조회 실패 — 검증 여부를 아직 알 수 없어 다시 확인: ${d.admin}`, resultCode: res.kind === "provider" ? res.code : d.code, data: { durationMs } },
      });
    return { kind: "retry", message: "서명을 확인하고 있습니다." };
  }
  const stamp = res.verifiedAt ? res.verifiedAt.toISOString() : null;
  if (res.verifiedAt) {
    await transition(db, c.id, "NEEDS_REVIEW", {
      from,
      data: { failureCode: "VERIFY_USED", failureMessage: `${VERIFY_USED_MESSAGE} (제공자 검증일시 ${stamp})`.slice(0, 500) },
      event: { type: `${p}.status`, message: `확인 필요: 제공자 상태에 검증일시가 있음 — ${VERIFY_USED_MESSAGE}`, resultCode: String(res.state), data: { durationMs, verifiedAt: stamp } },
    });
    return { kind: "review", code: "VERIFY_USED", message: VERIFY_USED_MESSAGE };
  }
  const r = opts.onUnverified;
  if (r && canTransition(from, r.to)) {
    return applyRefusalFrom(db, c, from, r, { type: `${p}.status`, message: `제공자 상태에 검증일시 없음 (이전 호출은 검증되지 않음) → ${r.message}`, resultCode: String(res.state), data: { durationMs } });
  }
  if (from === "VERIFYING")
    await transition(db, c.id, "VERIFY_UNKNOWN", {
      from,
      event: { type: `${p}.status`, message: "제공자 상태에 검증일시 없음 — 검증 가능 시간 안에 다시 검증", resultCode: String(res.state), data: { durationMs } },
    });
  return { kind: "retry", message: "서명을 확인하고 있습니다." };
}

async function applyRefusalFrom(db: Db, c: ConsentRequest, from: "VERIFYING" | "VERIFY_UNKNOWN", r: Refusal, event: ConsentTimelineEvent): Promise<VerifyOutcome> {
  if (from === "VERIFYING") return applyRefusal(db, c, r, event);
  await transition(db, c.id, r.to, { from, data: { failureCode: r.code, failureMessage: r.message }, event });
  return { kind: "failed", code: r.code, message: r.message };
}

/** 확인 필요: a person looked at a consent in review; the note goes to the timeline (status stays). */
export async function markConsentReviewed(id: string, input: { by: string; note: string; merchantId?: string }, deps: { db?: Db; now?: () => Date } = {}): Promise<{ ok: true } | { ok: false; message: string }> {
  const db = deps.db ?? defaultDb;
  const note = input.note.trim();
  if (!note) return { ok: false, message: "확인 내용을 입력해 주세요." };
  if (note.length > 500) return { ok: false, message: "확인 내용은 500자 이하로 입력해 주세요." };
  return db.$transaction(async (tx) => {
    const n = await updateWhileIn(tx, id, "NEEDS_REVIEW", { reviewedAt: (deps.now ?? (() => new Date()))(), reviewedBy: input.by }, { reviewedAt: null, ...(input.merchantId ? { merchantId: input.merchantId } : {}) });
    if (!n) return { ok: false as const, message: "확인이 필요한 요청이 아니거나 이미 처리되었습니다." };
    await addConsentEvent(tx, { consentId: id, type: "consent.reviewed", message: `확인 처리 (${input.by}): ${note}`, resultCode: "REVIEWED" });
    return { ok: true as const };
  });
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
