import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestSandbox } from "@/sandbox/test-server";
import { createPayUpClient, type PayUpOrderData } from "./client";
import { encodeEucKrForm, parseEucKrForm, decodeEucKr } from "./euckr";
import { mobileWindowForm, pcWindowForm } from "./forms";
import { parseKcpReturn, type PayUpAuthorization } from "./schemas";

const MID = "kakaocheckout";
const KEY = "DEVPAYUPCERTKEY000000000000000001";

let sb: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(async () => {
  await fetch(`${sb.url}/__sandbox/faults`, { method: "DELETE" });
});
const arm = (f: Record<string, unknown>) =>
  fetch(`${sb.url}/__sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ provider: "payup", ...f }),
  });

const client = (o: Partial<Parameters<typeof createPayUpClient>[0]> = {}) =>
  createPayUpClient({ baseUrl: sb.url, merchantId: MID, apiCertKey: KEY, timeoutMs: 2000, ...o });
let seq = 0;
const input = (o: Partial<Parameters<ReturnType<typeof createPayUpClient>["order"]>[0]> = {}) => ({
  orderNumber: `KC${Date.now().toString(36)}${seq++}`.slice(0, 20),
  amount: 23000,
  itemName: "제주 감귤 5kg 외 1건",
  buyerName: "홍길동",
  returnUrl: "http://127.0.0.1:3000/api/payments/payup/return",
  device: "mobile" as const,
  buyerEmail: "hong@example.com",
  buyerPhone: "010-1234-5678",
  ...o,
});

/** Plays the browser through the sandbox's mobile window and returns the decoded Ret_URL POST. */
async function mobileRoundTrip(
  order: PayUpOrderData,
  action: "pay" | "cancel" = "pay",
): Promise<Record<string, string>> {
  const form = mobileWindowForm(order, { paramOpts: ["주문-1"] })!;
  const win = await fetch(form.action!, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: encodeEucKrForm(form.fields.map((f) => [f.name, f.value] as const)),
  });
  expect(win.headers.get("content-type")).toBe("text/html; charset=EUC-KR");
  const page = decodeEucKr(await win.arrayBuffer());
  const hidden = Object.fromEntries(
    [...page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]),
  );
  const back = await fetch(`${sb.url}/kcp/mobile/mobileGW.kcp/act`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: encodeEucKrForm({ ...hidden, action, method: "KAKAO_MONEY" }),
  });
  const backPage = decodeEucKr(await back.arrayBuffer());
  const fields = Object.fromEntries(
    [...backPage.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [
      m[1]!,
      m[2]!
        .replace(/&amp;/g, "&")
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'"),
    ]),
  );
  // what our Ret_URL route receives: the browser's EUC-KR form body
  return parseEucKrForm(Buffer.from(encodeEucKrForm(fields), "latin1"));
}

describe("createPayUpClient vs the sandbox", () => {
  it("mobile: order → window (EUC-KR) → pay → pay again (8002, reconcile) → cancel → cancel again (1005)", async () => {
    const c = client();
    const o = await c.order(input());
    expect(o).toMatchObject({
      ok: true,
      data: { siteCd: "A8QOB", amount: 23000, itemName: "제주 감귤 5kg 외 1건", buyerName: "홍길동", device: "mobile" },
    });
    if (!o.ok) return;
    expect(o.data.payUrl).toBe(`${sb.url}/kcp/mobile/mobileGW.kcp`);
    const posted = await mobileRoundTrip(o.data);
    expect(posted).toMatchObject({
      res_cd: "0000",
      res_msg: "정상처리",
      good_name: "제주 감귤 5kg 외 1건",
      buyr_name: "홍길동",
      param_opt_1: "주문-1",
    });
    const ret = parseKcpReturn(posted);
    expect(ret).toMatchObject({ ok: true, outcome: "authenticated", paramOpts: ["주문-1", "", ""] });
    if (ret.outcome !== "authenticated") return;
    expect(ret.authorization).toMatchObject({ ordrIdxx: o.data.ordrIdxx, amount: 23000, method: "KAKAO_MONEY" });
    const p = await c.pay(ret.authorization, { expectedAmount: 23000 });
    expect(p).toMatchObject({
      ok: true,
      data: { method: "MONEY", amount: 23000, cashReceiptAmount: 23000, responseMessage: "정상처리" },
    });
    if (!p.ok) return;
    expect(p.data.approvedAt).toBeInstanceOf(Date);
    const tid = p.data.transactionId!;
    expect(tid).toMatch(/KK\d{4}$/);
    const again = await c.pay(ret.authorization);
    expect(again).toMatchObject({
      ok: false,
      kind: "provider",
      code: "8002",
      decision: "reconcile",
      audience: "admin",
      known: true,
    });
    // the seed lists no transactionId for 8002, and the sandbox sends none
    expect(again.ok === false && again.kind === "provider" && again.transactionId).toBe(undefined);
    const cx = await c.cancel({ transactionId: tid, reason: "고객 변심" });
    expect(cx).toMatchObject({ ok: true, data: { transactionId: tid } });
    if (cx.ok) expect(cx.data.cancelledAt).toBeInstanceOf(Date);
    expect(await c.cancel({ transactionId: tid, reason: "again" })).toMatchObject({
      ok: false,
      kind: "provider",
      code: "1005",
      decision: "reconcile",
    });
    expect(await c.cancel({ transactionId: "20990101000000KK0001", reason: "x" })).toMatchObject({
      ok: false,
      code: "1004",
      decision: "reconcile",
    });
  });

  it("mobile: the customer's cancel comes back as res_cd 3001", async () => {
    const o = await client().order(input());
    if (!o.ok) throw new Error("order failed");
    const ret = parseKcpReturn(await mobileRoundTrip(o.data, "cancel"));
    expect(ret).toMatchObject({ ok: true, outcome: "cancelled", resCd: "3001", ordrIdxx: o.data.ordrIdxx });
  });

  it("pc: no pay_url; the order_info form; card approval", async () => {
    const c = client();
    const o = await c.order(input({ device: "pc" }));
    expect(o.ok && o.data.payUrl === undefined && o.data.approvalKey === undefined).toBe(true);
    if (!o.ok) return;
    const form = pcWindowForm(o.data);
    expect(form.name).toBe("order_info");
    expect(form.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        "ordr_idxx",
        "good_mny",
        "buyr_name",
        "site_cd",
        "pay_method",
        "module_type",
        "ordr_chk",
        "res_cd",
        "enc_info",
        "enc_data",
        "tran_cd",
        "card_pay_method",
      ]),
    );
    const r = await fetch(`${sb.url}/__sandbox/payup/orders/${o.data.ordrIdxx}/authenticate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ method: "KAKAO_CARD", card: "SAMSUNG", quota: "6" }),
    });
    const { fields } = (await r.json()) as { fields: Record<string, string> };
    // what the page posts: the order_info form with KCP's fields filled in (GetField)
    const filled = Object.fromEntries(form.fields.map((f) => [f.name, fields[f.name] ?? f.value]));
    const ret = parseKcpReturn(parseEucKrForm(encodeEucKrForm(filled)));
    if (ret.outcome !== "authenticated") throw new Error(JSON.stringify(ret));
    const p = await c.pay(ret.authorization, { expectedAmount: 23000 });
    expect(p).toMatchObject({
      ok: true,
      data: { method: "CARD", amount: 23000, card: { cardName: "삼성카드", installmentMonths: 6 } },
    });
  });

  it("provider refusals carry the code map's message, audience and decision", async () => {
    expect(await client({ apiCertKey: "WRONG" }).order(input())).toMatchObject({
      ok: false,
      kind: "provider",
      op: "order",
      code: "2001",
      decision: "fail",
      audience: "admin",
    });
    expect(await client({ merchantId: "nobody" }).order(input())).toMatchObject({
      ok: false,
      kind: "provider",
      code: "1001",
      decision: "fail",
    });
    expect(await client().order(input({ amount: 50 }))).toMatchObject({
      ok: false,
      code: "5001",
      audience: "customer",
      message: "결제 금액이 카카오페이 최소 결제 금액보다 작습니다.",
      responseMsg: "결제 금액이 최소 결제 금액 보다 작습니다.",
    });
    const forged: PayUpAuthorization = {
      ordrIdxx: "x",
      payFields: {
        res_cd: "0000",
        enc_info: "a.b",
        enc_data: "c.d",
        tran_cd: "",
        ordr_idxx: "x",
        card_pay_method: "KAKAO_MONEY",
      },
    };
    expect(await client().pay(forged)).toMatchObject({
      ok: false,
      code: "8001",
      audience: "customer",
      decision: "fail",
    });
  });

  it("faults: unknown code, http500, hang → timeout, closed port, timeout-then-retry reconciliation", async () => {
    await arm({ op: "pay", mode: "error", code: "C123", message: "카드 한도 초과" });
    const forged: PayUpAuthorization = {
      ordrIdxx: "x",
      payFields: { res_cd: "0000", enc_info: "a", enc_data: "b", tran_cd: "", card_pay_method: "", ordr_idxx: "x" },
    };
    expect(await client().pay(forged)).toMatchObject({
      ok: false,
      kind: "provider",
      code: "C123",
      known: false,
      decision: "fail",
      audience: "customer",
      message: "카카오페이 결제가 승인되지 않았습니다: 카드 한도 초과",
    });
    await arm({ op: "order", mode: "error", code: "9001" });
    expect(await client().order(input())).toMatchObject({ code: "9001", decision: "retry" });
    await arm({ op: "pay", mode: "http500" });
    expect(await client().pay(forged)).toMatchObject({ ok: false, kind: "http", status: 500, decision: "reconcile" });
    await arm({ op: "order", mode: "hang", delayMs: 800 });
    expect(await client({ timeoutMs: 150 }).order(input())).toMatchObject({
      ok: false,
      kind: "timeout",
      op: "order",
      timeoutMs: 150,
      decision: "retry",
      maybeReached: true,
    });
    expect(await client({ baseUrl: "http://127.0.0.1:9" }).order(input())).toMatchObject({
      ok: false,
      kind: "network",
      decision: "retry",
    });

    const c = client();
    const o = await c.order(input());
    if (!o.ok) throw new Error("order");
    const ret = parseKcpReturn(await mobileRoundTrip(o.data));
    if (ret.outcome !== "authenticated") throw new Error("auth");
    await arm({ op: "pay", mode: "timeout", delayMs: 600 });
    expect(await client({ timeoutMs: 150 }).pay(ret.authorization)).toMatchObject({
      ok: false,
      kind: "timeout",
      op: "pay",
      decision: "reconcile",
    });
    await new Promise((r) => setTimeout(r, 600));
    const retry = await c.pay(ret.authorization);
    expect(retry).toMatchObject({ ok: false, code: "8002", decision: "reconcile" });
    expect(retry.ok === false && retry.kind === "provider" && retry.transactionId).toBe(undefined);
    // with the sandbox's opt-in details, a transactionId in an 8002 answer is read
    await fetch(`${sb.url}/__sandbox/payup/orders/${o.data.ordrIdxx}/answer`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ details8002: true }),
    });
    const detailed = await c.pay(ret.authorization);
    expect(detailed.ok === false && detailed.kind === "provider" && detailed.transactionId).toMatch(/KK\d{4}$/);
  });
});

describe("createPayUpClient with a stub fetch", () => {
  const stub = (body: unknown, status = 200) =>
    (async () =>
      new Response(typeof body === "string" ? body : JSON.stringify(body), { status })) as unknown as typeof fetch;
  const auth: PayUpAuthorization = {
    ordrIdxx: "O1",
    payFields: {
      res_cd: "0000",
      enc_info: "i",
      enc_data: "d",
      tran_cd: "00100000",
      card_pay_method: "KAKAO_MONEY",
      ordr_idxx: "O1",
    },
  };

  it("sends the seed's request: string values, signature, WM User-Agent", async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const f = (async (url: string, init: RequestInit) => {
      seen = { url, init };
      return new Response(JSON.stringify({ responseCode: "6003", responseMsg: "파라미터를 확인해주세요." }));
    }) as unknown as typeof fetch;
    const c = createPayUpClient({
      baseUrl: "https://api.testpayup.co.kr/",
      merchantId: "tester",
      apiCertKey: "25bcd7a82f5b4058818462cc7715964c",
      fetch: f,
      now: () => new Date("2017-09-10T04:20:59Z"),
    });
    await c.order({
      orderNumber: "ZP2017090911",
      amount: 1004,
      itemName: "상품",
      buyerName: "구매자",
      returnUrl: "https://shop/r",
      device: "mobile",
    });
    expect(seen!.url).toBe("https://api.testpayup.co.kr/ep/api/kakao/tester/order");
    const headers = seen!.init.headers as Record<string, string>;
    expect(headers["User-Agent"]).toBe("iPhone");
    expect(headers["Content-Type"]).toBe("application/json; charset=utf-8");
    const body = JSON.parse(String(seen!.init.body)) as Record<string, unknown>;
    expect(body).toMatchObject({
      orderNumber: "ZP2017090911",
      amount: "1004",
      userAgent: "WM",
      timestamp: "20170910132059",
      userName: "구매자",
      itemName: "상품",
    });
    expect(Object.values(body).every((v) => typeof v === "string")).toBe(true);
  });

  it("amount_mismatch when PayUp approves another amount; numbers accepted as strings or numbers", async () => {
    const ok = {
      responseCode: "0000",
      responseMsg: "정상처리",
      transactionId: "20230601151001KK0644",
      orderNumber: "T",
      type: "KAKAO_MONEY",
      authDateTime: "20230601151029",
      amount: 100,
      cashReceipt: "100",
    };
    const c = createPayUpClient({ baseUrl: "http://x", merchantId: "m", apiCertKey: "k", fetch: stub(ok) });
    expect(await c.pay(auth, { expectedAmount: 100 })).toMatchObject({
      ok: true,
      data: { amount: 100, cashReceiptAmount: 100 },
    });
    expect(await c.pay(auth, { expectedAmount: 200 })).toMatchObject({
      ok: false,
      kind: "amount_mismatch",
      expected: 200,
      actual: 100,
      decision: "reconcile",
    });
  });

  it("pay sends exactly the seed's six fields (an old stored authorization's good_mny is dropped; missing tran_cd / card_pay_method sent empty)", async () => {
    let sent: Record<string, unknown> | undefined;
    const f = (async (_url: string, init: RequestInit) => {
      sent = JSON.parse(String(init.body)) as Record<string, unknown>;
      return new Response(JSON.stringify({ responseCode: "9001", responseMsg: "관리자에게 문의해주세요." }));
    }) as unknown as typeof fetch;
    const c = createPayUpClient({ baseUrl: "http://x", merchantId: "m", apiCertKey: "k", fetch: f });
    const old = {
      ordrIdxx: "O1",
      payFields: { res_cd: "0000", enc_info: "i", enc_data: "d", ordr_idxx: "O1", good_mny: "100" },
    } as unknown as PayUpAuthorization;
    await c.pay(old);
    expect(sent).toEqual({
      res_cd: "0000",
      enc_info: "i",
      enc_data: "d",
      tran_cd: "",
      card_pay_method: "",
      ordr_idxx: "O1",
    });
    const ret = parseKcpReturn({
      res_cd: "0000",
      enc_info: "i",
      enc_data: "d",
      ordr_idxx: "O1",
      good_mny: "1000",
      tran_cd: "00100000",
      card_pay_method: "KAKAO_CARD",
    });
    if (ret.outcome !== "authenticated") throw new Error("auth");
    await c.pay(ret.authorization);
    expect(Object.keys(sent!).sort()).toEqual([
      "card_pay_method",
      "enc_data",
      "enc_info",
      "ordr_idxx",
      "res_cd",
      "tran_cd",
    ]);
  });

  it("pay answer: transactionId, orderNumber and type are optional; amount is required for money only", async () => {
    const base = { responseCode: "0000", responseMsg: "정상처리" };
    const pay = (body: unknown, a: PayUpAuthorization = auth) =>
      createPayUpClient({ baseUrl: "http://x", merchantId: "m", apiCertKey: "k", fetch: stub(body) }).pay(a, {
        expectedAmount: 1000,
      });
    // a card answer with nothing optional
    const card = await pay({
      ...base,
      authNumber: "12345678",
      cardName: "신한카드",
      cardNo: "451842******1234",
      quota: "0",
    });
    expect(card).toEqual({
      ok: true,
      data: {
        method: "CARD",
        card: { authNumber: "12345678", cardName: "신한카드", cardNo: "451842******1234", installmentMonths: 0 },
        responseMessage: "정상처리",
      },
    });
    // a money answer without transactionId / orderNumber
    expect(
      await pay({ ...base, type: "KAKAO_MONEY", amount: "1000", cashReceipt: "1000", authDateTime: "20260101120000" }),
    ).toMatchObject({
      ok: true,
      data: { method: "MONEY", amount: 1000, cashReceiptAmount: 1000 },
    });
    // money without amount breaks the seed: unreadable → reconcile
    expect(await pay({ ...base, type: "KAKAO_MONEY", cashReceipt: "1000" })).toMatchObject({
      ok: false,
      kind: "invalid_response",
      decision: "reconcile",
    });
    // no type and no method fields: the window's card_pay_method tells; empty strings count as absent
    expect(await pay({ ...base, transactionId: "", orderNumber: "", type: "" })).toEqual({
      ok: true,
      data: { method: "MONEY", responseMessage: "정상처리" },
    });
    const noHint: PayUpAuthorization = { ordrIdxx: "O1", payFields: { ...auth.payFields, card_pay_method: "" } };
    expect(await pay({ ...base }, noHint)).toEqual({ ok: true, data: { responseMessage: "정상처리" } });
    // a different amount is still a mismatch
    expect(await pay({ ...base, type: "KAKAO_CARD", amount: 900 })).toMatchObject({
      ok: false,
      kind: "amount_mismatch",
      expected: 1000,
      actual: 900,
    });
  });

  it("0000 with an unreadable body → invalid_response (reconcile for pay); non-JSON → http", async () => {
    const c = createPayUpClient({
      baseUrl: "http://x",
      merchantId: "m",
      apiCertKey: "k",
      fetch: stub({ responseCode: "0000", type: "VISA", amount: "12,000" }),
    });
    expect(await c.pay(auth)).toMatchObject({ ok: false, kind: "invalid_response", decision: "reconcile" });
    const h = createPayUpClient({
      baseUrl: "http://x",
      merchantId: "m",
      apiCertKey: "k",
      fetch: stub("<html>502</html>", 502),
    });
    expect(await h.cancel({ transactionId: "t", reason: "r" })).toMatchObject({
      ok: false,
      kind: "http",
      status: 502,
      decision: "reconcile",
    });
  });
});
