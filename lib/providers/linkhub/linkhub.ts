// Shared plumbing for the Linkhub-family SDK adapters (Barocert and legacy KakaoCert): the one
// error type, the promise/timeout wrapper around the callback SDKs, URL/key normalisation, and the
// Linkhub signatures (kept here for unit tests against the reference vectors and for diagnostics).
//
// Transport: the official SDKs (`barocert`, `kakaocert`, and their `linkhub` token client) do their
// own HTTP through node:http/https with module-global configuration and callbacks; they accept no
// fetch or agent of ours, so they cannot use lib/providers/http.ts. Their transport failures are
// classified here, at the folder's edge, into the same TransportFailure (`transport` on the
// "timeout" kind): no answer within timeoutMs → timeout (may have reached the provider); the Linkhub
// auth server unreachable → network, not reached (the API call was never made).
import crypto from "node:crypto";
import { networkFailure, timeoutFailure, type TransportFailure } from "../http";
import { anyLinkhubCode, BAROCERT_CODES, KAKAOCERT_CODES, LINKHUB_AUTH_CODES, type LinkhubCodeKind } from "./codes";

/** The one error type of both adapters. */
export type LinkhubFailure =
  /** the provider answered with an error {code, message} */
  | { ok: false; kind: "provider"; code: number; message: string }
  /** no answer: unreachable (connection refused, DNS …) or nothing within timeoutMs — state unknown */
  | { ok: false; kind: "timeout"; reason: "no_response" | "unreachable"; message: string; transport: TransportFailure }
  /** wrong keys / LinkID / client code / URL form: fix the configuration, retrying will not help */
  | { ok: false; kind: "config"; message: string; code?: number }
  /** input rejected before any request (Korean message for the customer/admin) */
  | { ok: false; kind: "invalid"; field: string; message: string };

export type LinkhubResult<T> = ({ ok: true } & T) | LinkhubFailure;

/** Codes that mean "fix the configuration": retrying with the same configuration cannot succeed (from codes.ts). */
export const CONFIG_ERROR_CODES: ReadonlySet<number> = codesOfKind("config");
/** The server does not know the session token (e.g. a restarted sandbox): drop the SDK token cache and retry once. */
export const TOKEN_REJECTED_CODES: ReadonlySet<number> = codesOfKind("token_rejected");

function codesOfKind(kind: LinkhubCodeKind): ReadonlySet<number> {
  return new Set(
    [LINKHUB_AUTH_CODES, BAROCERT_CODES, KAKAOCERT_CODES].flatMap((t) =>
      Object.entries(t)
        .filter(([, info]) => info.kind === kind)
        .map(([code]) => Number(code)),
    ),
  );
}
/** SDK client-side validation and transport errors. */
export const SDK_LOCAL_CODE = -99999999;

export type SdkError = { code?: number | string; message?: string } | undefined;

export function classifySdkError(e: SdkError): LinkhubFailure {
  const message = String(e?.message ?? "알 수 없는 오류");
  // linkhub's token request reports transport errors with the *string* code "-99999999"
  if (typeof e?.code === "string" && Number(e.code) === SDK_LOCAL_CODE) {
    const text = `Linkhub 인증 서버에 연결할 수 없습니다: ${message}`;
    // the token request failed: the API call itself was never sent
    return {
      ok: false,
      kind: "timeout",
      reason: "unreachable",
      message: text,
      transport: { ...networkFailure(text), maybeReached: false },
    };
  }
  const code = Number(e?.code);
  if (!Number.isFinite(code))
    return { ok: false, kind: "provider", code: -1, message: `알 수 없는 응답: ${safeJson(e)}` };
  if (code === SDK_LOCAL_CODE) return { ok: false, kind: "config", code, message: `SDK 검증 오류: ${message}` };
  if (CONFIG_ERROR_CODES.has(code) || TOKEN_REJECTED_CODES.has(code))
    return {
      ok: false,
      kind: "config",
      code,
      message: `설정 오류 (${code}): ${anyLinkhubCode(code)?.staff ?? message}`,
    };
  return { ok: false, kind: "provider", code, message };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/**
 * Runs one callback-style SDK call as a promise with a hard timeout. The SDKs only console.error a
 * transport error of the API request and never call back, so the timeout is the only way out.
 */
export function callSdk<T>(
  timeoutMs: number,
  invoke: (ok: (v: T) => void, err: (e: SdkError) => void) => void,
): Promise<{ ok: true; value: T } | LinkhubFailure> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: { ok: true; value: T } | LinkhubFailure) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => {
      const text = `제공자가 ${timeoutMs}ms 안에 응답하지 않았습니다.`;
      finish({
        ok: false,
        kind: "timeout",
        reason: "no_response",
        message: text,
        transport: timeoutFailure(timeoutMs, text),
      });
    }, timeoutMs);
    try {
      invoke(
        (v) => finish({ ok: true, value: v }),
        (e) => finish(classifySdkError(e)),
      );
    } catch (e) {
      finish({ ok: false, kind: "config", message: `SDK 호출 실패: ${e instanceof Error ? e.message : String(e)}` });
    }
  });
}

/**
 * The SDKs cache one token closure per LinkID/ClientCode and, on every later call, probe it with an
 * undefined error callback; if that probe has to fetch a token and the auth host is unreachable,
 * linkhub's TokenBuilder.httpRequest dereferences an undeclared `_this` and throws an uncaught
 * ReferenceError. Wrapping the cached closures so the probe always gets a no-op error callback
 * keeps that inside the adapter. Call right after each SDK invocation (the cache is filled synchronously).
 */
export function guardTokenCache(cache: Record<string, unknown>) {
  for (const [k, v] of Object.entries(cache)) {
    if (typeof v !== "function" || (v as { __guarded?: boolean }).__guarded) continue;
    const orig = v as (cb: (t: unknown) => void, err?: (e: unknown) => void) => unknown;
    const wrapped = (cb: (t: unknown) => void, err?: (e: unknown) => void) =>
      orig(cb, typeof err === "function" ? err : () => {});
    (wrapped as { __guarded?: boolean }).__guarded = true;
    cache[k] = wrapped;
  }
}

/**
 * One SDK call with the timeout, token-cache hygiene and one retry when the server forgot our token
 * (e.g. a restarted auth server). `beforeCall` runs right before each attempt (KakaoCert re-points
 * linkhub's module-global config there).
 */
export async function runSdkCall<T>(
  sdk: { _Linkhub_Token_Cash: Record<string, unknown> },
  timeoutMs: number,
  invoke: (ok: (v: T) => void, err: (e: SdkError) => void) => void,
  beforeCall?: () => void,
): Promise<{ ok: true; value: T } | LinkhubFailure> {
  for (let attempt = 0; ; attempt++) {
    const r = await callSdk<T>(timeoutMs, (ok, err) => {
      beforeCall?.();
      try {
        invoke(ok, err);
      } finally {
        guardTokenCache(sdk._Linkhub_Token_Cash);
      }
    });
    if (r.ok) return r;
    // the server answered, so the token is fine; otherwise the cached (or half-fetched) token is suspect
    if (r.kind === "provider") return r;
    sdk._Linkhub_Token_Cash = {};
    if (r.kind === "config" && r.code !== undefined && TOKEN_REJECTED_CODES.has(r.code) && attempt === 0) continue;
    return r;
  }
}

/** Runs SDK calls against a prepared adapter (or returns its config failure), via runSdkCall. */
export function sdkRunner<
  P extends { ok: true; sdk: { _Linkhub_Token_Cash: Record<string, unknown> }; timeoutMs: number },
>(prepared: P | LinkhubFailure, beforeCall?: (p: P) => void) {
  return async <T>(invoke: (p: P, ok: (v: T) => void, err: (e: SdkError) => void) => void) => {
    if (!prepared.ok) return prepared;
    const p = prepared;
    return runSdkCall<T>(p.sdk, p.timeoutMs, (ok, err) => invoke(p, ok, err), beforeCall && (() => beforeCall(p)));
  };
}

/** A setting the operator must fix (LinkID, keys, URLs): kind "config". */
export const configFailure = (message: string): LinkhubFailure => ({ ok: false, kind: "config", message });

/** The LinkID / SecretKey / client-code checks both adapters make before touching their SDK; null when they pass. */
export function credentialsFailure(
  config: LinkhubConfig,
  product: "Barocert" | "KakaoCert",
  clientCodeEnv: string,
): LinkhubFailure | null {
  if (!config.linkId) return configFailure(`${product} LinkID가 설정되지 않았습니다. (LINKHUB_LINK_ID)`);
  if (
    !config.secretKey ||
    !/^[A-Za-z0-9+/]+={0,2}$/.test(config.secretKey) ||
    Buffer.from(config.secretKey, "base64").length !== 32
  )
    return configFailure("Linkhub SecretKey는 32바이트 base64 값이어야 합니다. (LINKHUB_SECRET_KEY)");
  if (!/^\d{12}$/.test(config.clientCode ?? ""))
    return configFailure(`${product} 이용기관코드는 12자리 숫자입니다. (${clientCodeEnv})`);
  return null;
}

/** Normalises a ServiceURL/AuthURL into the only forms the SDKs parse correctly. */
export function sdkUrl(
  value: string | undefined,
  name: string,
): { ok: true; url: string | undefined } | { ok: false; message: string } {
  const s = (value ?? "").trim();
  if (!s) return { ok: true, url: undefined }; // SDK default (production host)
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return { ok: false, message: `${name}이(가) URL 형식이 아닙니다: ${s}` };
  }
  if (u.pathname !== "/" || u.search || u.hash || u.username)
    return { ok: false, message: `${name}에는 경로·쿼리를 넣을 수 없습니다 (SDK는 호스트만 사용): ${s}` };
  if (u.hostname.startsWith("[")) return { ok: false, message: `${name}: SDK가 IPv6 주소를 처리하지 못합니다: ${s}` };
  if (u.protocol === "http:") {
    // SDK: host = text between "http://" and the last ':', port = Number(after it) — port is mandatory, no trailing slash
    return { ok: true, url: `http://${u.hostname}:${u.port || "80"}` };
  }
  if (u.protocol === "https:") {
    // SDK: https.request({host: everything after "https://"}) — a port or slash would end up in the host name
    if (u.port) return { ok: false, message: `${name}: SDK는 https URL의 사용자 지정 포트를 지원하지 않습니다: ${s}` };
    return { ok: true, url: `https://${u.hostname}` };
  }
  return { ok: false, message: `${name}은(는) http:// 또는 https:// 이어야 합니다: ${s}` };
}

/** Decodes base64 (standard or url-safe) or hex key material of an exact length. */
export function decodeKey(spec: string | undefined, bytes: number): Buffer | undefined {
  const s = (spec ?? "").trim();
  if (!s) return undefined;
  if (new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(s)) return Buffer.from(s, "hex");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) return undefined;
  const b = Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return b.length === bytes ? b : undefined;
}

// ---- Linkhub signatures (reference §1.2, §2.3, §3.3) ----

const digest = (body: string | Buffer) => crypto.createHash("sha256").update(body).digest("base64");
const hmac = (secretKey: string, target: string) =>
  crypto.createHmac("sha256", Buffer.from(secretKey, "base64")).update(target, "utf8").digest("base64");

/** `Authorization: LINKHUB {LinkID} {this}` of POST /{ServiceID}/Token. */
export function linkhubTokenSignature(p: {
  secretKey: string;
  body: string;
  date: string;
  forwarded?: string;
  serviceId: string;
}): string {
  return hmac(
    p.secretKey,
    `POST\n${digest(p.body)}\n${p.date}\n${p.forwarded ? `${p.forwarded}\n` : ""}2.0\n/${p.serviceId}/Token`,
  );
}
/** Barocert `x-bc-auth` (no digest line for an empty body). */
export function barocertAuthSignature(p: { secretKey: string; body: string; date: string; path: string }): string {
  return hmac(p.secretKey, `POST\n${p.body ? `${digest(p.body)}\n` : ""}${p.date}\n${p.path}\n`);
}
/** Legacy KakaoCert `x-kc-auth: {LinkID} {this}`. */
export function kakaocertAuthSignature(p: { secretKey: string; body: string; date: string }): string {
  return hmac(p.secretKey, `POST\n${digest(p.body)}\n${p.date}\n2.0\n`);
}

/** What both Linkhub SDK adapters (Barocert CMS, KakaoCert e-sign) are configured with. */
export type LinkhubConfig = {
  linkId: string;
  /** Linkhub SecretKey (base64, 32 bytes): the token HMAC key (Barocert: also the AES-256-GCM key of the request fields) */
  secretKey: string;
  /** 12-digit client code (이용기관코드) */
  clientCode: string;
  /** http://host:port (sandbox) or empty for the production host */
  serviceUrl?: string;
  authUrl?: string;
  /** default 10 000 ms */
  timeoutMs?: number;
  /** Linkhub IP restriction (default true); false sends x-lh-forwarded: * */
  ipRestrict?: boolean;
  /** only used when serviceUrl/authUrl are empty: static-IP production hosts */
  useStaticIp?: boolean;
  now?: () => Date;
};

/** The request's timestamps in a status answer (requestDT … verifyDT, KST). */
export function statusStamps(s: Record<string, unknown>) {
  return {
    requestedAt: parseKstStamp(s.requestDT),
    viewedAt: parseKstStamp(s.viewDT),
    completedAt: parseKstStamp(s.completeDT),
    expiresAt: parseKstStamp(s.expireDT),
    verifiedAt: parseKstStamp(s.verifyDT),
  };
}

export type StatusStamps = ReturnType<typeof statusStamps>;

/** What every status answer carries: receipt, client code, state and the timestamps. */
export function statusFields(s: Record<string, unknown>, receiptId: string) {
  return {
    receiptId: String(s.receiptID ?? receiptId),
    clientCode: String(s.clientCode ?? ""),
    state: Number(s.state),
    stateName: stateName(s.state),
    ...statusStamps(s),
  };
}

/** An answer whose receipt id is not what the service hands out (a provider fault, not ours). */
export function badReceiptAnswer(receiptId: string): LinkhubFailure {
  return { ok: false, kind: "provider", code: -1, message: `접수아이디가 올바르지 않은 응답: ${receiptId}` };
}

/** yyyyMMddHHmmss (KST) → Date; undefined for null/empty/garbled. */
export function parseKstStamp(s: unknown): Date | undefined {
  if (typeof s !== "string") return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h - 9, mi, se));
}

export type ConsentState = "waiting" | "complete" | "expired" | "declined" | "failed" | "unknown";
export function stateName(n: unknown): ConsentState {
  return (["waiting", "complete", "expired", "declined", "failed"] as const)[Number(n)] ?? "unknown";
}
