// Rate limits that hold across app instances: counters in PostgreSQL (table rate_limits, migration
// 0009) through rate-limiter-flexible's RateLimiterPostgres on the app's one pg pool. Nothing here
// lives in process memory except the limiter objects themselves (configuration, no counts).
//
// Two kinds of limit:
//   * attempts — every attempt counts (`hit`): consent requests, lookups per IP, checkouts;
//   * failures with a lockout — only failures count (`recordFailure`), and once a subject has
//     `points` failures in `seconds` it is locked for `blockSeconds` (`checkLock` before doing the
//     work, `clearFailures` after a success): wrong phone numbers per order, admin logins.
// Subjects (phone numbers, e-mails, IPs) are stored as an HMAC under APP_SECRET, never in clear.
// Limits are configuration (lib/env.ts RATE_LIMIT_*), so tests set their own.
import { createHmac } from "node:crypto";
import { isIP } from "node:net";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { db, poolOf } from "../db";
import { env, type Env } from "../env";
import { appError, err, ok, type AppError, type Result } from "../errors";
import { clientIp } from "../bills/remote-ip";

export const RATE_LIMIT_TABLE = "rate_limits";

export const LIMITS = {
  consentPerPhone: "RATE_LIMIT_CONSENT_PER_PHONE",
  consentPerIp: "RATE_LIMIT_CONSENT_PER_IP",
  consentRefreshPerIp: "RATE_LIMIT_CONSENT_REFRESH_PER_IP",
  lookupPerIp: "RATE_LIMIT_LOOKUP_PER_IP",
  lookupPerOrder: "RATE_LIMIT_LOOKUP_PER_ORDER",
  checkoutPerIp: "RATE_LIMIT_CHECKOUT_PER_IP",
  loginPerAccountIp: "RATE_LIMIT_LOGIN_PER_ACCOUNT_IP",
  loginPerIp: "RATE_LIMIT_LOGIN_PER_IP",
} as const satisfies Record<string, keyof Env>;

export type LimitName = keyof typeof LIMITS;
export type LimitConfig = { points: number; seconds: number; blockSeconds?: number };

/** RATE_LIMITED's details: which limit refused, and when to try again. */
export type RateLimitDetails = { limit: LimitName; retryAfterSeconds: number };
/** Allowed (with the points left), or RATE_LIMITED (details: RateLimitDetails; the message says when to retry). */
export type Verdict = Result<{ remaining: number }>;

/** The seconds to wait from a RATE_LIMITED error (for Retry-After and lock messages). */
export function retryAfterOf(e: AppError): number {
  return (e.details as RateLimitDetails | undefined)?.retryAfterSeconds ?? 1;
}

const limiters = new Map<string, RateLimiterPostgres>();

export function limitConfig(name: LimitName): LimitConfig {
  return env()[LIMITS[name]];
}

function limiterFor(name: LimitName): { limiter: RateLimiterPostgres; config: LimitConfig } {
  const config = limitConfig(name);
  const id = `${name}|${config.points}|${config.seconds}|${config.blockSeconds ?? 0}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    const pool = poolOf(db);
    if (!pool) throw new Error("rate limits need the app's pg pool");
    limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true, // migration 0009
      keyPrefix: name,
      points: config.points,
      duration: config.seconds,
      blockDuration: 0,
      clearExpiredByTimeout: true,
    });
    limiters.set(id, limiter);
  }
  return { limiter, config };
}

/** The stored key: the subject is an HMAC (phone numbers, e-mails and IPs are not stored in clear). */
export function subjectKey(...parts: Array<string | null | undefined>): string {
  return createHmac("sha256", env().APP_SECRET)
    .update(parts.map((p) => p ?? "").join("\u0000"))
    .digest("base64url")
    .slice(0, 32);
}

export function retryMessage(seconds: number): string {
  const when =
    seconds < 60
      ? `${seconds}초`
      : seconds < 3600
        ? `${Math.ceil(seconds / 60)}분`
        : `${Math.ceil(seconds / 3600)}시간`;
  return `요청이 너무 많습니다. ${when} 후에 다시 시도해 주세요.`;
}

function refused(name: LimitName, msBeforeNext: number, message?: string): Verdict {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const details: RateLimitDetails = { limit: name, retryAfterSeconds };
  return err(appError("RATE_LIMITED", message ?? retryMessage(retryAfterSeconds), details));
}

/** Counts one attempt for `subject`; refused once the window's points are used up. */
export async function hit(name: LimitName, subject: string): Promise<Verdict> {
  const { limiter } = limiterFor(name);
  try {
    const r = await limiter.consume(subjectKey(subject));
    return ok({ remaining: r.remainingPoints });
  } catch (e) {
    if (e instanceof RateLimiterRes) return refused(name, e.msBeforeNext);
    throw e; // the database: the caller's normal error path (nothing was done yet)
  }
}

/** Several attempt limits at once (e.g. per phone and per IP); the first refusal wins. Each is counted. */
export async function hitAll(checks: Array<[LimitName, string | null | undefined]>): Promise<Verdict> {
  let remaining = Number.POSITIVE_INFINITY;
  for (const [name, subject] of checks) {
    if (subject === null || subject === undefined || subject === "") continue;
    const v = await hit(name, subject);
    if (!v.ok) return v;
    remaining = Math.min(remaining, v.value.remaining);
  }
  return ok({ remaining });
}

/** For failure-counting limits: is `subject` locked out now? Costs one indexed read; counts nothing. */
export async function checkLock(name: LimitName, subject: string, message?: string): Promise<Verdict> {
  const { limiter, config } = limiterFor(name);
  const r = await limiter.get(subjectKey(subject));
  if (r && r.consumedPoints >= config.points) return refused(name, r.msBeforeNext, message);
  return ok({ remaining: config.points - (r?.consumedPoints ?? 0) });
}

/** Records one failure; the failure that reaches `points` locks the subject for `blockSeconds` (or the window). */
export async function recordFailure(name: LimitName, subject: string): Promise<Verdict> {
  const { limiter, config } = limiterFor(name);
  const key = subjectKey(subject);
  let res: RateLimiterRes;
  try {
    res = await limiter.consume(key);
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    res = e;
  }
  if (res.consumedPoints >= config.points) {
    const lockSeconds = config.blockSeconds ?? config.seconds;
    // A lock of its own length from this failure on (block() rewrites the row's expiry).
    if (res.consumedPoints === config.points) await limiter.block(key, lockSeconds);
    const after = await limiter.get(key);
    return refused(name, after?.msBeforeNext ?? lockSeconds * 1000);
  }
  return ok({ remaining: config.points - res.consumedPoints });
}

/** After a success: the subject's failures are forgotten. */
export async function clearFailures(name: LimitName, subject: string): Promise<void> {
  const { limiter } = limiterFor(name);
  await limiter.delete(subjectKey(subject));
}

/**
 * The client's IP as a rate-limit subject, from X-Forwarded-For as Next.js leaves it (the socket
 * peer when the client sent none) walked past TRUSTED_PROXY_IPS — the rule of lib/bills/remote-ip.ts.
 * Behind Next route handlers the socket is not visible, so a client that reaches the app port
 * directly can choose this value: limits therefore also key on what an attacker cannot vary
 * cheaply (the phone number, the order number, the account). Anything that is not an IP is "unknown".
 */
export function requestIp(
  forwardedFor: string | null | undefined,
  trustedProxies: readonly string[] = env().TRUSTED_PROXY_IPS,
): string {
  const ip = clientIp(forwardedFor?.slice(-1000), trustedProxies); // the right end is what our proxies appended
  return ip && isIP(ip) ? ip.toLowerCase() : "unknown";
}
