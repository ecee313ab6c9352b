// PayUp/KCP as a PaymentGateway: the order/payment logic sees only the port's shapes.
// PayUp has no lookup API and only full cancels; reconciliation re-sends the stored authorization
// (PayUp answers 8002 "already paid" with its transaction when the first pay went through).
import type { Approved, GatewayFailure, GatewayResult, PaymentGateway, ProviderCallLog, ProviderState } from "../../payments/gateway";
import type { PayUpClient, PayUpFailure, PayUpOrderData, PayUpPayData } from "./client";
import { mobileWindowForm, pcWindowForm, type KcpForm } from "./forms";
import type { PayUpAuthorization } from "./schemas";

/** What we keep on the payment (no secrets): the window's order data and, later, the window's authorization. */
export type PayUpProviderData = { window: PayUpOrderData; authorization?: PayUpAuthorization };

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

function approvedOf(d: PayUpPayData, fallbackTotal: number, now: Date): Approved {
  return {
    providerTxId: d.transactionId,
    amounts: { total: d.amount ?? fallbackTotal },
    method: d.method,
    approvedAt: d.approvedAt ?? now,
    providerApprovalId: d.card?.authNumber ?? d.transactionId,
    card: d.card ? { issuer: d.card.cardName, number: d.card.cardNo, installMonth: d.card.installmentMonths, approvalNo: d.card.authNumber } : undefined,
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
      const [r, log] = await timed("order", () =>
        client.order({
          orderNumber: input.reference,
          amount: input.amount,
          itemName: input.itemName.slice(0, 100),
          buyerName: input.buyerName.slice(0, 50),
          buyerEmail: input.buyerEmail,
          returnUrl: input.returnUrl,
          device: input.device === "MOBILE" ? "mobile" : "pc",
          userAgentHeader: input.userAgent,
        }),
      );
      if (!r.ok) return { ok: false, failure: failureOf(r), log: log(codeOf(r)) };
      return { ok: true, value: { ordrIdxx: r.data.ordrIdxx, providerData: { window: r.data } }, log: log("0000", { ordr_idxx: r.data.ordrIdxx }) };
    },

    async approve(input) {
      if (input.token.kind !== "kcp") throw new Error("PayUp approval needs the KCP window's authorization");
      const authorization = input.token.authorization as PayUpAuthorization;
      const [r, log] = await timed("pay", () => client.pay(authorization, { expectedAmount: input.expectedTotal }));
      if (r.ok) return { ok: true, value: approvedOf(r.data, input.expectedTotal, now()), log: log("0000", { transactionId: r.data.transactionId, type: r.data.method }) };
      if (r.kind === "amount_mismatch") {
        // PayUp approved another amount: report it as approved so the payment logic refunds it at once.
        return { ok: true, value: approvedOf(r.data, r.actual ?? -1, now()), log: log("AMOUNT_MISMATCH", { transactionId: r.data.transactionId }) };
      }
      return { ok: false, failure: failureOf(r), log: log(codeOf(r)) };
    },

    async cancel(input) {
      if (input.amount !== input.remainingBefore) {
        return {
          ok: false,
          failure: { kind: "declined", code: "PARTIAL_NOT_SUPPORTED", message: "PayUp은 부분 취소를 지원하지 않습니다.", customerMessage: "부분 취소를 지원하지 않는 결제입니다." },
          log: { op: "payup.cancel", resultCode: "PARTIAL_NOT_SUPPORTED", durationMs: 0 },
        };
      }
      const [r, log] = await timed("cancel", () => client.cancel({ transactionId: input.providerTxId, reason: input.reason }));
      // 1005 "not cancellable": a cancel we did not hear back from already went through.
      if (!r.ok && !(r.kind === "provider" && r.code === "1005" && input.reason.startsWith("reconcile:"))) {
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
      const [r, log] = await timed("pay", () => client.pay(d.authorization!, { expectedAmount: input.expectedTotal }));
      const cancelled = { total: 0, taxFree: 0, vat: 0 };
      if (r.ok) return { ok: true, value: { state: "approved", approved: approvedOf(r.data, input.expectedTotal, now()), cancelled }, log: log("0000") };
      if (r.kind === "amount_mismatch") return { ok: true, value: { state: "approved", approved: approvedOf(r.data, r.actual ?? -1, now()), cancelled }, log: log("AMOUNT_MISMATCH") };
      if (r.kind === "provider" && r.code === "8002") {
        const approved: Approved = { providerTxId: r.transactionId ?? input.providerTxId ?? "", amounts: { total: input.expectedTotal }, method: "KAKAOPAY", approvedAt: now(), providerApprovalId: r.transactionId ?? "" };
        return { ok: true, value: { state: "approved", approved, cancelled }, log: log("8002") };
      }
      if (r.kind === "provider") return { ok: true, value: { state: "failed" }, log: log(r.code) };
      return { ok: false, failure: failureOf(r), log: log(codeOf(r)) };
    },
  };
}
