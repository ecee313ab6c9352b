// Typed client for PayUp's KakaoPay/KCP API (seed 002; provider-protocols.md §6):
//   POST {baseUrl}/ep/api/kakao/{merchantId}/order   signature sha256(merchantId|orderNumber|amount|apiCertKey|timestamp)
//   POST {baseUrl}/ep/api/kakao/{merchantId}/pay     the window's fields, forwarded untouched (no signature)
//   POST {baseUrl}/ep/api/kakao/{merchantId}/cancel  signature sha256(merchantId|transactionId|apiCertKey)
// Never throws for expected failures: every outcome is a discriminated union carrying a decision.
import { describePayUpCode, type PayUpAudience, type PayUpDecision, type PayUpOp } from "./codes";
import {
  cancelResponseWire,
  orderResponseWire,
  payResponseWire,
  PAY_REQUEST_FIELDS,
  responseEnvelopeWire,
  type CancelRequestWire,
  type OrderRequestWire,
  type PayUpAuthorization,
} from "./schemas";
import { httpFailure, request, type TransportFailure } from "../http";
import { cancelSignature, orderSignature, parsePayupTimestamp, payupTimestamp } from "./signature";

export type PayUpClientOptions = {
  /** https://api.testpayup.co.kr (test), https://api.payup.co.kr (prod) or the sandbox URL */
  baseUrl: string;
  merchantId: string;
  apiCertKey: string;
  /** Default 10000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Clock for the order timestamp (tests). */
  now?: () => Date;
};

export type PayUpDevice = "mobile" | "pc";

export type PayUpOrderInput = {
  /** Our order number (≤ 20). */
  orderNumber: string;
  /** KRW, integer > 0 */
  amount: number;
  itemName: string;
  buyerName: string;
  /** Where the mobile window posts its result (Ret_URL). Required by PayUp for PC too. */
  returnUrl: string;
  device: PayUpDevice;
  buyerEmail?: string;
  /** App scheme when running inside an app. */
  appUrl?: string;
  /** Cash receipt auto-issue (cashbillYn); PayUp's default is yes. */
  cashReceipt?: boolean;
  /** Digits only, for cash receipts. */
  buyerPhone?: string;
  /** HTTP User-Agent sent with a mobile order: PayUp opens the mobile screen only for iPhone / iPad / Android.
   *  Pass the customer's browser User-Agent; defaults to "iPhone" (the seed's example). */
  userAgentHeader?: string;
};

export type PayUpOrderData = {
  /** PayUp's number for this window (ordr_idxx): store it to match the window's return. */
  ordrIdxx: string;
  siteCd: string;
  amount: number;
  itemName: string;
  buyerName: string;
  returnUrl: string;
  device: PayUpDevice;
  /** Mobile only. */
  approvalKey?: string;
  /** Mobile only: where the window form posts. */
  payUrl?: string;
  responseMessage: string;
};

export type PayUpMethod = "MONEY" | "CARD";

export type PayUpPayData = {
  /** Optional in the seed's answer: absent means PayUp did not tell (never invent one). */
  transactionId?: string;
  /** PayUp's echo of the orderNumber we sent with the order request (optional in the seed). */
  orderNumber?: string;
  /** From `type`, or — when PayUp left `type` out — from the answer's card / money fields or the window's card_pay_method. */
  method?: PayUpMethod;
  /** Required for money, optional for cards (seed §3.3). */
  amount?: number;
  approvedAt?: Date;
  /** yyyyMMddHHmmss (KST) as sent */
  authDateTime?: string;
  /** Money payments: amount eligible for a cash receipt. */
  cashReceiptAmount?: number;
  card?: { authNumber?: string; cardName?: string; cardNo?: string; installmentMonths?: number };
  responseMessage: string;
};

export type PayUpCancelData = {
  transactionId: string;
  cancelledAt?: Date;
  cancelDateTime?: string;
  responseMessage: string;
};

export type PayUpProviderFailure = {
  ok: false;
  kind: "provider";
  op: PayUpOp;
  code: string;
  /** Korean text for `audience` (see codes.ts); PayUp's own text is in responseMsg. */
  message: string;
  responseMsg: string;
  audience: PayUpAudience;
  decision: PayUpDecision;
  /** false for codes outside the seed's table (KCP payment/authentication errors passed through) */
  known: boolean;
  httpStatus: number;
  /** Only when PayUp put one into an error answer: the seed lists none (not even for 8002 "already paid"). */
  transactionId?: string;
};

/** The transport's failure (lib/providers/http.ts) with the operation and PayUp's decision for it. */
type OpFailure<F> = F extends TransportFailure ? F & { op: PayUpOp; decision: PayUpDecision } : never;
export type PayUpTransportFailure =
  | OpFailure<TransportFailure>
  /** responseCode 0000 but the body is not what the seed describes */
  | {
      ok: false;
      kind: "invalid_response";
      op: PayUpOp;
      status: number;
      issues: string[];
      body: string;
      decision: PayUpDecision;
    };

export type PayUpAmountMismatch = {
  ok: false;
  kind: "amount_mismatch";
  op: "pay";
  expected: number;
  actual: number | undefined;
  /** PayUp did approve: the payment exists and must be reconciled (cancelled or accepted by a human). */
  data: PayUpPayData;
  decision: "reconcile";
};

export type PayUpFailure = PayUpProviderFailure | PayUpTransportFailure;
export type PayUpOrderResult = { ok: true; data: PayUpOrderData } | PayUpFailure;
export type PayUpPayResult = { ok: true; data: PayUpPayData } | PayUpFailure | PayUpAmountMismatch;
export type PayUpCancelResult = { ok: true; data: PayUpCancelData } | PayUpFailure;

export type PayUpClient = {
  order(input: PayUpOrderInput): Promise<PayUpOrderResult>;
  /** Approves what the window authenticated. With expectedAmount, an approval for another amount is reported as
   *  amount_mismatch (decision reconcile). Only call for an "authenticated" KCP return (res_cd 0000). */
  pay(authorization: PayUpAuthorization, opts?: { expectedAmount?: number }): Promise<PayUpPayResult>;
  /** Full cancel (the only cancel PayUp's KakaoPay API defines). */
  cancel(input: { transactionId: string; reason: string }): Promise<PayUpCancelResult>;
};

/** Decision when we cannot know what PayUp did. Orders move no money; pay/cancel might have. */
const unknownOutcome = (op: PayUpOp): PayUpDecision => (op === "order" ? "retry" : "reconcile");
const snippet = (t: string) => t.slice(0, 500);

function withOp(op: PayUpOp, f: TransportFailure): PayUpTransportFailure {
  const decision = unknownOutcome(op);
  return { ...f, op, decision };
}

export function createPayUpClient(opts: PayUpClientOptions): PayUpClient {
  const baseUrl = opts.baseUrl.replace(/\/+$/, "");
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const doFetch = opts.fetch;
  const now = opts.now ?? (() => new Date());

  type Raw =
    { ok: true; status: number; json: Record<string, unknown>; text: string; code: string; msg: string } | PayUpFailure;

  async function post(op: PayUpOp, body: unknown, headers: Record<string, string> = {}): Promise<Raw> {
    const url = `${baseUrl}/ep/api/kakao/${encodeURIComponent(opts.merchantId)}/${op}`;
    // JSON in UTF-8 both ways (seed 002); the EUC-KR window return is parsed in ./euckr.ts, not here.
    const res = await request(url, {
      headers: { "Content-Type": "application/json; charset=utf-8", Accept: "application/json", ...headers },
      body: JSON.stringify(body),
      timeoutMs,
      fetchImpl: doFetch,
    });
    if (!res.ok) return withOp(op, res);
    const { status, text } = res;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return withOp(op, httpFailure(status, text));
    }
    const env = responseEnvelopeWire.safeParse(json);
    if (!env.success) return withOp(op, httpFailure(status, text));
    const code = env.data.responseCode;
    const msg = env.data.responseMsg ?? "";
    if (code !== "0000") {
      const d = describePayUpCode(code, op, msg);
      const tx = (json as Record<string, unknown>).transactionId;
      return {
        ok: false,
        kind: "provider",
        op,
        code,
        message: d.message,
        responseMsg: msg,
        audience: d.audience,
        decision: d.decision,
        known: d.known,
        httpStatus: status,
        ...(typeof tx === "string" && tx && { transactionId: tx }),
      };
    }
    if (status < 200 || status >= 300) return withOp(op, httpFailure(status, text));
    return { ok: true, status, json: json as Record<string, unknown>, text, code, msg };
  }

  const invalid = (
    op: PayUpOp,
    r: { status: number; text: string },
    issues: { path: PropertyKey[]; message: string }[],
  ): PayUpTransportFailure => ({
    ok: false,
    kind: "invalid_response",
    op,
    status: r.status,
    issues: issues.map((i) => `${i.path.map(String).join(".")}: ${i.message}`),
    body: snippet(r.text),
    // a 0000 pay/cancel we cannot read still happened
    decision: op === "order" ? "retry" : "reconcile",
  });

  return {
    async order(input) {
      const device = input.device;
      const timestamp = payupTimestamp(now());
      const amount = String(input.amount);
      const wire: OrderRequestWire = {
        orderNumber: input.orderNumber,
        userAgent: device === "mobile" ? "WM" : "WP",
        ...(input.appUrl && { appUrl: input.appUrl }),
        amount,
        itemName: input.itemName,
        userName: input.buyerName,
        returnUrl: input.returnUrl,
        ...(input.buyerEmail && { userEmail: input.buyerEmail }),
        signature: orderSignature({
          merchantId: opts.merchantId,
          orderNumber: input.orderNumber,
          amount,
          apiCertKey: opts.apiCertKey,
          timestamp,
        }),
        timestamp,
        ...(input.cashReceipt !== undefined && { cashbillYn: input.cashReceipt ? "Y" : "N" }),
        ...(input.buyerPhone && { mobileNumber: input.buyerPhone.replace(/\D/g, "") }),
      };
      const ua =
        device === "mobile"
          ? input.userAgentHeader && /iPhone|iPad|Android/i.test(input.userAgentHeader)
            ? input.userAgentHeader
            : "iPhone"
          : input.userAgentHeader;
      const r = await post("order", wire, ua ? { "User-Agent": ua } : {});
      if (!r.ok) return r;
      const p = orderResponseWire.safeParse(r.json);
      if (!p.success) return invalid("order", r, p.error.issues);
      const d = p.data;
      if (device === "mobile" && (!d.pay_url || !d.approval_key))
        return invalid("order", r, [
          { path: ["pay_url"], message: "a mobile order must answer pay_url and approval_key" },
        ]);
      return {
        ok: true,
        data: {
          ordrIdxx: d.ordr_idxx,
          siteCd: d.site_cd,
          amount: d.good_mny,
          itemName: d.good_name,
          buyerName: d.buyr_name,
          returnUrl: d.Ret_URL,
          device,
          ...(d.approval_key && { approvalKey: d.approval_key }),
          ...(d.pay_url && { payUrl: d.pay_url }),
          responseMessage: r.msg,
        },
      };
    },

    async pay(authorization, payOpts = {}) {
      // Exactly the seed's six fields (an authorization stored by an older version may carry more, e.g. good_mny).
      const f = authorization.payFields as Partial<Record<string, string>>;
      const body = Object.fromEntries(PAY_REQUEST_FIELDS.map((k) => [k, f[k] ?? ""]));
      const r = await post("pay", body);
      if (!r.ok) return r;
      const p = payResponseWire.safeParse(r.json);
      if (!p.success) return invalid("pay", r, p.error.issues);
      const d = p.data;
      const hint = authorization.method ?? f.card_pay_method;
      const cardFields =
        d.authNumber !== undefined || d.cardName !== undefined || d.cardNo !== undefined || d.quota !== undefined;
      const method: PayUpMethod | undefined =
        d.type === "KAKAO_CARD"
          ? "CARD"
          : d.type === "KAKAO_MONEY"
            ? "MONEY"
            : cardFields
              ? "CARD"
              : d.cashReceipt !== undefined
                ? "MONEY"
                : hint === "KAKAO_CARD"
                  ? "CARD"
                  : hint === "KAKAO_MONEY"
                    ? "MONEY"
                    : undefined;
      const data: PayUpPayData = {
        ...(d.transactionId !== undefined && { transactionId: d.transactionId }),
        ...(d.orderNumber !== undefined && { orderNumber: d.orderNumber }),
        ...(method && { method }),
        ...(d.amount !== undefined && { amount: d.amount }),
        ...(d.authDateTime && { authDateTime: d.authDateTime, approvedAt: parsePayupTimestamp(d.authDateTime) }),
        ...(d.cashReceipt !== undefined && { cashReceiptAmount: d.cashReceipt }),
        ...(method === "CARD" && {
          card: {
            ...(d.authNumber !== undefined && { authNumber: d.authNumber }),
            ...(d.cardName !== undefined && { cardName: d.cardName }),
            ...(d.cardNo !== undefined && { cardNo: d.cardNo }),
            ...(d.quota !== undefined && { installmentMonths: d.quota }),
          },
        }),
        responseMessage: r.msg,
      };
      const expected = payOpts.expectedAmount;
      if (expected !== undefined && data.amount !== undefined && data.amount !== expected)
        return {
          ok: false,
          kind: "amount_mismatch",
          op: "pay",
          expected,
          actual: data.amount,
          data,
          decision: "reconcile",
        };
      return { ok: true, data };
    },

    async cancel(input) {
      const wire: CancelRequestWire = {
        transactionId: input.transactionId,
        cancelReason: input.reason.slice(0, 256),
        signature: cancelSignature({
          merchantId: opts.merchantId,
          transactionId: input.transactionId,
          apiCertKey: opts.apiCertKey,
        }),
      };
      const r = await post("cancel", wire);
      if (!r.ok) return r;
      const p = cancelResponseWire.safeParse(r.json);
      if (!p.success) return invalid("cancel", r, p.error.issues);
      const d = p.data;
      return {
        ok: true,
        data: {
          transactionId: d.transactionId ?? input.transactionId,
          ...(d.cancelDateTime && {
            cancelDateTime: d.cancelDateTime,
            cancelledAt: parsePayupTimestamp(d.cancelDateTime),
          }),
          responseMessage: r.msg,
        },
      };
    },
  };
}
