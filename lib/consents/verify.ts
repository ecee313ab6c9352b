// Verifying a signed consent exactly once (the provider allows one verify), and reading the
// provider's status when a verify's answer was lost. Unknown is not failed: no definite answer is
// VERIFY_UNKNOWN (retried), "already verified" is NEEDS_REVIEW (we never got the signed data).
import type { ConsentRequest, ConsentStatus } from "../generated/prisma/client";
import type { Db } from "../db";
import { log } from "../log";
import { ctx, failLate, pastVerifyWindow, providerStatus, UNRESOLVED_AFTER_MS, type ConsentDeps } from "./common";
import { addConsentEvent } from "./events";
import type { ConsentProviderFailure, SignerIdentity, VerifyRefusal } from "./port";
import { signedDataToDer } from "./providers";
import { canTransition, transition, type ConsentData, type ConsentTimelineEvent } from "./state";

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
 * What a definite verify refusal does to the request. The provider's adapter reads its code table
 * into a VerifyRefusal (port.ts); a code it does not know comes without one and is UNKNOWN here
 * (retried, then 확인 필요), never a definite refusal.
 */
type Refusal = { to: ConsentStatus; code: string; message: string };
const VERIFY_REFUSAL: Partial<Record<VerifyRefusal, Refusal>> = {
  "not-complete": { to: "WAITING", code: "VERIFY_NOT_COMPLETE", message: "제공자: 서명이 완료되지 않아 검증 불가" },
  late: { to: "FAILED", code: "VERIFY_LATE", message: "제공자: 서명 완료 후 10분이 지나 검증 불가" },
  expired: { to: "EXPIRED", code: "EXPIRED", message: "제공자: 만료된 요청" },
  declined: { to: "REJECTED", code: "REJECTED", message: "제공자: 고객이 거절한 요청" },
  failed: { to: "FAILED", code: "PROVIDER_FAILED", message: "제공자: 처리에 실패한 요청" },
  "signature-required": {
    to: "FAILED",
    code: "SIGNATURE_REQUIRED",
    message: "제공자: 앱투앱 요청을 서명값 없이 검증함",
  },
  "signature-mismatch": { to: "COMPLETED", code: "SIGNATURE_MISMATCH", message: "제공자: 앱투앱 서명값 불일치" },
  "signature-unexpected": {
    to: "FAILED",
    code: "SIGNATURE_UNEXPECTED",
    message: "제공자: 톡메시지 요청에 서명값을 보냄",
  },
};

type Classified =
  | { k: "used"; code: string; message: string }
  | { k: "refused"; refusal: Refusal; code: string; message: string }
  | { k: "unknown"; code: string; message: string } // the verify may have happened
  | { k: "not_performed"; code: string; message: string }; // certainly did not reach the verify

function classify(res: ConsentProviderFailure): Classified {
  if (res.kind === "refused") {
    if (res.verifyRefusal === "used") return { k: "used", code: res.resultCode, message: res.message };
    const refusal = res.verifyRefusal ? VERIFY_REFUSAL[res.verifyRefusal] : undefined;
    if (refusal) return { k: "refused", refusal, code: res.resultCode, message: res.message };
    return { k: "unknown", code: res.resultCode, message: `알 수 없는 응답 (${res.resultCode}): ${res.message}` };
  }
  if (res.kind === "no-answer") return { k: "unknown", code: res.code, message: res.admin };
  return { k: "not_performed", code: res.code, message: res.admin }; // config / invalid: refused before any call
}

const VERIFY_USED_MESSAGE =
  "제공자가 검증을 이미 처리함 — 응답을 받지 못한 이전 검증 호출이 1회뿐인 검증을 사용했고 서명 데이터(signedData)는 받지 못함";

/**
 * Verifies a completed request exactly once (or retries a verify whose answer was lost). A call
 * before completion, after a final state or later than 10 minutes after completion is refused here
 * (and recorded) without calling the provider.
 */
export async function verifyConsent(
  id: string,
  deps: ConsentDeps & { signature?: string; explicit?: boolean } = {},
): Promise<VerifyOutcome> {
  const { db, now, provider } = ctx(deps);
  const c = await db.consentRequest.findUnique({ where: { id } });
  if (!c) return { kind: "not_found" };
  const t = now();
  if (c.status !== "COMPLETED" && c.status !== "VERIFY_UNKNOWN") {
    if (c.status === "VERIFYING")
      return { kind: "already", status: c.status, message: "다른 요청이 검증하고 있습니다." };
    const before = ["REQUESTING", "WAITING", "VIEWED"].includes(c.status);
    const message = before
      ? "서명이 완료되지 않아 검증할 수 없습니다."
      : c.status === "VERIFIED" || c.status === "IDENTITY_MISMATCH"
        ? "이미 검증한 요청입니다. 검증은 1회만 합니다."
        : "종료된 요청이라 검증할 수 없습니다.";
    if (deps.explicit)
      await addConsentEvent(db, {
        consentId: id,
        type: "consent.verify_refused",
        message: `검증 거부: ${message}`,
        resultCode: before ? "NOT_COMPLETED" : "ALREADY_FINAL",
      });
    return before ? { kind: "not_completed", message } : { kind: "already", status: c.status, message };
  }
  const from = c.status;
  const retry = from === "VERIFY_UNKNOWN";
  const signature = deps.signature ?? c.appSignature ?? undefined;
  if (c.channel === "APP" && !signature)
    return { kind: "retry", message: "앱투앱 서명은 카카오톡에서 돌아온 서명값으로 검증합니다." };
  const prov = provider(c);
  const p = prov.name;

  if (pastVerifyWindow(c, t)) {
    if (!retry) {
      await failLate(db, c, "COMPLETED");
      return { kind: "failed", code: "VERIFY_LATE", message: "서명 완료 후 10분이 지나 검증할 수 없습니다." };
    }
    // an earlier call's answer was lost and the window has passed: only the provider's status can tell
    return resolveFromStatus(c, "VERIFY_UNKNOWN", deps, {
      onUnverified: {
        to: "FAILED",
        code: "VERIFY_LATE",
        message: "이전 검증 호출은 제공자에 도달하지 않았고 서명 완료 후 10분이 지남",
      },
    });
  }

  // claim: only the request that moves COMPLETED | VERIFY_UNKNOWN → VERIFYING calls the provider
  const claimed = await transition(db, id, "VERIFYING", {
    from,
    data: {
      verifyClaimedAt: t,
      verifyAttempts: { increment: 1 },
      appSignature: c.channel === "APP" ? signature : null,
    },
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
  const res = await prov.verify(c.receiptId!, c.channel === "APP" ? signature : undefined);
  const durationMs = Date.now() - started;

  if (!res.ok) {
    const k = classify(res);
    if (res.kind === "config")
      log.error({ consentId: id, provider: p }, "consent provider configuration error on verify");
    else log.warn({ consentId: id, provider: p, kind: k.k, code: k.code }, "consent verify without a result");
    const ev = (message: string): ConsentTimelineEvent => ({
      type: `${p}.verify`,
      message,
      resultCode: k.code,
      data: { durationMs, attempt: c.verifyAttempts + 1 },
    });

    if (k.k === "used") {
      await transition(db, id, "NEEDS_REVIEW", {
        from: "VERIFYING",
        data: {
          failureCode: "VERIFY_USED",
          failureMessage: `${VERIFY_USED_MESSAGE} (제공자 코드 ${k.code})`.slice(0, 500),
        },
        event: ev(`확인 필요: ${VERIFY_USED_MESSAGE} (${k.message})`),
      });
      return { kind: "review", code: "VERIFY_USED", message: VERIFY_USED_MESSAGE };
    }
    if (k.k === "not_performed") {
      // refused before the verify (configuration, bad receipt id): nothing was used, try again later
      await transition(db, id, from, {
        from: "VERIFYING",
        event: ev(`검증 호출 전 거부 (검증 사용 안 됨) — 다시 시도: ${k.message}`),
      });
      return { kind: "retry", message: res.customer };
    }
    if (retry) {
      // an earlier call's answer was lost: whatever this one says, the provider's status tells whether that call verified
      await addConsentEvent(db, {
        consentId: id,
        ...ev(
          `검증 재시도 응답: ${k.k === "refused" ? k.refusal.message : k.message} — 제공자 상태로 이전 호출의 검증 여부 확인`,
        ),
      });
      return resolveFromStatus(c, "VERIFYING", deps, { onUnverified: k.k === "refused" ? k.refusal : undefined });
    }
    if (k.k === "unknown") {
      await transition(db, id, "VERIFY_UNKNOWN", {
        from: "VERIFYING",
        event: ev(
          `검증 결과 알 수 없음 (응답 없음 또는 알 수 없는 응답) — 검증 가능 시간 안에 다시 확인: ${k.message}`,
        ),
      });
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
  const okEvent = (message: string, resultCode: string, data: Record<string, unknown> = {}): ConsentTimelineEvent => ({
    type: `${p}.verify`,
    message,
    resultCode,
    data: { durationMs, attempt: c.verifyAttempts + 1, ...data },
  });
  if (!derOk) {
    await transition(db, id, "FAILED", {
      from: "VERIFYING",
      data: {
        signedData,
        verifiedAt,
        failureCode: "BAD_SIGNED_DATA",
        failureMessage: "signedData가 DER PKCS#7 형식이 아닙니다.",
      },
      event: okEvent("검증 응답의 signedData가 DER 형식이 아님", "BAD_SIGNED_DATA"),
    });
    return { kind: "failed", code: "BAD_SIGNED_DATA", message: "전자서명 값을 확인하지 못했습니다." };
  }

  if (c.kind === "ESIGN") {
    await transition(db, id, "VERIFIED", {
      from: "VERIFYING",
      data: { signedData, verifiedAt, failureCode: null, failureMessage: null },
      event: okEvent(
        `전자서명 검증 완료 (signedData ${signedData.length}자, 문서 해시 ${c.documentHash?.slice(0, 12)}…)`,
        "OK",
      ),
    });
    return { kind: "verified" };
  }

  const identity = res.identity ?? null;
  if (!identity) {
    const msg = `서명자 개인정보를 복호화하지 못했습니다. BAROCERT_RESULT_KEY / BAROCERT_RESULT_IV 설정을 확인하세요.`;
    log.error({ consentId: id }, "consent verify result could not be decrypted (result key/IV)");
    await transition(db, id, "FAILED", {
      from: "VERIFYING",
      data: { signedData, verifiedAt, identityMatched: null, failureCode: "CONFIG_RESULT_KEY", failureMessage: msg },
      event: okEvent(`검증 완료, 본인 확인 불가: ${msg}`, "CONFIG_RESULT_KEY"),
    });
    return {
      kind: "failed",
      code: "CONFIG_RESULT_KEY",
      message: "서명은 받았지만 본인 확인을 하지 못했습니다. 고객센터로 문의해 주세요.",
    };
  }
  const fields = identityMismatches(identity, c);
  if (fields.length) {
    const label = fields.map((f) => FIELD_LABEL[f] ?? f).join(", ");
    await transition(db, id, "IDENTITY_MISMATCH", {
      from: "VERIFYING",
      data: {
        signedData,
        verifiedAt,
        identityMatched: false,
        mismatchedFields: fields,
        failureCode: "IDENTITY_MISMATCH",
        failureMessage: `서명자 본인 확인 불일치: ${label}`,
      },
      event: {
        ...okEvent(`검증 완료, 서명자 본인 확인 불일치 (${label}) — 유효한 출금동의가 아님`, "IDENTITY_MISMATCH", {
          fields,
        }),
        type: "consent.identity_mismatch",
      },
    });
    return { kind: "identity_mismatch", fields };
  }
  await transition(db, id, "VERIFIED", {
    from: "VERIFYING",
    data: {
      signedData,
      verifiedAt,
      identityMatched: true,
      mismatchedFields: [],
      failureCode: null,
      failureMessage: null,
    },
    event: okEvent(`출금동의 검증 완료, 서명자 = 예금주 본인 확인 (성명·생년월일·휴대폰 일치)`, "OK"),
  });
  return { kind: "verified" };
}

/** A definite refusal of a verify that certainly did not verify anything. */
async function applyRefusal(
  db: Db,
  c: ConsentRequest,
  r: Refusal,
  event: ConsentTimelineEvent,
): Promise<VerifyOutcome> {
  const data: ConsentData =
    r.to === "FAILED" || r.to === "EXPIRED" || r.to === "REJECTED"
      ? { failureCode: r.code, failureMessage: r.message }
      : {};
  if (r.code === "SIGNATURE_MISMATCH") data.appSignature = null; // the customer must come back from KakaoTalk again
  await transition(db, c.id, r.to, { from: "VERIFYING", data, event });
  if (r.to === "COMPLETED")
    return { kind: "failed", code: r.code, message: "서명값이 올바르지 않습니다. 카카오톡에서 다시 돌아와 주세요." };
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
  const { db, now } = ctx(deps);
  const { p, res, durationMs } = await providerStatus(c, deps);
  const since = c.completedAt ?? c.verifyClaimedAt ?? c.createdAt;
  if (!res.ok) {
    if (now().getTime() - since.getTime() > UNRESOLVED_AFTER_MS) {
      const msg = "서명 후 하루가 지나도록 제공자에서 검증 결과를 확인하지 못함";
      await transition(db, c.id, "NEEDS_REVIEW", {
        from,
        data: { failureCode: "VERIFY_UNRESOLVED", failureMessage: msg },
        event: {
          type: `${p}.status`,
          message: `확인 필요: ${msg} (${res.admin})`,
          resultCode: res.resultCode,
          data: { durationMs },
        },
      });
      return { kind: "review", code: "VERIFY_UNRESOLVED", message: msg };
    }
    if (from === "VERIFYING")
      await transition(db, c.id, "VERIFY_UNKNOWN", {
        from,
        event: {
          type: `${p}.status`,
          message: `상태 조회 실패 — 검증 여부를 아직 알 수 없어 다시 확인: ${res.admin}`,
          resultCode: res.resultCode,
          data: { durationMs },
        },
      });
    return { kind: "retry", message: "서명을 확인하고 있습니다." };
  }
  const stamp = res.verifiedAt ? res.verifiedAt.toISOString() : null;
  if (res.verifiedAt) {
    await transition(db, c.id, "NEEDS_REVIEW", {
      from,
      data: {
        failureCode: "VERIFY_USED",
        failureMessage: `${VERIFY_USED_MESSAGE} (제공자 검증일시 ${stamp})`.slice(0, 500),
      },
      event: {
        type: `${p}.status`,
        message: `확인 필요: 제공자 상태에 검증일시가 있음 — ${VERIFY_USED_MESSAGE}`,
        resultCode: res.stateCode,
        data: { durationMs, verifiedAt: stamp },
      },
    });
    return { kind: "review", code: "VERIFY_USED", message: VERIFY_USED_MESSAGE };
  }
  const r = opts.onUnverified;
  if (r && canTransition(from, r.to)) {
    return applyRefusalFrom(db, c, from, r, {
      type: `${p}.status`,
      message: `제공자 상태에 검증일시 없음 (이전 호출은 검증되지 않음) → ${r.message}`,
      resultCode: res.stateCode,
      data: { durationMs },
    });
  }
  if (from === "VERIFYING")
    await transition(db, c.id, "VERIFY_UNKNOWN", {
      from,
      event: {
        type: `${p}.status`,
        message: "제공자 상태에 검증일시 없음 — 검증 가능 시간 안에 다시 검증",
        resultCode: res.stateCode,
        data: { durationMs },
      },
    });
  return { kind: "retry", message: "서명을 확인하고 있습니다." };
}

async function applyRefusalFrom(
  db: Db,
  c: ConsentRequest,
  from: "VERIFYING" | "VERIFY_UNKNOWN",
  r: Refusal,
  event: ConsentTimelineEvent,
): Promise<VerifyOutcome> {
  if (from === "VERIFYING") return applyRefusal(db, c, r, event);
  await transition(db, c.id, r.to, { from, data: { failureCode: r.code, failureMessage: r.message }, event });
  return { kind: "failed", code: r.code, message: r.message };
}

const FIELD_LABEL: Record<string, string> = {
  name: "성명",
  birthday: "생년월일",
  phone: "휴대폰 번호",
  accountHolder: "예금주",
};

/**
 * The signer (decrypted verify result) must be the person the consent is for: the customer who
 * asked (name, birth date, phone) and the holder of the debited account (S0: 동일인 체크 의무).
 */
export function identityMismatches(
  identity: SignerIdentity,
  c: Pick<ConsentRequest, "customerName" | "customerBirthday" | "customerPhone" | "bankAccountName">,
): string[] {
  const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, "").toLowerCase();
  const digits = (s: string) => s.replace(/\D/g, "");
  const out: string[] = [];
  if (norm(identity.name) !== norm(c.customerName)) out.push("name");
  if (digits(identity.birthday) !== digits(c.customerBirthday)) out.push("birthday");
  if (digits(identity.phone) !== digits(c.customerPhone)) out.push("phone");
  if (c.bankAccountName && norm(identity.name) !== norm(c.bankAccountName)) out.push("accountHolder");
  return out;
}
