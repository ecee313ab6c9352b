// Typed client for the Dozn link API (biller → agency), seed §3 and §4:
//   POST {baseUrl}/external/inquiry-payment/one-time/url/{biller_code}      create link
//   POST {baseUrl}/external/inquiry-payment/one-time/url/re/{biller_code}   re-create link
// Never throws for expected failures: every outcome is a discriminated union.
import { ADMIN_ACTION_TEXT, adminActionFor, messageFor, type DoznAdminAction } from "./codes";
import { toYmdHms } from "./schemas";
import { httpFailure, request, type TransportFailure } from "../http";

export type DoznClientOptions = {
  /** Agency host, e.g. https://test-bill.dozn.co.kr (DEV), https://bill.dozn.co.kr (REAL), or the sandbox URL. */
  baseUrl: string;
  billerCode: string;
  /** Value of the Authorization header (issued by KakaoPay). Sent as-is. */
  apiKey: string;
  /** Default 5000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
};

/** Domain-shaped bill identity for link creation. */
export type DoznLinkBill = {
  /** Customer / contract number (≤50). Must not be personal data such as a phone number. */
  billerUserKey: string;
  /** YYYYMM */
  billedYearMonth?: string;
  /** ≤24, letters/digits */
  ordinal?: string;
  /** ≤80, unique per bill */
  billerNoticeKey?: string;
  /** Link expiry: a Date (sent as Korea time) or a "YYYYMMDDHH24MISS" string. */
  expireAt: Date | string;
  /** Echoed back to us in notice/prepay/pay-result; keys and values letters/digits, values ≤8. */
  parameters?: Record<string, string>;
};

export type DoznLinkOk = {
  ok: true;
  url: string;
  /** The expiry we asked for (the agency does not echo it). */
  expireAt: Date;
  /** "YYYYMMDDHH24MISS" as sent. */
  expireAtWire: string;
  billerNoticeKey?: string;
  resCode: "OK";
  message: string;
};

export type DoznLinkFailure =
  | {
      ok: false;
      kind: "provider";
      /** The agency's res_code (E003, E005, E101, E811, E812, E818, E001, E006, E007, E008, E8xx ...) */
      code: string;
      message: string;
      /** What the admin should do: "recreate" for E818, "create" for E812, ... */
      action: DoznAdminAction;
      actionText: string;
      httpStatus: number;
    }
  /** timeout / network / an answer we cannot read (lib/providers/http.ts) */
  | TransportFailure;

export type DoznLinkResult = DoznLinkOk | DoznLinkFailure;

export type DoznClient = {
  createLink(bill: DoznLinkBill): Promise<DoznLinkResult>;
  recreateLink(bill: DoznLinkBill): Promise<DoznLinkResult>;
};

function parseKstStamp(v: string): Date {
  return new Date(
    Date.UTC(+v.slice(0, 4), +v.slice(4, 6) - 1, +v.slice(6, 8), +v.slice(8, 10), +v.slice(10, 12), +v.slice(12, 14)) -
      9 * 3600_000,
  );
}

export function toLinkRequestData(bill: DoznLinkBill) {
  const expire_at = typeof bill.expireAt === "string" ? bill.expireAt : toYmdHms(bill.expireAt);
  return {
    biller_user_key: bill.billerUserKey,
    ...(bill.billedYearMonth !== undefined && { billed_year_month: bill.billedYearMonth }),
    ...(bill.ordinal !== undefined && { ordinal: bill.ordinal }),
    ...(bill.billerNoticeKey !== undefined && { biller_notice_key: bill.billerNoticeKey }),
    expire_at,
    ...(bill.parameters !== undefined && { parameters: bill.parameters }),
  };
}

export function createDoznClient(opts: DoznClientOptions): DoznClient {
  const baseUrl = opts.baseUrl.replace(/\/+$/, "");
  const timeoutMs = opts.timeoutMs ?? 5000;
  const doFetch = opts.fetch;

  async function call(path: string, bill: DoznLinkBill): Promise<DoznLinkResult> {
    const data = toLinkRequestData(bill);
    const url = `${baseUrl}${path}/${encodeURIComponent(opts.billerCode)}`;
    const res = await request(url, {
      headers: {
        "Content-Type": "application/json;charset=utf-8",
        Accept: "application/json;charset=utf-8",
        Authorization: opts.apiKey,
      },
      body: JSON.stringify({ data }),
      timeoutMs,
      fetchImpl: doFetch,
    });
    if (!res.ok) return res;
    const { status, text } = res;

    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return httpFailure(status, text);
    }
    const env = body && typeof body === "object" ? (body as Record<string, unknown>) : undefined;
    const resCode = env?.res_code;
    // The agency relays HTTP status as-is and answers validation errors with 200: branch on res_code.
    if (typeof resCode !== "string") return httpFailure(status, text);
    const message = typeof env?.message === "string" ? env.message : messageFor(resCode);
    if (resCode !== "OK") {
      const action = adminActionFor(resCode);
      return {
        ok: false,
        kind: "provider",
        code: resCode,
        message,
        action,
        actionText: ADMIN_ACTION_TEXT[action],
        httpStatus: status,
      };
    }
    let payload = env?.data;
    if (typeof payload === "string") {
      // lenient: one 3rd-party integration treats `data` as a JSON string
      try {
        payload = JSON.parse(payload);
      } catch {
        return httpFailure(status, text);
      }
    }
    const p = payload && typeof payload === "object" ? (payload as Record<string, unknown>) : undefined;
    if (status < 200 || status >= 300 || typeof p?.url !== "string" || p.url.length === 0) {
      return httpFailure(status, text);
    }
    return {
      ok: true,
      url: p.url,
      expireAt: typeof bill.expireAt === "string" ? parseKstStamp(data.expire_at) : bill.expireAt,
      expireAtWire: data.expire_at,
      ...(typeof p.biller_notice_key === "string"
        ? { billerNoticeKey: p.biller_notice_key }
        : bill.billerNoticeKey !== undefined
          ? { billerNoticeKey: bill.billerNoticeKey }
          : {}),
      resCode: "OK",
      message,
    };
  }

  return {
    createLink: (bill) => call("/external/inquiry-payment/one-time/url", bill),
    recreateLink: (bill) => call("/external/inquiry-payment/one-time/url/re", bill),
  };
}
