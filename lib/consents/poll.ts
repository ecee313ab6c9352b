// Bringing a consent up to date with its provider: poll the status while the customer signs, verify
// once on completion, retry a verify whose answer was lost, give up what can no longer succeed.
import type { ConsentRequest, ConsentStatus } from "../generated/prisma/client";
import { log } from "../log";
import {
  ctx,
  failLate,
  GIVE_UP_AFTER_EXPIRY_MS,
  pastVerifyWindow,
  POLL_MIN_INTERVAL_MS,
  providerStatus,
  STALE_CLAIM_MS,
  VERIFY_RETRY_GAP_MS,
  verifyWindowMs,
  type ConsentDeps,
} from "./common";
import { addConsentEvent } from "./events";
import { canTransition, isFinal, PENDING, statusFromProvider, transition, updateWhileIn } from "./state";
import { verifyConsent } from "./verify";

/**
 * Brings a request up to date with the provider and settles what it can: polls the status while
 * the customer signs, verifies once on completion (talk-message requests, or app-to-app ones whose
 * signature came back), retries a verify whose answer was lost, and gives up what can no longer
 * succeed. Called by the waiting screen every ~2 s, the app-to-app return page, the admin, and the
 * worker's consent.settle job (`force`: skip the poll sharing and the retry spacing).
 */
export async function refreshConsent(
  id: string,
  deps: ConsentDeps & { force?: boolean } = {},
): Promise<ConsentRequest | null> {
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
        event: {
          type: "consent.failed",
          message: "요청 처리 중 중단되어 실패 처리 (접수아이디 없음: 조회 불가)",
          resultCode: "REQUEST_LOST",
        },
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
        event: {
          type: "consent.verify_stale",
          message: "검증 호출 중 처리가 중단됨 — 결과를 알 수 없어 다시 확인",
          resultCode: "VERIFY_STALE",
        },
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
      : await updateWhileIn(
          db,
          id,
          PENDING,
          { lastPolledAt: t },
          { OR: [{ lastPolledAt: null }, { lastPolledAt: { lt: since } }] },
        );
    if (!claimed) return c;
    const polled = await pollStatus(c, deps);
    c = await reload();
    // Only where a verify window is documented (CMS): an e-signature made before expiry stays verifiable,
    // so an e-sign whose provider cannot be reached stays in progress until the provider answers.
    if (
      !polled &&
      verifyWindowMs(c) !== null &&
      (c.status === "WAITING" || c.status === "VIEWED") &&
      c.expiresAt &&
      t.getTime() - c.expiresAt.getTime() > GIVE_UP_AFTER_EXPIRY_MS
    ) {
      await transition(db, id, "EXPIRED", {
        from: c.status,
        data: {
          failureCode: "WINDOW_PASSED",
          failureMessage: "제공자 상태를 확인하지 못한 채 서명·검증 가능 시간이 모두 지났습니다.",
        },
        event: {
          type: "consent.expired",
          message: "제공자 상태를 확인하지 못함 — 만료 후 10분(검증 가능 시간)까지 지나 더는 유효한 동의가 될 수 없음",
          resultCode: "WINDOW_PASSED",
        },
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
    if (deps.force || !c.verifyClaimedAt || t.getTime() - c.verifyClaimedAt.getTime() >= VERIFY_RETRY_GAP_MS)
      await verifyConsent(id, deps);
    c = await reload();
  }
  return c;
}

/** One provider status call for a waiting request; false when the provider gave no usable answer. */
async function pollStatus(c: ConsentRequest, deps: ConsentDeps): Promise<boolean> {
  const { db, now } = ctx(deps);
  const { p, res, durationMs } = await providerStatus(c, deps);
  if (!res.ok) {
    // record a failing status call at most once a minute (the screen keeps polling)
    const recent = await db.consentEvent.findFirst({
      where: {
        consentId: c.id,
        type: `${p}.status`,
        createdAt: { gt: new Date(now().getTime() - 60_000) },
        NOT: { resultCode: "OK" },
      },
      select: { id: true },
    });
    if (!recent)
      await addConsentEvent(db, {
        consentId: c.id,
        type: `${p}.status`,
        message: `상태 조회 실패: ${res.admin}`,
        resultCode: res.resultCode,
        data: { durationMs },
      });
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
    await addConsentEvent(db, {
      consentId: c.id,
      type: `${p}.status`,
      message: `알 수 없는 상태값 ${res.stateCode} (대기로 간주하고 계속 조회)`,
      resultCode: res.stateCode,
    });
    return false;
  }
  if (target === c.status || !canTransition(c.status, target)) {
    await updateWhileIn(db, c.id, c.status, times);
    return true;
  }
  const extra =
    target === "FAILED" ? { failureCode: "PROVIDER_FAILED", failureMessage: "제공자 처리 실패 (상태 4)" } : {};
  await transition(db, c.id, target, {
    from: PENDING.filter((s) => canTransition(s, target)),
    data: { ...times, ...extra },
    event: {
      type: `${p}.status`,
      message: stateMessage(target, res.stateCode),
      resultCode: res.stateCode,
      data: { durationMs },
    },
  });
  return true;
}

function stateMessage(s: ConsentStatus, state: string) {
  const m: Partial<Record<ConsentStatus, string>> = {
    VIEWED: "고객이 카카오톡에서 요청을 열어 봄",
    COMPLETED: "고객이 카카오톡에서 서명함",
    EXPIRED: "서명 없이 만료됨",
    REJECTED: "고객이 카카오톡에서 거절함",
    FAILED: "제공자 쪽 처리 실패",
  };
  return `${m[s] ?? s} (상태 ${state})`;
}
