// Authentication of the agency's calls to our biller endpoints (agency → biller, /kakao/*).
//
// Seed 003 §1.3 says: https both ways; calls only from allowed IPs, shared in advance (plus ACL / VPN /
// leased line where the biller asks). The Authorization header it requires is for biller → agency
// calls only — the seed never says the agency sends one to us. So:
//   * the IP allow-list is the required control: empty list = every call refused;
//   * a shared credential is optional (none by default); when the merchant agrees one with Dozn, the
//     header name and the value's format are configurable (DOZN_AGENCY_CREDENTIAL_HEADER, _FORMAT)
//     and the credential is then required as well;
//   * the caller's IP must be one we can trust. The standalone biller API sees the socket peer
//     (ipSource "socket"). Next.js route handlers cannot see the socket (ipSource "forwarded"): their
//     IP comes from X-Forwarded-For, which is only as good as the proxy that wrote it. Without a
//     credential they accept agency calls only when the deployment declares such a proxy
//     (TRUSTED_PROXY_IPS set — the proxy overwrites X-Forwarded-For and the app port is reachable only
//     through it; `npm run doctor` says so) and refuse them otherwise.
// Refusals answer E003 (HTTP 403 for the caller's address, 401 for the credential) in the seed's
// envelope — the seed has no authentication code, E003 ("빌러 정보가 없거나 잘못된 경우") is our choice.
import { timingSafeEqual } from "node:crypto";
import { respond, type DoznResponse } from "./schemas";

export const DEFAULT_CREDENTIAL_HEADER = "Authorization";
/** `{credential}` is replaced by the credential. Seed silent: raw, like the biller → agency Authorization value. */
export const DEFAULT_CREDENTIAL_FORMAT = "{credential}";

export type AgencyAuthConfig = {
  /** Agency IPs (exact match; "::ffff:1.2.3.4" is normalised). Required: empty = refuse every call. */
  allowedIps: readonly string[];
  /** Our reverse proxies. For the Next route handlers, non-empty = "X-Forwarded-For is written by our proxy". */
  trustedProxies?: readonly string[];
  /** Optional shared credential; empty = none (the seed's request carries none). */
  credential?: string;
  /** How the credential is presented, e.g. "Bearer {credential}". */
  credentialFormat?: string;
};

export type AgencyAuthRequest = {
  /** The caller's address as we determined it (lib/bills/remote-ip). */
  remoteIp: string | null | undefined;
  /** "socket": the TCP peer (standalone biller API). "forwarded": from X-Forwarded-For (Next routes). */
  ipSource: "socket" | "forwarded";
  /** The configured credential header's value (null when absent). */
  credentialValue: string | null | undefined;
};

export type AgencyAuthRefusal = "no-allowlist" | "untrusted-forwarded" | "ip" | "credential";
export type AgencyAuthResult =
  { ok: true } | { ok: false; reason: AgencyAuthRefusal; httpStatus: 401 | 403; body: DoznResponse };

const normIp = (ip: string) =>
  ip
    .trim()
    .replace(/^::ffff:/i, "")
    .replace(/^\[|\]$/g, "");

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, "utf8");
  const bb = Buffer.from(b, "utf8");
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function credentialHeaderValue(credential: string, format: string = DEFAULT_CREDENTIAL_FORMAT): string {
  return format.split("{credential}").join(credential);
}

const refuse = (reason: AgencyAuthRefusal, httpStatus: 401 | 403, message: string): AgencyAuthResult => ({
  ok: false,
  reason,
  httpStatus,
  body: respond("E003", message),
});

export function checkAgencyAuth(req: AgencyAuthRequest, cfg: AgencyAuthConfig): AgencyAuthResult {
  const allowed = cfg.allowedIps.map(normIp).filter(Boolean);
  if (allowed.length === 0) return refuse("no-allowlist", 403, "허용된 에이전시 IP가 설정되지 않았습니다.");
  const credential = cfg.credential ?? "";
  if (req.ipSource === "forwarded" && !credential && (cfg.trustedProxies ?? []).filter((p) => p.trim()).length === 0) {
    // X-Forwarded-For straight from the client: anyone could claim an allowed address.
    return refuse("untrusted-forwarded", 403, "요청 IP를 확인할 수 없습니다.");
  }
  const ip = req.remoteIp ? normIp(req.remoteIp) : "";
  if (!ip || !allowed.includes(ip)) return refuse("ip", 403, "허용되지 않은 IP의 요청입니다.");
  if (credential) {
    const expected = credentialHeaderValue(credential, cfg.credentialFormat ?? DEFAULT_CREDENTIAL_FORMAT);
    if (!safeEqual((req.credentialValue ?? "").trim(), expected))
      return refuse("credential", 401, "에이전시 인증 정보가 올바르지 않습니다.");
  }
  return { ok: true };
}
