// Dozn agency sandbox (KakaoPay 청구서, guide v0.1.3 in shared/seeds/003_*):
//   biller → agency : POST /external/inquiry-payment/one-time/url/{biller_code}     (create link)
//                     POST /external/inquiry-payment/one-time/url/re/{biller_code}  (re-create link)
//   customer        : GET  /dozn/bill/{token}  (KakaoPay-like bill page: birth date → notice → pay)
//   agency → biller : POST {billerBaseUrl}/kakao/notice | /kakao/prepay | /kakao/pay-result
//   test controls   : /__sandbox/dozn/...  (see README.md)
import type { Context, Hono } from "hono";
import { randomUUID } from "node:crypto";
import type { ProviderModule, SandboxContext } from "../../context.ts";
import { sleep } from "../../faults.ts";
import { billerRequestHeaders, readConfig, type ConfigOverrides, type DoznSandboxConfig } from "./config.ts";
import { billPage, birthPage, errorPage, payPage, resultPage } from "./pages.ts";
import {
  CARD_BIN,
  CARD_NAME,
  CUSTOMER_MESSAGES,
  MESSAGES,
  checkLinkRequest,
  envelope,
  isYmd,
  kstStamp,
  kstYmd,
  parseKst,
  readBill,
  won,
  type Bill,
  type LinkRequest,
} from "./wire.ts";

export type BillerEndpoint = "notice" | "prepay" | "pay-result";
const ENDPOINTS: BillerEndpoint[] = ["notice", "prepay", "pay-result"];

type BillRec = {
  id: string;
  billerCode: string;
  userKey: string;
  ym?: string;
  ordinal?: string;
  noticeKey?: string;
  parameters?: Record<string, string>;
  token: string;
  expireAt: Date;
  createdAt: Date;
  recreatedCount: number;
};

type LinkToken = { token: string; billId: string; expireAt: Date; supersededAt?: Date };

type Session = { id: string; token: string; birth: string; bill?: Bill };

type Payment = {
  payId: number;
  billId: string;
  payBy: string;
  amount: number;
  paidAmount: number;
  cancelledAmount: number;
  fee: number;
  feeTax: number;
  body: Record<string, unknown>;
  billerAccepted: boolean;
  paidAt: string;
};

export type Delivery = {
  id: number;
  at: string;
  endpoint: BillerEndpoint;
  source: string;
  url: string;
  calledBiller: boolean;
  requestBody: string;
  status?: number;
  responseText?: string;
  response?: unknown;
  /** biller's res_code, or the agency's own code when the biller could not be read (E808/E809) */
  resCode: string;
  message: string;
  durationMs: number;
  error?: string;
};

type BillerAnswer = { resCode: string; message: string; data: unknown; delivery: Delivery };

function createState(ctx: SandboxContext) {
  let overrides: ConfigOverrides = {};
  const bills = new Map<string, BillRec>();
  const tokens = new Map<string, LinkToken>();
  const sessions = new Map<string, Session>();
  const payments = new Map<number, Payment>();
  const deliveries: Delivery[] = [];
  let deliverySeq = 0;
  let payIdSeq = 2_700_000 + Math.floor(Math.random() * 900_000);
  let lastPayResult: Record<string, unknown> | undefined;

  const config = (): DoznSandboxConfig => readConfig(overrides);

  async function callBiller(endpoint: BillerEndpoint, body: string, source: string): Promise<BillerAnswer> {
    const cfg = config();
    const url = `${cfg.billerBaseUrl}/kakao/${endpoint}`;
    const started = Date.now();
    const d: Delivery = {
      id: ++deliverySeq,
      at: ctx.now().toISOString(),
      endpoint,
      source,
      url,
      calledBiller: true,
      requestBody: body,
      resCode: "",
      message: "",
      durationMs: 0,
    };
    deliveries.push(d);
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), cfg.billerTimeoutMs);
    let data: unknown = null;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: billerRequestHeaders(cfg),
        body,
        signal: ac.signal,
      });
      d.status = res.status;
      d.responseText = await res.text();
      try {
        const parsed = JSON.parse(d.responseText) as Record<string, unknown>;
        d.response = parsed;
        if (parsed && typeof parsed === "object" && typeof parsed.res_code === "string") {
          d.resCode = parsed.res_code;
          d.message = typeof parsed.message === "string" ? parsed.message : (MESSAGES[parsed.res_code] ?? "");
          data = parsed.data ?? null;
          if (typeof data === "string") {
            try {
              data = JSON.parse(data);
            } catch {
              /* keep the string */
            }
          }
        } else {
          d.resCode = "E808";
          d.message = MESSAGES.E808!;
          d.error = "response has no res_code";
        }
      } catch {
        d.resCode = "E808";
        d.message = MESSAGES.E808!;
        d.error = `response is not JSON (HTTP ${res.status})`;
      }
    } catch (err) {
      d.resCode = "E809";
      d.message = MESSAGES.E809!;
      d.error = ac.signal.aborted
        ? `biller did not answer within ${cfg.billerTimeoutMs} ms`
        : `network: ${String((err as Error)?.cause ?? err)}`;
    } finally {
      clearTimeout(timer);
      d.durationMs = Date.now() - started;
    }
    ctx.log("dozn → biller", { endpoint, source, resCode: d.resCode, status: d.status, ms: d.durationMs });
    return { resCode: d.resCode, message: d.message, data, delivery: d };
  }

  /** An answer the agency gives without calling the biller (e.g. prepay on a bill it knows is paid). */
  function agencyAnswer(
    endpoint: BillerEndpoint,
    body: string,
    source: string,
    resCode: string,
    why: string,
  ): BillerAnswer {
    const d: Delivery = {
      id: ++deliverySeq,
      at: ctx.now().toISOString(),
      endpoint,
      source,
      url: "(not sent: answered by the agency)",
      calledBiller: false,
      requestBody: body,
      resCode,
      message: MESSAGES[resCode] ?? resCode,
      durationMs: 0,
      error: why,
    };
    deliveries.push(d);
    return { resCode, message: d.message, data: null, delivery: d };
  }

  const billKeyData = (b: BillRec) => ({
    biller_user_key: b.userKey,
    ...(b.ym !== undefined && { billed_year_month: b.ym }),
    ...(b.ordinal !== undefined && { ordinal: b.ordinal }),
    ...(b.noticeKey !== undefined && { biller_notice_key: b.noticeKey }),
    ...(b.parameters !== undefined && { parameters: b.parameters }),
  });

  /** 납부 완료 in the agency's data (seed §6.3): what the biller accepted, net of cancels, covers the bill amount it was paid for. */
  const isPaid = (billId: string) => {
    const mine = [...payments.values()].filter((p) => p.billId === billId && p.billerAccepted);
    const held = mine.reduce((s, p) => s + Math.max(0, p.paidAmount - p.cancelledAmount), 0);
    return mine.length > 0 && held > 0 && held >= Math.max(...mine.map((p) => p.amount));
  };

  async function sendPayResult(body: Record<string, unknown>, source: string) {
    lastPayResult = body;
    return callBiller("pay-result", JSON.stringify({ data: body }), source);
  }

  function payResultBody(
    b: BillRec,
    o: {
      payId: number;
      payBy: string;
      cardCompany?: string;
      cardBin?: string;
      amount: number;
      payAmount: number;
      feeType: string;
      at: Date;
    },
  ) {
    const rate = o.payBy === "CARD" ? 0.018 : o.payBy === "MONEY_TRANSFER" ? 0.005 : 0.0075;
    const fee = o.feeType === "NONE" ? 0 : Math.round(Math.abs(o.payAmount) * rate) * Math.sign(o.payAmount);
    const feeTax = Math.trunc(fee / 10);
    const adjust = new Date(o.at.getTime() + 3 * 86_400_000);
    return {
      ...billKeyData(b),
      pay_by: o.payBy,
      pay_type: o.payAmount >= 0 ? "P" : "C",
      pay_detail1: o.payBy === "CARD" ? (o.cardBin ?? CARD_BIN[o.cardCompany ?? ""] ?? "400000") : "",
      pay_detail2: o.payBy === "CARD" ? (o.cardCompany ?? "UNKNOWN") : "",
      amount: o.amount,
      pay_amount: o.payAmount,
      pay_fee_type: o.feeType,
      pay_fee: fee,
      pay_fee_tax: feeTax,
      adjust_date: kstYmd(adjust),
      paid_at: kstStamp(o.at),
      pay_id: o.payId,
    };
  }

  /** The customer's payment: prepay → (simulated payment) → pay-result. */
  async function pay(
    b: BillRec,
    o: {
      payBy: string;
      cardCompany?: string;
      cardBin?: string;
      amount: number;
      billAmount: number;
      feeType: string;
      source: string;
      overrides?: Record<string, unknown>;
    },
  ) {
    const prepayBody = JSON.stringify({ data: { ...billKeyData(b), amount: o.amount } });
    const prepay = isPaid(b.id)
      ? agencyAnswer(
          "prepay",
          prepayBody,
          o.source,
          "E403",
          "bill already paid in the agency's data: biller not called (seed §6.3)",
        )
      : await callBiller("prepay", prepayBody, o.source);
    if (prepay.resCode !== "OK") return { prepay };
    const at = ctx.now();
    const payId = (payIdSeq += 1 + Math.floor(Math.random() * 7));
    const body = {
      ...payResultBody(b, {
        payId,
        payBy: o.payBy,
        ...(o.cardCompany !== undefined && { cardCompany: o.cardCompany }),
        ...(o.cardBin !== undefined && { cardBin: o.cardBin }),
        amount: o.billAmount,
        payAmount: o.amount,
        feeType: o.feeType,
        at,
      }),
      // test control: an odd pay-result after an OK prepay (1 won, wrong-sign fees, year 0001 …)
      ...o.overrides,
    };
    const paidAmount = typeof body.pay_amount === "number" ? body.pay_amount : o.amount;
    const payment: Payment = {
      payId: typeof body.pay_id === "number" ? body.pay_id : payId,
      billId: b.id,
      payBy: o.payBy,
      amount: o.billAmount,
      paidAmount,
      cancelledAmount: 0,
      fee: Number(body.pay_fee),
      feeTax: Number(body.pay_fee_tax),
      body,
      billerAccepted: false,
      paidAt: String(body.paid_at),
    };
    payments.set(payment.payId, payment);
    const result = await sendPayResult(body, o.source);
    payment.billerAccepted = result.resCode === "OK";
    return { prepay, payment, result };
  }

  async function cancel(
    payId: number,
    amount: number | undefined,
    source: string,
    o: { paidAt?: string; allowExcess?: boolean; overrides?: Record<string, unknown> } = {},
  ) {
    const p = payments.get(payId);
    if (!p) return { error: `no payment with pay_id ${payId}` } as const;
    const remaining = p.paidAmount - p.cancelledAmount;
    const amt = amount ?? remaining;
    if (!Number.isInteger(amt) || amt <= 0 || (amt > remaining && !o.allowExcess))
      return { error: `cancel amount must be an integer in 1..${remaining}` } as const;
    if (o.paidAt !== undefined && !/^\d{14}$/.test(o.paidAt))
      return { error: "paidAt must be YYYYMMDDHH24MISS" } as const;
    const b = bills.get(p.billId)!;
    const body = {
      ...payResultBody(b, {
        payId,
        payBy: p.payBy,
        ...(p.payBy === "CARD" && { cardCompany: String(p.body.pay_detail2), cardBin: String(p.body.pay_detail1) }),
        amount: p.amount,
        payAmount: -amt,
        feeType: String(p.body.pay_fee_type),
        at: ctx.now(),
      }),
      // test controls: the cancel's time (two partial cancels in one second, or an exact repeat) and odd fields
      ...(o.paidAt !== undefined && { paid_at: o.paidAt }),
      ...o.overrides,
    };
    const result = await sendPayResult(body, source);
    if (result.resCode === "OK") p.cancelledAmount += Math.min(amt, remaining);
    return { body, result, payment: p } as const;
  }

  return {
    config,
    setOverrides: (o: ConfigOverrides) => (overrides = { ...overrides, ...o }),
    resetOverrides: () => (overrides = {}),
    bills,
    tokens,
    sessions,
    payments,
    deliveries,
    callBiller,
    billKeyData,
    isPaid,
    pay,
    cancel,
    sendPayResult,
    lastPayResult: () => lastPayResult,
    reset() {
      bills.clear();
      tokens.clear();
      sessions.clear();
      payments.clear();
      deliveries.length = 0;
      lastPayResult = undefined;
    },
  };
}

type State = ReturnType<typeof createState>;

// ------------------------------------------------------------------ link API

function findBills(st: State, billerCode: string, q: LinkRequest) {
  const all = [...st.bills.values()].filter((b) => b.billerCode === billerCode);
  if (q.biller_notice_key !== undefined) return { byNoticeKey: all.filter((b) => b.noticeKey === q.biller_notice_key) };
  return {
    byKeys: all.filter(
      (b) => b.userKey === q.biller_user_key && b.ym === q.billed_year_month && b.ordinal === q.ordinal,
    ),
  };
}

function issueToken(st: State, ctx: SandboxContext, b: BillRec) {
  const old = st.tokens.get(b.token);
  if (old) old.supersededAt = ctx.now();
  const token = randomUUID();
  st.tokens.set(token, { token, billId: b.id, expireAt: b.expireAt });
  b.token = token;
  return `${ctx.publicUrl}/dozn/bill/${token}`;
}

function authOk(c: Context, apiKey: string) {
  const h = (c.req.header("authorization") ?? "").trim();
  return h === apiKey || h === `Bearer ${apiKey}`;
}

function linkHandler(st: State, ctx: SandboxContext, op: "create" | "recreate") {
  return async (c: Context) => {
    const billerCode = c.req.param("biller_code") ?? "";
    const cfg = st.config();
    const fault = ctx.faults.take("dozn", op);
    if (fault?.mode === "hang") {
      await sleep(fault.delayMs);
      return c.json(envelope("E806"), 504);
    }
    if (fault?.mode === "http500") return c.text("Internal Server Error", 500);
    if (fault?.mode === "error") return c.json(envelope(fault.code ?? "E801", fault.message));

    const apiKey = cfg.billers.get(billerCode);
    if (apiKey === undefined) return c.json(envelope("E003"));
    if (!authOk(c, apiKey)) return c.json(envelope("E003", "인증 정보(Authorization)가 올바르지 않습니다."), 401);

    const checked = checkLinkRequest(await c.req.text());
    if (!checked.ok)
      return c.json(envelope(checked.code, `${MESSAGES[checked.code]}${checked.field ? ` (${checked.field})` : ""}`));
    const q = checked.value;
    const found = findBills(st, billerCode, q);
    let url: string;
    let bill: BillRec;
    if (op === "create") {
      if (found.byNoticeKey) {
        const same = found.byNoticeKey.find(
          (b) => b.userKey === q.biller_user_key && b.ym === q.billed_year_month && b.ordinal === q.ordinal,
        );
        if (same) return c.json(envelope("E818"));
        if (found.byNoticeKey.length > 0) return c.json(envelope("E811"));
      } else if (found.byKeys.length >= 2) return c.json(envelope("E005"));
      else if (found.byKeys.length === 1) return c.json(envelope("E818"));
      bill = {
        id: randomUUID(),
        billerCode,
        userKey: q.biller_user_key,
        ...(q.billed_year_month !== undefined && { ym: q.billed_year_month }),
        ...(q.ordinal !== undefined && { ordinal: q.ordinal }),
        ...(q.biller_notice_key !== undefined && { noticeKey: q.biller_notice_key }),
        ...(q.parameters !== undefined && { parameters: q.parameters }),
        token: "",
        expireAt: parseKst(q.expire_at),
        createdAt: ctx.now(),
        recreatedCount: 0,
      };
      st.bills.set(bill.id, bill);
      url = issueToken(st, ctx, bill);
    } else {
      const candidates = found.byNoticeKey
        ? found.byNoticeKey.filter((b) => b.userKey === q.biller_user_key)
        : found.byKeys;
      if (candidates.length === 0) return c.json(envelope("E812"));
      if (candidates.length >= 2) return c.json(envelope("E005"));
      bill = candidates[0]!;
      bill.expireAt = parseKst(q.expire_at);
      if (q.parameters !== undefined) bill.parameters = q.parameters;
      bill.recreatedCount++;
      url = issueToken(st, ctx, bill);
    }
    ctx.log("dozn link", { op, billerCode, userKey: q.biller_user_key, url });
    const body = envelope("OK", undefined, {
      url,
      ...(bill.noticeKey !== undefined && { biller_notice_key: bill.noticeKey }),
    });
    if (fault?.mode === "timeout") await sleep(fault.delayMs);
    return c.json(body);
  };
}

// ------------------------------------------------------------------ customer pages

function validateBirth(v: string, now: Date): string | undefined {
  if (!/^\d{8}$/.test(v)) return "생년월일 8자리를 숫자로 입력해 주세요. (예: 19900301)";
  if (!isYmd(v) || +v.slice(0, 4) < 1900) return "올바른 생년월일이 아닙니다.";
  if (v > kstYmd(now)) return "미래의 날짜는 입력할 수 없습니다.";
  return undefined;
}

function friendly(code: string, fallback: string) {
  return CUSTOMER_MESSAGES[code] ?? fallback ?? "청구서를 불러오지 못했습니다.";
}

function mountPages(app: Hono, st: State, ctx: SandboxContext) {
  const link = (token: string) => {
    const t = st.tokens.get(token);
    const b = t && st.bills.get(t.billId);
    if (!t || !b) return { error: "unknown" as const };
    if (t.supersededAt) return { error: "superseded" as const };
    if (t.expireAt.getTime() < ctx.now().getTime()) return { error: "expired" as const };
    return { t, b };
  };
  const linkError = (c: Context, e: "unknown" | "superseded" | "expired") =>
    c.html(
      errorPage({
        step: 0,
        title: e === "unknown" ? "청구서를 찾을 수 없습니다" : "만료된 청구서 링크입니다",
        message:
          e === "superseded"
            ? "이 청구서의 링크가 새로 발급되었습니다. 최근에 받은 링크로 다시 접속해 주세요."
            : e === "expired"
              ? "링크의 유효기간이 지났습니다. 청구기관에 새 링크를 요청해 주세요."
              : "링크 주소를 다시 확인해 주세요.",
      }),
      e === "unknown" ? 404 : 410,
    );

  app.get("/dozn/bill/:token", (c) => {
    const l = link(c.req.param("token"));
    if ("error" in l) return linkError(c, l.error!);
    return c.html(birthPage(`/dozn/bill/${l.t.token}`));
  });

  app.post("/dozn/bill/:token", async (c) => {
    const l = link(c.req.param("token"));
    if ("error" in l) return linkError(c, l.error!);
    const form = await c.req.parseBody();
    const birth = String(form.birth ?? "").replace(/\D/g, "");
    const err = validateBirth(birth, ctx.now());
    if (err) return c.html(birthPage(`/dozn/bill/${l.t.token}`, { error: err, value: String(form.birth ?? "") }), 400);
    const s: Session = { id: randomUUID().slice(0, 12), token: l.t.token, birth };
    st.sessions.set(s.id, s);
    return c.redirect(`/dozn/bill/${l.t.token}/s/${s.id}`, 303);
  });

  type Sess = { res: Response } | { l: { t: LinkToken; b: BillRec }; s: Session; base: string };
  const session = (c: Context): Sess => {
    const token = c.req.param("token") ?? "";
    const l = link(token);
    if ("error" in l) return { res: linkError(c, l.error!) };
    const s = st.sessions.get(c.req.param("sid") ?? "");
    if (!s || s.token !== token) return { res: c.redirect(`/dozn/bill/${token}`, 303) };
    return { l, s, base: `/dozn/bill/${token}/s/${s.id}` };
  };

  async function inquire(b: BillRec, s: Session, source: string) {
    const body = JSON.stringify({ data: { ...st.billKeyData(b), user_birth: s.birth } });
    const ans = await st.callBiller("notice", body, source);
    if (ans.resCode !== "OK") return { ans };
    const result = ans.data && typeof ans.data === "object" ? (ans.data as Record<string, unknown>).result : undefined;
    const bill = readBill(result);
    if (!bill) {
      ans.delivery.error = "OK but data.result is missing title/amount";
      return { ans: { ...ans, resCode: "E808", message: MESSAGES.E808! } };
    }
    s.bill = bill;
    return { ans, bill };
  }

  app.get("/dozn/bill/:token/s/:sid", async (c) => {
    const x = session(c);
    if ("res" in x) return x.res;
    const { ans, bill } = await inquire(x.l.b, x.s, "page");
    if (!bill) {
      return c.html(
        errorPage({
          step: 1,
          title: "청구서를 조회할 수 없습니다",
          message: friendly(ans.resCode, ans.message),
          code: ans.resCode,
          detail: ans.message,
          actions: [
            { href: c.req.path, label: "다시 조회" },
            { href: `/dozn/bill/${x.l.t.token}`, label: "생년월일 다시 입력", ghost: true },
          ],
        }),
      );
    }
    return c.html(billPage(bill, `${x.base}/pay`, { paid: st.isPaid(x.l.b.id), billerLabel: x.l.b.billerCode }));
  });

  app.get("/dozn/bill/:token/s/:sid/pay", (c) => {
    const x = session(c);
    if ("res" in x) return x.res;
    if (!x.s.bill) return c.redirect(x.base, 303);
    return c.html(
      payPage(x.s.bill, `${x.base}/pay`, { hasTransfer: x.s.bill.bankAccounts.length > 0, backHref: x.base }),
    );
  });

  app.post("/dozn/bill/:token/s/:sid/pay", async (c) => {
    const x = session(c);
    if ("res" in x) return x.res;
    const bill = x.s.bill;
    if (!bill) return c.redirect(x.base, 303);
    const form = await c.req.parseBody();
    const payBy = ["MONEY", "CARD", "MONEY_TRANSFER"].includes(String(form.pay_by)) ? String(form.pay_by) : "MONEY";
    const cardCompany = CARD_NAME.has(String(form.card_company)) ? String(form.card_company) : "UNKNOWN";
    const override = String(form.amount ?? "").replace(/[^\d]/g, "");
    const amount = override ? Number(override) : bill.amount;
    const feeType = ["BEFORE", "AFTER", "NONE"].includes(String(form.pay_fee_type))
      ? String(form.pay_fee_type)
      : "BEFORE";
    const bin = String(form.card_bin ?? "").replace(/\D/g, "");
    const r = await st.pay(x.l.b, {
      payBy,
      ...(payBy === "CARD" && { cardCompany }),
      ...(payBy === "CARD" && bin.length === 6 && { cardBin: bin }),
      amount,
      billAmount: bill.amount,
      feeType,
      source: "page",
    });
    if (r.prepay.resCode !== "OK") {
      const code = r.prepay.resCode;
      return c.html(
        errorPage({
          step: 2,
          title: code === "E501" ? "납부 금액이 변경되었습니다" : "납부할 수 없습니다",
          message: friendly(code, r.prepay.message),
          code,
          detail: r.prepay.message,
          actions:
            code === "E501" ? [{ href: x.base, label: "요금 재조회" }] : [{ href: x.base, label: "청구서로 돌아가기" }],
        }),
      );
    }
    const p = r.payment!;
    const res = r.result!;
    const method =
      payBy === "CARD"
        ? `${CARD_NAME.get(cardCompany)} (${String(p.body.pay_detail1)}******)`
        : payBy === "MONEY"
          ? "카카오페이머니"
          : "계좌 송금";
    return c.html(
      resultPage({
        ok: res.resCode === "OK",
        title: res.resCode === "OK" ? "납부가 완료되었습니다" : "결제는 완료되었으나 수납 처리에 실패했습니다",
        ...(res.resCode !== "OK" && { note: "청구기관이 납부 결과를 처리하지 못했습니다. 이용기관에 문의하세요." }),
        billerCode: res.resCode,
        billerMessage: res.message,
        rows: [
          ["청구서", bill.title],
          ["납부 금액", won(amount)],
          ["납부 수단", method],
          [
            "결제 일시",
            `${p.paidAt.slice(0, 4)}.${p.paidAt.slice(4, 6)}.${p.paidAt.slice(6, 8)} ${p.paidAt.slice(8, 10)}:${p.paidAt.slice(10, 12)}`,
          ],
          ["결제번호 (pay_id)", String(p.payId)],
          ["수수료", `${won(p.fee)} + 부가세 ${won(p.feeTax)} (${feeType})`],
        ],
        backHref: x.base,
      }),
    );
  });
}

// ------------------------------------------------------------------ test controls

function syntheticData(endpoint: BillerEndpoint, now: Date): Record<string, unknown> {
  const key = { biller_user_key: "0000000001", billed_year_month: kstYmd(now).slice(0, 6) };
  if (endpoint === "notice") return { ...key, user_birth: "19900301" };
  if (endpoint === "prepay") return { ...key, amount: 29000 };
  return {
    ...key,
    pay_by: "MONEY",
    pay_type: "P",
    pay_detail1: "",
    pay_detail2: "",
    amount: 29000,
    pay_amount: 29000,
    pay_fee_type: "BEFORE",
    pay_fee: 218,
    pay_fee_tax: 21,
    paid_at: kstStamp(now),
    pay_id: 1,
  };
}

const MALFORMED_KINDS = [
  "bad-json",
  "no-data",
  "missing-field",
  "too-long",
  "wrong-digits",
  "wrong-type",
  "raw",
] as const;
type MalformedKind = (typeof MALFORMED_KINDS)[number];

function malformedBody(
  kind: MalformedKind,
  endpoint: BillerEndpoint,
  base: Record<string, unknown>,
  opts: { field?: string; body?: string },
) {
  const required: Record<BillerEndpoint, string> = { notice: "user_birth", prepay: "amount", "pay-result": "pay_id" };
  const d = { ...base };
  switch (kind) {
    case "bad-json":
      return { body: JSON.stringify({ data: d }).slice(0, 25), expect: "E008" };
    case "no-data":
      return { body: "{}", expect: "E001" };
    case "missing-field":
      delete d[opts.field ?? required[endpoint]];
      return { body: JSON.stringify({ data: d }), expect: "E001" };
    case "too-long":
      d[opts.field ?? "biller_user_key"] = "X".repeat(
        opts.field === "biller_notice_key" ? 81 : opts.field === "ordinal" ? 25 : 51,
      );
      return { body: JSON.stringify({ data: d }), expect: "E006" };
    case "wrong-digits": {
      const f =
        opts.field ??
        (endpoint === "notice" ? "user_birth" : endpoint === "pay-result" ? "paid_at" : "billed_year_month");
      d[f] = f === "paid_at" ? "2019022016165" : f === "user_birth" ? "900301" : "20191";
      return { body: JSON.stringify({ data: d }), expect: "E007" };
    }
    case "wrong-type": {
      const f = opts.field ?? (endpoint === "notice" ? "biller_user_key" : "amount");
      d[f] = typeof d[f] === "number" ? String(d[f]) : 12345;
      return { body: JSON.stringify({ data: d }), expect: "E008" };
    }
    case "raw":
      return { body: opts.body ?? "", expect: undefined };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function mountControls(app: Hono, st: State, ctx: SandboxContext) {
  const P = "/__sandbox/dozn";
  const json = async (c: Context) => ((await c.req.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
  const answer = (a: BillerAnswer) => ({
    res_code: a.resCode,
    message: a.message,
    status: a.delivery.status ?? null,
    response: a.delivery.response ?? a.delivery.responseText ?? null,
    delivery: a.delivery.id,
    ...(a.delivery.error && { error: a.delivery.error }),
  });

  app.get(`${P}/config`, (c) => {
    const cfg = st.config();
    return c.json({ ...cfg, billers: Object.fromEntries(cfg.billers) });
  });
  app.post(`${P}/config`, async (c) => {
    const b = await json(c);
    if (b.reset === true) st.resetOverrides();
    const o: ConfigOverrides = {};
    if (typeof b.billerBaseUrl === "string") o.billerBaseUrl = b.billerBaseUrl;
    if (typeof b.agencyCredential === "string") o.agencyCredential = b.agencyCredential;
    if (typeof b.agencyCredentialHeader === "string") o.agencyCredentialHeader = b.agencyCredentialHeader;
    if (typeof b.agencyCredentialFormat === "string") o.agencyCredentialFormat = b.agencyCredentialFormat;
    if (typeof b.billerTimeoutMs === "number") o.billerTimeoutMs = b.billerTimeoutMs;
    if (b.billers && typeof b.billers === "object") o.billers = b.billers as Record<string, string>;
    st.setOverrides(o);
    const cfg = st.config();
    return c.json({ ...cfg, billers: Object.fromEntries(cfg.billers) });
  });
  app.delete(`${P}/state`, (c) => {
    st.reset();
    return c.json({ ok: true });
  });

  app.get(`${P}/links`, (c) =>
    c.json({
      links: [...st.bills.values()].map((b) => ({
        billerCode: b.billerCode,
        biller_user_key: b.userKey,
        billed_year_month: b.ym ?? null,
        ordinal: b.ordinal ?? null,
        biller_notice_key: b.noticeKey ?? null,
        parameters: b.parameters ?? null,
        url: `${ctx.publicUrl}/dozn/bill/${b.token}`,
        token: b.token,
        expireAt: b.expireAt.toISOString(),
        recreatedCount: b.recreatedCount,
        paid: st.isPaid(b.id),
      })),
    }),
  );
  app.get(`${P}/payments`, (c) =>
    c.json({
      payments: [...st.payments.values()].map((p) => ({
        pay_id: p.payId,
        pay_by: p.payBy,
        amount: p.amount,
        paid: p.paidAmount,
        cancelled: p.cancelledAmount,
        billerAccepted: p.billerAccepted,
        paid_at: p.paidAt,
        body: p.body,
      })),
    }),
  );
  app.get(`${P}/deliveries`, (c) => {
    const ep = c.req.query("endpoint");
    return c.json({ deliveries: ep ? st.deliveries.filter((d) => d.endpoint === ep) : st.deliveries });
  });
  app.delete(`${P}/deliveries`, (c) => {
    st.deliveries.length = 0;
    return c.json({ ok: true });
  });

  // Headless customer: notice (with birth) → prepay → payment → pay-result.
  app.post(`${P}/pay`, async (c) => {
    const b = await json(c);
    const token =
      String(b.token ?? b.url ?? "")
        .split("/")
        .pop() ?? "";
    const t = st.tokens.get(token);
    const bill = t && st.bills.get(t.billId);
    if (!t || !bill) return c.json({ error: "unknown link token" }, 404);
    const birth = String(b.birth ?? "19900301");
    const notice = await st.callBiller(
      "notice",
      JSON.stringify({ data: { ...st.billKeyData(bill), user_birth: birth } }),
      "control:pay",
    );
    if (notice.resCode !== "OK") return c.json({ notice: answer(notice) });
    const parsed = readBill((notice.data as Record<string, unknown> | null)?.result);
    if (!parsed) return c.json({ notice: { ...answer(notice), error: "data.result missing title/amount" } });
    const payBy = typeof b.payBy === "string" ? b.payBy : "MONEY";
    const r = await st.pay(bill, {
      payBy,
      ...(payBy === "CARD" && { cardCompany: typeof b.cardCompany === "string" ? b.cardCompany : "SHINHAN" }),
      ...(typeof b.cardBin === "string" && { cardBin: b.cardBin }),
      amount: typeof b.amount === "number" ? b.amount : parsed.amount,
      billAmount: parsed.amount,
      feeType: typeof b.payFeeType === "string" ? b.payFeeType : "BEFORE",
      source: "control:pay",
      ...(isObject(b.payResult) && { overrides: b.payResult }),
    });
    return c.json({
      notice: answer(notice),
      bill: { title: parsed.title, amount: parsed.amount },
      prepay: answer(r.prepay),
      ...(r.payment && { pay_id: r.payment.payId, payResult: { request: r.payment.body, ...answer(r.result!) } }),
    });
  });

  const pickBody = (b: Record<string, unknown>) => {
    if (b.payId === undefined) return st.lastPayResult();
    const payType = b.payType === "C" ? "C" : "P";
    const found = [...st.deliveries].reverse().find((d) => {
      if (d.endpoint !== "pay-result") return false;
      try {
        const data = (JSON.parse(d.requestBody) as { data?: Record<string, unknown> }).data;
        return data?.pay_id === Number(b.payId) && data?.pay_type === payType;
      } catch {
        return false;
      }
    });
    return found ? (JSON.parse(found.requestBody) as { data: Record<string, unknown> }).data : undefined;
  };

  app.post(`${P}/replay`, async (c) => {
    const b = await json(c);
    const body = pickBody(b);
    if (!body) return c.json({ error: "no pay-result to replay" }, 404);
    const a = await st.sendPayResult(body, "control:replay");
    return c.json({ request: body, ...answer(a) });
  });

  app.post(`${P}/duplicates`, async (c) => {
    const b = await json(c);
    const n = Math.min(100, Math.max(1, Number(b.n ?? 2) | 0));
    const body = pickBody(b);
    if (!body) return c.json({ error: "no pay-result to duplicate" }, 404);
    const raw = JSON.stringify({ data: body });
    const answers = await Promise.all(
      Array.from({ length: n }, () => st.callBiller("pay-result", raw, "control:duplicates")),
    );
    return c.json({ n, request: body, answers: answers.map(answer) });
  });

  app.post(`${P}/cancel`, async (c) => {
    const b = await json(c);
    const payId = b.payId !== undefined ? Number(b.payId) : Number(st.lastPayResult()?.pay_id);
    const r = await st.cancel(payId, typeof b.amount === "number" ? b.amount : undefined, "control:cancel", {
      ...(typeof b.paidAt === "string" && { paidAt: b.paidAt }),
      ...(b.allowExcess === true && { allowExcess: true }),
      ...(isObject(b.payResult) && { overrides: b.payResult }),
    });
    if ("error" in r) return c.json({ error: r.error }, 400);
    return c.json({
      request: r.body,
      ...answer(r.result),
      payment: { pay_id: r.payment.payId, paid: r.payment.paidAmount, cancelled: r.payment.cancelledAmount },
    });
  });

  app.post(`${P}/malformed`, async (c) => {
    const b = await json(c);
    const endpoint = String(b.endpoint ?? "pay-result") as BillerEndpoint;
    if (!ENDPOINTS.includes(endpoint)) return c.json({ error: `endpoint must be one of ${ENDPOINTS.join(", ")}` }, 400);
    const kind = String(b.kind ?? "bad-json") as MalformedKind;
    if (!MALFORMED_KINDS.includes(kind))
      return c.json({ error: `kind must be one of ${MALFORMED_KINDS.join(", ")}` }, 400);
    let base: Record<string, unknown> | undefined;
    const last = [...st.deliveries].reverse().find((d) => d.endpoint === endpoint && d.calledBiller);
    if (last) {
      try {
        base = (JSON.parse(last.requestBody) as { data?: Record<string, unknown> }).data;
      } catch {
        /* previous one was malformed itself */
      }
    }
    const m = malformedBody(kind, endpoint, base ?? syntheticData(endpoint, ctx.now()), {
      ...(typeof b.field === "string" && { field: b.field }),
      ...(typeof b.body === "string" && { body: b.body }),
    });
    const a = await st.callBiller(endpoint, m.body, `control:malformed:${kind}`);
    return c.json({ endpoint, kind, sent: m.body, expected: m.expect ?? null, ...answer(a) });
  });
}

const provider: ProviderModule = {
  name: "dozn",
  title: "Dozn agency — KakaoPay 청구서 (link API, bill page, notice/prepay/pay-result)",
  mount(app, ctx) {
    const st = createState(ctx);
    app.post("/external/inquiry-payment/one-time/url/re/:biller_code", linkHandler(st, ctx, "recreate"));
    app.post("/external/inquiry-payment/one-time/url/:biller_code", linkHandler(st, ctx, "create"));
    mountPages(app, st, ctx);
    mountControls(app, st, ctx);
  },
};
export default provider;
