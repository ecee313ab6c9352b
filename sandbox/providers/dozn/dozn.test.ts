import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestSandbox } from "../../test-server.ts";
import { SAMPLE_RESULT } from "./fixtures.ts";

// ---- a tiny fake biller (what the app implements at /kakao/*)
type Rec = { path: string; headers: IncomingMessage["headers"]; body: string; json: any };
type Handler = (
  path: string,
  body: any,
  raw: string,
) => { status?: number; body: unknown; delayMs?: number } | undefined;

function startFakeBiller(handler: { current: Handler }) {
  const received: Rec[] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (raw += c));
    req.on("end", async () => {
      let json: any;
      try {
        json = JSON.parse(raw);
      } catch {
        json = undefined;
      }
      received.push({ path: req.url ?? "", headers: req.headers, body: raw, json });
      const custom = handler.current(req.url ?? "", json, raw);
      let out = custom ?? { body: { res_code: "OK", message: "성공", data: null } };
      if (!custom && req.url === "/kakao/notice")
        out = { body: { res_code: "OK", message: "성공", data: { result: SAMPLE_RESULT } } };
      if (!json && !custom) out = { body: { res_code: "E008", message: "JSON 파싱 에러", data: null } };
      if (out.delayMs) await new Promise((r) => setTimeout(r, out.delayMs));
      res.writeHead(out.status ?? 200, { "content-type": "application/json;charset=utf-8" });
      res.end(JSON.stringify(out.body));
    });
  });
  return new Promise<{ url: string; received: Rec[]; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        received,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

const BILLER = "KCBILLER01";
const KEY = "DEVDOZNAPIKEY0001";

let sb: Awaited<ReturnType<typeof startTestSandbox>>;
let biller: Awaited<ReturnType<typeof startFakeBiller>>;
const handler: { current: Handler } = { current: () => undefined };

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(sb.url + path, {
    method: "POST",
    headers: { "content-type": "application/json;charset=utf-8", authorization: KEY, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => undefined)) as any };
}
const create = (data: unknown, headers?: Record<string, string>, code = BILLER) =>
  post(`/external/inquiry-payment/one-time/url/${code}`, { data }, headers);
const recreate = (data: unknown, code = BILLER) => post(`/external/inquiry-payment/one-time/url/re/${code}`, { data });
const control = (path: string, body: unknown = {}) => post(`/__sandbox/dozn/${path}`, body);

beforeAll(async () => {
  sb = await startTestSandbox();
  biller = await startFakeBiller(handler);
});
afterAll(async () => {
  await sb.close();
  await biller.close();
});
beforeEach(async () => {
  handler.current = () => undefined;
  biller.received.length = 0;
  await fetch(`${sb.url}/__sandbox/dozn/state`, { method: "DELETE" });
  await fetch(`${sb.url}/__sandbox/faults`, { method: "DELETE" });
  await control("config", { reset: true, billerBaseUrl: biller.url, billerTimeoutMs: 1500 });
});

const base = { biller_user_key: "CUST0001", billed_year_month: "202607", expire_at: "20991231235959" };

describe("link API: create / re-create", () => {
  it("creates a link pointing at the bill page; default biller config from env defaults", async () => {
    const r = await create({ ...base, biller_notice_key: "N-1", parameters: { apt: "A101" } });
    expect(r.status).toBe(200);
    expect(r.json.res_code).toBe("OK");
    expect(r.json.message).toBe("성공");
    expect(r.json.data.url).toMatch(new RegExp(`^${sb.url}/dozn/bill/[0-9a-f-]{36}$`));
    expect(r.json.data.biller_notice_key).toBe("N-1");
    const page = await fetch(r.json.data.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("생년월일");
  });

  it("E818 on a second create of the same bill; re-create gives a new url and retires the old", async () => {
    const first = await create(base);
    expect((await create(base)).json.res_code).toBe("E818");
    const re = await recreate({ ...base, expire_at: "20991231000000" });
    expect(re.json.res_code).toBe("OK");
    expect(re.json.data.url).not.toBe(first.json.data.url);
    expect((await fetch(first.json.data.url)).status).toBe(410);
    expect((await fetch(re.json.data.url)).status).toBe(200);
  });

  it("E812 when re-creating a bill that was never created", async () => {
    const r = await recreate({ biller_user_key: "NOPE", expire_at: "20991231235959" });
    expect(r.json).toEqual({ res_code: "E812", message: "[에이전시] 등록되지 않은 청구서입니다.", data: null });
    expect((await recreate({ ...base, biller_notice_key: "never" })).json.res_code).toBe("E812");
  });

  it("E811 duplicate notice key on another bill; E005 ambiguous without notice key", async () => {
    expect((await create({ ...base, biller_notice_key: "K1" })).json.res_code).toBe("OK");
    expect((await create({ ...base, biller_user_key: "OTHER", biller_notice_key: "K1" })).json.res_code).toBe("E811");
    expect((await create({ ...base, biller_notice_key: "K2" })).json.res_code).toBe("OK");
    expect((await create(base)).json.res_code).toBe("E005");
    expect((await recreate(base)).json.res_code).toBe("E005");
    expect((await recreate({ ...base, biller_notice_key: "K2" })).json.res_code).toBe("OK");
  });

  it("E003 for an unknown biller code, 401 + E003 for a wrong Authorization", async () => {
    const r = await create(base, {}, "NOBODY");
    expect(r.status).toBe(200);
    expect(r.json.res_code).toBe("E003");
    const bad = await create(base, { authorization: "wrong" });
    expect(bad.status).toBe(401);
    expect(bad.json.res_code).toBe("E003");
    expect((await create(base, { authorization: `Bearer ${KEY}` })).json.res_code).toBe("OK");
  });

  it("E101 for bad parameters, E001/E006/E007/E008 validation (HTTP 200)", async () => {
    expect((await create({ ...base, parameters: { p: "TOOLONGVALUE" } })).json.res_code).toBe("E101");
    expect((await create({ ...base, parameters: { p: "한글" } })).json.res_code).toBe("E101");
    expect((await recreate({ ...base, parameters: { p: "x".repeat(9) } })).json.res_code).toBe("E101");
    expect((await create({ expire_at: "20991231235959" })).json.res_code).toBe("E001");
    expect((await create({ biller_user_key: "A" })).json.res_code).toBe("E001");
    expect((await post(`/external/inquiry-payment/one-time/url/${BILLER}`, {})).json.res_code).toBe("E001");
    expect((await create({ ...base, biller_user_key: "x".repeat(51) })).json.res_code).toBe("E006");
    expect((await create({ ...base, biller_notice_key: "x".repeat(81) })).json.res_code).toBe("E006");
    expect((await create({ ...base, ordinal: "x".repeat(25) })).json.res_code).toBe("E006");
    expect((await create({ ...base, billed_year_month: "2026071" })).json.res_code).toBe("E007");
    expect((await create({ ...base, expire_at: "2099123123" })).json.res_code).toBe("E007");
    const bad = await post(`/external/inquiry-payment/one-time/url/${BILLER}`, '{"data": {');
    expect(bad.status).toBe(200);
    expect(bad.json.res_code).toBe("E008");
  });

  it("faults: error code in the agency envelope, http500, timeout does the work", async () => {
    await post("/__sandbox/faults", { provider: "dozn", op: "create", mode: "error", code: "E817" });
    expect((await create(base)).json).toMatchObject({
      res_code: "E817",
      message: "[에이전시] 오류 건으로 분류된 청구서입니다.",
    });
    await post("/__sandbox/faults", { provider: "dozn", op: "recreate", mode: "http500" });
    expect((await recreate(base)).status).toBe(500);
    await post("/__sandbox/faults", { provider: "dozn", op: "create", mode: "timeout", delayMs: 50 });
    expect((await create(base)).json.res_code).toBe("OK");
    expect((await create(base)).json.res_code).toBe("E818");
  });

  it("expired links show an expiry page (sandbox clock)", async () => {
    const r = await create({ ...base, expire_at: "20260101000000" });
    // expire_at is in the past relative to now, unless the test machine clock is before 2026
    const page = await fetch(r.json.data.url);
    expect([200, 410]).toContain(page.status);
    await post("/__sandbox/clock", { advanceMs: 200 * 365 * 86_400_000 });
    expect((await fetch(r.json.data.url)).status).toBe(410);
    await post("/__sandbox/clock", { reset: true });
  });
});

// Drives the HTML pages like a browser (forms, 303 redirects).
async function openBill(url: string, birth = "19900301") {
  const res = await fetch(url, { method: "POST", body: new URLSearchParams({ birth }), redirect: "manual" });
  if (res.status !== 303) return { status: res.status, html: await res.text(), billUrl: "" };
  const billUrl = new URL(res.headers.get("location")!, url).toString();
  const page = await fetch(billUrl);
  return { status: page.status, html: await page.text(), billUrl };
}

describe("bill page flow (agency → biller)", () => {
  it("birth date is validated before anything is sent", async () => {
    const { json } = await create(base);
    for (const bad of ["1990031", "19901301", "abcdefgh", "29990101"]) {
      const r = await openBill(json.data.url, bad);
      expect(r.status).toBe(400);
    }
    expect(biller.received).toHaveLength(0);
  });

  it("notice → renders every detail type; prepay → pay-result with the right envelope and no credential (seed §1.3)", async () => {
    const { json } = await create({ ...base, biller_notice_key: "N-9", parameters: { apt: "A101" } });
    const bill = await openBill(json.data.url);
    expect(bill.status).toBe(200);
    const notice = biller.received[0]!;
    expect(notice.path).toBe("/kakao/notice");
    expect(notice.headers.authorization).toBeUndefined(); // the seed names no credential for agency → biller
    expect(notice.headers.accept).toBe("application/json;charset=utf-8");
    expect(notice.headers["content-type"]).toBe("application/json;charset=utf-8");
    expect(notice.json).toEqual({
      data: {
        biller_user_key: "CUST0001",
        billed_year_month: "202607",
        biller_notice_key: "N-9",
        parameters: { apt: "A101" },
        user_birth: "19900301",
      },
    });
    for (const s of [
      "2026년 7월 관리비",
      "29,000",
      "2026.07.31",
      "2026.08.10",
      "당월 부과 금액",
      "101동 1001호",
      "전기료",
      "<table",
      'class="graph"',
      "원/월",
      "56211234567890",
      "가상계좌",
    ]) {
      expect(bill.html).toContain(s);
    }
    const payForm = await fetch(`${bill.billUrl}/pay`);
    expect(await payForm.text()).toContain("카카오페이머니");
    const done = await fetch(`${bill.billUrl}/pay`, {
      method: "POST",
      body: new URLSearchParams({ pay_by: "CARD", card_company: "HYUNDAI" }),
    });
    const html = await done.text();
    expect(html).toContain("납부가 완료되었습니다");
    const [prepay, result] = biller.received.slice(-2);
    expect(prepay!.path).toBe("/kakao/prepay");
    expect(prepay!.json.data).toEqual({
      biller_user_key: "CUST0001",
      billed_year_month: "202607",
      biller_notice_key: "N-9",
      parameters: { apt: "A101" },
      amount: 29000,
    });
    expect(result!.path).toBe("/kakao/pay-result");
    const d = result!.json.data;
    expect(d).toMatchObject({
      biller_user_key: "CUST0001",
      pay_by: "CARD",
      pay_type: "P",
      pay_detail1: "433028",
      pay_detail2: "HYUNDAI",
      amount: 29000,
      pay_amount: 29000,
      pay_fee_type: "BEFORE",
    });
    expect(d.paid_at).toMatch(/^\d{14}$/);
    expect(d.adjust_date).toMatch(/^\d{8}$/);
    expect(typeof d.pay_id).toBe("number");
    expect(d.pay_fee).toBe(Math.round(29000 * 0.018));
    expect(d.pay_fee_tax).toBe(Math.trunc(d.pay_fee / 10));
    expect(html).toContain(String(d.pay_id));

    // paid: the agency answers E403 itself without calling the biller
    const n = biller.received.length;
    const again = await fetch(`${bill.billUrl}/pay`, {
      method: "POST",
      body: new URLSearchParams({ pay_by: "MONEY" }),
    });
    expect(await again.text()).toContain("E403");
    expect(biller.received.length).toBe(n);
    const dl = (await (await fetch(`${sb.url}/__sandbox/dozn/deliveries`)).json()) as any;
    expect(dl.deliveries.map((x: any) => [x.endpoint, x.resCode, x.calledBiller])).toEqual([
      ["notice", "OK", true],
      ["prepay", "OK", true],
      ["pay-result", "OK", true],
      ["prepay", "E403", false],
    ]);
  });

  it("shows the biller's error friendly; E501 offers a re-inquiry; no response → E809", async () => {
    const { json } = await create(base);
    handler.current = (p) =>
      p === "/kakao/notice"
        ? { body: { res_code: "E502", message: "납부불가 - 납부 대상 없음", data: null } }
        : undefined;
    let bill = await openBill(json.data.url);
    expect(bill.html).toContain("납부대상이 존재하지 않습니다.");
    expect(bill.html).toContain("E502");

    handler.current = (p) =>
      p === "/kakao/prepay"
        ? { body: { res_code: "E501", message: "납부불가 - 납부 가능금액 초과", data: null } }
        : undefined;
    bill = await openBill(json.data.url);
    const r = await fetch(`${bill.billUrl}/pay`, { method: "POST", body: new URLSearchParams({ pay_by: "MONEY" }) });
    const h = await r.text();
    expect(h).toContain("요금 재조회");
    expect(biller.received.at(-1)!.path).toBe("/kakao/prepay");

    handler.current = () => ({ body: { res_code: "OK", message: "성공", data: null }, delayMs: 3000 });
    const slow = await openBill(json.data.url);
    expect(slow.html).toContain("E809");
  });

  it("headless pay control: notice → prepay → pay-result", async () => {
    const { json } = await create(base);
    const r = await control("pay", { url: json.data.url, payBy: "MONEY" });
    expect(r.json.notice.res_code).toBe("OK");
    expect(r.json.prepay.res_code).toBe("OK");
    expect(r.json.payResult.res_code).toBe("OK");
    expect(r.json.payResult.request).toMatchObject({
      pay_by: "MONEY",
      pay_type: "P",
      pay_detail1: "",
      pay_detail2: "",
      pay_amount: 29000,
    });
  });
});

describe("test controls", () => {
  async function paid() {
    const { json } = await create(base);
    const r = await control("pay", { url: json.data.url, payBy: "CARD", cardCompany: "KB" });
    return r.json.pay_id as number;
  }

  it("replay resends the identical pay-result", async () => {
    const payId = await paid();
    const original = biller.received.at(-1)!.body;
    const r = await control("replay");
    expect(r.json.res_code).toBe("OK");
    expect(biller.received.at(-1)!.body).toBe(original);
    const r2 = await control("replay", { payId, payType: "P" });
    expect(r2.json.request.pay_id).toBe(payId);
    expect((await control("replay", { payId: 1 })).status).toBe(404);
  });

  it("duplicates sends N identical pay-results concurrently", async () => {
    await paid();
    const before = biller.received.length;
    const r = await control("duplicates", { n: 5 });
    expect(r.json.answers).toHaveLength(5);
    const sent = biller.received.slice(before);
    expect(sent).toHaveLength(5);
    expect(new Set(sent.map((s) => s.body)).size).toBe(1);
  });

  it("cancel (partial then full) sends pay_type C with a negative pay_amount for the same pay_id", async () => {
    const payId = await paid();
    const part = await control("cancel", { payId, amount: 9000 });
    expect(part.json.res_code).toBe("OK");
    expect(part.json.request).toMatchObject({
      pay_id: payId,
      pay_type: "C",
      pay_amount: -9000,
      amount: 29000,
      pay_by: "CARD",
      pay_detail2: "KB",
    });
    expect(part.json.payment).toEqual({ pay_id: payId, paid: 29000, cancelled: 9000 });
    expect((await control("cancel", { payId, amount: 30000 })).status).toBe(400);
    const rest = await control("cancel", { payId });
    expect(rest.json.request.pay_amount).toBe(-20000);
    expect((await control("cancel", { payId })).status).toBe(400);
  });

  it("malformed bodies reach the chosen endpoint and report the answer", async () => {
    const r = await control("malformed", { endpoint: "pay-result", kind: "bad-json" });
    expect(r.json.expected).toBe("E008");
    expect(r.json.res_code).toBe("E008"); // our fake biller answers E008 for non-JSON
    expect(biller.received.at(-1)!.path).toBe("/kakao/pay-result");
    const m = await control("malformed", { endpoint: "notice", kind: "missing-field" });
    expect(m.json.expected).toBe("E001");
    expect(JSON.parse(m.json.sent).data.user_birth).toBeUndefined();
    const d = await control("malformed", { endpoint: "prepay", kind: "wrong-digits" });
    expect(JSON.parse(d.json.sent).data.billed_year_month).toBe("20191");
    expect((await control("malformed", { endpoint: "nope" })).status).toBe(400);
  });

  it("a credential is sent only when configured, in the configured header and format", async () => {
    await control("config", {
      agencyCredential: "agreed-secret",
      agencyCredentialHeader: "X-Agency-Key",
      agencyCredentialFormat: "Key {credential}",
    });
    await paid();
    expect(biller.received.length).toBeGreaterThan(0);
    for (const r of biller.received) {
      expect(r.headers["x-agency-key"]).toBe("Key agreed-secret");
      expect(r.headers.authorization).toBeUndefined();
    }
  });

  it("waits about 3 s for the biller by default (seed §2.1.1), configurable", async () => {
    await control("config", { reset: true, billerBaseUrl: biller.url });
    const cfg = (await (await fetch(`${sb.url}/__sandbox/dozn/config`)).json()) as any;
    expect(cfg.billerTimeoutMs).toBe(3000);
    expect(cfg.agencyCredential).toBe("");
    await control("config", { billerTimeoutMs: 200 });
    handler.current = () => ({ body: { res_code: "OK", message: "성공", data: null }, delayMs: 400 });
    const { json } = await create({ ...base, biller_notice_key: "N-T" });
    await control("pay", { url: json.data.url });
    const dl = (await (await fetch(`${sb.url}/__sandbox/dozn/deliveries?endpoint=notice`)).json()) as any;
    expect(dl.deliveries[0]).toMatchObject({ resCode: "E809" });
    expect(dl.deliveries[0].error).toContain("200 ms");
  });

  it("deliveries list every call and config can be read", async () => {
    await paid();
    const dl = (await (await fetch(`${sb.url}/__sandbox/dozn/deliveries?endpoint=pay-result`)).json()) as any;
    expect(dl.deliveries).toHaveLength(1);
    expect(dl.deliveries[0]).toMatchObject({
      endpoint: "pay-result",
      resCode: "OK",
      status: 200,
      source: "control:pay",
    });
    const cfg = (await (await fetch(`${sb.url}/__sandbox/dozn/config`)).json()) as any;
    expect(cfg.billers).toEqual({ KCBILLER01: "DEVDOZNAPIKEY0001" });
    expect(cfg.billerBaseUrl).toBe(biller.url);
  });
});
