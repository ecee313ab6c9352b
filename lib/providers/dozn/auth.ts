// Authentication of the agency's calls to our biller endpoints (seed §1.3: allow-listed IPs; the
// credential header is unconfirmed by the seed, so we use `Authorization: Bearer <credential>`).
import { timingSafeEqual } from "node:crypto";
import { respond, type DoznResponse } from "./schemas";

export type AgencyAuthConfig = {
  /** Shared credential the agency sends as `Authorization: Bearer <credential>`. */
  credential: string;
  /** Allowed agency IPs (exact match; IPv4-mapped IPv6 "::ffff:1.2.3.4" is normalised). Empty/undefined = any IP. */
  allowedIps?: readonly string[];
};

export type AgencyAuthResult = { ok: true } | { ok: false; reason: "ip" | "credential"; httpStatus: 401 | 403; body: DoznResponse };

const normIp = (ip: string) => ip.trim().replace(/^::ffff:/i, "");

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, "utf8");
  const bb = Buffer.from(b, "utf8");
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Checks one agency request. `authorization` is the raw header value, `remoteIp` the peer address
 * (as the route trusts it). Failure bodies use res_code E003 ("빌러 정보가 없거나 잘못된 경우") with
 * HTTP 401 (credential) / 403 (IP) — the seed defines no auth code, this is our choice.
 */
export function checkAgencyAuth(req: { authorization: string | null | undefined; remoteIp: string | null | undefined }, cfg: AgencyAuthConfig): AgencyAuthResult {
  if (cfg.allowedIps && cfg.allowedIps.length > 0) {
    const ip = req.remoteIp ? normIp(req.remoteIp) : "";
    if (!cfg.allowedIps.map(normIp).includes(ip)) {
      return { ok: false, reason: "ip", httpStatus: 403, body: respond("E003", "허용되지 않은 IP의 요청입니다.") };
    }
  }
  const m = /^Bearer\s+(.+)$/i.exec(req.authorization?.trim() ?? "");
  if (!cfg.credential || !m || !safeEqual(m[1]!, cfg.credential)) {
    return { ok: false, reason: "credential", httpStatus: 401, body: respond("E003", "에이전시 인증 정보가 올바르지 않습니다.") };
  }
  return { ok: true };
}
