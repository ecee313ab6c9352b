// PayUp/KCP as a PaymentGateway: the order/payment logic sees only the port's shapes.
// PayUp has no lookup API and only full cancels; reconciliation re-sends the stored authorization
// (PayUp answers 8002 "already paid" with its transaction when the first pay went through).
import type { Approved, CancelInput, GatewayFailure, GatewayResult, PaymentGateway, ProviderCallLog, ProviderState } from "../../payments/gateway";
import type { PayUpClient, PayUpFailure, PayUpOrderData, PayUpPayData } from "./client";
import { readResendAnswer } from "./codes";
import { toEucKrSafe } from "./euckr";
import { mobileWindowForm, pcWindowForm, type KcpForm } from "./forms";
import type { PayUpAuthorization } from "./schemas";

/** What we keep on the payment (no secrets): the window's order data, what we signed in the order request
 *  (reference = the orderNumber we sent, signedAmount = the amount we signed) and, later, the window's authorization. */
export type PayUpProviderData = { window: PayUpOrderData; reference?: string; signedAmount?: number; authorization?: PayUpAuthorization };

const CONFIG_CODES = new Set(["1001"]);

function failureOf(f: PayUpFailure): GatewayFailure {
  if (f.kind === "provider") {
    if (CONFIG_CODES.has(f.code)) return { kind: "config", code: f.code, message: `${f.message} (${f.responseMsg})` };
    if (f.decision === "reconcile") return { kind: "unknown", code: f.code, message: f.message };
    return { kind: "declined", code: f.code, message: `${f.message}${f.responseMsg ? ` (${f.responseMsg})` : ""}`, customerMessage: f.message };
  }
  const code = f.kind === "http" ? `HTTP_${f.status}` : f.kind.toUpperCase();
  const message = f.kind === "network" ? f.error : f.kind === "timeout" ? `no response within ${f.timeoutMs}ms` : f.kind === "http" ? `PayUp answered HTTP ${f.status}` : "unreadable PayUp response";
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
function approvedOf(r: PayUpPayData, ctx: { data?: PayUpProviderData; expectedTotal: number; authorization?: PayUpAuthorization; now: Date }): Approved {
  const signed = signedAmountOf(ctx.data, ctx.expectedTotal);
  const amountBasis = r.amount !== undefined ? `PayUp 승인 금액 ${won(r.amount)}` : `PayUp 응답에 금액 없음: 서명한 주문 요청 금액 ${won(signed)} 기준`;
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
    card: r.card ? { issuer: r.card.cardName, number: r.card.cardNo, installMonth: r.card.installmentMonths, approvalNo: r.card.authNumber } : undefined,
  };
}

export function readProviderData(data: unknown): PayUpProviderData | undefined {
  if (!data || typeof data !== "object" || !("window" in data)) return undefined;
  return data as PayUpProviderData;
}

/** The form the checkout page renders to open KCP's window (mobile: auto-submit to pay_url; PC: order_info). */
export function kcpWindowForm(providerData: unknown, opts: { pcAction: string }): KcpForm | undefined {
  const d = readProviderData(providerData);
  if (!d) return undefined;
  return d.window.device === "mobile" ? mobileWindowForm(d.window) : pcWindowForm(d.window, { action: opts.pcAction });
}

export type PayUpGateway = PaymentGateway & {
  openWindow(input: {
    reference: string;
    amount: number;
    itemName: string;
    buyerName: string;
    buyerEmail?: string;
    returnUrl: string;
    device: "PC" | "MOBILE";
    userAgent?: string;
  }): Promise<GatewayResult<{ ordrIdxx: string; providerData: PayUpProviderData }>>;
};

/** CancelInput plus `resend`: the cancel repeats one whose answer was lost, so 1005 "취소 가능 상태가 아닙니다" means the
 *  first one went through. Until the port carries it, a reason starting with "reconcile:" means the same. */
export type PayUpCancelInput = CancelInput & { resend?: boolean };

export function createPayUpGateway(client: PayUpClient, opts: { now?: () => Date } = {}): PayUpGateway {
  const now = opts.now ?? (() => new Date());
  const timed = async <T>(op: string, fn: () => Promise<T>): Promise<[T, (code: string, detail?: Record<string, unknown>) => ProviderCallLog]> => {
    const started = Date.now();
    const r = await fn();
    return [r, (resultCode, detail) => ({ op: `payup.${op}`, resultCode, durationMs: Date.now() - started, detail })];
  };
  const codeOf = (f: PayUpFailure) => (f.kind === "provider" ? f.code : failureOf(f).code);

  return {
    provider: "PAYUP_KCP",
    partialRefund: false,
    reportsCancellations: false,

    async openWindow(input) {
      // good_name / buyr_name reach KCP's EUC-KR window: replace what EUC-KR cannot carry before PayUp stores them.
      const itemName = eucKrSafeText(input.itemName, "주문 상품").slice(0, 100);
      const buyerName = eucKrSafeText(input.buyerName, "구매자").slice(0, 50);
      const [r, log] = await timed("order", () =>
        client.order({
          orderNumber: input.reference,
          amount: input.amount,
          itemName,
          buyerName,
          buyerEmail: input.buyerEmail,
          returnUrl: input.returnUrl,
          device: input.device === "MOBILE" ? "mobile" : "pc",
          userAgentHeader: input.userAgent,
        }),
      );
      if (!r.ok) return { ok: false, failure: failureOf(r), log: log(codeOf(r)) };
      const providerData: PayUpProviderData = { window: r.data, reference: input.reference, signedAmount: input.amount };
      return { ok: true, value: { ordrIdxx: r.data.ordrIdxx, providerData }, log: log("0000", { ordr_idxx: r.data.ordrIdxx }) };
    },

    async approve(input) {
      if (input.token.kind !== "kcp") throw new Error("PayUp approval needs the KCP window's authorization");
      const authorization = input.token.authorization as PayUpAuthorization;
      const data = readProviderData(input.providerData);
      const [r, log] = await timed("pay", () => client.pay(authorization, { expectedAmount: input.expectedTotal }));
      const ctx = { data, expectedTotal: input.expectedTotal, authorization, now: now() };
      if (r.ok) return { ok: true, value: approvedOf(r.data, ctx), log: log("0000", { transactionId: r.data.transactionId ?? null, type: r.data.method ?? null }) };
      if (r.kind === "amount_mismatch") {
        // PayUp approved another amount: report it as approved (with PayUp's amount) so the payment logic refunds it at once.
        return { ok: true, value: approvedOf(r.data, ctx), log: log("AMOUNT_MISMATCH", { transactionId: r.data.transactionId ?? null, amount: r.actual ?? null }) };
      }
      return { ok: false, failure: failureOf(r), log: log(codeOf(r)) };
    },

    async cancel(input: PayUpCancelInput) {
      if (input.amount !== input.remainingBefore) {
        return {
          ok: false,
          failure: { kind: "declined", code: "PARTIAL_NOT_SUPPORTED", message: "PayUp은 부분 취소를 지원하지 않습니다.", customerMessage: "부분 취소를 지원하지 않는 결제입니다." },
          log: { op: "payup.cancel", resultCode: "PARTIAL_NOT_SUPPORTED", durationMs: 0 },
        };
      }
      if (!input.providerTxId) {
        return {
          ok: false,
          failure: { kind: "config", code: "NO_TRANSACTION_ID", message: "PayUp 거래번호가 없어 취소를 요청할 수 없습니다: PayUp 관리자 화면의 거래번호를 먼저 입력하세요." },
          log: { op: "payup.cancel", resultCode: "NO_TRANSACTION_ID", durationMs: 0 },
        };
      }
      const resend = input.resend === true || input.reason.startsWith("reconcile:");
      const [r, log] = await timed("cancel", () => client.cancel({ transactionId: input.providerTxId, reason: input.reason.replace(/^reconcile:\s*/, "") || input.reason }));
      // 1005 "not cancellable" to a re-sent cancel: the cancel we did not hear back from already went through.
      if (!r.ok && !(r.kind === "provider" && r.code === "1005" && resend)) {
        return { ok: false, failure: failureOf(r), log: log(codeOf(r)) };
      }
      return {
        ok: true,
        value: { cancelledTotal: input.amount, cancelledTaxFree: input.taxFree, cancelledVat: input.vat, remaining: 0, cancelledAt: (r.ok && r.data.cancelledAt) || now() },
        log: log(r.ok ? "0000" : "1005"),
      };
    },

    async lookup(input): Promise<GatewayResult<ProviderState>> {
      const d = readProviderData(input.providerData);
      if (!d?.authorization) return { ok: true, value: { state: "pending" }, log: { op: "payup.lookup", resultCode: "NO_AUTHORIZATION", durationMs: 0 } };
      const authorization = d.authorization;
      const [r, log] = await timed("pay", () => client.pay(authorization, { expectedAmount: input.expectedTotal }));
      const cancelled = { total: 0, taxFree: 0, vat: 0 };
      const ctx = { data: d, expectedTotal: input.expectedTotal, authorization, now: now() };
      if (r.ok) return { ok: true, value: { state: "approved", approved: approvedOf(r.data, ctx), cancelled }, log: log("0000", { transactionId: r.data.transactionId ?? null }) };
      if (r.kind === "amount_mismatch") return { ok: true, value: { state: "approved", approved: approvedOf(r.data, ctx), cancelled }, log: log("AMOUNT_MISMATCH") };
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
          return { ok: true, value: { state: "approved", approved, cancelled }, log: log(r.code, { transactionId: tid }) };
        }
        case "uncertain":
          return { ok: true, value: { state: "uncertain", providerStatus: r.code, message: `${r.message}${r.responseMsg ? ` (${r.responseMsg})` : ""}` }, log: log(r.code) };
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
  const safe = toEucKrSafe(text).replace(/\s{2,}/g, " ").trim();
  return safe || fallback;
}
