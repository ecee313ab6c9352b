import { createHash } from "node:crypto";
import iconv from "iconv-lite";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox } from "../../test-server.ts";
import { CODES, encodeEucKrForm, kstStamp } from "./wire.ts";

const MID = "kakaocheckout";
const KEY = "DEVPAYUPCERTKEY000000000000000001";
const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)";
const STAMP = /^\d{14}$/;
const NUMBER = /^\d{14}KK\d{4}$/;

let sb: Awaited<ReturnType<typeof startTestSandbox>>;
const seen = new Set<string>();
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await sb.close();
});
afterEach(async () => {
  await fetch(`${sb.url}/__sandbox/faults`, { method: "DELETE" });
  await fetch(`${sb.url}/__sandbox/clock`, { method: "POST", body: JSON.stringify({ reset: true }) });
  for (const k of Object.keys(process.env)) if (k.startsWith("SANDBOX_PAYUP_")) delete process.env[k];
});

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
let n = 0;
const orderNo = () => `ORD${Date.now().toString(36)}${(n++).toString(36)}`.slice(0, 20);

async function api(op: string, body: unknown, opts: { mid?: string; ua?: string; raw?: string } = {}) {
  const res = await fetch(`${sb.url}/ep/api/kakao/${opts.mid ?? MID}/${op}`, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8", "user-agent": opts.ua ?? IPHONE },
    body: opts.raw ?? JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  if (json && typeof json.responseCode === "string") seen.add(json.responseCode);
  return { status: res.status, json };
}

function orderBody(o: Partial<Record<string, string>> = {}, key = KEY, mid = MID) {
  const b: Record<string, string> = {
    orderNumber: orderNo(),
    userAgent: "WM",
    amount: "15000",
    itemName: "제주 감귤 5kg",
    userName: "홍길동",
    returnUrl: "http://127.0.0.1:3000/api/payup/return",
    timestamp: kstStamp(new Date()),
    ...o,
  } as Record<string, string>;
  if (!("signature" in o)) b.signature = sha(`${mid}|${b.orderNumber}|${b.amount}|${key}|${b.timestamp}`);
  return b;
}
const cancelBody = (transactionId: string, key = KEY, mid = MID) => ({
  transactionId,
  cancelReason: "고객 요청",
  signature: sha(`${mid}|${transactionId}|${key}`),
});

async function authenticate(ordr_idxx: string, body: Record<string, string> = {}) {
  const r = await fetch(`${sb.url}/__sandbox/payup/orders/${ordr_idxx}/authenticate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return ((await r.json()) as { fields: Record<string, string> }).fields;
}
const payBody = (f: Record<string, string>) => ({
  res_cd: f.res_cd,
  enc_info: f.enc_info,
  enc_data: f.enc_data,
  tran_cd: f.tran_cd,
  card_pay_method: f.card_pay_method,
  ordr_idxx: f.ordr_idxx,
});
async function paid(o: Partial<Record<string, string>> = {}, method = "KAKAO_MONEY") {
  const ord = await api("order", orderBody(o));
  expect(ord.json.responseCode).toBe("0000");
  const f = await authenticate(ord.json.ordr_idxx, { method });
  const p = await api("pay", payBody(f));
  expect(p.json.responseCode).toBe("0000");
  return { order: ord.json, fields: f, pay: p.json };
}
const arm = (f: Record<string, unknown>) =>
  fetch(`${sb.url}/__sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ provider: "payup", ...f }),
  });

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
function hiddenInputs(page: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    out[unescapeHtml(m[1]!)] = unescapeHtml(m[2]!);
  return out;
}
async function postEucKr(url: string, fields: Record<string, string>) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: encodeEucKrForm(fields),
  });
  const page = iconv.decode(Buffer.from(await res.arrayBuffer()), "euc-kr");
  return { res, page };
}

describe("order", () => {
  it("WM: answers the window parameters with approval_key and pay_url", async () => {
    const b = orderBody();
    const r = await api("order", b);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      responseCode: "0000",
      responseMsg: "성공",
      good_mny: "15000",
      site_cd: "A8QOB",
      Ret_URL: b.returnUrl,
      buyr_name: "홍길동",
      good_name: "제주 감귤 5kg",
      pay_url: `${sb.url}/kcp/mobile/mobileGW.kcp`,
    });
    expect(r.json.ordr_idxx).toMatch(NUMBER);
    expect(r.json.approval_key).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it("WP: no approval_key / pay_url (as the real test server answers)", async () => {
    const r = await api("order", orderBody({ userAgent: "WP" }), { ua: "node" });
    expect(r.json.responseCode).toBe("0000");
    expect(r.json.approval_key).toBeUndefined();
    expect(r.json.pay_url).toBeUndefined();
  });

  it("the seed's signature vector verifies for the seed's own merchant (timestamp check off)", async () => {
    const seed = {
      orderNumber: "ZP2017090911",
      amount: "1004",
      timestamp: "20170910132060",
      signature: "d186b8fedccffd291e0619fbf8b247c3f283e3769571eb57b68a50b46af23b75",
    };
    expect((await api("order", orderBody(seed), { mid: "tester" })).json).toMatchObject({
      responseCode: "6002",
      responseMsg: "timestamp이 잘못되었습니다.",
    });
    process.env.SANDBOX_PAYUP_TIMESTAMP_SKEW_SEC = "0";
    expect((await api("order", orderBody(seed), { mid: "tester" })).json.responseCode).toBe("0000");
    expect((await api("order", orderBody({ ...seed, amount: "1005" }), { mid: "tester" })).json.responseCode).toBe(
      "2001",
    );
  });

  it("bad signature → 2001; other merchant's key → 2001; unknown merchant → 1001", async () => {
    expect((await api("order", orderBody({ signature: "0".repeat(64) }))).json).toEqual({
      responseCode: "2001",
      responseMsg: CODES["2001"],
    });
    expect((await api("order", orderBody({}, "25bcd7a82f5b4058818462cc7715964c"))).json.responseCode).toBe("2001");
    const b = orderBody();
    expect((await api("order", { ...b, amount: "15001" })).json.responseCode).toBe("2001");
    expect((await api("order", orderBody({}, KEY, "nobody"), { mid: "nobody" })).json).toEqual({
      responseCode: "1001",
      responseMsg: CODES["1001"],
    });
  });

  it("parameter errors: 6003 not JSON, 6001 missing, 6002 invalid / non-string / stale timestamp / WM without mobile UA", async () => {
    expect((await api("order", null, { raw: "{nope" })).json).toEqual({
      responseCode: "6003",
      responseMsg: "파라미터를 확인해주세요.",
    });
    expect((await api("order", null, { raw: "[1]" })).json.responseCode).toBe("6003");
    const { itemName: _omit, ...noItem } = orderBody();
    expect((await api("order", noItem)).json).toEqual({ responseCode: "6001", responseMsg: "itemName은 필수입니다." });
    expect((await api("order", { ...orderBody(), amount: 15000 })).json).toEqual({
      responseCode: "6002",
      responseMsg: "amount이 잘못되었습니다.",
    });
    expect((await api("order", orderBody({ amount: "12,000" }))).json.responseMsg).toBe("amount이 잘못되었습니다.");
    expect((await api("order", orderBody({ orderNumber: "X".repeat(21) }))).json.responseMsg).toBe(
      "orderNumber이 잘못되었습니다.",
    );
    expect((await api("order", orderBody({ returnUrl: "javascript:alert(1)" }))).json.responseMsg).toBe(
      "returnUrl이 잘못되었습니다.",
    );
    expect((await api("order", orderBody({ userAgent: "PC" }))).json.responseMsg).toBe("userAgent이 잘못되었습니다.");
    expect((await api("order", orderBody({ amount: "0" }))).json.responseMsg).toBe("amount이 잘못되었습니다.");
    const old = kstStamp(new Date(Date.now() - 11 * 60_000));
    expect((await api("order", orderBody({ timestamp: old }))).json.responseMsg).toBe("timestamp이 잘못되었습니다.");
    expect((await api("order", orderBody(), { ua: "node" })).json.responseMsg).toBe("User-Agent이 잘못되었습니다.");
    expect(
      (await api("order", orderBody(), { ua: "Mozilla/5.0 (Linux; Android 14; SM-S918N)" })).json.responseCode,
    ).toBe("0000");
  });

  it("amount bounds 5001 / 5002 and merchant limits 5003 / 5004 / 5005", async () => {
    expect((await api("order", orderBody({ amount: "99" }))).json).toEqual({
      responseCode: "5001",
      responseMsg: CODES["5001"],
    });
    expect((await api("order", orderBody({ amount: "5000001" }))).json).toEqual({
      responseCode: "5002",
      responseMsg: CODES["5002"],
    });
    await fetch(`${sb.url}/__sandbox/payup/orders`, { method: "DELETE" });
    await paid({ amount: "30000" });
    process.env.SANDBOX_PAYUP_DAILY_LIMIT = "40000";
    expect((await api("order", orderBody({ amount: "10001" }))).json.responseCode).toBe("5003");
    expect((await api("order", orderBody({ amount: "10000" }))).json.responseCode).toBe("0000");
    process.env.SANDBOX_PAYUP_DAILY_LIMIT = "1000000";
    process.env.SANDBOX_PAYUP_MONTHLY_LIMIT = "35000";
    expect((await api("order", orderBody({ amount: "6000" }))).json.responseCode).toBe("5004");
    process.env.SANDBOX_PAYUP_MONTHLY_LIMIT = "1000000";
    process.env.SANDBOX_PAYUP_GUARANTEE_LIMIT = "31000";
    expect((await api("order", orderBody({ amount: "2000" }))).json.responseCode).toBe("5005");
  });

  it("duplicate orderNumber: unpaid → a fresh window; paid → 8002 with only the seed's fields", async () => {
    const b = orderBody();
    const first = await api("order", b);
    const second = await api("order", { ...b });
    expect(second.json.responseCode).toBe("0000");
    expect(second.json.ordr_idxx).not.toBe(first.json.ordr_idxx);
    const f2 = await authenticate(second.json.ordr_idxx);
    const p = await api("pay", payBody(f2));
    expect(p.json.responseCode).toBe("0000");
    const dup = await api("order", orderBody({ orderNumber: b.orderNumber }));
    expect(dup.json).toEqual({ responseCode: "8002", responseMsg: CODES["8002"] });
    // the superseded first window cannot pay the same orderNumber twice
    const f1 = await authenticate(first.json.ordr_idxx);
    expect((await api("pay", payBody(f1))).json).toEqual({ responseCode: "8002", responseMsg: CODES["8002"] });
  });
});

describe("pay", () => {
  it("KAKAO_MONEY: the seed's money fields; second pay → 8002 with only responseCode / responseMsg", async () => {
    const { order, fields, pay } = await paid();
    expect(pay).toMatchObject({
      responseCode: "0000",
      responseMsg: "정상처리",
      type: "KAKAO_MONEY",
      amount: "15000",
      cashReceipt: "15000",
    });
    expect(pay.transactionId).toMatch(NUMBER);
    expect(pay.transactionId).not.toBe(order.ordr_idxx);
    expect(pay.authDateTime).toMatch(STAMP);
    const again = await api("pay", payBody(fields));
    expect(again.json).toEqual({ responseCode: "8002", responseMsg: CODES["8002"] });
  });

  it("opt-in answer shapes: 8002 details (per order or SANDBOX_PAYUP_8002_DETAILS=1) and a 0000 without optional fields", async () => {
    const { order, fields, pay } = await paid();
    const set = (body: unknown) =>
      fetch(`${sb.url}/__sandbox/payup/orders/${order.ordr_idxx}/answer`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await set({ details8002: true })).status).toBe(200);
    expect((await api("pay", payBody(fields))).json).toMatchObject({
      responseCode: "8002",
      transactionId: pay.transactionId,
      amount: "15000",
      orderNumber: pay.orderNumber,
    });
    await set({});
    process.env.SANDBOX_PAYUP_8002_DETAILS = "1";
    expect((await api("pay", payBody(fields))).json.transactionId).toBe(pay.transactionId);
    delete process.env.SANDBOX_PAYUP_8002_DETAILS;
    expect((await api("pay", payBody(fields))).json.transactionId).toBeUndefined();

    const ord = await api("order", orderBody());
    await fetch(`${sb.url}/__sandbox/payup/orders/${ord.json.ordr_idxx}/answer`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ omit: ["transactionId", "orderNumber", "type", "amount", "responseCode"] }),
    });
    const f = await authenticate(ord.json.ordr_idxx, { method: "KAKAO_CARD" });
    const p = await api("pay", payBody(f));
    expect(p.json.responseCode).toBe("0000");
    for (const k of ["transactionId", "orderNumber", "type", "amount"]) expect(p.json[k], k).toBeUndefined();
    expect(p.json.authNumber).toMatch(/^\d{8}$/);
    // the transaction exists all the same (staff would read it from the console)
    const dbg = await (await fetch(`${sb.url}/__sandbox/payup/orders?ordr_idxx=${ord.json.ordr_idxx}`)).json();
    expect(dbg.orders[0].transactionId).toMatch(NUMBER);
    expect((await fetch(`${sb.url}/__sandbox/payup/orders/NOPE/answer`, { method: "POST", body: "{}" })).status).toBe(
      404,
    );
  });

  it("KAKAO_CARD: card fields", async () => {
    const ord = await api("order", orderBody());
    const f = await authenticate(ord.json.ordr_idxx, { method: "KAKAO_CARD", card: "SHINHAN", quota: "3" });
    expect(f.card_pay_method).toBe("KAKAO_CARD");
    const p = await api("pay", payBody(f));
    expect(p.json).toMatchObject({
      responseCode: "0000",
      type: "KAKAO_CARD",
      cardName: "신한카드",
      quota: "3",
      amount: "15000",
    });
    expect(p.json.authNumber).toMatch(/^\d{8}$/);
    expect(p.json.cardNo).toMatch(/^\d{6}\*{6}\d{4}$/);
    expect(p.json.cashReceipt).toBeUndefined();
  });

  it("9002 res_cd ≠ 0000; 6001 missing; 8001 unknown / other merchant's / expired order", async () => {
    const ord = await api("order", orderBody());
    const cancelled = await authenticate(ord.json.ordr_idxx, { action: "cancel" });
    expect(cancelled).toMatchObject({ res_cd: "3001", enc_data: "" });
    expect(
      (await api("pay", { ...payBody(cancelled), enc_info: "x", enc_data: "x", card_pay_method: "KAKAO_MONEY" })).json,
    ).toEqual({ responseCode: "9002", responseMsg: CODES["9002"] });
    const f = await authenticate(ord.json.ordr_idxx);
    const { enc_data: _d, ...noData } = payBody(f);
    expect((await api("pay", noData)).json).toEqual({ responseCode: "6001", responseMsg: "enc_data은 필수입니다." });
    expect((await api("pay", { ...payBody(f), ordr_idxx: "20990101000000KK0000" })).json).toEqual({
      responseCode: "8001",
      responseMsg: CODES["8001"],
    });
    expect((await api("pay", payBody(f), { mid: "tester" })).json.responseCode).toBe("8001");
    await fetch(`${sb.url}/__sandbox/clock`, { method: "POST", body: JSON.stringify({ advanceMs: 31 * 60_000 }) });
    expect((await api("pay", payBody(f))).json.responseCode).toBe("8001");
  });

  it("integrity: forged / swapped / stale enc_* → 2001; tran_cd / card_pay_method mismatch → 6002; good_mny (not in the seed) is ignored", async () => {
    const a = await api("order", orderBody());
    const b = await api("order", orderBody());
    const fa = await authenticate(a.json.ordr_idxx);
    const fb = await authenticate(b.json.ordr_idxx);
    const code = async (body: Record<string, unknown>) => (await api("pay", body)).json.responseCode;
    const [body, mac] = fa.enc_data!.split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body!, "base64url").toString()), m: 100 }),
    ).toString("base64url");
    expect(await code({ ...payBody(fa), enc_data: `${forged}.${mac}` })).toBe("2001");
    expect(await code({ ...payBody(fa), enc_data: fb.enc_data })).toBe("2001");
    expect(await code({ ...payBody(fb), ordr_idxx: a.json.ordr_idxx })).toBe("2001");
    expect(await code({ ...payBody(fa), tran_cd: "00200000" })).toBe("6002");
    expect(await code({ ...payBody(fa), card_pay_method: "KAKAO_CARD" })).toBe("6002");
    const fresh = await authenticate(a.json.ordr_idxx); // re-opened window: the first authentication is stale
    expect(await code(payBody(fa))).toBe("2001");
    expect(await code({ ...payBody(fresh), good_mny: "100" })).toBe("0000");
  });
});

describe("cancel", () => {
  it("cancels once (cancelDateTime); twice → 1005; unknown → 1004; unpaid order → 1005; bad signature → 2001", async () => {
    const { pay, order } = await paid();
    expect(
      (await api("cancel", { ...cancelBody(pay.transactionId), signature: sha(`${MID}|${pay.transactionId}|wrong`) }))
        .json.responseCode,
    ).toBe("2001");
    const c1 = await api("cancel", cancelBody(pay.transactionId));
    expect(c1.json).toMatchObject({ responseCode: "0000", responseMsg: "성공", transactionId: pay.transactionId });
    expect(c1.json.cancelDateTime).toMatch(STAMP);
    expect((await api("cancel", cancelBody(pay.transactionId))).json).toEqual({
      responseCode: "1005",
      responseMsg: CODES["1005"],
    });
    expect((await api("cancel", cancelBody("20990101000000KK9999"))).json).toEqual({
      responseCode: "1004",
      responseMsg: CODES["1004"],
    });
    expect((await api("cancel", cancelBody(order.ordr_idxx))).json.responseCode).toBe("1004"); // paid order's ordr_idxx is not a transaction
    const unpaid = await api("order", orderBody());
    expect((await api("cancel", cancelBody(unpaid.json.ordr_idxx))).json.responseCode).toBe("1005");
    expect((await api("cancel", { transactionId: pay.transactionId })).json).toEqual({
      responseCode: "6001",
      responseMsg: "signature은 필수입니다.",
    });
    // the seed's example omits cancelReason: accepted
    const other = await paid();
    const { cancelReason: _r, ...noReason } = cancelBody(other.pay.transactionId);
    expect((await api("cancel", noReason)).json.responseCode).toBe("0000");
    // the seed's cancel vector verifies for the seed's merchant (transaction unknown → 1004, not 2001)
    expect(
      (
        await api(
          "cancel",
          {
            transactionId: "20170912142746ST0020",
            signature: "db890c12b64c1e1de7127c0c07489fe18859139413acdac420a6f548ba518a3a",
          },
          { mid: "tester" },
        )
      ).json.responseCode,
    ).toBe("1004");
  });

  it("1003: a settled payment needs enough unsettled balance to be cancelled", async () => {
    await fetch(`${sb.url}/__sandbox/payup/orders`, { method: "DELETE" });
    const big = await paid({ amount: "50000" });
    await fetch(`${sb.url}/__sandbox/payup/transactions/${big.pay.transactionId}/settle`, { method: "POST" });
    expect((await api("cancel", cancelBody(big.pay.transactionId))).json).toEqual({
      responseCode: "1003",
      responseMsg: CODES["1003"],
    });
    await paid({ amount: "60000" });
    expect((await api("cancel", cancelBody(big.pay.transactionId))).json.responseCode).toBe("0000");
    // settlement by time (2 days by default)
    const t = await paid({ amount: "70000" });
    await fetch(`${sb.url}/__sandbox/clock`, {
      method: "POST",
      body: JSON.stringify({ advanceMs: 3 * 24 * 3600_000 }),
    });
    expect((await api("cancel", cancelBody(t.pay.transactionId))).json.responseCode).toBe("1003");
  });
});

describe("faults", () => {
  it("error mode answers the chosen responseCode in PayUp's shape (1002 / 1006 / 9001 …)", async () => {
    await arm({ op: "order", mode: "error", code: "1002" });
    expect((await api("order", orderBody())).json).toEqual({ responseCode: "1002", responseMsg: CODES["1002"] });
    const { pay } = await paid();
    await arm({ op: "cancel", mode: "error", code: "1006" });
    expect((await api("cancel", cancelBody(pay.transactionId))).json).toEqual({
      responseCode: "1006",
      responseMsg: CODES["1006"],
    });
    await arm({ op: "pay", mode: "error" });
    expect((await api("pay", {})).json).toEqual({ responseCode: "9001", responseMsg: CODES["9001"] });
    await arm({ op: "pay", mode: "error", code: "C123", message: "한도초과 카드" });
    expect((await api("pay", {})).json).toEqual({ responseCode: "C123", responseMsg: "한도초과 카드" });
  });

  it("http500 does nothing; hang does nothing; timeout does the operation then stalls", async () => {
    await arm({ op: "order", mode: "http500" });
    expect((await api("order", orderBody())).status).toBe(500);
    await arm({ op: "order", mode: "hang", delayMs: 50 });
    expect((await api("order", orderBody())).status).toBe(504);
    const ord = await api("order", orderBody());
    const f = await authenticate(ord.json.ordr_idxx);
    await arm({ op: "pay", mode: "timeout", delayMs: 300 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await expect(
      fetch(`${sb.url}/ep/api/kakao/${MID}/pay`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payBody(f)),
        signal: ac.signal,
      }),
    ).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 350));
    const again = await api("pay", payBody(f));
    expect(again.json).toEqual({ responseCode: "8002", responseMsg: CODES["8002"] }); // it was approved: a retry says so, without the transaction
  });

  it("delay: pay waits, then approves — during the wait the order is not paid; after it, paid even if the caller gave up", async () => {
    const ord = await api("order", orderBody());
    const f = await authenticate(ord.json.ordr_idxx);
    await arm({ op: "pay", mode: "delay", delayMs: 500, match: ord.json.ordr_idxx });
    const t0 = Date.now();
    const pending = api("pay", payBody(f));
    await new Promise((r) => setTimeout(r, 150));
    const status = async () =>
      (await (await fetch(`${sb.url}/__sandbox/payup/orders?ordr_idxx=${ord.json.ordr_idxx}`)).json()).orders[0].status;
    expect(await status()).toBe("AUTHENTICATED");
    const r = await pending;
    expect(Date.now() - t0).toBeGreaterThanOrEqual(450);
    expect(r.json.responseCode).toBe("0000");
    expect(await status()).toBe("PAID");

    // the caller gives up during the wait: the payment still happens
    const ord2 = await api("order", orderBody());
    const f2 = await authenticate(ord2.json.ordr_idxx);
    await arm({ op: "pay", mode: "delay", delayMs: 300, match: ord2.json.ordr_idxx });
    await expect(
      fetch(`${sb.url}/ep/api/kakao/${MID}/pay`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payBody(f2)),
        signal: AbortSignal.timeout(50),
      }),
    ).rejects.toThrow();
    const dbg = async () =>
      (await (await fetch(`${sb.url}/__sandbox/payup/orders?ordr_idxx=${ord2.json.ordr_idxx}`)).json()).orders[0]
        .status;
    expect(await dbg()).toBe("AUTHENTICATED");
    const deadline = Date.now() + 5000;
    let st = "";
    while (Date.now() < deadline && (st = await dbg()) !== "PAID") await new Promise((res) => setTimeout(res, 50));
    expect(st).toBe("PAID");
  });

  it("delay: cancel waits, then cancels", async () => {
    const { pay, order } = await paid();
    await arm({ op: "cancel", mode: "delay", delayMs: 400, match: pay.transactionId });
    const pending = api("cancel", cancelBody(pay.transactionId));
    await new Promise((r) => setTimeout(r, 100));
    const status = async () =>
      (await (await fetch(`${sb.url}/__sandbox/payup/orders?ordr_idxx=${order.ordr_idxx}`)).json()).orders[0].status;
    expect(await status()).toBe("PAID");
    expect((await pending).json.responseCode).toBe("0000");
    expect(await status()).toBe("CANCELLED");
  });
});

describe("KCP mobile (WM) window", () => {
  it("shows the names as KCP received them: a browser's &#NNN; for characters EUC-KR lacks stays literal (not hidden)", async () => {
    const ord = (await api("order", orderBody({ itemName: "감귤 세트" }))).json;
    const form = {
      ordr_idxx: ord.ordr_idxx,
      good_name: "감귤&#127818; 세트",
      good_mny: ord.good_mny,
      buyr_name: ord.buyr_name,
      site_cd: ord.site_cd,
      Ret_URL: ord.Ret_URL,
      approval_key: ord.approval_key,
    };
    const win = await postEucKr(ord.pay_url, form);
    expect(win.res.status).toBe(200);
    expect(unescapeHtml(win.page)).toContain("감귤&#127818; 세트");
    expect(win.page).not.toContain("🍊");
  });

  it("EUC-KR round trip: form post → EUC-KR page → pay → EUC-KR auto-post to Ret_URL → pay API", async () => {
    const b = orderBody({ itemName: "똠양꿍 밀키트 (매운맛)", userName: "김철수" });
    const ord = (await api("order", b)).json;
    const form = {
      ordr_idxx: ord.ordr_idxx,
      good_name: ord.good_name,
      good_mny: ord.good_mny,
      buyr_name: ord.buyr_name,
      site_cd: ord.site_cd,
      Ret_URL: ord.Ret_URL,
      approval_key: ord.approval_key,
      req_tx: "pay",
      pay_method: "CARD",
      ActionResult: "card",
      currency: "410",
      escw_used: "N",
      kakaopay_direct: "Y",
      param_opt_1: "장바구니-7",
      param_opt_2: "",
      param_opt_3: "",
    };
    const win = await postEucKr(ord.pay_url, form);
    expect(win.res.status).toBe(200);
    expect(win.res.headers.get("content-type")).toBe("text/html; charset=EUC-KR");
    expect(win.page).toContain('<meta charset="euc-kr">');
    expect(win.page).toContain("똠양꿍 밀키트 (매운맛)");
    expect(win.page).toContain("15,000원");
    expect(win.page).toContain("결제하기");
    const hidden = hiddenInputs(win.page);
    const back = await postEucKr(`${sb.url}/kcp/mobile/mobileGW.kcp/act`, {
      ...hidden,
      action: "pay",
      method: "KAKAO_MONEY",
    });
    expect(back.res.headers.get("content-type")).toBe("text/html; charset=EUC-KR");
    expect(back.page).toContain(`action="${b.returnUrl}"`);
    expect(back.page).toContain('accept-charset="euc-kr"');
    const f = hiddenInputs(back.page);
    expect(f).toMatchObject({
      req_tx: "pay",
      res_cd: "0000",
      res_msg: "정상처리",
      tran_cd: "00100000",
      ordr_idxx: ord.ordr_idxx,
      good_name: "똠양꿍 밀키트 (매운맛)",
      good_mny: "15000",
      buyr_name: "김철수",
      use_pay_method: "100000000000",
      card_pay_method: "KAKAO_MONEY",
      param_opt_1: "장바구니-7",
    });
    expect(f.enc_info).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(f.enc_data).toMatch(/^[A-Za-z0-9._-]+$/);
    // the browser would now POST these EUC-KR bytes to Ret_URL; the merchant decodes them and calls pay
    const wire = encodeEucKrForm(f);
    expect(wire).toContain("res_msg=%C1%A4%BB%F3%C3%B3%B8%AE"); // 정상처리 in EUC-KR
    expect((await api("pay", { ...payBody(f), good_mny: f.good_mny })).json.responseCode).toBe("0000");
    // the window is closed for a paid order
    expect((await postEucKr(ord.pay_url, form)).res.status).toBe(409);
  });

  it("cancel button posts back res_cd 3001; window checks approval_key, good_mny, ordr_idxx (not ordr_idx)", async () => {
    const ord = (await api("order", orderBody())).json;
    const base = {
      ordr_idxx: ord.ordr_idxx,
      good_mny: ord.good_mny,
      site_cd: ord.site_cd,
      Ret_URL: ord.Ret_URL,
      approval_key: ord.approval_key,
      good_name: ord.good_name,
      buyr_name: ord.buyr_name,
    };
    expect((await postEucKr(ord.pay_url, { ...base, approval_key: "nope" })).res.status).toBe(400);
    expect((await postEucKr(ord.pay_url, { ...base, good_mny: "1" })).res.status).toBe(400);
    const typo = await postEucKr(ord.pay_url, { ...base, ordr_idxx: "", ordr_idx: ord.ordr_idxx });
    expect(typo.res.status).toBe(400);
    expect(typo.page).toContain("ordr_idx 가 아니라 ordr_idxx");
    const win = await postEucKr(ord.pay_url, base);
    const back = await postEucKr(`${sb.url}/kcp/mobile/mobileGW.kcp/act`, {
      ...hiddenInputs(win.page),
      action: "cancel",
    });
    expect(hiddenInputs(back.page)).toMatchObject({
      res_cd: "3001",
      res_msg: "사용자가 결제를 취소하였습니다.",
      ordr_idxx: ord.ordr_idxx,
      enc_data: "",
    });
  });
});

describe("KCP PC (WP) payplus_web.jsp", () => {
  it("serves the script with KCP_Pay_Execute and GetField", async () => {
    const res = await fetch(`${sb.url}/kcp/payplus_web.jsp`);
    expect(res.headers.get("content-type")).toMatch(/^application\/javascript/);
    const js = await res.text();
    expect(js).toContain("window.KCP_Pay_Execute");
    expect(js).toContain("window.GetField");
    expect(js).toContain("m_Completepayment");
  });

  it("layer: EUC-KR page; pay → postMessage with the filled fields → pay API", async () => {
    const ord = (
      await api("order", orderBody({ userAgent: "WP", itemName: "한라봉 선물세트" }), {
        ua: "Mozilla/5.0 (X11; Linux x86_64)",
      })
    ).json;
    const q = new URLSearchParams({
      site_cd: ord.site_cd,
      ordr_idxx: ord.ordr_idxx,
      good_mny: ord.good_mny,
      good_name: ord.good_name,
      buyr_name: ord.buyr_name,
      origin: "http://127.0.0.1:3000",
    });
    const res = await fetch(`${sb.url}/kcp/pc/layer?${q}`);
    expect(res.headers.get("content-type")).toBe("text/html; charset=EUC-KR");
    const page = iconv.decode(Buffer.from(await res.arrayBuffer()), "euc-kr");
    expect(page).toContain("한라봉 선물세트");
    const result = await postEucKr(`${sb.url}/kcp/pc/layer`, {
      ...hiddenInputs(page),
      action: "pay",
      method: "KAKAO_CARD",
      card: "HYUNDAI",
      quota: "0",
    });
    const m = /parent\.postMessage\(\{source:"kcp-sandbox",fields:(\{.*?\})\},"http:\/\/127\.0\.0\.1:3000"\)/.exec(
      result.page,
    );
    expect(m).not.toBeNull();
    const fields = JSON.parse(m![1]!) as Record<string, string>;
    expect(fields).toMatchObject({
      res_cd: "0000",
      ret_pay_method: "CARD",
      card_pay_method: "KAKAO_CARD",
      tran_cd: "00100000",
      use_pay_method: "100000000000",
    });
    const p = await api("pay", payBody(fields));
    expect(p.json).toMatchObject({ responseCode: "0000", type: "KAKAO_CARD", cardName: "현대카드" });
  });

  it("layer refuses a WM order and a wrong amount", async () => {
    const wm = (await api("order", orderBody())).json;
    const q = (o: Record<string, string>) =>
      new URLSearchParams({
        site_cd: "A8QOB",
        ordr_idxx: wm.ordr_idxx,
        good_mny: "15000",
        origin: "http://127.0.0.1:3000",
        ...o,
      });
    expect((await fetch(`${sb.url}/kcp/pc/layer?${q({})}`)).status).toBe(400);
    const wp = (await api("order", orderBody({ userAgent: "WP" }))).json;
    expect((await fetch(`${sb.url}/kcp/pc/layer?${q({ ordr_idxx: wp.ordr_idxx, good_mny: "1" })}`)).status).toBe(400);
    expect((await fetch(`${sb.url}/kcp/pc/layer?${q({ ordr_idxx: wp.ordr_idxx })}`)).status).toBe(200);
  });
});

describe("coverage", () => {
  it("every responseCode of the seed's table was produced by the tests above", () => {
    expect([...seen].filter((c) => c in CODES).sort()).toEqual(Object.keys(CODES).sort());
  });
});
