// PayUp — KakaoPay via KCP (seed 002 + provider-protocols.md §6), see README.md.
//   merchant server : POST /ep/api/kakao/{merchantId}/{order|pay|cancel}   (JSON, all values strings)
//   browser (WM)    : POST /kcp/mobile/mobileGW.kcp (= pay_url, EUC-KR form) → POST .../act → auto-POST to Ret_URL
//   browser (WP)    : GET  /kcp/payplus_web.jsp (KCP_Pay_Execute, GetField) → layer iframe /kcp/pc/layer → m_Completepayment
//   test controls   : /__sandbox/payup/..., faults via /__sandbox/faults (provider "payup", op order|pay|cancel)
import type { Context, Hono } from "hono";
import type { ProviderModule, SandboxContext } from "../../context.ts";
import { sleep } from "../../faults.ts";
import { readConfig, type PayUpSandboxConfig } from "./config.ts";
import {
  errorPage,
  mobileWindowPage,
  pcErrorPage,
  pcLayerPage,
  pcResultPage,
  payplusJs,
  postBackPage,
  type WindowOrder,
} from "./pages.ts";
import {
  AUTH_FAIL,
  CODES,
  TRAN_CD,
  USER_CANCEL,
  USE_PAY_METHOD,
  cancelSignature,
  cardByCode,
  decodeEucKrForm,
  digits,
  eucKrHtml,
  isCode,
  kstStamp,
  newApprovalKey,
  newPayUpNumber,
  orderSignature,
  parseKstStamp,
  payupError,
  safeEqual,
  seal,
  unseal,
  type Card,
  type EncData,
  type EncInfo,
  type PayMethod,
  type PayUpBody,
} from "./wire.ts";

export type OrderStatus = "ORDERED" | "AUTHENTICATED" | "PAID" | "CANCELLED";

export type Order = {
  merchantId: string;
  orderNumber: string;
  ordrIdxx: string;
  amount: number;
  itemName: string;
  userName: string;
  userEmail?: string;
  returnUrl: string;
  device: "WM" | "WP";
  appUrl?: string;
  cashbillYn: "Y" | "N";
  mobileNumber?: string;
  approvalKey?: string;
  createdAt: Date;
  expiresAt: Date;
  status: OrderStatus;
  authNonce?: string;
  method?: PayMethod;
  card?: Card;
  quota?: number;
  paramOpts: Record<string, string>;
  transactionId?: string;
  authAt?: Date;
  authNumber?: string;
  cardNo?: string;
  settled?: boolean;
  /** Test control: how this order's pay answers are shaped (see POST /__sandbox/payup/orders/{ordr_idxx}/answer). */
  answer?: { omit?: string[]; details8002?: boolean };
  cancelledAt?: Date;
  cancelReason?: string;
  history: { event: string; at: string }[];
};

class Store {
  readonly orders = new Map<string, Order>(); // by ordr_idxx
  readonly tx = new Map<string, string>(); // transactionId → ordr_idxx
  constructor(private ctx: SandboxContext) {}
  note(o: Order, event: string) {
    o.history.push({ event, at: kstStamp(this.ctx.now()) });
  }
  byTx(id: string) {
    const i = this.tx.get(id);
    return i ? this.orders.get(i) : undefined;
  }
  siblings(o: { merchantId: string; orderNumber: string }) {
    return [...this.orders.values()].filter((x) => x.merchantId === o.merchantId && x.orderNumber === o.orderNumber);
  }
  isSettled(o: Order, cfg: PayUpSandboxConfig) {
    return (
      o.settled || (o.authAt != null && this.ctx.now().getTime() - o.authAt.getTime() >= cfg.settleAfterSec * 1000)
    );
  }
  clear() {
    this.orders.clear();
    this.tx.clear();
  }
}

// ---------------------------------------------------------------------------------------------
// Request validation: every value must be a JSON string (seed 3.0 "요청 전문구성은 모두 String형").
type FieldSpec = { name: string; required: boolean; max?: number; pattern?: RegExp };
type Checked = { ok: true; v: Record<string, string | undefined> } | { ok: false; body: PayUpBody };

function check(body: Record<string, unknown>, specs: FieldSpec[]): Checked {
  const v: Record<string, string | undefined> = {};
  for (const s of specs) {
    const raw = body[s.name];
    if (raw === undefined || raw === null || raw === "") {
      if (s.required) return { ok: false, body: payupError("6001", { param: s.name }) };
      continue;
    }
    if (typeof raw !== "string") return { ok: false, body: payupError("6002", { param: s.name }) };
    if ((s.max && [...raw].length > s.max) || (s.pattern && !s.pattern.test(raw)))
      return { ok: false, body: payupError("6002", { param: s.name }) };
    v[s.name] = raw;
  }
  return { ok: true, v };
}

const URL_RE = /^https?:\/\/[^\s]+$/i;
const ORDER_FIELDS: FieldSpec[] = [
  { name: "orderNumber", required: true, max: 20 },
  { name: "amount", required: true, max: 12, pattern: /^\d+$/ },
  { name: "itemName", required: true, max: 100 },
  { name: "userName", required: true, max: 50 },
  { name: "returnUrl", required: true, max: 200, pattern: URL_RE },
  { name: "signature", required: true, pattern: /^[0-9a-fA-F]{64}$/ },
  { name: "timestamp", required: true, pattern: /^\d{14}$/ },
  { name: "userAgent", required: false, pattern: /^(WM|WP)$/ },
  { name: "appUrl", required: false, max: 128 },
  { name: "userEmail", required: false, max: 50, pattern: /^[^\s@]+@[^\s@]+$/ },
  { name: "cashbillYn", required: false, pattern: /^[YN]$/ },
  { name: "mobileNumber", required: false, pattern: /^01\d{8,9}$/ },
];
const PAY_FIELDS: FieldSpec[] = [
  { name: "res_cd", required: true, max: 4 },
  { name: "enc_info", required: true, max: 4000 },
  { name: "enc_data", required: true, max: 8000 },
  { name: "card_pay_method", required: true, pattern: /^KAKAO_(MONEY|CARD)$/ },
  { name: "ordr_idxx", required: true, max: 40 },
  { name: "tran_cd", required: false, max: 8 }, // the seed leaves 필수여부 empty (added in v1.1.1)
  // Anything else (e.g. good_mny, which the seed's pay request does not list) is ignored, not checked.
];
const CANCEL_FIELDS: FieldSpec[] = [
  { name: "transactionId", required: true, max: 20 },
  { name: "signature", required: true, pattern: /^[0-9a-fA-F]{64}$/ },
  // marked required by the seed, yet its own example omits it: accepted when absent
  { name: "cancelReason", required: false, max: 256 },
];

const MOBILE_UA = /iPhone|iPad|Linux; ?Android|Linux Android|Android/i;

// ---------------------------------------------------------------------------------------------
// Operations.
function kstDay(d: Date) {
  return kstStamp(d).slice(0, 8);
}

function limitError(
  st: Store,
  cfg: PayUpSandboxConfig,
  merchantId: string,
  amount: number,
  now: Date,
): PayUpBody | undefined {
  const paid = [...st.orders.values()].filter((o) => o.merchantId === merchantId && o.status === "PAID" && o.authAt);
  const day = kstDay(now);
  const sum = (xs: Order[]) => xs.reduce((a, o) => a + o.amount, 0);
  if (sum(paid.filter((o) => kstDay(o.authAt!) === day)) + amount > cfg.dailyLimit) return payupError("5003");
  if (sum(paid.filter((o) => kstDay(o.authAt!).slice(0, 6) === day.slice(0, 6))) + amount > cfg.monthlyLimit)
    return payupError("5004");
  if (sum(paid.filter((o) => !st.isSettled(o, cfg))) + amount > cfg.guaranteeLimit) return payupError("5005");
  return undefined;
}

/** 8002 "결제가 진행된 주문입니다": the seed lists only responseCode / responseMsg for error answers. The details
 *  below are sent only when opted in (SANDBOX_PAYUP_8002_DETAILS=1, or per order via
 *  POST /__sandbox/payup/orders/{ordr_idxx}/answer {"details8002": true}), for tests of tolerance. */
function paidDetails(o: Order, cfg: PayUpSandboxConfig): Record<string, unknown> | undefined {
  if (!(cfg.details8002 || o.answer?.details8002)) return undefined;
  return {
    transactionId: o.transactionId,
    orderNumber: o.orderNumber,
    amount: String(o.amount),
    authDateTime: o.authAt && kstStamp(o.authAt),
  };
}

function doOrder(
  st: Store,
  ctx: SandboxContext,
  cfg: PayUpSandboxConfig,
  merchantId: string,
  body: Record<string, unknown>,
  ua: string,
): PayUpBody {
  const c = check(body, ORDER_FIELDS);
  if (!c.ok) return c.body;
  const v = c.v as Record<string, string>;
  const key = cfg.merchants.get(merchantId)!;
  const expected = orderSignature(merchantId, v.orderNumber!, v.amount!, key, v.timestamp!);
  if (!safeEqual(expected, v.signature!)) {
    ctx.log("payup order signature mismatch", { merchantId, orderNumber: v.orderNumber });
    return payupError("2001");
  }
  const now = ctx.now();
  if (cfg.timestampSkewSec > 0) {
    const t = parseKstStamp(v.timestamp!);
    if (!t || Math.abs(now.getTime() - t.getTime()) > cfg.timestampSkewSec * 1000)
      return payupError("6002", { param: "timestamp" });
  }
  const device = (v.userAgent ?? "WM") as "WM" | "WP";
  if (device === "WM" && !MOBILE_UA.test(ua)) return payupError("6002", { param: "User-Agent" });
  const amount = Number(v.amount);
  if (amount <= 0) return payupError("6002", { param: "amount" });
  if (amount < cfg.minAmount) return payupError("5001");
  if (amount > cfg.maxAmount) return payupError("5002");
  const done = st
    .siblings({ merchantId, orderNumber: v.orderNumber! })
    .find((o) => o.status === "PAID" || o.status === "CANCELLED");
  if (done) return payupError("8002", { extra: paidDetails(done, cfg) });
  const limit = limitError(st, cfg, merchantId, amount, now);
  if (limit) return limit;

  let ordrIdxx = newPayUpNumber(now);
  while (st.orders.has(ordrIdxx) || st.tx.has(ordrIdxx)) ordrIdxx = newPayUpNumber(now);
  const o: Order = {
    merchantId,
    orderNumber: v.orderNumber!,
    ordrIdxx,
    amount,
    itemName: v.itemName!,
    userName: v.userName!,
    userEmail: v.userEmail,
    returnUrl: v.returnUrl!,
    device,
    appUrl: v.appUrl,
    cashbillYn: (v.cashbillYn ?? "Y") as "Y" | "N",
    mobileNumber: v.mobileNumber,
    approvalKey: device === "WM" ? newApprovalKey() : undefined,
    createdAt: now,
    expiresAt: new Date(now.getTime() + cfg.orderTtlSec * 1000),
    status: "ORDERED",
    paramOpts: {},
    history: [],
  };
  st.orders.set(ordrIdxx, o);
  st.note(o, `order ${device}`);
  return {
    responseCode: "0000",
    responseMsg: CODES["0000"],
    good_mny: String(amount),
    site_cd: cfg.siteCd,
    Ret_URL: o.returnUrl,
    affiliaterCode: "0005",
    buyr_name: o.userName,
    ordr_idxx: ordrIdxx,
    good_name: o.itemName,
    // KCP mobile trade registration: only WM orders get a window key/URL (reference §6.3)
    ...(device === "WM" && { approval_key: o.approvalKey, pay_url: `${ctx.publicUrl}/kcp/mobile/mobileGW.kcp` }),
  };
}

function doPay(
  st: Store,
  ctx: SandboxContext,
  cfg: PayUpSandboxConfig,
  merchantId: string,
  body: Record<string, unknown>,
): PayUpBody {
  const c = check(body, PAY_FIELDS);
  if (!c.ok) return c.body;
  const v = c.v as Record<string, string>;
  if (v.res_cd !== "0000") return payupError("9002");
  const o = st.orders.get(v.ordr_idxx!);
  if (!o || o.merchantId !== merchantId) return payupError("8001");
  if (o.status === "PAID" || o.status === "CANCELLED") return payupError("8002", { extra: paidDetails(o, cfg) });
  const sibling = st.siblings(o).find((x) => x.status === "PAID" || x.status === "CANCELLED");
  if (sibling) return payupError("8002", { extra: paidDetails(sibling, cfg) });
  const now = ctx.now();
  if (now.getTime() > o.expiresAt.getTime()) return payupError("8001");
  const info = unseal<EncInfo>(cfg.encSecret, "info", v.enc_info!);
  const data = unseal<EncData>(cfg.encSecret, "data", v.enc_data!);
  const why = !info
    ? "enc_info forged"
    : !data
      ? "enc_data forged"
      : info.o !== o.ordrIdxx || data.o !== o.ordrIdxx
        ? "enc_* belong to another order"
        : info.n !== data.n
          ? "enc_info and enc_data come from different authentications"
          : data.n !== o.authNonce
            ? "stale or unknown authentication"
            : data.m !== o.amount
              ? "authenticated amount differs from the order"
              : undefined;
  if (why) {
    ctx.log("payup pay integrity failure", { ordr_idxx: o.ordrIdxx, why });
    return payupError("2001");
  }
  if (v.tran_cd !== undefined && v.tran_cd !== info!.t) return payupError("6002", { param: "tran_cd" });
  if (v.card_pay_method !== data!.pm) return payupError("6002", { param: "card_pay_method" });
  const limit = limitError(st, cfg, merchantId, o.amount, now);
  if (limit) return limit;

  let transactionId = newPayUpNumber(now);
  while (st.orders.has(transactionId) || st.tx.has(transactionId)) transactionId = newPayUpNumber(now);
  o.transactionId = transactionId;
  o.authAt = now;
  o.status = "PAID";
  st.tx.set(transactionId, o.ordrIdxx);
  st.note(o, `paid ${data!.pm} ${transactionId}`);
  const common = {
    responseCode: "0000",
    responseMsg: "정상처리", // the real test server's text for pay (order answers "성공")
    transactionId,
    orderNumber: o.orderNumber,
    type: data!.pm,
    authDateTime: kstStamp(now),
    amount: String(o.amount),
  };
  let answer: PayUpBody;
  if (data!.pm === "KAKAO_MONEY") answer = { ...common, cashReceipt: String(o.amount) };
  else {
    o.authNumber = digits(8);
    o.cardNo = `${o.card!.bin}******${digits(4)}`;
    answer = {
      ...common,
      authNumber: o.authNumber,
      cardName: o.card!.name,
      cardNo: o.cardNo,
      quota: String(o.quota ?? 0),
    };
  }
  // Tolerance tests: leave out fields the seed marks optional (or, deliberately, required ones).
  for (const k of o.answer?.omit ?? []) if (k !== "responseCode" && k !== "responseMsg") delete answer[k];
  return answer;
}

function doCancel(
  st: Store,
  ctx: SandboxContext,
  cfg: PayUpSandboxConfig,
  merchantId: string,
  body: Record<string, unknown>,
): PayUpBody {
  const c = check(body, CANCEL_FIELDS);
  if (!c.ok) return c.body;
  const v = c.v as Record<string, string>;
  const key = cfg.merchants.get(merchantId)!;
  if (!safeEqual(cancelSignature(merchantId, v.transactionId!, key), v.signature!)) return payupError("2001");
  const o = st.byTx(v.transactionId!);
  if (!o || o.merchantId !== merchantId) {
    const unpaid = st.orders.get(v.transactionId!);
    // an order that was never approved is known but not cancellable
    return unpaid && unpaid.merchantId === merchantId && !unpaid.transactionId
      ? payupError("1005")
      : payupError("1004");
  }
  if (o.status !== "PAID") return payupError("1005");
  if (st.isSettled(o, cfg)) {
    const balance = [...st.orders.values()]
      .filter((x) => x.merchantId === merchantId && x.status === "PAID" && x !== o && !st.isSettled(x, cfg))
      .reduce((a, x) => a + x.amount, 0);
    if (balance < o.amount) return payupError("1003");
  }
  const now = ctx.now();
  o.status = "CANCELLED";
  o.cancelledAt = now;
  o.cancelReason = v.cancelReason;
  st.note(o, "cancelled");
  return {
    responseCode: "0000",
    responseMsg: CODES["0000"],
    cancelDateTime: kstStamp(now),
    transactionId: o.transactionId,
  };
}

// ---------------------------------------------------------------------------------------------
// The KCP window's authentication: what KCP hands back to the merchant's browser.
type Choice = { action: "pay" | "cancel" | "fail"; method?: string; card?: string; quota?: string };

function authenticate(
  st: Store,
  cfg: PayUpSandboxConfig,
  ctx: SandboxContext,
  o: Order,
  ch: Choice,
): Record<string, string> {
  const base = {
    req_tx: "pay",
    ordr_idxx: o.ordrIdxx,
    good_name: o.itemName,
    good_mny: String(o.amount),
    buyr_name: o.userName,
  };
  if (ch.action !== "pay") {
    o.authNonce = undefined;
    if (o.status === "AUTHENTICATED") o.status = "ORDERED";
    st.note(o, ch.action === "cancel" ? "window: user cancel" : "window: auth failed");
    return ch.action === "cancel"
      ? {
          ...base,
          res_cd: USER_CANCEL,
          res_msg: "사용자가 결제를 취소하였습니다.",
          enc_info: "",
          enc_data: "",
          tran_cd: "",
        }
      : {
          ...base,
          res_cd: AUTH_FAIL,
          res_msg: "[샌드박스] 카카오페이 인증에 실패하였습니다.",
          enc_info: "",
          enc_data: "",
          tran_cd: "",
        };
  }
  const pm: PayMethod = ch.method === "KAKAO_CARD" ? "KAKAO_CARD" : "KAKAO_MONEY";
  const card = pm === "KAKAO_CARD" ? (cardByCode(ch.card) ?? cardByCode("KAKAOBANK")!) : undefined;
  const quota = pm === "KAKAO_CARD" ? Math.max(0, Math.min(36, Number.parseInt(ch.quota ?? "0", 10) || 0)) : 0;
  const n = newApprovalKey();
  const at = kstStamp(ctx.now());
  o.authNonce = n;
  o.method = pm;
  o.card = card;
  o.quota = quota;
  o.status = "AUTHENTICATED";
  st.note(o, `window: authenticated ${pm}`);
  const data: EncData = { v: 1, o: o.ordrIdxx, m: o.amount, n, pm, ...(card && { card: card.code, q: quota }), at };
  const info: EncInfo = { v: 1, o: o.ordrIdxx, n, t: TRAN_CD };
  return {
    ...base,
    res_cd: "0000",
    res_msg: "정상처리",
    enc_info: seal(cfg.encSecret, "info", info),
    enc_data: seal(cfg.encSecret, "data", data),
    tran_cd: TRAN_CD,
    use_pay_method: USE_PAY_METHOD,
    card_pay_method: pm,
  };
}

type Guard =
  { ok: true; o: Order } | { ok: false; status: 404 | 409 | 410 | 400; title: string; message: string; o?: Order };

function windowGuard(
  st: Store,
  ctx: SandboxContext,
  cfg: PayUpSandboxConfig,
  f: Record<string, string | undefined>,
  device: "WM" | "WP",
): Guard {
  const idxx = f.ordr_idxx;
  if (!idxx)
    return {
      ok: false,
      status: 400,
      title: "주문번호 누락",
      message: f.ordr_idx
        ? "ordr_idxx 값이 없습니다 (ordr_idx 가 아니라 ordr_idxx 입니다)."
        : "ordr_idxx 값이 없습니다.",
    };
  const o = st.orders.get(idxx);
  if (!o)
    return {
      ok: false,
      status: 404,
      title: "주문정보가 없습니다",
      message: "유효하지 않은 결제 요청입니다. 가맹점에서 결제를 다시 시도해 주세요.",
    };
  if (o.status === "PAID" || o.status === "CANCELLED")
    return {
      ok: false,
      status: 409,
      o,
      title: "이미 처리된 결제입니다",
      message: "이 주문은 이미 결제가 진행되었습니다.",
    };
  if (ctx.now().getTime() > o.expiresAt.getTime())
    return {
      ok: false,
      status: 410,
      o,
      title: "결제 유효시간이 지났습니다",
      message: "가맹점에서 결제를 다시 시도해 주세요.",
    };
  if (o.device !== device)
    return {
      ok: false,
      status: 400,
      o,
      title: "결제창 유형 오류",
      message:
        device === "WM"
          ? "PC(WP) 주문은 모바일 결제창으로 결제할 수 없습니다."
          : "모바일(WM) 주문은 PC 결제창으로 결제할 수 없습니다.",
    };
  if (f.site_cd !== cfg.siteCd)
    return { ok: false, status: 400, o, title: "사이트코드 오류", message: "site_cd 값이 올바르지 않습니다." };
  if (f.good_mny !== String(o.amount))
    return { ok: false, status: 400, o, title: "결제금액 오류", message: "good_mny 값이 주문 금액과 다릅니다." };
  if (device === "WM" && f.approval_key !== o.approvalKey)
    return { ok: false, status: 400, o, title: "거래 인증 오류", message: "approval_key 값이 올바르지 않습니다." };
  return { ok: true, o };
}

const windowOrder = (o: Order, siteCd: string): WindowOrder => ({
  ordrIdxx: o.ordrIdxx,
  goodName: o.itemName,
  goodMny: o.amount,
  buyrName: o.userName,
  siteCd,
});

function sendEucKr(c: Context, htmlText: string, status = 200) {
  return c.body(new Uint8Array(eucKrHtml(htmlText)), status as 200, {
    "Content-Type": "text/html; charset=EUC-KR",
    "Cache-Control": "no-store",
  });
}

async function eucKrBody(c: Context): Promise<Record<string, string>> {
  const buf = new Uint8Array(await c.req.arrayBuffer().catch(() => new ArrayBuffer(0)));
  return decodeEucKrForm(buf);
}

// ---------------------------------------------------------------------------------------------
// HTTP.
type Op = "order" | "pay" | "cancel";

function mountApi(app: Hono, ctx: SandboxContext, st: Store) {
  async function run(c: Context, op: Op, merchantId: string): Promise<PayUpBody> {
    const cfg = readConfig();
    if (!cfg.merchants.has(merchantId)) return payupError("1001");
    const text = await c.req.text().catch(() => "");
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return payupError("6003");
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) return payupError("6003");
    const b = body as Record<string, unknown>;
    if (op === "order") return doOrder(st, ctx, cfg, merchantId, b, c.req.header("user-agent") ?? "");
    if (op === "pay") return doPay(st, ctx, cfg, merchantId, b);
    return doCancel(st, ctx, cfg, merchantId, b);
  }

  app.post("/ep/api/kakao/:merchantId/:op{order|pay|cancel}", async (c) => {
    const op = c.req.param("op") as Op;
    const merchantId = c.req.param("merchantId");
    const fault = ctx.faults.take("payup", op, await c.req.text().catch(() => ""));
    if (fault) ctx.log("payup fault", { op, mode: fault.mode, code: fault.code });
    if (fault?.mode === "hang") {
      await sleep(fault.delayMs);
      return c.text("Gateway Timeout", 504);
    }
    if (fault?.mode === "http500")
      return c.html("<html><body><h1>HTTP Status 500 – Internal Server Error</h1></body></html>", 500);
    // delay: nothing happens during the wait, then the operation runs (even if the caller gave up).
    if (fault?.mode === "delay") await sleep(fault.delayMs);
    if (fault?.mode === "error") {
      const code = fault.code ?? "9001";
      return c.json(
        payupError(code, {
          message:
            fault.message ?? (isCode(code) ? CODES[code].replace("{파라미터명}", "orderNumber") : "결제/인증 오류"),
        }),
      );
    }
    let result: PayUpBody;
    try {
      result = await run(c, op, merchantId);
    } catch (err) {
      ctx.log("payup internal error", { op, error: String(err) });
      result = payupError("9001");
    }
    ctx.log(`payup ${op}`, { merchantId, responseCode: result.responseCode });
    if (fault?.mode === "timeout") await sleep(fault.delayMs);
    return c.json(result);
  });
}

function mountWindows(app: Hono, ctx: SandboxContext, st: Store) {
  // ---- mobile (WM): the merchant page's auto-submitted EUC-KR form lands here ----
  app.get("/kcp/mobile/mobileGW.kcp", (c) =>
    sendEucKr(c, errorPage("잘못된 접근입니다", "가맹점 결제 페이지에서 결제를 시작해 주세요."), 400),
  );
  app.post("/kcp/mobile/mobileGW.kcp", async (c) => {
    const cfg = readConfig();
    const f = await eucKrBody(c);
    const g = windowGuard(st, ctx, cfg, f, "WM");
    if (!g.ok) return sendEucKr(c, errorPage(g.title, g.message), g.status);
    const o = g.o;
    o.paramOpts = Object.fromEntries(["param_opt_1", "param_opt_2", "param_opt_3"].map((k) => [k, f[k] ?? ""]));
    const retUrl = f.Ret_URL || o.returnUrl;
    if (!/^https?:\/\//i.test(retUrl))
      return sendEucKr(c, errorPage("Ret_URL 오류", "Ret_URL 값이 올바르지 않습니다."), 400);
    st.note(o, "window: mobile opened");
    // The window shows the names as KCP received them in the EUC-KR form (numeric references stay literal).
    const shown = {
      ...windowOrder(o, cfg.siteCd),
      goodName: f.good_name ?? o.itemName,
      buyrName: f.buyr_name ?? o.userName,
    };
    return sendEucKr(
      c,
      mobileWindowPage(shown, { ordr_idxx: o.ordrIdxx, approval_key: o.approvalKey!, Ret_URL: retUrl }),
    );
  });
  app.post("/kcp/mobile/mobileGW.kcp/act", async (c) => {
    const cfg = readConfig();
    const f = await eucKrBody(c);
    const o = f.ordr_idxx ? st.orders.get(f.ordr_idxx) : undefined;
    if (!o || f.approval_key !== o.approvalKey)
      return sendEucKr(c, errorPage("주문정보가 없습니다", "유효하지 않은 결제 요청입니다."), 404);
    const g = windowGuard(st, ctx, cfg, { ...f, site_cd: cfg.siteCd, good_mny: String(o.amount) }, "WM");
    if (!g.ok) return sendEucKr(c, errorPage(g.title, g.message), g.status);
    const action = f.action === "cancel" || f.action === "fail" ? f.action : "pay";
    const fields = {
      ...authenticate(st, cfg, ctx, o, { action, method: f.method, card: f.card, quota: f.quota }),
      ...o.paramOpts,
    };
    return sendEucKr(c, postBackPage(f.Ret_URL || o.returnUrl, fields));
  });

  // ---- PC (WP): payplus_web.jsp and its layer ----
  app.get("/kcp/payplus_web.jsp", (c) =>
    c.body(payplusJs(ctx.publicUrl), 200, {
      "Content-Type": "application/javascript; charset=utf-8",
      "Cache-Control": "no-store",
    }),
  );
  app.get("/kcp/pc/layer", (c) => {
    const cfg = readConfig();
    const q = c.req.query();
    const origin = q.origin ?? "";
    const g = windowGuard(st, ctx, cfg, q, "WP");
    const originOk = /^https?:\/\/[^/]+$/i.test(origin);
    if (!g.ok || !originOk) {
      const title = g.ok ? "결제창 오류" : g.title;
      const msg = g.ok ? "origin 값이 올바르지 않습니다." : g.message;
      const fields = { res_cd: AUTH_FAIL, res_msg: msg, ordr_idxx: q.ordr_idxx ?? "" };
      return sendEucKr(c, pcErrorPage(title, msg, fields, originOk ? origin : undefined), g.ok ? 400 : g.status);
    }
    st.note(g.o, "window: pc layer opened");
    return sendEucKr(
      c,
      pcLayerPage(windowOrder(g.o, cfg.siteCd), {
        ordr_idxx: g.o.ordrIdxx,
        site_cd: cfg.siteCd,
        good_mny: String(g.o.amount),
        origin,
      }),
    );
  });
  app.post("/kcp/pc/layer", async (c) => {
    const cfg = readConfig();
    const f = await eucKrBody(c);
    const origin = /^https?:\/\/[^/]+$/i.test(f.origin ?? "") ? f.origin! : "";
    const g = windowGuard(st, ctx, cfg, f, "WP");
    if (!g.ok || !origin)
      return sendEucKr(
        c,
        errorPage(g.ok ? "결제창 오류" : g.title, g.ok ? "origin 값이 올바르지 않습니다." : g.message),
        g.ok ? 400 : g.status,
      );
    const action = f.action === "cancel" || f.action === "fail" ? f.action : "pay";
    const fields = authenticate(st, cfg, ctx, g.o, { action, method: f.method, card: f.card, quota: f.quota });
    if (action === "pay") fields.ret_pay_method = "CARD";
    return sendEucKr(c, pcResultPage(fields, origin));
  });
}

function view(o: Order) {
  return {
    merchantId: o.merchantId,
    orderNumber: o.orderNumber,
    ordr_idxx: o.ordrIdxx,
    amount: o.amount,
    device: o.device,
    status: o.status,
    itemName: o.itemName,
    userName: o.userName,
    returnUrl: o.returnUrl,
    approval_key: o.approvalKey,
    transactionId: o.transactionId,
    method: o.method,
    card: o.card?.name,
    quota: o.quota,
    authDateTime: o.authAt && kstStamp(o.authAt),
    cancelDateTime: o.cancelledAt && kstStamp(o.cancelledAt),
    cancelReason: o.cancelReason,
    settled: o.settled ?? false,
    createdAt: kstStamp(o.createdAt),
    expiresAt: kstStamp(o.expiresAt),
    history: o.history,
  };
}

function mountControls(app: Hono, ctx: SandboxContext, st: Store) {
  app.get("/__sandbox/payup/orders", (c) => {
    const { ordr_idxx, orderNumber, transactionId } = c.req.query();
    const list = [...st.orders.values()].filter(
      (o) =>
        (!ordr_idxx || o.ordrIdxx === ordr_idxx) &&
        (!orderNumber || o.orderNumber === orderNumber) &&
        (!transactionId || o.transactionId === transactionId),
    );
    return c.json({ orders: list.map(view) });
  });
  app.delete("/__sandbox/payup/orders", (c) => {
    st.clear();
    return c.json({ ok: true });
  });
  // Plays the customer in the KCP window without a browser: returns the fields KCP would post back.
  app.post("/__sandbox/payup/orders/:ordr_idxx/authenticate", async (c) => {
    const cfg = readConfig();
    const body = ((await c.req.json().catch(() => ({}))) ?? {}) as Partial<Record<string, string>>;
    const o = st.orders.get(c.req.param("ordr_idxx"));
    if (!o) return c.json({ error: "no such ordr_idxx" }, 404);
    const g = windowGuard(
      st,
      ctx,
      cfg,
      { ordr_idxx: o.ordrIdxx, site_cd: cfg.siteCd, good_mny: String(o.amount), approval_key: o.approvalKey },
      o.device,
    );
    if (!g.ok) return c.json({ error: g.message, title: g.title }, g.status);
    const action = body.action === "cancel" || body.action === "fail" ? body.action : "pay";
    const fields = authenticate(st, cfg, ctx, o, { action, method: body.method, card: body.card, quota: body.quota });
    if (o.device === "WP" && action === "pay") fields.ret_pay_method = "CARD";
    return c.json({ fields });
  });
  // Shapes this order's pay answers: {"omit": ["transactionId", "orderNumber", "type", "amount", …]} leaves fields out of
  // the 0000 answer; {"details8002": true} adds transactionId / orderNumber / amount / authDateTime to its 8002 answers.
  app.post("/__sandbox/payup/orders/:ordr_idxx/answer", async (c) => {
    const o = st.orders.get(c.req.param("ordr_idxx"));
    if (!o) return c.json({ error: "no such ordr_idxx" }, 404);
    const body = ((await c.req.json().catch(() => ({}))) ?? {}) as { omit?: unknown; details8002?: unknown };
    const omit = Array.isArray(body.omit) ? body.omit.filter((x): x is string => typeof x === "string") : [];
    o.answer = { omit, details8002: body.details8002 === true };
    return c.json({ ok: true, answer: o.answer });
  });
  app.post("/__sandbox/payup/transactions/:id/settle", (c) => {
    const o = st.byTx(c.req.param("id"));
    if (!o) return c.json({ error: "no such transactionId" }, 404);
    o.settled = true;
    st.note(o, "settled");
    return c.json({ ok: true, order: view(o) });
  });
}

const provider: ProviderModule = {
  name: "payup",
  title: "PayUp 카카오페이 (KCP) — /ep/api/kakao, /kcp",
  mount(app, ctx) {
    const st = new Store(ctx);
    mountApi(app, ctx, st);
    mountWindows(app, ctx, st);
    mountControls(app, ctx, st);
  },
};
export default provider;
