import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox } from "../../test-server.ts";

const KEY = "DEVSANDBOXKAKAOPAYSECRETKEY0001";
const CID = "TC0ONETIME";
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

let sb: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await sb.close();
});
afterEach(async () => {
  await fetch(`${sb.url}/__sandbox/faults`, { method: "DELETE" });
  await fetch(`${sb.url}/__sandbox/clock`, { method: "POST", body: JSON.stringify({ reset: true }) });
});

type Res = { status: number; json: any; ms: number };
async function api(
  op: string,
  body: unknown,
  opts: { auth?: string | null; raw?: string; signal?: AbortSignal } = {},
): Promise<Res> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const auth = opts.auth === undefined ? `SECRET_KEY ${KEY}` : opts.auth;
  if (auth !== null) headers.authorization = auth;
  const t0 = Date.now();
  const res = await fetch(`${sb.url}/online/v1/payment/${op}`, {
    method: "POST",
    headers,
    body: opts.raw ?? JSON.stringify(body),
    signal: opts.signal,
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, ms: Date.now() - t0 };
}

let seq = 0;
function readyBody(over: Record<string, unknown> = {}) {
  seq += 1;
  return {
    cid: CID,
    partner_order_id: `ORD-${seq}`,
    partner_user_id: "user-1",
    item_name: "초코파이 외 2건",
    item_code: "CHOCO",
    quantity: 3,
    total_amount: 22000,
    tax_free_amount: 2000,
    approval_url: `http://merchant.test/pay/kakaopay/approve?order=ORD-${seq}`,
    cancel_url: "http://merchant.test/pay/kakaopay/cancel",
    fail_url: "http://merchant.test/pay/kakaopay/fail",
    ...over,
  };
}

async function ready(over: Record<string, unknown> = {}) {
  const body = readyBody(over);
  const r = await api("ready", body);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return { body, tid: r.json.tid as string, res: r.json };
}

async function order(tid: string) {
  const r = await api("order", { cid: CID, tid });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json;
}

/** Opens the payment page and presses a button like a browser would (no redirect following). */
async function press(
  tid: string,
  action: "approve" | "cancel" | "fail",
  form: Record<string, string> = { method: "CARD", card: "SHINHAN", install: "0" },
) {
  const pageRes = await fetch(`${sb.url}/kakaopay/pay/${tid}?device=mobile`);
  expect(pageRes.status).toBe(200);
  await pageRes.text();
  return fetch(`${sb.url}/kakaopay/pay/${tid}/${action}`, {
    method: "POST",
    body: new URLSearchParams({ device: "mobile", ...form }),
    redirect: "manual",
  });
}

async function authorize(tid: string, form?: Record<string, string>) {
  const res = await press(tid, "approve", form);
  expect(res.status).toBe(303);
  const location = res.headers.get("location")!;
  const token = new URL(location).searchParams.get("pg_token")!;
  return { location, token };
}

async function arm(fault: Record<string, unknown>) {
  const r = await fetch(`${sb.url}/__sandbox/faults`, {
    method: "POST",
    body: JSON.stringify({ provider: "kakaopay", ...fault }),
  });
  expect(r.status).toBe(200);
}

const approveBody = (
  b: ReturnType<typeof readyBody>,
  tid: string,
  pg_token: string,
  over: Record<string, unknown> = {},
) => ({
  cid: CID,
  tid,
  partner_order_id: b.partner_order_id,
  partner_user_id: b.partner_user_id,
  pg_token,
  ...over,
});

describe("auth and validation", () => {
  it("refuses a missing, malformed or unknown secret key with 401 / -401", async () => {
    for (const auth of [null, `KakaoAK ${KEY}`, "SECRET_KEY WRONGKEY", `SECRET_KEY`]) {
      const r = await api("ready", readyBody(), { auth });
      expect(r.status).toBe(401);
      expect(r.json.error_code).toBe(-401);
      expect(typeof r.json.error_message).toBe("string");
    }
  });

  it("refuses an unknown cid, a cid that is not 10 characters and a non-JSON body with the published -2", async () => {
    const cid = await api("ready", readyBody({ cid: "TCXXXXXXXX" }));
    expect(cid.status).toBe(400);
    expect(cid.json.error_code).toBe(-2);
    expect(cid.json.error_message).toMatch(/cid/);
    const short = await api("ready", readyBody({ cid: "TC0ONE" }));
    expect(short.json.error_code).toBe(-2);
    const junk = await api("ready", null, { raw: "cid=TC0ONETIME&x=1" });
    expect(junk.status).toBe(400);
    expect(junk.json.error_code).toBe(-2);
  });

  it.each([
    ["missing item_name", { item_name: undefined }],
    ["quantity as string", { quantity: "1" }],
    ["quantity 0", { quantity: 0 }],
    ["fractional total", { total_amount: 100.5 }],
    ["item_name > 100", { item_name: "가".repeat(101) }],
    ["partner_order_id > 100", { partner_order_id: "x".repeat(101) }],
    ["approval_url > 255", { approval_url: `http://merchant.test/${"a".repeat(240)}` }],
    ["relative cancel_url", { cancel_url: "/cancel" }],
    ["tax_free > total", { tax_free_amount: 30000 }],
    ["vat > total - tax_free", { vat_amount: 20001 }],
    ["install_month 13", { install_month: 13 }],
    ["payment_method_type POINT", { payment_method_type: "POINT" }],
    ["unknown card company", { available_cards: ["VISA"] }],
    ["bad cid_secret", { cid_secret: "short" }],
  ])("ready rejects %s with 400 / -2", async (_name, over) => {
    const r = await api("ready", readyBody(over));
    expect(r.status).toBe(400);
    expect(r.json.error_code).toBe(-2);
    expect(r.json.error_message).toMatch(/invalid request parameter/);
  });

  it("validates approve / cancel bodies too", async () => {
    const a = await api("approve", { cid: CID, tid: "T0000000000000000000" });
    expect(a.status).toBe(400);
    expect(a.json.error_code).toBe(-2);
    const c = await api("cancel", {
      cid: CID,
      tid: "T0000000000000000000",
      cancel_amount: 100,
      cancel_tax_free_amount: 200,
    });
    expect(c.json.error_code).toBe(-2);
    const o = await api("order", { cid: CID, tid: "T0000000000000000000" });
    expect(o.status).toBe(400);
    expect(o.json.error_code).toBe(-702);
  });
});

describe("ready", () => {
  it("answers tid, redirect urls, app schemes and a KST created_at; computes the default VAT", async () => {
    const { tid, res } = await ready();
    expect(tid).toMatch(/^T[0-9a-f]{19}$/);
    expect(res.next_redirect_pc_url).toBe(`${sb.url}/kakaopay/pay/${tid}?device=pc`);
    expect(res.next_redirect_mobile_url).toBe(`${sb.url}/kakaopay/pay/${tid}?device=mobile`);
    expect(res.next_redirect_app_url).toBe(`${sb.url}/kakaopay/pay/${tid}?device=app`);
    expect(res.android_app_scheme).toMatch(/^kakaotalk:\/\//);
    expect(res.ios_app_scheme).toMatch(/^kakaotalk:\/\//);
    expect(res.created_at).toMatch(STAMP);
    const o = await order(tid);
    expect(o.status).toBe("READY");
    // round((22000 - 2000) / 11) = round(1818.18) = 1818
    expect(o.amount).toEqual({ total: 22000, tax_free: 2000, vat: 1818, point: 0, discount: 0, green_deposit: 0 });
    expect(o.cancel_available_amount.total).toBe(0);
  });

  it("keeps vat_amount as sent", async () => {
    const { tid } = await ready({ vat_amount: 1000 });
    expect((await order(tid)).amount.vat).toBe(1000);
  });
});

describe("full flow: ready → page → pay → approve → order → partial cancel → full cancel", () => {
  it("moves through the statuses with the right amounts", async () => {
    const { body, tid } = await ready();

    const page = await fetch(`${sb.url}/kakaopay/pay/${tid}?device=pc`);
    expect(page.status).toBe(200);
    const htmlText = await page.text();
    expect(htmlText).toContain("초코파이 외 2건");
    expect(htmlText).toContain("22,000원");
    expect(htmlText).toContain("카카오톡으로 결제 요청 메시지를 보냈습니다");
    expect(htmlText).toContain("결제 실패 시뮬레이션");
    expect((await order(tid)).status).toBe("OPEN_PAYMENT");

    // approve before the user paid
    const early = await api("approve", approveBody(body, tid, "00000000000000000000"));
    expect(early.json.error_code).toBe(-704);

    const pay = await fetch(`${sb.url}/kakaopay/pay/${tid}/approve`, {
      method: "POST",
      body: new URLSearchParams({ device: "pc", method: "CARD", card: "BC", install: "3" }),
      redirect: "manual",
    });
    expect(pay.status).toBe(303);
    const location = pay.headers.get("location")!;
    expect(location).toMatch(
      new RegExp(
        `^http://merchant\\.test/pay/kakaopay/approve\\?order=${body.partner_order_id}&pg_token=[0-9a-f]{20}$`,
      ),
    );
    const pgToken = new URL(location).searchParams.get("pg_token")!;
    expect((await order(tid)).status).toBe("AUTH_PASSWORD");

    // wrong ids / token / amount
    expect((await api("approve", approveBody(body, tid, pgToken, { partner_order_id: "OTHER" }))).json.error_code).toBe(
      -706,
    );
    expect((await api("approve", approveBody(body, tid, pgToken, { partner_user_id: "other" }))).json.error_code).toBe(
      -707,
    );
    const wrong = await api("approve", approveBody(body, tid, "ffffffffffffffffffff"));
    expect(wrong.status).toBe(400);
    expect(wrong.json.error_code).toBe(-708);
    expect((await api("approve", approveBody(body, tid, pgToken, { total_amount: 21000 }))).json.error_code).toBe(-709);

    const ap = await api("approve", approveBody(body, tid, pgToken, { total_amount: 22000, payload: "memo-1" }));
    expect(ap.status, JSON.stringify(ap.json)).toBe(200);
    expect(ap.json.aid).toMatch(/^A[0-9a-f]{19}$/);
    expect(ap.json).toMatchObject({
      tid,
      cid: CID,
      partner_order_id: body.partner_order_id,
      partner_user_id: "user-1",
      payment_method_type: "CARD",
      amount: { total: 22000, tax_free: 2000, vat: 1818, point: 0, discount: 0, green_deposit: 0 },
      item_name: "초코파이 외 2건",
      item_code: "CHOCO",
      quantity: 3,
      payload: "memo-1",
      card_info: {
        kakaopay_purchase_corp: "비씨카드",
        install_month: "03",
        interest_free_install: "N",
        installment_type: "CARD_INSTALLMENT",
      },
    });
    expect(ap.json.sid).toBeUndefined();
    expect(ap.json.created_at).toMatch(STAMP);
    expect(ap.json.approved_at).toMatch(STAMP);

    // the same pg_token again
    const again = await api("approve", approveBody(body, tid, pgToken));
    expect(again.status).toBe(400);
    expect(again.json.error_code).toBe(-701);

    let o = await order(tid);
    expect(o.status).toBe("SUCCESS_PAYMENT");
    expect(o.cancel_available_amount).toEqual(o.amount);
    expect(o.canceled_amount.total).toBe(0);
    expect(o.selected_card_info).toMatchObject({ card_corp_name: "비씨카드", install_month: 3 });
    expect(o.payment_action_details).toHaveLength(1);
    expect(o.payment_action_details[0]).toMatchObject({
      aid: ap.json.aid,
      amount: 22000,
      payment_action_type: "PAYMENT",
      payload: "memo-1",
    });

    // more than cancellable / guard mismatch / tax free over / taxable over
    const cancelBase = { cid: CID, tid };
    expect(
      (await api("cancel", { ...cancelBase, cancel_amount: 22001, cancel_tax_free_amount: 0 })).json.error_code,
    ).toBe(-798);
    expect(
      (
        await api("cancel", {
          ...cancelBase,
          cancel_amount: 5000,
          cancel_tax_free_amount: 0,
          cancel_available_amount: 20000,
        })
      ).json.error_code,
    ).toBe(-797);
    expect(
      (await api("cancel", { ...cancelBase, cancel_amount: 3000, cancel_tax_free_amount: 2500 })).json.error_code,
    ).toBe(-798);
    expect(
      (await api("cancel", { ...cancelBase, cancel_amount: 21000, cancel_tax_free_amount: 0 })).json.error_code,
    ).toBe(-798);

    // partial: 5000 taxable → vat round(454.5) = 455
    const c1 = await api("cancel", {
      ...cancelBase,
      cancel_amount: 5000,
      cancel_tax_free_amount: 0,
      cancel_available_amount: 22000,
      payload: "part",
    });
    expect(c1.status, JSON.stringify(c1.json)).toBe(200);
    expect(c1.json.status).toBe("PART_CANCEL_PAYMENT");
    expect(c1.json.aid).toMatch(/^A[0-9a-f]{19}$/);
    expect(c1.json.aid).not.toBe(ap.json.aid);
    expect(c1.json.approved_cancel_amount).toEqual({
      total: 5000,
      tax_free: 0,
      vat: 455,
      point: 0,
      discount: 0,
      green_deposit: 0,
    });
    expect(c1.json.canceled_amount).toEqual({
      total: 5000,
      tax_free: 0,
      vat: 455,
      point: 0,
      discount: 0,
      green_deposit: 0,
    });
    expect(c1.json.cancel_available_amount).toEqual({
      total: 17000,
      tax_free: 2000,
      vat: 1363,
      point: 0,
      discount: 0,
      green_deposit: 0,
    });
    expect(c1.json.canceled_at).toMatch(STAMP);
    expect((await order(tid)).status).toBe("PART_CANCEL_PAYMENT");

    // the rest: remaining VAT is taken whole
    expect(
      (await api("cancel", { ...cancelBase, cancel_amount: 17001, cancel_tax_free_amount: 2000 })).json.error_code,
    ).toBe(-798);
    const c2 = await api("cancel", {
      ...cancelBase,
      cancel_amount: 17000,
      cancel_tax_free_amount: 2000,
      cancel_available_amount: 17000,
    });
    expect(c2.status, JSON.stringify(c2.json)).toBe(200);
    expect(c2.json.status).toBe("CANCEL_PAYMENT");
    expect(c2.json.approved_cancel_amount).toEqual({
      total: 17000,
      tax_free: 2000,
      vat: 1363,
      point: 0,
      discount: 0,
      green_deposit: 0,
    });
    expect(c2.json.canceled_amount).toEqual({
      total: 22000,
      tax_free: 2000,
      vat: 1818,
      point: 0,
      discount: 0,
      green_deposit: 0,
    });
    expect(c2.json.cancel_available_amount).toEqual({
      total: 0,
      tax_free: 0,
      vat: 0,
      point: 0,
      discount: 0,
      green_deposit: 0,
    });

    o = await order(tid);
    expect(o.status).toBe("CANCEL_PAYMENT");
    expect(o.payment_action_details.map((d: any) => d.payment_action_type)).toEqual(["PAYMENT", "CANCEL", "CANCEL"]);
    expect(o.payment_action_details.map((d: any) => d.amount)).toEqual([22000, 5000, 17000]);
    expect(o.canceled_at).toMatch(STAMP);

    const c3 = await api("cancel", { ...cancelBase, cancel_amount: 1, cancel_tax_free_amount: 0 });
    expect(c3.json.error_code).toBe(-799);

    // the page of a finished payment is an error page
    const done = await fetch(`${sb.url}/kakaopay/pay/${tid}?device=mobile`);
    expect(done.status).toBe(409);
    expect(await done.text()).toContain("이미 처리된 결제입니다");
  });

  it("pays with 카카오페이머니 (no card_info) and honours payment_method_type", async () => {
    const { body, tid } = await ready({ payment_method_type: "MONEY", total_amount: 1100, tax_free_amount: 0 });
    const refused = await press(tid, "approve", { method: "CARD", card: "KB" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("사용할 수 없는 결제수단");
    const { token } = await authorize(tid, { method: "MONEY" });
    const ap = await api("approve", approveBody(body, tid, token));
    expect(ap.status).toBe(200);
    expect(ap.json.payment_method_type).toBe("MONEY");
    expect(ap.json.card_info).toBeUndefined();
    expect(ap.json.amount.vat).toBe(100);
    expect((await order(tid)).selected_card_info).toBeUndefined();
  });

  it("user cancel and the fail button redirect to cancel_url / fail_url", async () => {
    const a = await ready();
    const cancel = await press(a.tid, "cancel");
    expect(cancel.status).toBe(303);
    expect(cancel.headers.get("location")).toBe(a.body.cancel_url);
    expect((await order(a.tid)).status).toBe("QUIT_PAYMENT");
    expect((await api("approve", approveBody(a.body, a.tid, "00000000000000000000"))).json.error_code).toBe(-705);
    expect(
      (await api("cancel", { cid: CID, tid: a.tid, cancel_amount: 1, cancel_tax_free_amount: 0 })).json.error_code,
    ).toBe(-721);

    const b = await ready();
    const failed = await press(b.tid, "fail");
    expect(failed.status).toBe(303);
    expect(failed.headers.get("location")).toBe(b.body.fail_url);
    expect((await order(b.tid)).status).toBe("FAIL_PAYMENT");
  });

  it("refuses to cancel an unapproved payment and unknown tids", async () => {
    const { tid } = await ready();
    const r = await api("cancel", { cid: CID, tid, cancel_amount: 100, cancel_tax_free_amount: 0 });
    expect(r.status).toBe(400);
    expect(r.json.error_code).toBe(-721);
    expect((await api("order", { cid: CID, tid: "Tdeadbeefdeadbeef000" })).json.error_code).toBe(-702);
  });

  it("green_deposit forbids partial cancel", async () => {
    const { body, tid } = await ready({ total_amount: 5300, tax_free_amount: 0, green_deposit: 300 });
    const { token } = await authorize(tid);
    expect((await api("approve", approveBody(body, tid, token))).status).toBe(200);
    expect(
      (await api("cancel", { cid: CID, tid, cancel_amount: 1000, cancel_tax_free_amount: 0 })).json.error_code,
    ).toBe(-799);
    const full = await api("cancel", { cid: CID, tid, cancel_amount: 5300, cancel_tax_free_amount: 0 });
    expect(full.json.approved_cancel_amount.green_deposit).toBe(300);
    expect(full.json.status).toBe("CANCEL_PAYMENT");
  });
});

describe("expiry (15 minutes after ready, sandbox clock)", () => {
  it("an authenticated but unapproved tid expires to QUIT_PAYMENT; approve → -703; page → error", async () => {
    const { body, tid } = await ready();
    const { token } = await authorize(tid);
    await fetch(`${sb.url}/__sandbox/clock`, {
      method: "POST",
      body: JSON.stringify({ advanceMs: 15 * 60_000 + 1000 }),
    });
    const r = await api("approve", approveBody(body, tid, token));
    expect(r.status).toBe(400);
    expect(r.json.error_code).toBe(-703);
    expect((await order(tid)).status).toBe("QUIT_PAYMENT");
    const pageRes = await fetch(`${sb.url}/kakaopay/pay/${tid}`);
    expect(pageRes.status).toBe(410);
    expect(await pageRes.text()).toContain("결제 유효시간이 지났습니다");
    const dbg = await (await fetch(`${sb.url}/__sandbox/kakaopay/payments?tid=${tid}`)).json();
    expect(dbg.payments[0]).toMatchObject({ tid, status: "QUIT_PAYMENT", quit_reason: "EXPIRED" });
  });

  it("still approvable at 14 minutes", async () => {
    const { body, tid } = await ready();
    const { token } = await authorize(tid);
    await fetch(`${sb.url}/__sandbox/clock`, { method: "POST", body: JSON.stringify({ advanceMs: 14 * 60_000 }) });
    expect((await api("approve", approveBody(body, tid, token))).status).toBe(200);
  });
});

describe("faults", () => {
  it("timeout: approve really approves, the answer comes late (caller times out)", async () => {
    const { body, tid } = await ready();
    const { token } = await authorize(tid);
    await arm({ op: "approve", mode: "timeout", delayMs: 400 });
    await expect(api("approve", approveBody(body, tid, token), { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect((await order(tid)).status).toBe("SUCCESS_PAYMENT");
  });

  it("timeout: the response still arrives after delayMs", async () => {
    await arm({ op: "ready", mode: "timeout", delayMs: 300 });
    const r = await api("ready", readyBody());
    expect(r.status).toBe(200);
    expect(r.ms).toBeGreaterThanOrEqual(290);
    expect((await order(r.json.tid)).status).toBe("READY");
  });

  it("hang: waits delayMs and does nothing", async () => {
    const before = (await (await fetch(`${sb.url}/__sandbox/kakaopay/payments`)).json()).payments.length;
    await arm({ op: "ready", mode: "hang", delayMs: 300 });
    const r = await api("ready", readyBody());
    expect(r.ms).toBeGreaterThanOrEqual(290);
    expect(r.status).toBe(504);
    const after = (await (await fetch(`${sb.url}/__sandbox/kakaopay/payments`)).json()).payments.length;
    expect(after).toBe(before);
  });

  it("http500: answers 500 without doing anything", async () => {
    const { body, tid } = await ready();
    const { token } = await authorize(tid);
    await arm({ op: "approve", mode: "http500" });
    const r = await api("approve", approveBody(body, tid, token));
    expect(r.status).toBe(500);
    expect((await order(tid)).status).toBe("AUTH_PASSWORD");
    expect((await api("approve", approveBody(body, tid, token))).status).toBe(200);
  });

  it("error -780: approval failure with extras, state untouched", async () => {
    const { body, tid } = await ready();
    const { token } = await authorize(tid);
    await arm({ op: "approve", mode: "error", code: "-780" });
    const r = await api("approve", approveBody(body, tid, token));
    expect(r.status).toBe(400);
    expect(r.json).toEqual({
      error_code: -780,
      error_message: "approval failure!",
      extras: { method_result_code: "USER_LOCKED", method_result_message: expect.any(String) },
    });
    expect((await order(tid)).status).toBe("AUTH_PASSWORD");
  });

  it("error on cancel defaults to -781 cancel failure with extras, state untouched", async () => {
    const { body, tid } = await ready();
    const { token } = await authorize(tid);
    expect((await api("approve", approveBody(body, tid, token))).status).toBe(200);
    await arm({ op: "cancel", mode: "error" });
    const r = await api("cancel", { cid: CID, tid, cancel_amount: 1000, cancel_tax_free_amount: 0 });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({
      error_code: -781,
      error_message: "cancel failure!",
      extras: { method_result_code: expect.any(String) },
    });
    expect((await order(tid)).status).toBe("SUCCESS_PAYMENT");
  });

  it("error with another code and message; order / cancel faults too", async () => {
    await arm({ op: "order", mode: "error", code: "-702", message: "custom not found" });
    const o = await api("order", { cid: CID, tid: "Tdeadbeefdeadbeef000" });
    expect(o.status).toBe(400);
    expect(o.json).toEqual({ error_code: -702, error_message: "custom not found" });
    await arm({ op: "cancel", mode: "http500" });
    expect((await api("cancel", { cid: CID, tid: "x", cancel_amount: 1, cancel_tax_free_amount: 0 })).status).toBe(500);
    await arm({ op: "*", mode: "error", code: "-1" });
    const any = await api("order", { cid: CID, tid: "x" });
    expect(any.status).toBe(400); // the published status of -1
    expect(any.json.error_code).toBe(-1);
  });
});

describe("fault mode delay: wait, then do it, then answer", () => {
  it("approve: during the wait the order lookup says AUTH_PASSWORD (not approved); after it SUCCESS_PAYMENT, and the answer is the approval", async () => {
    const { body, tid } = await ready();
    const { token } = await authorize(tid);
    await arm({ op: "approve", mode: "delay", delayMs: 600, match: tid });
    const pending = api("approve", approveBody(body, tid, token));
    await new Promise((r) => setTimeout(r, 150));
    const during = await order(tid);
    expect(during.status).toBe("AUTH_PASSWORD");
    expect(during.payment_action_details).toEqual([]);
    const r = await pending;
    expect(r.status).toBe(200);
    expect(r.ms).toBeGreaterThanOrEqual(550);
    expect(r.json.aid).toMatch(/^A[0-9a-f]{19}$/);
    expect((await order(tid)).status).toBe("SUCCESS_PAYMENT");
  });

  it("approve: a caller that gives up during the wait does not stop the approval (late capture)", async () => {
    const { body, tid } = await ready();
    const { token } = await authorize(tid);
    await arm({ op: "approve", mode: "delay", delayMs: 400, match: tid });
    await expect(api("approve", approveBody(body, tid, token), { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect((await order(tid)).status).toBe("AUTH_PASSWORD");
    const deadline = Date.now() + 5000;
    let status = "";
    while (Date.now() < deadline) {
      status = (await order(tid)).status;
      if (status === "SUCCESS_PAYMENT") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe("SUCCESS_PAYMENT");
  });

  it("cancel: the cancelled amount appears only after the wait", async () => {
    const { body, tid } = await ready();
    const { token } = await authorize(tid);
    expect((await api("approve", approveBody(body, tid, token))).status).toBe(200);
    await arm({ op: "cancel", mode: "delay", delayMs: 500, match: tid });
    const pending = api("cancel", { cid: CID, tid, cancel_amount: 5000, cancel_tax_free_amount: 0 });
    await new Promise((r) => setTimeout(r, 150));
    const during = await order(tid);
    expect(during.status).toBe("SUCCESS_PAYMENT");
    expect(during.canceled_amount.total).toBe(0);
    const r = await pending;
    expect(r.status).toBe(200);
    expect(r.json.status).toBe("PART_CANCEL_PAYMENT");
    expect((await order(tid)).canceled_amount.total).toBe(5000);
  });

  it("match limits the delay to its own transaction", async () => {
    const a = await ready();
    const b = await ready();
    const ta = await authorize(a.tid);
    const tb = await authorize(b.tid);
    await arm({ op: "approve", mode: "delay", delayMs: 500, match: a.tid });
    const other = await api("approve", approveBody(b.body, b.tid, tb.token));
    expect(other.status).toBe(200);
    expect(other.ms).toBeLessThan(400);
    const mine = await api("approve", approveBody(a.body, a.tid, ta.token));
    expect(mine.status).toBe(200);
    expect(mine.ms).toBeGreaterThanOrEqual(450);
  });

  it("is refused for providers that do not implement it", async () => {
    const r = await fetch(`${sb.url}/__sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ provider: "dozn", op: "*", mode: "delay", delayMs: 100 }),
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toMatch(/delay/);
  });
});
