// KakaoPay online single-payment client: ready → (browser) → approve → order; cancel.
// Implements the PaymentProvider port (lib/payments/port.ts); wire names stay in this folder.
import type {
  Amounts,
  Approved,
  Cancelled,
  Initiated,
  ParsedReturn,
  PaymentProvider,
  ProviderCallLog,
  ProviderState,
} from "../../payments/port";
import type { ProviderFailure as GatewayFailure, ProviderResult as GatewayResult } from "../../payments/port";
import { postJson } from "../http";
import {
  approveResponseSchema,
  cancelResponseSchema,
  errorSchema,
  orderResponseSchema,
  readyRequestSchema,
  readyResponseSchema,
  type WireAmount,
} from "./schemas";
import { describeKakaoPayError, KAKAOPAY_ERROR_CODES, readKakaoPayStatus } from "./codes";
import type { z } from "zod";

export type KakaoPayConfig = {
  baseUrl: string;
  secretKey: string;
  cid: string;
  timeoutMs: number;
  fetchImpl?: typeof fetch;
  now?: () => Date;
};

/** KakaoPay allows a ready tid to be approved for 15 minutes. */
export const READY_TTL_MS = 15 * 60 * 1000;

/** KakaoPay timestamps are KST without a zone: "2023-10-28T23:30:57". */
export function parseKst(s: string | null | undefined): Date | undefined {
  if (!s) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se] = m;
  return new Date(Date.UTC(+y!, +mo! - 1, +d!, +h! - 9, +mi!, +se!));
}

/** What a confirmed KakaoPay approval rests on (timeline). */
export const KAKAOPAY_BASIS = {
  approve: "카카오페이 승인 응답의 금액 확인",
  lookup: "카카오페이 주문 조회의 승인 금액 확인",
} as const;

function amounts(a: WireAmount | null | undefined): Amounts {
  return { total: a?.total ?? 0, taxFree: a?.tax_free ?? 0, vat: a?.vat ?? 0 };
}

/** The return URLs' steps (/pay/kakaopay/<step>): approval_url, cancel_url, fail_url. */
const RETURN_STEPS = ["approve", "cancel", "fail"] as const;
const pgTokenPattern = /^[A-Za-z0-9]{1,64}$/;

/** What the customer's return carries, kept on the payment until approve (single use, useless after). */
type KakaoPayAuthorization = { pgToken: string };

function pgTokenOf(providerData: unknown): string | undefined {
  const t = (providerData as { pgToken?: unknown } | null)?.pgToken;
  return typeof t === "string" ? t : undefined;
}

/** KakaoPay sends the customer back with GET <url>?payment=…&t=… (&pg_token=… on approval). */
export function parseKakaoPayReturn(step: string, query: URLSearchParams): ParsedReturn {
  const paymentId = query.get("payment") ?? "";
  const attemptToken = query.get("t");
  const pgToken = query.get("pg_token");
  if (
    !(RETURN_STEPS as readonly string[]).includes(step) ||
    paymentId.length < 1 ||
    paymentId.length > 40 ||
    (attemptToken?.length ?? 0) > 64
  )
    return { ok: false, problem: "unreadable" };
  const attempt = { paymentId };
  if (step === "cancel") return { ok: true, attempt, attemptToken, event: { kind: "cancelled" } };
  if (step === "fail") return { ok: true, attempt, attemptToken, event: { kind: "failed" } };
  if (!pgToken || pgToken.length > 64) return { ok: false, problem: "unreadable" };
  // A malformed token proves nothing: the attempt stays payable (KakaoPay would not approve it anyway).
  if (!pgTokenPattern.test(pgToken))
    return {
      ok: true,
      attempt,
      attemptToken,
      event: { kind: "malformed", issues: ["pg_token: not a KakaoPay token"] },
    };
  const authorization: KakaoPayAuthorization = { pgToken };
  return { ok: true, attempt, attemptToken, event: { kind: "approved", authorization } };
}

export function createKakaoPayGateway(config: KakaoPayConfig): PaymentProvider {
  const base = config.baseUrl.replace(/\/$/, "");
  const now = config.now ?? (() => new Date());

  async function call<S extends z.ZodTypeAny>(
    op: string,
    body: Record<string, unknown>,
    schema: S,
  ): Promise<GatewayResult<z.infer<S>>> {
    const started = Date.now();
    const res = await postJson(`${base}/online/v1/payment/${op}`, body, {
      headers: { Authorization: `SECRET_KEY ${config.secretKey}` },
      timeoutMs: config.timeoutMs,
      fetchImpl: config.fetchImpl,
    });
    const log = (resultCode: string, detail?: Record<string, unknown>): ProviderCallLog => ({
      op: `kakaopay.${op}`,
      resultCode,
      durationMs: Date.now() - started,
      detail,
    });
    if (!res.ok) {
      const failure: GatewayFailure = { kind: "unknown", code: res.kind.toUpperCase(), message: res.message };
      return { ok: false, failure, log: log(failure.code) };
    }
    if (res.status >= 200 && res.status < 300) {
      const parsed = schema.safeParse(res.body);
      if (!parsed.success) {
        // A 2xx we cannot read: the operation may have happened.
        const failure: GatewayFailure = {
          kind: "unknown",
          code: "BAD_RESPONSE",
          message: "unreadable KakaoPay response",
        };
        return { ok: false, failure, log: log("BAD_RESPONSE") };
      }
      return { ok: true, value: parsed.data, log: log(String(res.status)) };
    }
    const e = errorSchema.safeParse(res.body);
    if (res.status >= 500 || !e.success) {
      const failure: GatewayFailure = {
        kind: "unknown",
        code: `HTTP_${res.status}`,
        message: `KakaoPay answered HTTP ${res.status}`,
      };
      return { ok: false, failure, log: log(failure.code) };
    }
    // Classified by the code itself (codes.ts); an unrecognised code is unknown, never a refusal.
    const code = String(e.data.error_code);
    const methodCode = e.data.extras?.method_result_code;
    const methodMessage = e.data.extras?.method_result_message;
    const info = describeKakaoPayError(code);
    const message = [
      info.staffMessage,
      e.data.error_message ? `[${e.data.error_message}]` : "",
      methodCode ? `(${methodCode}${methodMessage ? `: ${methodMessage}` : ""})` : "",
    ]
      .filter(Boolean)
      .join(" ");
    const kind = !info.known && res.status === 401 ? "config" : info.kind;
    const failure: GatewayFailure =
      kind === "declined"
        ? {
            kind,
            code,
            message,
            customerMessage: methodMessage || info.customerMessage || "결제사에서 요청을 거절했습니다.",
          }
        : { kind, code, message };
    return { ok: false, failure, log: log(code, methodCode ? { method_result_code: methodCode } : undefined) };
  }

  function cardOf(c: NonNullable<z.infer<typeof approveResponseSchema>["card_info"]>): NonNullable<Approved["card"]> {
    const text = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
    const install = c.install_month === undefined || c.install_month === "" ? undefined : Number(c.install_month);
    const card: NonNullable<Approved["card"]> = {
      issuer: text(c.kakaopay_issuer_corp) ?? text(c.issuer_corp),
      purchaser: text(c.kakaopay_purchase_corp) ?? text(c.purchase_corp),
      type: text(c.card_type),
      bin: text(c.bin),
      installMonth: install !== undefined && Number.isInteger(install) && install >= 0 ? install : undefined,
      approvalNo: text(c.approved_id),
    };
    return Object.fromEntries(Object.entries(card).filter(([, v]) => v !== undefined)) as NonNullable<Approved["card"]>;
  }

  function selectedCard(c: Record<string, unknown>): NonNullable<Approved["card"]> {
    const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
    const months =
      typeof c.install_month === "number"
        ? c.install_month
        : typeof c.install_month === "string" && c.install_month !== ""
          ? Number(c.install_month)
          : undefined;
    const card: NonNullable<Approved["card"]> = {
      issuer: str(c.card_corp_name),
      bin: str(c.card_bin),
      installMonth: months !== undefined && Number.isInteger(months) && months >= 0 ? months : undefined,
    };
    return Object.fromEntries(Object.entries(card).filter(([, v]) => v !== undefined)) as NonNullable<Approved["card"]>;
  }

  function toApproved(a: z.infer<typeof approveResponseSchema>): Approved {
    return {
      providerTxId: a.tid,
      basis: KAKAOPAY_BASIS.approve,
      orderRef: a.partner_order_id,
      amounts: amounts(a.amount),
      method: a.payment_method_type,
      approvedAt: parseKst(a.approved_at) ?? now(),
      providerApprovalId: a.aid,
      // Only what KakaoPay gave: a field it left out stays out (the receipt shows no row for it).
      card: a.card_info ? cardOf(a.card_info) : undefined,
    };
  }

  return {
    name: "KAKAOPAY",
    slug: "kakaopay",
    display: {
      brand: "카카오페이",
      method: { id: "kakaopay", label: "카카오페이", description: "카카오페이 머니 또는 카드로 결제" },
      name: "카카오페이",
      window: "카카오페이",
    },
    partialRefund: true,
    reportsCancellations: true,
    lookupCaptures: false,
    manualTransactionId: null,

    async initiate(input) {
      const back = (step: (typeof RETURN_STEPS)[number]) =>
        `${input.returnTo.base}/${step}?payment=${encodeURIComponent(input.returnTo.paymentId)}&t=${input.returnTo.attemptToken}`;
      const body = readyRequestSchema.parse({
        cid: config.cid,
        partner_order_id: input.orderNumber,
        partner_user_id: input.customerRef,
        item_name: input.itemName.slice(0, 100),
        quantity: input.quantity,
        total_amount: input.amounts.total,
        tax_free_amount: input.amounts.taxFree,
        vat_amount: input.amounts.vat,
        approval_url: back("approve"),
        cancel_url: back("cancel"),
        fail_url: back("fail"),
      });
      const started = now();
      const r = await call("ready", body, readyResponseSchema);
      if (!r.ok) return r;
      const url = input.device === "MOBILE" ? r.value.next_redirect_mobile_url : r.value.next_redirect_pc_url;
      const value: Initiated = {
        providerTxId: r.value.tid,
        next: { kind: "redirect", url },
        expiresAt: new Date(started.getTime() + READY_TTL_MS),
      };
      return { ok: true, value, log: { ...r.log, detail: { tid: r.value.tid } } };
    },

    parseReturn(req) {
      return parseKakaoPayReturn(req.step, req.query);
    },

    async approve(input) {
      const pgToken = pgTokenOf(input.providerData);
      if (!pgToken || !input.providerTxId) throw new Error("KakaoPay approval needs a tid and a pg_token");
      const r = await call(
        "approve",
        {
          cid: config.cid,
          tid: input.providerTxId,
          partner_order_id: input.orderNumber,
          partner_user_id: input.customerRef,
          pg_token: pgToken,
          total_amount: input.expectedTotal,
        },
        approveResponseSchema,
      );
      if (!r.ok) return r;
      return {
        ok: true,
        value: toApproved(r.value),
        log: { ...r.log, detail: { aid: r.value.aid, method: r.value.payment_method_type } },
      };
    },

    async cancel(input) {
      const r = await call(
        "cancel",
        {
          cid: config.cid,
          tid: input.providerTxId,
          cancel_amount: input.amount,
          cancel_tax_free_amount: input.taxFree,
          cancel_vat_amount: input.vat,
          cancel_available_amount: input.remainingBefore,
        },
        cancelResponseSchema,
      );
      if (!r.ok) return r;
      const v = r.value;
      const value: Cancelled = {
        cancelledTotal: v.approved_cancel_amount.total,
        cancelledTaxFree: v.approved_cancel_amount.tax_free,
        cancelledVat: v.approved_cancel_amount.vat,
        remaining: v.cancel_available_amount.total,
        cancelledAt: parseKst(v.canceled_at) ?? now(),
      };
      return { ok: true, value, log: { ...r.log, detail: { status: v.status, remaining: value.remaining } } };
    },

    async lookup(input) {
      if (!input.providerTxId)
        return {
          ok: true,
          value: { state: "pending" },
          log: { op: "kakaopay.order", resultCode: "NO_TID", durationMs: 0 },
        };
      const r = await call("order", { cid: config.cid, tid: input.providerTxId }, orderResponseSchema);
      if (!r.ok) return r;
      const o = r.value;
      let value: ProviderState;
      const reading = readKakaoPayStatus(o.status);
      if (reading === "charged") {
        const payment = o.payment_action_details?.find((d) => d.payment_action_type === "PAYMENT");
        const approved: Approved = {
          providerTxId: o.tid,
          basis: KAKAOPAY_BASIS.lookup,
          orderRef: o.partner_order_id,
          amounts: amounts(o.amount),
          method: o.payment_method_type ?? "CARD",
          approvedAt: parseKst(o.approved_at) ?? now(),
          providerApprovalId: payment?.aid ?? "",
          // A payment settled by lookup (its approve answer was lost) still gets what the lookup tells of
          // the card: selected_card_info's card company, BIN and installments (no approval number there).
          ...(o.payment_method_type === "CARD" && o.selected_card_info && { card: selectedCard(o.selected_card_info) }),
        };
        const state =
          o.status === "SUCCESS_PAYMENT"
            ? "approved"
            : o.status === "CANCEL_PAYMENT"
              ? "cancelled"
              : "partially_cancelled";
        value = { state, approved, cancelled: amounts(o.canceled_amount) };
      } else {
        // aborted / failed are definite; READY, the in-progress statuses, FAIL_AUTH_PASSWORD (the user may retry)
        // and any status we do not know are pending.
        value = { state: reading, providerStatus: o.status };
      }
      return { ok: true, value, log: { ...r.log, resultCode: o.status } };
    },

    noAnswer: (code) => /^(TIMEOUT|NETWORK|HTTP_5\d\d|BAD_RESPONSE)/.test(code),

    describeFailure(code) {
      return {
        customerMessage: KAKAOPAY_ERROR_CODES[code]?.customerMessage ?? null,
        displayCode: /^-?[0-9A-Za-z]{1,10}$/.test(code) ? code : null,
      };
    },
  };
}
