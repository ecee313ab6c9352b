// Integration: the adapter drives the official barocert SDK against the sandbox over HTTP.
import { serve } from "@hono/node-server";
import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createSandbox } from "../../../sandbox/app";
import { startTestSandbox } from "../../../sandbox/test-server";
import {
  createBarocertCms,
  identityMatches,
  signedDataToDer,
  type BarocertCmsConfig,
  type CmsRequestInput,
} from "./index";

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

const base = (url: string, over: Partial<BarocertCmsConfig> = {}): BarocertCmsConfig => ({
  linkId: "TESTER",
  secretKey: "SwWxqU+0TErBXy/9TVjIPEnI0VTUMMSQZtJf3Ed8q3I=",
  clientCode: "023040000001",
  serviceUrl: url,
  authUrl: `${url}/`, // trailing slash on purpose: the adapter normalises it for the SDK
  resultKey: "ngLuIsOvtgCjiXtrCHeTq2hw11hK7p2/hqijiEOZcWI=",
  resultIv: Buffer.from("LqPCk23cZpWZh4YKtPIaBg==", "base64").toString("hex"), // hex form of the sample IV
  timeoutMs: 5000,
  ...over,
});
const input = (over: Partial<CmsRequestInput> = {}): CmsRequestInput => ({
  receiverName: "홍길동",
  receiverHP: "010-1234-5678",
  receiverBirthday: "1990-01-31",
  reqTitle: "카카오 체크아웃 정기결제 출금동의",
  extraMessage: "매월 9,900원이 출금됩니다.",
  expireIn: 300,
  requestCorp: "카카오 체크아웃",
  bankName: "국민은행",
  bankAccountNum: "123456-01-234567",
  bankAccountName: "홍길동",
  bankAccountBirthday: "19900131",
  bankServiceType: "CMS",
  ...over,
});
const control = (rid: string, action: string) =>
  fetch(`${sb.url}/__sandbox/linkhub/requests/${rid}/${action}`, { method: "POST" }).then(
    (r) => r.json() as Promise<any>,
  );
const advance = (ms: number) =>
  fetch(`${sb.url}/__sandbox/clock`, { method: "POST", body: JSON.stringify({ advanceMs: ms }) });
const count = async () =>
  ((await (await fetch(`${sb.url}/__sandbox/linkhub/requests`)).json()) as any).requests.length as number;

async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe("createBarocertCms against the sandbox (official SDK)", () => {
  it("request → sign in KakaoTalk → status → verify → decrypted identity and a DER file", async () => {
    const cms = createBarocertCms(base(sb.url));
    const req = await cms.request(input());
    expect(req.ok).toBe(true);
    if (!req.ok) return;
    expect(req.receiptId).toMatch(/^\d{32}$/);
    expect(req.scheme).toBeUndefined();

    const waiting = await cms.status(req.receiptId);
    expect(waiting).toMatchObject({ ok: true, state: 0, stateName: "waiting", clientCode: "023040000001" });

    // the tester signs on the simulated KakaoTalk sheet
    const form = await fetch(`${sb.url}/kakaotalk/r/${req.receiptId}/sign`, {
      method: "POST",
      body: new URLSearchParams({ phone: "01012345678" }),
      redirect: "manual",
    });
    expect(form.status).toBe(303);

    const done = await cms.status(req.receiptId);
    expect(done).toMatchObject({ ok: true, state: 1, stateName: "complete" });
    if (!done.ok) return;
    expect(done.completedAt).toBeInstanceOf(Date);
    expect(done.expiresAt!.getTime() - done.requestedAt!.getTime()).toBe(300_000);

    const v = await cms.verify(req.receiptId);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.identity).toMatchObject({ name: "홍길동", birthday: "19900131", phone: "01012345678" });
    expect(["MALE", "FEMALE"]).toContain(v.identity!.gender);
    expect(v.identity!.ci).toHaveLength(88);
    expect(identityMatches(v.identity, { name: "홍길동", birthday: "1990-01-31", phone: "010-1234-5678" })).toBe(true);
    expect(identityMatches(v.identity, { name: "김철수", birthday: "1990-01-31", phone: "010-1234-5678" })).toBe(false);

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cms-")), "consent.der");
    fs.writeFileSync(file, signedDataToDer(v.signedData));
    const { stdout } = await promisify(execFile)("openssl", ["asn1parse", "-inform", "DER", "-in", file]);
    expect(stdout).toContain("pkcs7-signedData");
    expect(stdout).toContain("pkcs7-data");

    const after = await cms.status(req.receiptId);
    expect(after.ok && after.verifiedAt).toBeInstanceOf(Date);
    // verify only once
    expect(await cms.verify(req.receiptId)).toMatchObject({ ok: false, kind: "provider", code: -40100012 });
  });

  it("refuses verify before completion and later than 10 minutes after it", async () => {
    const cms = createBarocertCms(base(sb.url));
    const req = await cms.request(input({ expireIn: 1000 }));
    if (!req.ok) throw new Error(JSON.stringify(req));
    expect(await cms.verify(req.receiptId)).toMatchObject({ ok: false, kind: "provider", code: -40100011 });
    expect((await control(req.receiptId, "sign")).ok).toBe(true);
    await advance(10 * 60_000 + 5_000);
    expect(await cms.verify(req.receiptId)).toMatchObject({ ok: false, kind: "provider", code: -40100013 });
  });

  it("expires on time, and a declined request cannot be verified", async () => {
    const cms = createBarocertCms(base(sb.url));
    const a = await cms.request(input({ expireIn: 60 }));
    const b = await cms.request(input());
    if (!a.ok || !b.ok) throw new Error("request failed");
    await advance(59_000);
    expect(await cms.status(a.receiptId)).toMatchObject({ ok: true, state: 0 });
    await advance(2_000);
    expect(await cms.status(a.receiptId)).toMatchObject({ ok: true, state: 2, stateName: "expired" });
    expect(await cms.verify(a.receiptId)).toMatchObject({ ok: false, kind: "provider", code: -40100014 });
    const decline = await fetch(`${sb.url}/kakaotalk/r/${b.receiptId}/decline`, {
      method: "POST",
      body: new URLSearchParams({}),
      redirect: "manual",
    });
    expect(decline.status).toBe(303);
    expect(await cms.status(b.receiptId)).toMatchObject({ ok: true, state: 3, stateName: "declined" });
    expect(await cms.verify(b.receiptId)).toMatchObject({ ok: false, kind: "provider", code: -40100015 });
  });

  it("app-to-app returns a scheme; the simulated app signs and returns to returnURL", async () => {
    const cms = createBarocertCms(base(sb.url));
    expect(await cms.request(input({ appUseYN: true }))).toMatchObject({
      ok: false,
      kind: "invalid",
      field: "returnURL",
    });
    const req = await cms.request(input({ appUseYN: true, returnURL: "https://shop.test/cms/return?o=7" }));
    if (!req.ok) throw new Error(JSON.stringify(req));
    expect(req.scheme).toMatch(/\/kakaotalk\/app\/[0-9a-f]{32}$/);
    expect(await (await fetch(req.scheme!)).text()).toContain("서명하기");
    const res = await fetch(`${req.scheme}/sign`, {
      method: "POST",
      body: new URLSearchParams({}),
      redirect: "manual",
    });
    expect(res.headers.get("location")).toBe("https://shop.test/cms/return?o=7");
    const v = await cms.verify(req.receiptId);
    expect(v.ok && v.identity?.name).toBe("홍길동");
  });

  it("validates input in Korean before any request", async () => {
    const cms = createBarocertCms(base(sb.url));
    const before = await count();
    const bad = [
      [{ receiverHP: "010-12-34" }, "receiverHP"],
      [{ receiverBirthday: "19901332" }, "receiverBirthday"],
      [{ bankAccountNum: "계좌번호" }, "bankAccountNum"],
      [{ bankAccountBirthday: "" }, "bankAccountBirthday"],
      [{ reqTitle: "가".repeat(41) }, "reqTitle"],
      [{ expireIn: 0 }, "expireIn"],
      [{ bankServiceType: "ACH" as never }, "bankServiceType"],
    ] as const;
    for (const [over, field] of bad) {
      const r = await cms.request(input(over));
      expect(r).toMatchObject({ ok: false, kind: "invalid", field });
      if (!r.ok && r.kind === "invalid") expect(r.message).toMatch(/[가-힣]/);
    }
    expect(await cms.status("123")).toMatchObject({ ok: false, kind: "invalid" });
    expect(await count()).toBe(before);
  });

  it("wrong keys, client code or URLs are configuration errors", async () => {
    const wrongSecret = createBarocertCms(base(sb.url, { secretKey: Buffer.alloc(32, 9).toString("base64") }));
    expect(await wrongSecret.request(input())).toMatchObject({ ok: false, kind: "config", code: -10000092 });
    const wrongClient = createBarocertCms(base(sb.url, { clientCode: "023040000999" }));
    expect(await wrongClient.status("0".repeat(32))).toMatchObject({ ok: false, kind: "config", code: -40100003 });
    expect(await createBarocertCms(base(sb.url, { clientCode: "abc" })).status("0".repeat(32))).toMatchObject({
      ok: false,
      kind: "config",
    });
    expect(await createBarocertCms(base(sb.url, { secretKey: "" })).request(input())).toMatchObject({
      ok: false,
      kind: "config",
    });
    expect(await createBarocertCms(base(sb.url, { resultIv: "abc" })).request(input())).toMatchObject({
      ok: false,
      kind: "config",
    });
    expect(await createBarocertCms(base("https://127.0.0.1:8443")).request(input())).toMatchObject({
      ok: false,
      kind: "config",
    });

    // a wrong result key cannot be detected by CTR itself: the adapter keeps signedData and reports the identity problem
    const wrongResult = createBarocertCms(base(sb.url, { resultKey: Buffer.alloc(32, 3).toString("base64") }));
    const req = await wrongResult.request(input());
    if (!req.ok) throw new Error(JSON.stringify(req));
    await control(req.receiptId, "sign");
    const v = await wrongResult.verify(req.receiptId);
    expect(v).toMatchObject({ ok: true, identity: null });
    expect(v.ok && v.identityError).toMatch(/BAROCERT_RESULT_KEY/);
    expect(v.ok && v.signedData.length).toBeGreaterThan(100);
  });

  it("provider faults: error → provider, hang → timeout", async () => {
    const cms = createBarocertCms(base(sb.url, { timeoutMs: 700 }));
    await fetch(`${sb.url}/__sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({
        provider: "barocert",
        op: "request",
        mode: "error",
        code: "-40100050",
        message: "점검 중",
      }),
    });
    expect(await cms.request(input())).toEqual({ ok: false, kind: "provider", code: -40100050, message: "점검 중" });
    await fetch(`${sb.url}/__sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ provider: "barocert", op: "status", mode: "hang", delayMs: 1500 }),
    });
    const t0 = Date.now();
    expect(await cms.status("0".repeat(32))).toMatchObject({ ok: false, kind: "timeout", reason: "no_response" });
    expect(Date.now() - t0).toBeLessThan(1400);
  });

  it("sandbox down: unreachable (closed port) and no answer (token cached, service gone) both end as timeout", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {}); // the SDK console.errors transport failures
    const port = await closedPort();
    const down = createBarocertCms(base(`http://127.0.0.1:${port}`, { timeoutMs: 800 }));
    expect(await down.request(input())).toMatchObject({ ok: false, kind: "timeout", reason: "unreachable" });
    expect(await down.status("0".repeat(32))).toMatchObject({ ok: false, kind: "timeout" }); // no uncaught SDK error on the 2nd call

    const other = await startTestSandbox();
    const cms = createBarocertCms(base(other.url, { timeoutMs: 800 }));
    expect(await cms.status("0".repeat(32))).toMatchObject({ ok: false, kind: "provider", code: -40100010 }); // token now cached
    await other.close();
    const t0 = Date.now();
    expect(await cms.status("0".repeat(32))).toMatchObject({ ok: false, kind: "timeout", reason: "no_response" });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(750);
    expect(await cms.status("0".repeat(32))).toMatchObject({ ok: false, kind: "timeout" });
  });

  it("a restarted sandbox forgets tokens: the adapter drops its token cache and retries once", async () => {
    const first = await startTestSandbox();
    const port = Number(new URL(first.url).port);
    const cms = createBarocertCms(base(first.url, { timeoutMs: 2000 }));
    expect(await cms.status("0".repeat(32))).toMatchObject({ kind: "provider", code: -40100010 });
    await first.close();
    await new Promise((r) => setTimeout(r, 200)); // let the SDK's keep-alive sockets see the close (a real restart takes longer)
    const { app } = createSandbox({ publicUrl: first.url });
    const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
    if (!server.listening) await new Promise((r) => server.once("listening", r));
    try {
      const r = await cms.request(input());
      expect(r).toMatchObject({ ok: true });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("concurrent first calls share nothing fragile", async () => {
    const cms = createBarocertCms(base(sb.url));
    const rs = await Promise.all([cms.request(input()), cms.request(input()), cms.status("0".repeat(32))]);
    expect(rs.map((r) => r.ok)).toEqual([true, true, false]);
  });
});
