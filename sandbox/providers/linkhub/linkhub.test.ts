import { execFile } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox } from "../../test-server.ts";
import {
  barocertSignature,
  buildSignedData,
  ctrDecrypt,
  ctrEncrypt,
  gcmDecrypt,
  gcmEncrypt,
  kakaocertSignature,
  linkhubTokenSignature,
} from "./crypto.ts";
import { DEFAULTS, decodeKey } from "./config.ts";

const require = createRequire(import.meta.url);
const KEY_B64 = DEFAULTS.SANDBOX_LINKHUB_SECRET_KEY;
const KEY = Buffer.from(KEY_B64, "base64");
const CC = "023040000001";
const KCC = "020040000001";
const RID = "02311220230400000010000000000011";

describe("signatures against the reference vectors (§1.2, §2.3, §3.3)", () => {
  const date = "2024-01-01T00:00:00.000Z";
  it("Linkhub token HMAC", () => {
    const body = Buffer.from('{"scope":["partner","401","402","403","404","405"]}');
    expect(linkhubTokenSignature(KEY, { body, date, uri: "/BAROCERT/Token" })).toBe(
      "nNPuVGaZ/Yi8NvqqPnXG7UJws/qm9ppgV64kCgto0Fk=",
    );
    expect(linkhubTokenSignature(KEY, { body, date, forwarded: "*", uri: "/BAROCERT/Token" })).toBe(
      "wEfICaP0/eNc+E2q0yGLAqFBbOn2fMUpcrwT7aY+Q+A=",
    );
    const legacy = Buffer.from('{"access_id":"020040000001","scope":["member","310","320","330"]}');
    expect(linkhubTokenSignature(KEY, { body: legacy, date, uri: "/KAKAOCERT/Token" })).toBe(
      "5Cbprr7Hp7C94XT+LrInuMk/WmqEtTLEHFMD3OaYb3Q=",
    );
  });
  it("x-bc-auth with body, without body, Java-style empty string body", () => {
    const body = Buffer.from('{"reqTitle":"t","expireIn":300}');
    expect(barocertSignature(KEY, { body, date, path: `/KAKAO/CMS/${CC}` })).toBe(
      "Pr3yRU3jfo1FL7ZnAl9Xt0qeuUSldWHyR/0q9JHjqVA=",
    );
    expect(barocertSignature(KEY, { body: Buffer.alloc(0), date, path: `/KAKAO/CMS/Verify/${CC}/${RID}` })).toBe(
      "cZ09y2PBHTXxK+cCB8wDdp8ILiDHonZR5as+0E2HrEs=",
    );
    expect(barocertSignature(KEY, { body: Buffer.from('""'), date, path: `/KAKAO/CMS/${CC}/${RID}` })).toBe(
      "dfNtYmOuM48PVnFcIvIaHqzD6n2LqydZcypNthJIsPk=",
    );
  });
  it("x-kc-auth", () => {
    expect(kakaocertSignature(KEY, { body: Buffer.from('{"reqTitle":"t","expireIn":300}'), date })).toBe(
      "PLn9vhNm94G98Lyn+9oVP0Vm4MItWoJtw/nSyqqvL/M=",
    );
  });
  it("GCM field vector and CTR sample", () => {
    expect(gcmEncrypt(KEY, "01012341234", Buffer.from("000102030405060708090a0b", "hex"))).toBe(
      "AAECAwQFBgcICQoLsMuSnLPy0gkMtJqiZlgb7CcdygsOPxL9YocV",
    );
    expect(gcmDecrypt(KEY, "AAECAwQFBgcICQoLsMuSnLPy0gkMtJqiZlgb7CcdygsOPxL9YocV")).toBe("01012341234");
    const k = decodeKey(DEFAULTS.SANDBOX_BAROCERT_RESULT_KEY, 32, "k");
    const iv = decodeKey(DEFAULTS.SANDBOX_BAROCERT_RESULT_IV, 16, "iv");
    expect(ctrDecrypt(k, iv, "6wDC13nZMOVMcrvLxhQyXqZ57XbM/LDLAoL4FvSa45jXBmGfKoz2Yp2T")).toBe(
      "안녕하세요. 카카오써트입니다.",
    );
    expect(ctrEncrypt(k, iv, "안녕하세요. 카카오써트입니다.")).toBe(
      "6wDC13nZMOVMcrvLxhQyXqZ57XbM/LDLAoL4FvSa45jXBmGfKoz2Yp2T",
    );
    expect(decodeKey(k.toString("hex"), 32, "k").equals(k)).toBe(true);
  });
  it("signedData is DER that openssl parses and verifies", async () => {
    const der = buildSignedData(Buffer.from("전자서명 원문", "utf8"), { signer: "홍길동", signingTime: new Date() });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lh-")), "s.der");
    fs.writeFileSync(file, der);
    const { stdout } = await promisify(execFile)("openssl", ["asn1parse", "-inform", "DER", "-in", file]);
    expect(stdout).toContain("pkcs7-signedData");
    expect(stdout).toContain("messageDigest");
    const v = await promisify(execFile)("openssl", [
      "cms",
      "-verify",
      "-noverify",
      "-inform",
      "DER",
      "-binary",
      "-in",
      file,
    ]);
    expect(v.stdout).toBe("전자서명 원문");
  });
});

// ----------------------------------------------------------------------------------------------
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

async function token(
  service: "BAROCERT" | "KAKAOCERT",
  opts: { key?: Buffer; linkId?: string; access?: string; date?: string } = {},
) {
  const body =
    service === "BAROCERT"
      ? '{"scope":["partner","401","402","403","404","405"]}'
      : JSON.stringify({ access_id: opts.access ?? KCC, scope: ["member", "310", "320", "330"] });
  const date = opts.date ?? new Date().toISOString();
  const sig = linkhubTokenSignature(opts.key ?? KEY, { body: Buffer.from(body), date, uri: `/${service}/Token` });
  const res = await fetch(`${sb.url}/${service}/Token`, {
    method: "POST",
    headers: {
      "x-lh-date": date,
      "x-lh-version": "2.0",
      authorization: `LINKHUB ${opts.linkId ?? "TESTER"} ${sig}`,
      "content-type": "Application/json",
    },
    body,
  });
  return { status: res.status, json: (await res.json()) as any };
}

async function bcPost(p: string, tok: string, body: string, opts: { key?: Buffer; sigPath?: string } = {}) {
  const date = new Date().toISOString();
  const res = await fetch(`${sb.url}${p}`, {
    method: "POST",
    headers: {
      "x-bc-date": date,
      "x-bc-version": "2.1",
      "x-bc-auth": barocertSignature(opts.key ?? KEY, { body: Buffer.from(body), date, path: opts.sigPath ?? p }),
      "x-bc-encryptionmode": "GCM",
      "content-type": "application/json;charset=utf-8",
      authorization: `Bearer ${tok}`,
    },
    body: body || undefined,
  });
  return { status: res.status, json: (await res.json()) as any };
}

const enc = (s: string) => gcmEncrypt(KEY, s);
function cmsBody(over: Record<string, unknown> = {}) {
  return JSON.stringify({
    receiverHP: enc("01011112222"),
    receiverName: enc("김테스트"),
    receiverBirthday: enc("19900131"),
    reqTitle: "정기결제 출금동의",
    expireIn: 300,
    requestCorp: enc("카카오 체크아웃"),
    bankName: enc("국민은행"),
    bankAccountNum: enc("12345678901234"),
    bankAccountName: enc("김테스트"),
    bankAccountBirthday: enc("19900131"),
    bankServiceType: enc("CMS"),
    ...over,
  });
}
const control = async (rid: string, action: string) => {
  const res = await fetch(`${sb.url}/__sandbox/linkhub/requests/${rid}/${action}`, { method: "POST" });
  return { status: res.status, json: (await res.json()) as any };
};

describe("Linkhub auth over HTTP", () => {
  it("issues a token for a correct HMAC and answers /Time as bare text", async () => {
    const t = await token("BAROCERT");
    expect(t.status).toBe(200);
    expect(t.json).toMatchObject({
      serviceID: "BAROCERT",
      linkID: "TESTER",
      scope: ["partner", "401", "402", "403", "404", "405"],
    });
    expect(t.json.expiration).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const time = await (await fetch(`${sb.url}/Time`)).text();
    expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
  it("refuses a wrong secret, an unknown LinkID, a stale date and an unknown ClientCode with {code,message}", async () => {
    const bad = await token("BAROCERT", { key: Buffer.alloc(32, 7) });
    expect(bad).toMatchObject({ status: 401, json: { code: -10000092 } });
    expect(typeof bad.json.message).toBe("string");
    expect(await token("BAROCERT", { linkId: "NOBODY" })).toMatchObject({ status: 401, json: { code: -10000010 } });
    expect(await token("BAROCERT", { date: new Date(Date.now() - 3_600_000).toISOString() })).toMatchObject({
      status: 401,
      json: { code: -10000093 },
    });
    expect(await token("KAKAOCERT", { access: "020040000999" })).toMatchObject({
      status: 403,
      json: { code: -10000095 },
    });
  });
});

describe("Barocert Kakao CMS over HTTP", () => {
  it("checks x-bc-auth, bearer, client code and GCM fields; supports the Java verify path", async () => {
    const tok = (await token("BAROCERT")).json.session_token as string;
    expect(await bcPost(`/KAKAO/CMS/${CC}`, tok, cmsBody(), { key: Buffer.alloc(32, 1) })).toMatchObject({
      status: 401,
      json: { code: -40100001 },
    });
    expect(await bcPost(`/KAKAO/CMS/${CC}`, "nope", cmsBody())).toMatchObject({
      status: 401,
      json: { code: -10000033 },
    });
    expect(await bcPost(`/KAKAO/CMS/023040000999`, tok, cmsBody())).toMatchObject({
      status: 403,
      json: { code: -40100003 },
    });
    expect(await bcPost(`/KAKAO/CMS/${CC}`, tok, cmsBody({ receiverHP: "01011112222" }))).toMatchObject({
      status: 400,
      json: { code: -40100006 },
    });
    expect(await bcPost(`/KAKAO/CMS/${CC}`, tok, cmsBody({ bankServiceType: enc("ABC") }))).toMatchObject({
      status: 400,
      json: { code: -40100007 },
    });
    expect(await bcPost(`/KAKAO/CMS/${CC}`, tok, cmsBody({ appUseYN: true }))).toMatchObject({
      status: 400,
      json: { code: -40100008 },
    });
    const ok = await bcPost(`/KAKAO/CMS/${CC}`, tok, cmsBody());
    expect(ok.status).toBe(200);
    const rid = ok.json.receiptID as string;
    expect(rid).toMatch(/^\d{32}$/);
    expect(ok.json.scheme).toBeUndefined();
    // GET needs only the bearer token
    const st = await fetch(`${sb.url}/KAKAO/CMS/${CC}/${rid}`, { headers: { authorization: `Bearer ${tok}` } });
    expect(await st.json()).toMatchObject({ receiptID: rid, clientCode: CC, state: 0, viewDT: null, completeDT: null });
    expect((await bcPost(`/KAKAO/CMS/${CC}/${rid}`, tok, '""')).json.code).toBe(-40100011); // Java spelling, not complete yet
    expect((await control(rid, "sign")).json.ok).toBe(true);
    const v = await bcPost(`/KAKAO/CMS/${CC}/${rid}`, tok, '""');
    expect(v.status).toBe(200);
    const k = decodeKey(DEFAULTS.SANDBOX_BAROCERT_RESULT_KEY, 32, "k");
    const iv = decodeKey(DEFAULTS.SANDBOX_BAROCERT_RESULT_IV, 16, "iv");
    expect(ctrDecrypt(k, iv, v.json.receiverName)).toBe("김테스트");
    expect(ctrDecrypt(k, iv, v.json.receiverYear) + ctrDecrypt(k, iv, v.json.receiverDay)).toBe("19900131");
    expect(await bcPost(`/KAKAO/CMS/Verify/${CC}/${rid}`, tok, "")).toMatchObject({
      status: 409,
      json: { code: -40100012 },
    });
    expect(await bcPost(`/KAKAO/CMS/Verify/${CC}/${"1".repeat(32)}`, tok, "")).toMatchObject({
      status: 404,
      json: { code: -40100010 },
    });
  });

  it("expires on the sandbox clock and refuses verify after 10 minutes", async () => {
    const tok = (await token("BAROCERT")).json.session_token as string;
    const a = (await bcPost(`/KAKAO/CMS/${CC}`, tok, cmsBody({ expireIn: 60 }))).json.receiptID as string;
    const b = (await bcPost(`/KAKAO/CMS/${CC}`, tok, cmsBody({ expireIn: 600 }))).json.receiptID as string;
    expect((await control(b, "sign")).json.ok).toBe(true);
    await fetch(`${sb.url}/__sandbox/clock`, {
      method: "POST",
      body: JSON.stringify({ advanceMs: 10 * 60_000 + 1000 }),
    });
    const st = await (
      await fetch(`${sb.url}/KAKAO/CMS/${CC}/${a}`, { headers: { authorization: `Bearer ${tok}` } })
    ).json();
    expect(st.state).toBe(2);
    expect(await control(a, "sign")).toMatchObject({ status: 409 });
    expect(await bcPost(`/KAKAO/CMS/Verify/${CC}/${a}`, tok, "")).toMatchObject({
      status: 409,
      json: { code: -40100014 },
    });
    expect(await bcPost(`/KAKAO/CMS/Verify/${CC}/${b}`, tok, "")).toMatchObject({
      status: 409,
      json: { code: -40100013 },
    });
  });

  it("applies faults per op (error, http500 keep a JSON {code,message} body)", async () => {
    const tok = (await token("BAROCERT")).json.session_token as string;
    await fetch(`${sb.url}/__sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ provider: "barocert", op: "request", mode: "error", code: "-40100077", message: "boom" }),
    });
    expect(await bcPost(`/KAKAO/CMS/${CC}`, tok, cmsBody())).toMatchObject({
      status: 400,
      json: { code: -40100077, message: "boom" },
    });
    await fetch(`${sb.url}/__sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ provider: "barocert", op: "token", mode: "http500" }),
    });
    expect(await token("BAROCERT")).toMatchObject({ status: 500, json: { code: -40100099 } });
  });
});

describe("official SDKs against the sandbox", () => {
  const p = <T>(f: (ok: (v: T) => void, err: (e: any) => void) => void) => new Promise<T>((res, rej) => f(res, rej));
  it("barocert@1.8.0 requestCMS/getCMSStatus/verifyCMS unmodified", async () => {
    const barocert = require("barocert");
    barocert.config({
      LinkID: "TESTER",
      SecretKey: KEY_B64,
      IPRestrictOnOff: false,
      ServiceURL: sb.url,
      AuthURL: sb.url,
    });
    const svc = barocert.KakaocertService.call({});
    const e = (s: string) => svc._encrypt(s);
    const cms = {
      receiverHP: e("01033334444"),
      receiverName: e("이영희"),
      receiverBirthday: e("19851224"),
      reqTitle: "출금동의",
      extraMessage: e("월 9,900원"),
      expireIn: 300,
      requestCorp: e("카카오 체크아웃"),
      bankName: e("신한은행"),
      bankAccountNum: e("110123456789"),
      bankAccountName: e("이영희"),
      bankAccountBirthday: e("19851224"),
      bankServiceType: e("CMS"),
      appUseYN: true,
      returnURL: "https://merchant.test/return",
    };
    const rec: any = await p((ok, err) => svc.requestCMS(CC, cms, ok, err));
    expect(rec.scheme).toMatch(new RegExp(`^${sb.url}/kakaotalk/app/[0-9a-f]{32}$`));
    expect((await control(rec.receiptID, "sign")).json.ok).toBe(true);
    const st: any = await p((ok, err) => svc.getCMSStatus(CC, rec.receiptID, ok, err));
    expect(st.state).toBe(1);
    const v: any = await p((ok, err) => svc.verifyCMS(CC, rec.receiptID, ok, err));
    expect(v.signedData.length).toBeGreaterThan(100);
    await expect(p((ok, err) => svc.verifyCMS(CC, rec.receiptID, ok, err))).rejects.toMatchObject({ code: -40100012 });
  });

  it("kakaocert@2.51.0 requestESign/getESignState/verifyESign with a raw signature tail", async () => {
    const kakaocert = require("kakaocert");
    kakaocert.config({ LinkID: "TESTER", SecretKey: KEY_B64, ServiceURL: sb.url, AuthURL: sb.url });
    const svc = kakaocert.KakaocertService.call({});
    const req = {
      CallCenterNum: "1600-0000",
      Expires_in: 120,
      ReceiverBirthDay: "19900131",
      ReceiverHP: "01055556666",
      ReceiverName: "박서명",
      TMSTitle: "약관 동의",
      Token: "약관에 동의합니다",
      isAllowSimpleRegistYN: false,
      isVerifyNameYN: true,
    };
    const r: any = await p((ok, err) => svc.requestESign(KCC, req, true, ok, err));
    expect(r.receiptId).toMatch(/^\d{18}$/);
    expect(r.tx_id).toMatch(/^[0-9a-f]{32}$/);
    const signed = (await control(r.receiptId, "sign")).json;
    const sig = signed.appReturn.signature as string;
    await expect(p((ok, err) => svc.verifyESign(KCC, r.receiptId, ok, err))).rejects.toMatchObject({ code: -31000017 });
    await expect(p((ok, err) => svc.verifyESign(KCC, r.receiptId, "abc+def/ghi=", ok, err))).rejects.toMatchObject({
      code: -31000018,
    });
    const st: any = await p((ok, err) => svc.getESignState(KCC, r.receiptId, ok, err));
    expect(st).toMatchObject({
      receiptID: r.receiptId,
      state: 1,
      appUseYN: true,
      tx_id: r.tx_id,
      verifyNameYN: true,
      allowSimpleRegistYN: false,
    });
    const v: any = await p((ok, err) => svc.verifyESign(KCC, r.receiptId, sig, ok, err));
    expect(v.receiptId).toBe(r.receiptId);
    expect(Buffer.from(v.signedData, "base64")[0]).toBe(0x30);
  });
});

describe("simulated KakaoTalk", () => {
  it("lists pending requests for a phone, signs from the sheet, and hides app-to-app requests", async () => {
    const tok = (await token("BAROCERT")).json.session_token as string;
    const rid = (await bcPost(`/KAKAO/CMS/${CC}`, tok, cmsBody({ receiverHP: enc("01077778888") }))).json
      .receiptID as string;
    const entry = await (await fetch(`${sb.url}/kakaotalk`)).text();
    expect(entry).toContain("010-7777-8888");
    const chat = await (await fetch(`${sb.url}/kakaotalk?phone=010-7777-8888`)).text();
    expect(chat).toContain("출금동의 요청");
    expect(chat).toContain("정기결제 출금동의");
    expect(chat).toContain("data-left=");
    const sheet = await (await fetch(`${sb.url}/kakaotalk/r/${rid}?phone=01077778888`)).text();
    expect(sheet).toContain("서명하기");
    expect(sheet).toContain("거절");
    const st = await (
      await fetch(`${sb.url}/KAKAO/CMS/${CC}/${rid}`, { headers: { authorization: `Bearer ${tok}` } })
    ).json();
    expect(st.viewDT).toMatch(/^\d{14}$/);
    const res = await fetch(`${sb.url}/kakaotalk/r/${rid}/sign`, {
      method: "POST",
      body: new URLSearchParams({ phone: "01077778888" }),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/kakaotalk?phone=01077778888#r${rid}`);
    const list = (await (await fetch(`${sb.url}/__sandbox/linkhub/requests?phone=01077778888`)).json()) as any;
    expect(list.requests.find((r: any) => r.receiptID === rid).state).toBe(1);
  });

  it("app-to-app page signs and redirects to the merchant return URL with tx_id and signature", async () => {
    const kakaocert = require("kakaocert");
    kakaocert.config({ LinkID: "TESTER", SecretKey: KEY_B64, ServiceURL: sb.url, AuthURL: sb.url });
    const svc = kakaocert.KakaocertService.call({});
    const p2 = <T>(f: (ok: (v: T) => void, err: (e: any) => void) => void) => new Promise<T>((res, rej) => f(res, rej));
    const req = {
      CallCenterNum: "1600-0000",
      Expires_in: 120,
      ReceiverBirthDay: "19900131",
      ReceiverHP: "01099990000",
      ReceiverName: "최앱",
      TMSTitle: "앱 서명",
      Token: "원문",
      isVerifyNameYN: true,
    };
    const r: any = await p2((ok, err) => svc.requestESign(KCC, req, true, ok, err));
    const page = await (
      await fetch(
        `${sb.url}/kakaotalk/app/${r.tx_id}?return=${encodeURIComponent("https://shop.test/esign/return?o=1")}`,
      )
    ).text();
    expect(page).toContain("앱투앱");
    const chat = await (await fetch(`${sb.url}/kakaotalk?phone=01099990000`)).text();
    expect(chat).not.toContain("앱 서명");
    const res = await fetch(`${sb.url}/kakaotalk/app/${r.tx_id}/sign`, {
      method: "POST",
      body: new URLSearchParams({ return: "https://shop.test/esign/return?o=1", platform: "ios" }),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const loc = new URL(res.headers.get("location")!);
    expect(loc.origin + loc.pathname).toBe("https://shop.test/esign/return");
    expect(loc.searchParams.get("o")).toBe("1");
    expect(loc.searchParams.get("tx_id")).toBe(r.tx_id);
    const v: any = await p2((ok, err) => svc.verifyESign(KCC, r.receiptId, loc.searchParams.get("sig")!, ok, err));
    expect(v.signedData).toBeTruthy();
  });
});
