// Integration: the adapter drives the official kakaocert SDK against the sandbox over HTTP.
import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestSandbox } from "../../../sandbox/test-server";
import { createKakaoCertESign, signedDataToDer, type ESignRequestInput, type KakaoCertESignConfig } from "./index";

let sb: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await sb.close();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fetch(`${sb.url}/__sandbox/faults`, { method: "DELETE" });
  await fetch(`${sb.url}/__sandbox/clock`, { method: "POST", body: JSON.stringify({ reset: true }) });
});

const conf = (url: string, over: Partial<KakaoCertESignConfig> = {}): KakaoCertESignConfig => ({
  linkId: "TESTER",
  secretKey: "SwWxqU+0TErBXy/9TVjIPEnI0VTUMMSQZtJf3Ed8q3I=",
  clientCode: "020040000001",
  serviceUrl: url,
  authUrl: url,
  timeoutMs: 5000,
  ...over,
});
const input = (over: Partial<ESignRequestInput> = {}): ESignRequestInput => ({
  receiverName: "홍길동",
  receiverHP: "010-2222-3333",
  receiverBirthday: "19880515",
  title: "이용약관 동의",
  message: "카카오 체크아웃 이용약관에 전자서명해 주세요.",
  document: "본인은 카카오 체크아웃 이용약관(2024-01 개정)에 동의합니다.",
  callCenterNum: "1600-1234",
  expiresIn: 300,
  payload: "order-42",
  ...over,
});
const advance = (ms: number) =>
  fetch(`${sb.url}/__sandbox/clock`, { method: "POST", body: JSON.stringify({ advanceMs: ms }) });

describe("createKakaoCertESign against the sandbox (official SDK)", () => {
  it("talk message: request → KakaoTalk sign → status → verify once → DER", async () => {
    const es = createKakaoCertESign(conf(sb.url));
    const req = await es.request(input());
    if (!req.ok) throw new Error(JSON.stringify(req));
    expect(req.receiptId).toMatch(/^\d{18}$/);
    expect(req.txId).toBeUndefined();
    expect(await es.status(req.receiptId)).toMatchObject({
      ok: true,
      state: 0,
      stateName: "waiting",
      appToApp: false,
      payload: "order-42",
    });

    const chat = await (await fetch(`${sb.url}/kakaotalk?phone=01022223333`)).text();
    expect(chat).toContain("이용약관 동의");
    expect(chat).toContain("전자서명 요청");
    const sheet = await (await fetch(`${sb.url}/kakaotalk/r/${req.receiptId}?phone=01022223333`)).text();
    expect(sheet).toContain("2024-01 개정");
    await fetch(`${sb.url}/kakaotalk/r/${req.receiptId}/sign`, {
      method: "POST",
      body: new URLSearchParams({ phone: "01022223333" }),
      redirect: "manual",
    });

    const st = await es.status(req.receiptId);
    expect(st).toMatchObject({ ok: true, state: 1, stateName: "complete" });
    expect(st.ok && st.viewedAt && st.completedAt).toBeInstanceOf(Date);
    const v = await es.verify(req.receiptId);
    if (!v.ok) throw new Error(JSON.stringify(v));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "esign-")), "sig.der");
    fs.writeFileSync(file, signedDataToDer(v.signedData));
    const { stdout } = await promisify(execFile)("openssl", ["asn1parse", "-inform", "DER", "-in", file]);
    expect(stdout).toContain("pkcs7-signedData");
    expect(await es.verify(req.receiptId)).toMatchObject({ ok: false, kind: "provider", code: -31000012 });
  });

  it("app-to-app: tx_id → simulated KakaoTalk app → return page with the signature → verify with it", async () => {
    const es = createKakaoCertESign(conf(sb.url));
    const req = await es.request(input({ appToApp: true, receiverHP: "01044445555" }));
    if (!req.ok) throw new Error(JSON.stringify(req));
    expect(req.txId).toMatch(/^[0-9a-f]{32}$/);
    const returnUrl = "https://shop.test/esign/return?order=42";
    const app = await (
      await fetch(`${sb.url}/kakaotalk/app/${req.txId}?return=${encodeURIComponent(returnUrl)}`)
    ).text();
    expect(app).toContain("서명하기");
    const res = await fetch(`${sb.url}/kakaotalk/app/${req.txId}/sign`, {
      method: "POST",
      body: new URLSearchParams({ return: returnUrl, platform: "android" }),
      redirect: "manual",
    });
    const back = new URL(res.headers.get("location")!);
    expect(back.searchParams.get("order")).toBe("42");
    expect(back.searchParams.get("tx_id")).toBe(req.txId);
    const signature = back.searchParams.get("signature")!;
    expect(signature.length).toBeGreaterThan(20);

    expect(await es.status(req.receiptId)).toMatchObject({ ok: true, state: 1, appToApp: true, txId: req.txId });
    expect(await es.verify(req.receiptId)).toMatchObject({ ok: false, kind: "provider", code: -31000017 });
    expect(await es.verify(req.receiptId, "QUJD")).toMatchObject({ ok: false, kind: "provider", code: -31000018 });
    expect(await es.verify(req.receiptId, "a b")).toMatchObject({ ok: false, kind: "invalid", field: "signature" });
    const v = await es.verify(req.receiptId, signature);
    expect(v).toMatchObject({ ok: true, receiptId: req.receiptId });
  });

  it("expiry, decline, verify before completion, and a late verify (seed 001 documents no verify window for e-sign)", async () => {
    const es = createKakaoCertESign(conf(sb.url));
    const a = await es.request(input({ expiresIn: 30 }));
    const b = await es.request(input());
    const c = await es.request(input({ expiresIn: 1000 }));
    if (!a.ok || !b.ok || !c.ok) throw new Error("request failed");
    expect(await es.verify(c.receiptId)).toMatchObject({ ok: false, kind: "provider", code: -31000011 });
    await fetch(`${sb.url}/kakaotalk/r/${b.receiptId}/decline`, {
      method: "POST",
      body: new URLSearchParams({}),
      redirect: "manual",
    });
    expect(await es.status(b.receiptId)).toMatchObject({ ok: true, state: 3, stateName: "declined" });
    await fetch(`${sb.url}/__sandbox/linkhub/requests/${c.receiptId}/sign`, { method: "POST" });
    await advance(31_000);
    expect(await es.status(a.receiptId)).toMatchObject({ ok: true, state: 2, stateName: "expired" });
    expect(await es.verify(a.receiptId)).toMatchObject({ ok: false, kind: "provider", code: -31000014 });
    await advance(10 * 60_000);
    // Only Barocert CMS (seed 000 §3) limits verify to 10 minutes; the legacy KakaoCert e-sign API states none.
    expect(await es.verify(c.receiptId)).toMatchObject({ ok: true, receiptId: c.receiptId });
  });

  it("validates input and configuration before any request", async () => {
    const es = createKakaoCertESign(conf(sb.url));
    expect(await es.request(input({ receiverHP: "0101234" }))).toMatchObject({
      ok: false,
      kind: "invalid",
      field: "receiverHP",
    });
    expect(await es.request(input({ receiverBirthday: "1988-02-30" }))).toMatchObject({
      ok: false,
      kind: "invalid",
      field: "receiverBirthday",
    });
    expect(await es.request(input({ document: "" }))).toMatchObject({ ok: false, kind: "invalid", field: "document" });
    expect(await es.request(input({ receiverName: "가".repeat(21) }))).toMatchObject({
      ok: false,
      kind: "invalid",
      field: "receiverName",
    });
    expect(await createKakaoCertESign(conf("https://example.com")).request(input())).toMatchObject({
      ok: false,
      kind: "config",
    });
    expect(await createKakaoCertESign(conf(sb.url, { clientCode: "12" })).request(input())).toMatchObject({
      ok: false,
      kind: "config",
    });
    const wrongKey = createKakaoCertESign(conf(sb.url, { secretKey: Buffer.alloc(32, 5).toString("base64") }));
    expect(await wrongKey.request(input())).toMatchObject({ ok: false, kind: "config", code: -10000092 });
    const unknownClient = createKakaoCertESign(conf(sb.url, { clientCode: "020040000999" }));
    expect(await unknownClient.request(input())).toMatchObject({ ok: false, kind: "config", code: -10000095 });
  });

  it("two adapters on different hosts coexist despite the SDK's module-global linkhub config", async () => {
    const other = await startTestSandbox();
    try {
      const a = createKakaoCertESign(conf(sb.url));
      const b = createKakaoCertESign(conf(other.url)); // constructed last: owns linkhub's global TokenBuilder
      const ra = await a.request(input());
      const rb = await b.request(input());
      expect(ra.ok && rb.ok).toBe(true);
      if (!ra.ok || !rb.ok) return;
      expect(await a.status(ra.receiptId)).toMatchObject({ ok: true, state: 0 });
      expect(await b.status(rb.receiptId)).toMatchObject({ ok: true, state: 0 });
      expect(await b.status(ra.receiptId)).toMatchObject({ ok: false, kind: "provider", code: -31000010 });
    } finally {
      await other.close();
    }
  });

  it("sandbox down → timeout; hang fault → timeout", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const down = createKakaoCertESign(conf(`http://127.0.0.1:${port}`, { timeoutMs: 600 }));
    expect(await down.request(input())).toMatchObject({ ok: false, kind: "timeout", reason: "unreachable" });
    expect(await down.status("123456789012345678")).toMatchObject({ ok: false, kind: "timeout" });

    const es = createKakaoCertESign(conf(sb.url, { timeoutMs: 600 }));
    await fetch(`${sb.url}/__sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ provider: "kakaocert", op: "verify", mode: "hang", delayMs: 1200 }),
    });
    expect(await es.verify("123456789012345678")).toMatchObject({ ok: false, kind: "timeout", reason: "no_response" });
  });
});
