// One pipeline for the three biller endpoints the agency calls (POST /kakao/notice | prepay |
// pay-result): authenticate → parse (wire → domain: the Dozn adapter, through ./providers.ts) → the
// use case (notice.ts, prepay.ts, pay-result.ts) → answer (domain → wire), always in the agency's
// envelope {res_code, message, data}. HTTP 200 except refused callers (401/403, still the envelope).
// The answers (seed §5-§7):
//   notice      OK (bill) · E502 no such bill / birth date mismatch · E005 ambiguous without notice key
//   prepay      OK · E403 nothing payable (paid) or amount below it · E501 amount above payable ·
//               E502 no such bill · E506 past due · E005
//   pay-result  OK for every schema-valid delivery (recorded; duplicates, odd amounts, fees, dates,
//               contradicting deliveries listed in 확인 필요) · E502 no such bill · E005
//               (E601 only when the database fails)
// Money moves are idempotent through unique keys — a payment on its pay_id, a cancel on (pay_id,
// paid_at, amount) — and every decision on a bill happens under its row lock, so parallel
// deliveries on several app instances record once.
// Authentication (lib/providers/dozn/auth.ts): the caller's IP against DOZN_AGENCY_IPS, as seed 003
// §1.3 says, plus a credential only when one is configured.
// Nothing here reads Next.js: route handlers (app/kakao/*) and the standalone biller server
// (scripts/biller-server.ts) pass the raw pieces of the request in.
import { env } from "../env";
import { log } from "../log";
import type { AgencyDeps } from "./find";
import { answerNotice } from "./notice";
import { answerPayResult } from "./pay-result";
import { answerPrepay } from "./prepay";
import {
  answerToWire,
  checkAgencyAuth,
  DEFAULT_CREDENTIAL_FORMAT,
  DEFAULT_CREDENTIAL_HEADER,
  parseBillerCall,
  tooLargeAnswer,
  unavailableAnswer,
  type BillerEndpoint,
  type DoznResponse,
} from "./providers";
import { clientIp, peerIp } from "./remote-ip";

export type AgencyCall = {
  endpoint: BillerEndpoint;
  rawBody: string;
  /** Reads a request header (case-insensitive); the credential header's name is configurable. */
  header: (name: string) => string | null | undefined;
  forwardedFor: string | null;
  /**
   * The TCP peer, when the caller owns the socket (scripts/biller-server.ts). Given: the agency's
   * address is the peer, and X-Forwarded-For counts only when the peer is a TRUSTED_PROXY_IPS entry.
   * Absent (Next route handlers, which cannot see the socket): X-Forwarded-For as Next.js leaves it.
   */
  remoteAddress?: string | null;
  /** The caller stopped reading the body past MAX_BODY_BYTES (rawBody is then incomplete). */
  bodyTooLarge?: boolean;
};

export type AgencyAuthSettings = {
  allowedIps: readonly string[];
  trustedProxies: readonly string[];
  /** Empty/absent: no credential (the seed's request). */
  credential?: string;
  credentialHeader?: string;
  credentialFormat?: string;
};

export type AgencyAnswer = { status: number; body: DoznResponse<unknown> };

/** Bodies above this are not a bill request (the largest real one is a few hundred bytes). */
export const MAX_BODY_BYTES = 64 * 1024;

function settingsFromEnv(): AgencyAuthSettings {
  const e = env();
  return {
    allowedIps: e.DOZN_AGENCY_IPS,
    trustedProxies: e.TRUSTED_PROXY_IPS,
    credential: e.DOZN_AGENCY_CREDENTIAL,
    credentialHeader: e.DOZN_AGENCY_CREDENTIAL_HEADER,
    credentialFormat: e.DOZN_AGENCY_CREDENTIAL_FORMAT,
  };
}

export async function handleAgencyCall(
  call: AgencyCall,
  deps: AgencyDeps & { auth?: AgencyAuthSettings } = {},
): Promise<AgencyAnswer> {
  const started = performance.now();
  const auth = deps.auth ?? settingsFromEnv();
  const ipSource = call.remoteAddress !== undefined ? "socket" : "forwarded";
  const ip =
    ipSource === "socket"
      ? peerIp(call.remoteAddress, call.forwardedFor, auth.trustedProxies)
      : clientIp(call.forwardedFor, auth.trustedProxies);
  const credentialHeader = auth.credentialHeader || DEFAULT_CREDENTIAL_HEADER;
  const credentialValue = auth.credential ? (call.header(credentialHeader) ?? null) : null;
  const verdict = checkAgencyAuth(
    { remoteIp: ip, ipSource, credentialValue },
    {
      allowedIps: auth.allowedIps,
      trustedProxies: auth.trustedProxies,
      credential: auth.credential ?? "",
      credentialFormat: auth.credentialFormat || DEFAULT_CREDENTIAL_FORMAT,
    },
  );
  if (!verdict.ok) {
    // Logged without the credential or the body; nothing is read or written.
    log.warn(
      {
        endpoint: call.endpoint,
        ip,
        ipSource,
        reason: verdict.reason,
        credentialConfigured: Boolean(auth.credential),
        credentialSent: credentialValue !== null,
      },
      "agency call refused",
    );
    return { status: verdict.httpStatus, body: verdict.body };
  }
  if (call.bodyTooLarge || Buffer.byteLength(call.rawBody, "utf8") > MAX_BODY_BYTES)
    return { status: 200, body: tooLargeAnswer() };
  const parsed = parseBillerCall(call.endpoint, call.rawBody);
  if (!parsed.ok) {
    log.info(
      { endpoint: call.endpoint, resCode: parsed.resCode, field: parsed.field },
      "agency call rejected by validation",
    );
    return { status: 200, body: parsed.response };
  }
  try {
    let body: DoznResponse<unknown>;
    switch (parsed.endpoint) {
      case "notice":
        body = answerToWire(await answerNotice(parsed.query, deps));
        break;
      case "prepay":
        body = answerToWire(await answerPrepay(parsed.query, deps));
        break;
      case "pay-result": {
        const { outcome: _outcome, ...answer } = await answerPayResult(parsed.delivery, deps);
        body = answerToWire(answer);
        break;
      }
    }
    const ms = performance.now() - started;
    if (ms > 1000)
      log.warn(
        { endpoint: call.endpoint, ms: Math.round(ms), resCode: body.res_code },
        "slow agency answer (budget 3 s)",
      );
    return { status: 200, body };
  } catch (e) {
    // Database down, lock timeout …: the seed's "납부 요청정보 조회 실패". The agency may redeliver.
    log.error({ endpoint: call.endpoint, err: e instanceof Error ? e.message : String(e) }, "agency call failed");
    return { status: 200, body: unavailableAnswer() };
  }
}
