// KakaoPay online single payment sandbox (open-api.kakaopay.com), see README.md.
//   merchant server : POST /online/v1/payment/{ready|approve|order|cancel}  (Authorization: SECRET_KEY <key>)
//   customer        : GET  /kakaopay/pay/{tid}?device=pc|mobile|app  → POST .../approve|cancel|fail (303 to the merchant)
//   test controls   : GET|DELETE /__sandbox/kakaopay/payments, faults via /__sandbox/faults (provider "kakaopay")
import type { Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { ProviderModule, SandboxContext } from "../../context.ts";
import { sleep } from "../../faults.ts";
import { readConfig } from "./config.ts";
import { errorPage, payPage, type PayPageError } from "./pages.ts";
import {
  ZERO,
  addAmount,
  amount,
  approveSchema,
  cancelSchema,
  cardByCode,
  defaultVat,
  describeIssues,
  kakaoError,
  kstDateTime,
  newAid,
  newPgToken,
  newTid,
  orderSchema,
  readySchema,
  subAmount,
  type Amount,
  type CardCode,
  type CardCompany,
  type KakaoError,
  type PaymentMethod,
} from "./wire.ts";

export const TID_TTL_MS = 15 * 60_000;

export type Status =
  | "READY"
  | "OPEN_PAYMENT"
  | "AUTH_PASSWORD"
  | "SUCCESS_PAYMENT"
  | "QUIT_PAYMENT"
  | "FAIL_PAYMENT"
  | "PART_CANCEL_PAYMENT"
  | "CANCEL_PAYMENT";

type Action = { aid: string; type: "PAYMENT" | "CANCEL"; at: Date; amount: Amount; payload?: string };

export type Payment = {
  tid: string;
  cid: string;
  partner_order_id: string;
  partner_user_id: string;
  item_name: string;
  item_code?: string;
  quantity: number;
  amount: Amount;
  approval_url: string;
  cancel_url: string;
  fail_url: string;
  available_cards?: CardCode[];
  allowed_method?: PaymentMethod;
  install_month?: number;
  use_share_installment?: "Y" | "N";
  custom_json?: Record<string, string>;
  status: Status;
  quit_reason?: "USER_CANCEL" | "EXPIRED";
  createdAt: Date;
  expiresAt: Date;
  device?: string;
  method?: PaymentMethod;
  card?: CardCompany;
  chosenInstallMonth: number;
  pgToken?: string;
  aid?: string;
  approvedAt?: Date;
  payload?: string;
  canceled: Amount;
  canceledAt?: Date;
  actions: Action[];
  history: { status: Status; at: string }[];
  /** Test control: how many approve requests reached this tid (accepted or refused). */
  approveCalls?: number;
};

type Result = { status: number; body: unknown };
const ok = (body: unknown): Result => ({ status: 200, body });
const fail = (code: number, message?: string, extras?: Record<string, unknown>): Result =>
  kakaoError(code, message, extras);

const PRE_APPROVAL: Status[] = ["READY", "OPEN_PAYMENT", "AUTH_PASSWORD"];
const APPROVED: Status[] = ["SUCCESS_PAYMENT", "PART_CANCEL_PAYMENT", "CANCEL_PAYMENT"];

class Store {
  readonly payments = new Map<string, Payment>();
  constructor(private ctx: SandboxContext) {}

  setStatus(p: Payment, status: Status) {
    p.status = status;
    p.history.push({ status, at: kstDateTime(this.ctx.now()) });
  }

  /** Lazily expires unapproved payments 15 minutes after ready. */
  refresh(p: Payment): Payment {
    if (PRE_APPROVAL.includes(p.status) && this.ctx.now().getTime() >= p.expiresAt.getTime()) {
      p.quit_reason = "EXPIRED";
      this.setStatus(p, "QUIT_PAYMENT");
    }
    return p;
  }

  get(tid: string): Payment | undefined {
    const p = this.payments.get(tid);
    return p && this.refresh(p);
  }
}

// ---------------------------------------------------------------------------------------------
// Views.
const remaining = (p: Payment): Amount => (APPROVED.includes(p.status) ? subAmount(p.amount, p.canceled) : ZERO);

function cardInfo(p: Payment) {
  const c = p.card!;
  return {
    kakaopay_purchase_corp: c.name,
    kakaopay_purchase_corp_code: c.purchaseCode,
    kakaopay_issuer_corp: c.issuer,
    kakaopay_issuer_corp_code: c.issuerCode,
    bin: c.bin,
    card_type: c.type,
    install_month: String(p.chosenInstallMonth).padStart(2, "0"),
    approved_id: p.aid!.slice(-8).toUpperCase(),
    card_mid: "123456789",
    interest_free_install: "N",
    installment_type: p.use_share_installment === "Y" ? "SHARE_INSTALLMENT" : "CARD_INSTALLMENT",
    card_item_code: "",
  };
}

function selectedCardInfo(p: Payment) {
  if (p.method !== "CARD" || !p.card) return undefined;
  return {
    card_bin: p.card.bin,
    install_month: p.chosenInstallMonth,
    installment_type: p.use_share_installment === "Y" ? "SHARE_INSTALLMENT" : "CARD_INSTALLMENT",
    card_corp_name: p.card.name,
    interest_free_install: "N",
  };
}

const base = (p: Payment) => ({
  tid: p.tid,
  cid: p.cid,
  partner_order_id: p.partner_order_id,
  partner_user_id: p.partner_user_id,
  payment_method_type: p.method,
});

function orderView(p: Payment) {
  return {
    ...base(p),
    status: p.status,
    amount: p.amount,
    canceled_amount: p.canceled,
    cancel_available_amount: remaining(p),
    item_name: p.item_name,
    item_code: p.item_code,
    quantity: p.quantity,
    created_at: kstDateTime(p.createdAt),
    approved_at: p.approvedAt && kstDateTime(p.approvedAt),
    canceled_at: p.canceledAt && kstDateTime(p.canceledAt),
    selected_card_info: selectedCardInfo(p),
    payment_action_details: p.actions.map((a) => ({
      aid: a.aid,
      approved_at: kstDateTime(a.at),
      amount: a.amount.total,
      point_amount: a.amount.point,
      discount_amount: a.amount.discount,
      green_deposit: a.amount.green_deposit,
      payment_action_type: a.type,
      payload: a.payload ?? "",
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Operations.
type Op = "ready" | "approve" | "order" | "cancel";

function appendQuery(url: string, key: string, value: string): string {
  const hashAt = url.indexOf("#");
  const head = hashAt < 0 ? url : url.slice(0, hashAt);
  const hash = hashAt < 0 ? "" : url.slice(hashAt);
  const sep = !head.includes("?") ? "?" : head.endsWith("?") || head.endsWith("&") ? "" : "&";
  return `${head}${sep}${encodeURIComponent(key)}=${encodeURIComponent(value)}${hash}`;
}

function ready(st: Store, ctx: SandboxContext, r: z.output<typeof readySchema>): Result {
  let tid = newTid();
  while (st.payments.has(tid)) tid = newTid();
  const now = ctx.now();
  const p: Payment = {
    tid,
    cid: r.cid,
    partner_order_id: r.partner_order_id,
    partner_user_id: r.partner_user_id,
    item_name: r.item_name,
    item_code: r.item_code ?? undefined,
    quantity: r.quantity,
    amount: amount(
      r.total_amount,
      r.tax_free_amount,
      r.vat_amount ?? defaultVat(r.total_amount, r.tax_free_amount),
      r.green_deposit ?? 0,
    ),
    approval_url: r.approval_url,
    cancel_url: r.cancel_url,
    fail_url: r.fail_url,
    available_cards: r.available_cards ?? undefined,
    allowed_method: r.payment_method_type ?? undefined,
    install_month: r.install_month ?? undefined,
    use_share_installment: r.use_share_installment ?? undefined,
    custom_json: r.custom_json ?? undefined,
    status: "READY",
    createdAt: now,
    expiresAt: new Date(now.getTime() + TID_TTL_MS),
    chosenInstallMonth: r.install_month ?? 0,
    canceled: ZERO,
    actions: [],
    history: [{ status: "READY", at: kstDateTime(now) }],
  };
  st.payments.set(tid, p);
  const pay = (device: string) => `${ctx.publicUrl}/kakaopay/pay/${tid}?device=${device}`;
  const appUrl = pay("app");
  return ok({
    tid,
    tms_result: false,
    next_redirect_app_url: appUrl,
    next_redirect_mobile_url: pay("mobile"),
    next_redirect_pc_url: pay("pc"),
    android_app_scheme: `kakaotalk://kakaopay/pg?url=${encodeURIComponent(appUrl)}`,
    ios_app_scheme: `kakaotalk://kakaopay/pg?url=${encodeURIComponent(appUrl)}`,
    created_at: kstDateTime(now),
  });
}

function approve(st: Store, ctx: SandboxContext, r: z.output<typeof approveSchema>, p: Payment): Result {
  if (APPROVED.includes(p.status)) return fail(-701);
  if (p.status === "QUIT_PAYMENT" && p.quit_reason === "EXPIRED") return fail(-703);
  if (p.status === "QUIT_PAYMENT" || p.status === "FAIL_PAYMENT") return fail(-705, `${ERR705}: ${p.status}`);
  if (p.status !== "AUTH_PASSWORD") return fail(-704, `payment not authenticated by the user yet (status ${p.status})`);
  if (r.partner_order_id !== p.partner_order_id) return fail(-706);
  if (r.partner_user_id !== p.partner_user_id) return fail(-707);
  if (r.pg_token !== p.pgToken) return fail(-708);
  if (r.total_amount != null && r.total_amount !== p.amount.total)
    return fail(-709, `total_amount ${r.total_amount} does not match the ready request (${p.amount.total})`);
  const now = ctx.now();
  p.aid = newAid();
  p.approvedAt = now;
  p.payload = r.payload ?? undefined;
  p.actions.push({ aid: p.aid, type: "PAYMENT", at: now, amount: p.amount, payload: p.payload });
  st.setStatus(p, "SUCCESS_PAYMENT");
  return ok({
    aid: p.aid,
    ...base(p),
    amount: p.amount,
    card_info: p.method === "CARD" ? cardInfo(p) : undefined,
    item_name: p.item_name,
    item_code: p.item_code,
    quantity: p.quantity,
    created_at: kstDateTime(p.createdAt),
    approved_at: kstDateTime(now),
    payload: p.payload,
  });
}
const ERR705 = "payment was quit or failed by the user";

function cancel(st: Store, ctx: SandboxContext, r: z.output<typeof cancelSchema>, p: Payment): Result {
  if (p.status === "CANCEL_PAYMENT") return fail(-799, "payment already fully cancelled");
  if (!APPROVED.includes(p.status))
    return fail(-721, `payment is not approved: nothing to cancel (status ${p.status})`);
  const rem = remaining(p);
  if (r.cancel_available_amount != null && r.cancel_available_amount !== rem.total)
    return fail(
      -797,
      `cancel_available_amount ${r.cancel_available_amount} does not match the remaining cancellable amount (${rem.total})`,
    );
  if (r.cancel_amount > rem.total)
    return fail(-798, `cancel_amount ${r.cancel_amount} exceeds the cancellable amount (${rem.total})`);
  if (r.cancel_tax_free_amount > rem.tax_free)
    return fail(
      -798,
      `cancel_tax_free_amount ${r.cancel_tax_free_amount} exceeds the cancellable tax free amount (${rem.tax_free})`,
    );
  const taxable = r.cancel_amount - r.cancel_tax_free_amount;
  const taxableRem = rem.total - rem.tax_free;
  if (taxable > taxableRem)
    return fail(-798, `taxable cancel amount ${taxable} exceeds the cancellable taxable amount (${taxableRem})`);
  const full = r.cancel_amount === rem.total;
  if (!full && p.amount.green_deposit > 0)
    return fail(-799, "partial cancel is not allowed for a payment with green_deposit");
  let vat: number;
  if (full) {
    vat = rem.vat;
    if (r.cancel_vat_amount != null && r.cancel_vat_amount !== vat)
      return fail(
        -2,
        `cancel_vat_amount must be the remaining vat (${vat}) when cancelling the whole remaining amount`,
      );
  } else if (r.cancel_vat_amount != null) {
    vat = r.cancel_vat_amount;
    if (vat > rem.vat) return fail(-798, `cancel_vat_amount ${vat} exceeds the cancellable vat (${rem.vat})`);
  } else {
    vat = Math.min(defaultVat(r.cancel_amount, r.cancel_tax_free_amount), rem.vat);
  }
  const thisCancel = amount(r.cancel_amount, r.cancel_tax_free_amount, vat, full ? rem.green_deposit : 0);
  const now = ctx.now();
  const aid = newAid();
  p.canceled = addAmount(p.canceled, thisCancel);
  p.canceledAt = now;
  const payload = r.payload ?? undefined;
  p.actions.push({ aid, type: "CANCEL", at: now, amount: thisCancel, payload });
  st.setStatus(p, full ? "CANCEL_PAYMENT" : "PART_CANCEL_PAYMENT");
  return ok({
    aid,
    ...base(p),
    status: p.status,
    amount: p.amount,
    approved_cancel_amount: thisCancel,
    canceled_amount: p.canceled,
    cancel_available_amount: remaining(p),
    item_name: p.item_name,
    item_code: p.item_code,
    quantity: p.quantity,
    created_at: kstDateTime(p.createdAt),
    approved_at: p.approvedAt && kstDateTime(p.approvedAt),
    canceled_at: kstDateTime(now),
    payload,
  });
}

// ---------------------------------------------------------------------------------------------
// HTTP plumbing.
function authError(c: Context): Result | undefined {
  const header = c.req.header("authorization");
  if (!header) return fail(-401, "Authorization header is missing (expected: SECRET_KEY {SECRET_KEY})");
  const m = /^SECRET_KEY\s+(\S+)\s*$/.exec(header);
  if (!m) return fail(-401, "invalid Authorization header (expected: SECRET_KEY {SECRET_KEY})");
  if (!readConfig().secretKeys.has(m[1]!)) return fail(-401);
  return undefined;
}

async function readJson(c: Context): Promise<Record<string, unknown> | undefined> {
  const text = await c.req.text().catch(() => "");
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function send(c: Context, r: Result) {
  return c.json(r.body as KakaoError, r.status as ContentfulStatusCode);
}

function mountApi(app: Hono, ctx: SandboxContext, st: Store) {
  async function run(c: Context, op: Op): Promise<Result> {
    const auth = authError(c);
    if (auth) return auth;
    const json = await readJson(c);
    if (!json) return fail(-2, "invalid request parameter: the body must be a JSON object");
    const schema = { ready: readySchema, approve: approveSchema, order: orderSchema, cancel: cancelSchema }[op];
    const parsed = schema.safeParse(json);
    if (!parsed.success) return fail(-2, describeIssues(parsed.error));
    const r = parsed.data;
    if (!readConfig().cids.has(r.cid)) return fail(-2, `invalid request parameter: cid ${r.cid} is not registered`);
    if (op === "ready") return ready(st, ctx, r as z.output<typeof readySchema>);
    const tid = (r as { tid: string }).tid;
    const p = st.get(tid);
    if (!p || p.cid !== r.cid) return fail(-702, `tid not found: ${tid}`);
    if (op === "approve") {
      p.approveCalls = (p.approveCalls ?? 0) + 1;
      return approve(st, ctx, r as z.output<typeof approveSchema>, p);
    }
    if (op === "cancel") return cancel(st, ctx, r as z.output<typeof cancelSchema>, p);
    return ok(orderView(p));
  }

  for (const op of ["ready", "approve", "order", "cancel"] as const) {
    app.post(`/online/v1/payment/${op}`, async (c) => {
      const fault = ctx.faults.take("kakaopay", op, await c.req.text().catch(() => ""));
      if (fault) ctx.log("kakaopay fault", { op, mode: fault.mode, code: fault.code });
      if (fault?.mode === "hang") {
        await sleep(fault.delayMs);
        return send(c, {
          status: 504,
          body: { error_code: -1, error_message: "gateway timeout (sandbox fault: hang)" },
        });
      }
      if (fault?.mode === "http500")
        return send(c, { status: 500, body: { error_code: -1, error_message: "internal server error" } });
      if (fault?.mode === "error") {
        const fallback = op === "cancel" ? -781 : -780;
        const code = Number.parseInt(fault.code ?? String(fallback), 10);
        return send(c, kakaoError(Number.isFinite(code) ? code : fallback, fault.message));
      }
      // delay: nothing happens during the wait (an order lookup still shows the old status), then the
      // operation runs — whether or not the caller is still listening.
      if (fault?.mode === "delay") await sleep(fault.delayMs);
      const result = await run(c, op);
      ctx.log(`kakaopay ${op}`, { status: result.status, body: result.status === 200 ? undefined : result.body });
      if (fault?.mode === "timeout") await sleep(fault.delayMs);
      return send(c, result);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Customer-facing payment screen.
function pageGuard(
  st: Store,
  tid: string,
): { p: Payment } | { status: number; title: string; message: string; p?: Payment } {
  const p = st.get(tid);
  if (!p)
    return {
      status: 404,
      title: "결제 정보를 찾을 수 없습니다",
      message: "유효하지 않은 결제 요청입니다. 가맹점에서 결제를 다시 시도해 주세요.",
    };
  if (p.status === "QUIT_PAYMENT" && p.quit_reason === "EXPIRED")
    return {
      p,
      status: 410,
      title: "결제 유효시간이 지났습니다",
      message: "결제 요청 후 15분이 지나 결제가 취소되었습니다. 가맹점에서 결제를 다시 시도해 주세요.",
    };
  if (p.status !== "READY" && p.status !== "OPEN_PAYMENT")
    return {
      p,
      status: 409,
      title: "이미 처리된 결제입니다",
      message: "이 결제 요청은 이미 완료되었거나 취소되었습니다.",
    };
  return { p };
}

function mountPages(app: Hono, ctx: SandboxContext, st: Store) {
  const render = (c: Context, g: { status: number; title: string; message: string; p?: Payment }) =>
    c.html(
      errorPage(g.title, g.message, g.p && { tid: g.p.tid, status: g.p.status }),
      g.status as ContentfulStatusCode,
    );

  app.get("/kakaopay/pay/:tid", (c) => {
    const g = pageGuard(st, c.req.param("tid"));
    if ("status" in g) return render(c, g);
    const { p } = g;
    const device = ["pc", "mobile", "app"].includes(c.req.query("device") ?? "") ? c.req.query("device")! : "mobile";
    p.device = device;
    if (p.status === "READY") st.setStatus(p, "OPEN_PAYMENT");
    return c.html(payPage(p, { device, now: ctx.now() }));
  });

  app.post("/kakaopay/pay/:tid/:action{approve|cancel|fail}", async (c) => {
    const g = pageGuard(st, c.req.param("tid"));
    if ("status" in g) return render(c, g);
    const { p } = g;
    const action = c.req.param("action");
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const device = typeof form.device === "string" ? form.device : (p.device ?? "mobile");
    if (action === "cancel") {
      p.quit_reason = "USER_CANCEL";
      st.setStatus(p, "QUIT_PAYMENT");
      return c.redirect(p.cancel_url, 303);
    }
    if (action === "fail") {
      st.setStatus(p, "FAIL_PAYMENT");
      return c.redirect(p.fail_url, 303);
    }
    // pay
    const method = String(form.method ?? p.allowed_method ?? "");
    const errors: PayPageError[] = [];
    if (method !== "CARD" && method !== "MONEY") errors.push("결제수단을 선택해 주세요.");
    else if (p.allowed_method && method !== p.allowed_method)
      errors.push("이 가맹점에서 사용할 수 없는 결제수단입니다.");
    let card: CardCompany | undefined;
    let install = p.install_month ?? 0;
    if (method === "CARD") {
      card = cardByCode(String(form.card ?? ""));
      if (!card) errors.push("카드사를 선택해 주세요.");
      else if (p.available_cards && !p.available_cards.includes(card.code))
        errors.push("이 가맹점에서 사용할 수 없는 카드입니다.");
      if (p.install_month == null) {
        install = Number(form.install ?? 0);
        if (!Number.isInteger(install) || install < 0 || install > 12 || install === 1)
          errors.push("할부 개월을 확인해 주세요.");
      }
    }
    if (errors.length) return c.html(payPage(p, { device, now: ctx.now(), errors, form }), 400);
    p.method = method as PaymentMethod;
    p.card = card;
    p.chosenInstallMonth = method === "CARD" ? install : 0;
    p.pgToken = newPgToken();
    st.setStatus(p, "AUTH_PASSWORD");
    ctx.log("kakaopay user authenticated", { tid: p.tid, method });
    return c.redirect(appendQuery(p.approval_url, "pg_token", p.pgToken), 303);
  });
}

function mountControls(app: Hono, st: Store) {
  app.get("/__sandbox/kakaopay/payments", (c) => {
    const tid = c.req.query("tid");
    const list = [...st.payments.values()].filter((p) => !tid || p.tid === tid).map((p) => st.refresh(p));
    return c.json({
      payments: list.map((p) => ({
        ...orderView(p),
        pg_token: p.pgToken,
        aid: p.aid,
        device: p.device,
        quit_reason: p.quit_reason,
        expires_at: kstDateTime(p.expiresAt),
        approval_url: p.approval_url,
        cancel_url: p.cancel_url,
        fail_url: p.fail_url,
        allowed_method: p.allowed_method,
        available_cards: p.available_cards,
        install_month: p.install_month,
        custom_json: p.custom_json,
        history: p.history,
        approve_calls: p.approveCalls ?? 0,
      })),
    });
  });
  app.delete("/__sandbox/kakaopay/payments", (c) => {
    st.payments.clear();
    return c.json({ ok: true });
  });
}

const provider: ProviderModule = {
  name: "kakaopay",
  title: "KakaoPay 단건 결제 (online/v1/payment)",
  mount(app, ctx) {
    const st = new Store(ctx);
    mountApi(app, ctx, st);
    mountPages(app, ctx, st);
    mountControls(app, st);
  },
};
export default provider;
