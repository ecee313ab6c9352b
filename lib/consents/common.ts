// What the consent use cases share: their dependencies (the providers behind the port), the
// provider's timing rules as we apply them, and the late-verify failure.
import type { ConsentRequest } from "../generated/prisma/client";
import { db as defaultDb, type Db } from "../db";
import type { CmsProvider, ConsentProviderFailure, ESignProvider, ProviderStatus } from "./port";
import { cmsProvider, esignProvider } from "./providers";
import { transition } from "./state";

export type ConsentDeps = { db?: Db; cms?: CmsProvider; esign?: ESignProvider; now?: () => Date };

/**
 * Barocert CMS (seed 000 §3): verify within 10 minutes of completion. The legacy KakaoCert e-sign API
 * (seed 001) documents no such window — Barocert states one for its own Kakao sign API, which we do
 * not use, so e-sign verifies are not cut off by our clock (the provider's answer decides).
 */
export const VERIFY_WINDOW_MS = 10 * 60_000;
export const verifyWindowMs = (c: Pick<ConsentRequest, "kind">): number | null =>
  c.kind === "CMS" ? VERIFY_WINDOW_MS : null;
export const pastVerifyWindow = (c: Pick<ConsentRequest, "kind" | "completedAt">, t: Date) => {
  const w = verifyWindowMs(c);
  return w !== null && c.completedAt !== null && t.getTime() - c.completedAt.getTime() > w;
};
/** Requests expire after this many seconds (recommended 300). */
export const EXPIRE_IN_SEC = 300;
/** Pollers closer together than this share one provider status call. */
export const POLL_MIN_INTERVAL_MS = 1_500;
/** A REQUESTING / VERIFYING claim older than this belongs to a process that died mid-call. */
export const STALE_CLAIM_MS = 2 * 60_000;
/** Verify retries (VERIFY_UNKNOWN) closer together than this wait (the customer's page polls every 2 s). */
export const VERIFY_RETRY_GAP_MS = 5_000;
/** A verify still unresolved this long after the signature (provider unreachable) goes to 확인 필요. */
export const UNRESOLVED_AFTER_MS = 24 * 3600_000;
/** A waiting CMS request whose provider cannot be reached is given up this long after its expiry (by
 * then even a last-second signature is past its 10-minute verify window). E-sign: never (no window). */
export const GIVE_UP_AFTER_EXPIRY_MS = VERIFY_WINDOW_MS + 60_000;

export const ctx = (deps: ConsentDeps) => ({
  db: deps.db ?? defaultDb,
  now: deps.now ?? (() => new Date()),
  /** The provider of a consent of this kind (the test's, or the configured one). */
  provider: (c: Pick<ConsentRequest, "kind">): CmsProvider | ESignProvider =>
    c.kind === "CMS" ? (deps.cms ?? cmsProvider()) : (deps.esign ?? esignProvider()),
});

/** Our own clock says the window passed with no verify in flight or unknown: nothing was verified, nothing can be. */
export async function failLate(db: Db, c: Pick<ConsentRequest, "id">, from: "COMPLETED") {
  await transition(db, c.id, "FAILED", {
    from,
    data: { failureCode: "VERIFY_LATE", failureMessage: "서명 완료 후 10분 안에 검증하지 못했습니다." },
    event: {
      type: "consent.verify_late",
      message: "서명 완료 후 10분이 지나 검증할 수 없음 (검증된 적 없음, 검증 호출 안 함)",
      resultCode: "VERIFY_LATE",
    },
  });
}

/** One timed provider status call for a request that has a receipt id; `p` names its timeline events. */
export async function providerStatus(
  c: Pick<ConsentRequest, "kind" | "receiptId">,
  deps: ConsentDeps,
): Promise<{ p: string; res: ProviderStatus | ConsentProviderFailure; durationMs: number }> {
  const prov = ctx(deps).provider(c);
  const started = Date.now();
  const res = await prov.status(c.receiptId!);
  return { p: prov.name, res, durationMs: Date.now() - started };
}
