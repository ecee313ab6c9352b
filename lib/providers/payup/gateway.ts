// PayUp/KCP as a PaymentProvider (lib/payments/port.ts): the order/payment logic sees only the port's shapes.
// initiate = PayUp's order request and the KCP window form; the customer's return is KCP's EUC-KR POST to
// Ret_URL (/pay/payup/return); approve = PayUp's pay with the window's authorization.
// PayUp has no lookup API and only full cancels; reconciliation re-sends the stored authorization
// (PayUp answers 8002 "already paid" with its transaction when the first pay went through).
import { checkEntries } from "../../input/guard";
import type {
  Approved,
  Initiated,
  NextStep,
  ParsedReturn,
  PaymentProvider,
  ProviderCallLog,
  ProviderFailure as GatewayFailure,
  ProviderResult as GatewayResult,
  ProviderState,
  ReturnRequest,
} from "../../payments/port";
import type { PayUpClient, PayUpFailure, PayUpOrderData, PayUpPayData } from "./client";
import { describePayUpCode, readResendAnswer } from "./codes";
import { parseEucKrForm, toEucKrSafe } from "./euckr";
import {
  KCP_PC_RUN_SCRIPT,
  KCP_PC_SETUP_SCRIPT,
  KCP_SCRIPT_URL,
  mobileWindowForm,
  pcWindowForm,
  type KcpForm,
} from "./forms";
import { parseKcpReturn, type PayUpAuthorization } from "./schemas";

/** What we keep on the payment (no secrets): the window's order data, what we signed in the order request
 *  (reference = the orderNumber we sent, signedAmount = the amount we signed) and, later, the window's authorization. */
export type PayUpProviderData = {
  window: PayUpOrderData;
  reference?: string;
  signedAmount?: number;
  authorization?: PayUpAuthorization;
};

const CONFIG_CODES = new Set(["1001"]);

function failureOf(f: PayUpFailure): GatewayFailure {
  if (f.kind === "provider") {
    if (CONFIG_CODES.has(f.code)) return { kind: "config", code: f.code, message: `${f.message} (${f.responseMsg})` };
    if (f.decision === "reconcile") return { kind: "unknown", code: f.code, message: f.message };
    return {
      kind: "declined",
      code: f.code,
      message: `${f.message}${f.responseMsg ? ` (${f.responseMsg})` : ""}`,
      customerMessage: f.message,
    };
  }
  const code = f.kind === "http" ? `HTTP_${f.status}` : f.kind.toUpperCase();
  const message =
    f.kind === "network"
      ? f.message
      : f.kind === "timeout"
        ? `no response within ${f.timeoutMs}ms`
        : f.kind === "http"
          ? `PayUp answered HTTP ${f.status}`
          : "unreadable PayUp response";
  return { kind: "unknown", code, message };
}

const won = (n: number) => `${n.toLocaleString("ko-KR")}원`;
const methodOf = (m: "MONEY" | "CARD" | undefined, a?: PayUpAuthorization) =>
  m ?? (a?.method === "KAKAO_CARD" ? "CARD" : a?.method === "KAKAO_MONEY" ? "MONEY" : "KAKAOPAY");

/** The amount PayUp registered with our signed order request (what we signed; PayUp's own echo as a fallback). */
function signedAmountOf(d: PayUpProviderData | undefined, fallback: number): number {
  return d?.signedAmount ?? d?.window.amount ?? fallback;
}

/** PayUp's orderNumber echo against the reference we sent: orderRef is set only when they differ (then the payment
 *  logic refuses it, as it never equals our order number). */
function orderCheck(echo: string | undefined, reference: string | undefined): { orderRef?: string; note: string } {
  if (echo === undefined) return { note: "주문번호 응답 없음" };
  if (reference === undefined) return { note: `주문번호 ${echo} (대조할 요청 기록 없음)` };
  if (echo === reference) return { note: "주문번호 일치" };
  return { orderRef: echo, note: `주문번호 불일치(PayUp ${echo}, 요청 ${reference})` };
}

/** Approved from PayUp's 0000 answer. `reportedTotal` overrides the amount (amount_mismatch: PayUp's own amount). */
function approvedOf(
  r: PayUpPayData,
  ctx: { data?: PayUpProviderData; expectedTotal: number; authorization?: PayUpAuthorization; now: Date },
): Approved {
  const signed = signedAmountOf(ctx.data, ctx.expectedTotal);
  const amountBasis =
    r.amount !== undefined
      ? `PayUp 승인 금액 ${won(r.amount)}`
      : `PayUp 응답에 금액 없음: 서명한 주문 요청 금액 ${won(signed)} 기준`;
  const order = orderCheck(r.orderNumber, ctx.data?.reference);
  const notes = [amountBasis, order.note, ...(r.transactionId ? [] : ["거래번호 응답 없음"])];
  return {
    providerTxId: r.transactionId ?? null,
    basis: notes.join(" · "),
    ...(order.orderRef !== undefined && { orderRef: order.orderRef }),
    amounts: { total: r.amount ?? signed },
    method: methodOf(r.method, ctx.authorization),
    approvedAt: r.approvedAt ?? ctx.now,
    providerApprovalId: r.card?.authNumber ?? r.transactionId ?? "",
    card: r.card
      ? {
          issuer: r.card.cardName,
          number: r.card.cardNo,
          installMonth: r.card.installmentMonths,
          approvalNo: r.card.authNumber,
        }
      : undefined,
  };
}

export function readProviderData(data: unknown): PayUpProviderData | undefined {
  if (!data || typeof data !== "object" || !("window" in data)) return undefined;
  return data as PayUpProviderData;
}

/** The form the shop's page renders to open KCP's window (mobile: auto-submit to pay_url; PC: order_info and
 *  KCP's script). Undefined when PayUp's order answer lacks what the mobile window needs. */
export function kcpWindowStep(
  window: PayUpOrderData,
  opts: { returnUrl: string; scriptUrl: string },
): NextStep | undefined {
  const kcp: KcpForm | undefined =
    window.device === "mobile" ? mobileWindowForm(window) : pcWindowForm(window, { action: opts.returnUrl });
  if (!kcp) return undefined;
  const form = {
    name: kcp.name,
    acceptCharset: kcp.acceptCharset,
    ...(kcp.action && { action: kcp.action }),
    fields: kcp.fields,
  };
  return window.device === "mobile"
    ? { kind: "form", form: { ...form, open: { kind: "auto" } } }
    : {
        kind: "form",
        form: {
          ...form,
          open: { kind: "script", src: opts.scriptUrl, setup: KCP_PC_SETUP_SCRIPT, run: KCP_PC_RUN_SCRIPT },
        },
      };
}

/** PayUp keeps a KCP window order usable for a limited time; ours is stricter. */
export const KCP_WINDOW_TTL_MS = 30 * 60 * 1000;

/** KCP's Ret_URL step (/pay/payup/return): the mobile window posts there, and the PC page posts the filled form. */
const RETURN_STEP = "return";

/**
 * Reads KCP's POST-back: an EUC-KR form body, no cookies (cross-site POST). The attempt is named by
 * ordr_idxx (guessable: the Ret_URL's attempt token is what proves it), every field passes the input layer.
 */
export function parsePayUpReturn(req: ReturnRequest): ParsedReturn {
  if (req.step !== RETURN_STEP || !req.body) return { ok: false, problem: "unreadable" };
  let fields: Record<string, string>;
  try {
    fields = parseEucKrForm(req.body);
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  if (checkEntries(Object.entries(fields), { multiline: new Set(["res_msg"]) }))
    return { ok: false, problem: "bad_characters" };
  const ret = parseKcpReturn(fields);
  const ordrIdxx = (
    ret.ok ? (ret.outcome === "authenticated" ? ret.authorization.ordrIdxx : ret.ordrIdxx) : fields.ordr_idxx
  )?.slice(0, 64);
  if (!ordrIdxx) return { ok: false, problem: "unreadable" };
  const base = { ok: true as const, attempt: { providerOrderRef: ordrIdxx }, attemptToken: req.query.get("t") };
  if (!ret.ok) return { ...base, event: { kind: "malformed", issues: ret.issues } };
  if (ret.outcome === "authenticated") {
    // good_mny as the window posted it: the payment logic refuses an amount that is not the order's.
    return {
      ...base,
      event: {
        kind: "approved",
        authorization: { authorization: ret.authorization },
        ...(ret.authorization.amount !== undefined && { postedAmount: ret.authorization.amount }),
      },
    };
  }
  const message = ret.resMsg ? `[${ret.resCd}] ${ret.resMsg}` : undefined;
  return ret.outcome === "cancelled"
    ? { ...base, event: { kind: "cancelled", ...(message && { message }) } }
    : { ...base, event: { kind: "failed", code: `KCP_${ret.resCd}`, ...(message && { message }) } };
}

/** What a customer reads for PayUp's own codes (seed 002 §4.1) and KCP window codes (KCP_…). */
function describeFailure(code: string): { customerMessage: string | null; displayCode: string | null } {
  const m = /^(?:KCP_)?(-?[0-9A-Za-z]{1,10})$/.exec(code);
  const displayCode = m ? m[1]! : null;
  if (/^\d{4}$/.test(code)) {
    const d = describePayUpCode(code);
    return { customerMessage: d.audience === "customer" ? d.message : null, displayCode };
  }
  if (code.startsWith("KCP_"))
    return {
      customerMessage: "결제창에서 카카오페이 인증이 끝나지 않아 결제되지 않았습니다. 아래에서 다시 결제해 주세요.",
      displayCode,
    };
  return { customerMessage: null, displayCode };
}

export type PayUpProviderOptions = {
  now?: () => Date;
  /** KCP's PC script (KCP_SCRIPT_URL by default). */ scriptUrl?: string;
};

export function createPayUpGateway(client: PayUpClient, opts: PayUpProviderOptions = {}): PaymentProvider {
  const now = opts.now ?? (() => new Date());
  const scriptUrl = opts.scriptUrl || KCP_SCRIPT_URL;
  const timed = async <T>(
    op: string,
    fn: () => Promise<T>,
  ): Promise<[T, (code: string, detail?: Record<string, unknown>) => ProviderCallLog]> => {
    const started = Date.now();
    const r = await fn();
    return [r, (resultCode, detail) => ({ op: `payup.${op}`, resultCode, durationMs: Date.now() - started, detail })];
  };
  const codeOf = (f: PayUpFailure) => (f.kind === "provider" ? f.code : failureOf(f).code);

  return {
    name: "PAYUP_KCP",
    slug: "payup",
    display: {
      brand: "카카오페이", // KakaoPay through KCP's window
      method: {
        id: "kakaopay_kcp",
        label: "카카오페이 (KCP 결제창)",
        description: "PayUp·KCP 결제창에서 카카오페이로 결제",
      },
      name: "카카오페이(KCP)",
      window: "KCP 결제창",
      receiptNote: "(KCP)",
    },
    partialRefund: false,
    reportsCancellations: false,
    lookupCaptures: true,
    manualTransactionId: {
      pattern: /^\d{14}[A-Z]{2}\d{4}$/,
      hint: "PayUp 거래번호는 20자입니다 (예: 20180205152504ST0009).",
      // yyyyMMddHHmmss… : the day PayUp made the transaction
      dayOf: (tid) => `${tid.slice(0, 4)}-${tid.slice(4, 6)}-${tid.slice(6, 8)}`,
    },

    async initiate(input): Promise<GatewayResult<Initiated>> {
      // PayUp refuses a second order with the same number: each attempt gets its own (≤ 20 chars).
      const reference = `${input.orderNumber}-${String(input.attempt).padStart(2, "0")}`;
      // KCP posts back to Ret_URL without cookies: the attempt's token in the URL proves it is this attempt's return.
      const returnUrl = `${input.returnTo.base}/${RETURN_STEP}?t=${input.returnTo.attemptToken}`;
      // good_name / buyr_name reach KCP's EUC-KR window: replace what EUC-KR cannot carry before PayUp stores them.
      const itemName = eucKrSafeText(input.itemName, "주문 상품").slice(0, 100);
      const buyerName = eucKrSafeText(input.buyer.name, "구매자").slice(0, 50);
      const [r, log] = await timed("order", () =>
        client.order({
          orderNumber: reference,
          amount: input.amounts.total,
          itemName,
          buyerName,
          buyerEmail: input.buyer.email,
          returnUrl,
          device: input.device === "MOBILE" ? "mobile" : "pc",
          userAgentHeader: input.userAgent,
        }),
      );
      if (!r.ok) return { ok: false, failure: failureOf(r), log: log(codeOf(r)) };
      const next = kcpWindowStep(r.data, { returnUrl, scriptUrl });
      if (!next) {
        const failure: GatewayFailure = {
          kind: "config",
          code: "NO_WINDOW",
          message: "PayUp 주문 응답에 결제창 정보(pay_url / approval_key)가 없음",
        };
        return { ok: false, failure, log: log("NO_WINDOW", { ordr_idxx: r.data.ordrIdxx }) };
      }
      const providerData: PayUpProviderData = { window: r.data, reference, signedAmount: input.amounts.total };
      const value: Initiated = {
        providerOrderRef: r.data.ordrIdxx,
        providerData,
        expiresAt: new Date(now().getTime() + KCP_WINDOW_TTL_MS),
        next,
      };
      return { ok: true, value, log: log("0000", { ordr_idxx: r.data.ordrIdxx }) };
    },

    parseReturn: parsePayUpReturn,
    describeFailure,
    // failureOf's codes for a call PayUp never answered (its own codes are answers, even 1006)
    noAnswer: (code) => /^(TIMEOUT|NETWORK|HTTP_5\d\d|INVALID_RESPONSE|UNREADABLE)/.test(code),

    async approve(input) {
      const data = readProviderData(input.providerData);
      if (!data?.authorization) throw new Error("PayUp approval needs the KCP window's authorization");
      const authorization = data.authorization;
      const [r, log] = await timed("pay", () => client.pay(authorization, { expectedAmount: input.expectedTotal }));
      const ctx = { data, expectedTotal: input.expectedTotal, authorization, now: now() };
      if (r.ok)
        return {
          ok: true,
          value: approvedOf(r.data, ctx),
          log: log("0000", { transactionId: r.data.transactionId ?? null, type: r.data.method ?? null }),
        };
      if (r.kind === "amount_mismatch") {
        // PayUp approved another amount: report it as approved (with PayUp's amount) so the payment logic refunds it at once.
        return {
          ok: true,
          value: approvedOf(r.data, ctx),
          log: log("AMOUNT_MISMATCH", { transactionId: r.data.transactionId ?? null, amount: r.actual ?? null }),
        };
      }
      return { ok: false, failure: failureOf(r), log: log(codeOf(r)) };
    },

    async cancel(input) {
      if (input.amount !== input.remainingBefore) {
        return {
          ok: false,
          failure: {
            kind: "declined",
            code: "PARTIAL_NOT_SUPPORTED",
            message: "PayUp은 부분 취소를 지원하지 않습니다.",
            customerMessage: "부분 취소를 지원하지 않는 결제입니다.",
          },
          log: { op: "payup.cancel", resultCode: "PARTIAL_NOT_SUPPORTED", durationMs: 0 },
        };
      }
      if (!input.providerTxId) {
        return {
          ok: false,
          failure: {
            kind: "config",
            code: "NO_TRANSACTION_ID",
            message: "PayUp 거래번호가 없어 취소를 요청할 수 없습니다: PayUp 관리자 화면의 거래번호를 먼저 입력하세요.",
          },
          log: { op: "payup.cancel", resultCode: "NO_TRANSACTION_ID", durationMs: 0 },
        };
      }
      const resend = input.mode === "reconcile";
      const [r, log] = await timed("cancel", () =>
        client.cancel({ transactionId: input.providerTxId, reason: input.reason }),
      );
      // 1005 "not cancellable" to a re-sent cancel: the cancel we did not hear back from already went through.
      if (!r.ok && !(r.kind === "provider" && r.code === "1005" && resend)) {
        return { ok: false, failure: failureOf(r), log: log(codeOf(r)) };
      }
      return {
        ok: true,
        value: {
          cancelledTotal: input.amount,
          cancelledTaxFree: input.taxFree,
          cancelledVat: input.vat,
          remaining: 0,
          cancelledAt: (r.ok && r.data.cancelledAt) || now(),
        },
        log: log(r.ok ? "0000" : "1005"),
      };
    },

    async lookup(input): Promise<GatewayResult<ProviderState>> {
      const d = readProviderData(input.providerData);
      if (!d?.authorization)
        return {
          ok: true,
          value: { state: "pending" },
          log: { op: "payup.lookup", resultCode: "NO_AUTHORIZATION", durationMs: 0 },
        };
      const authorization = d.authorization;
      const [r, log] = await timed("pay", () => client.pay(authorization, { expectedAmount: input.expectedTotal }));
      const cancelled = { total: 0, taxFree: 0, vat: 0 };
      const ctx = { data: d, expectedTotal: input.expectedTotal, authorization, now: now() };
      if (r.ok)
        return {
          ok: true,
          value: { state: "approved", approved: approvedOf(r.data, ctx), cancelled },
          log: log("0000", { transactionId: r.data.transactionId ?? null }),
        };
      if (r.kind === "amount_mismatch")
        return {
          ok: true,
          value: { state: "approved", approved: approvedOf(r.data, ctx), cancelled },
          log: log("AMOUNT_MISMATCH"),
        };
      if (r.kind !== "provider") return { ok: false, failure: failureOf(r), log: log(codeOf(r)) };
      const reading = readResendAnswer(r.code);
      switch (reading) {
        case "approved": {
          // 8002 "결제가 진행된 주문입니다": charged at the amount we signed; the transaction id only if PayUp gave one.
          const signed = signedAmountOf(d, input.expectedTotal);
          const tid = r.transactionId ?? input.providerTxId ?? null;
          const approved: Approved = {
            providerTxId: tid,
            basis: `재전송한 승인 요청에 8002(결제가 진행된 주문): 서명한 주문 요청 금액 ${won(signed)} 기준${tid ? "" : " · 거래번호 미확인"}`,
            amounts: { total: signed },
            method: methodOf(undefined, authorization),
            approvedAt: now(),
            providerApprovalId: tid ?? "",
          };
          return {
            ok: true,
            value: { state: "approved", approved, cancelled },
            log: log(r.code, { transactionId: tid }),
          };
        }
        case "uncertain":
          return {
            ok: true,
            value: {
              state: "uncertain",
              providerStatus: r.code,
              message: `${r.message}${r.responseMsg ? ` (${r.responseMsg})` : ""}`,
            },
            log: log(r.code),
          };
        case "pending":
          return { ok: true, value: { state: "pending", providerStatus: r.code }, log: log(r.code) };
        case "failed":
          return { ok: true, value: { state: "failed", providerStatus: r.code }, log: log(r.code) };
        case "config":
          return { ok: false, failure: failureOf(r), log: log(r.code) };
      }
    },
  };
}

/** toEucKrSafe, then tidy the gaps it leaves; an empty result falls back (PayUp requires the field). */
function eucKrSafeText(text: string, fallback: string): string {
  const safe = toEucKrSafe(text)
    .replace(/\s{2,}/g, " ")
    .trim();
  return safe || fallback;
}
