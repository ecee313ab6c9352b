import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptResultField, signedDataToDer } from "./crypto";
import {
  barocertAuthSignature,
  classifySdkError,
  decodeKey,
  kakaocertAuthSignature,
  linkhubTokenSignature,
  parseKstStamp,
  sdkUrl,
  stateName,
} from "./linkhub";
import { normalizeAccount, normalizeBirthday, normalizePhone } from "./validation";

const secretKey = "SwWxqU+0TErBXy/9TVjIPEnI0VTUMMSQZtJf3Ed8q3I=";
const date = "2024-01-01T00:00:00.000Z";

describe("Linkhub signatures (reference vectors)", () => {
  it("token HMAC for Barocert, with x-lh-forwarded, and for legacy KakaoCert", () => {
    const body = '{"scope":["partner","401","402","403","404","405"]}';
    expect(crypto.createHash("sha256").update(body).digest("base64")).toBe(
      "BHdeFISF+lG9J6smQ8uNOXwd+dg3yCrLtmLhVfNB+pU=",
    );
    expect(linkhubTokenSignature({ secretKey, body, date, serviceId: "BAROCERT" })).toBe(
      "nNPuVGaZ/Yi8NvqqPnXG7UJws/qm9ppgV64kCgto0Fk=",
    );
    expect(linkhubTokenSignature({ secretKey, body, date, forwarded: "*", serviceId: "BAROCERT" })).toBe(
      "wEfICaP0/eNc+E2q0yGLAqFBbOn2fMUpcrwT7aY+Q+A=",
    );
    expect(
      linkhubTokenSignature({
        secretKey,
        body: '{"access_id":"020040000001","scope":["member","310","320","330"]}',
        date,
        serviceId: "KAKAOCERT",
      }),
    ).toBe("5Cbprr7Hp7C94XT+LrInuMk/WmqEtTLEHFMD3OaYb3Q=");
  });
  it("x-bc-auth: body, no body (Node verify), Java empty-string body", () => {
    const body = '{"reqTitle":"t","expireIn":300}';
    expect(barocertAuthSignature({ secretKey, body, date, path: "/KAKAO/CMS/023040000001" })).toBe(
      "Pr3yRU3jfo1FL7ZnAl9Xt0qeuUSldWHyR/0q9JHjqVA=",
    );
    expect(
      barocertAuthSignature({
        secretKey,
        body: "",
        date,
        path: "/KAKAO/CMS/Verify/023040000001/02311220230400000010000000000011",
      }),
    ).toBe("cZ09y2PBHTXxK+cCB8wDdp8ILiDHonZR5as+0E2HrEs=");
    expect(
      barocertAuthSignature({
        secretKey,
        body: '""',
        date,
        path: "/KAKAO/CMS/023040000001/02311220230400000010000000000011",
      }),
    ).toBe("dfNtYmOuM48PVnFcIvIaHqzD6n2LqydZcypNthJIsPk=");
  });
  it("x-kc-auth", () => {
    expect(kakaocertAuthSignature({ secretKey, body: '{"reqTitle":"t","expireIn":300}', date })).toBe(
      "PLn9vhNm94G98Lyn+9oVP0Vm4MItWoJtw/nSyqqvL/M=",
    );
  });
});

describe("result decryption and signedData", () => {
  it("AES-256-CTR decrypts the reference sample", () => {
    const key = decodeKey("ngLuIsOvtgCjiXtrCHeTq2hw11hK7p2/hqijiEOZcWI=", 32)!;
    const iv = decodeKey("LqPCk23cZpWZh4YKtPIaBg==", 16)!;
    expect(decryptResultField(key, iv, "6wDC13nZMOVMcrvLxhQyXqZ57XbM/LDLAoL4FvSa45jXBmGfKoz2Yp2T")).toBe(
      "안녕하세요. 카카오써트입니다.",
    );
    // hex spelling of the same key
    expect(decodeKey(key.toString("hex"), 32)!.equals(key)).toBe(true);
    expect(decodeKey("short", 32)).toBeUndefined();
  });
  it("signedDataToDer accepts base64 and base64url, refuses non-DER", () => {
    const der = Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]);
    expect(signedDataToDer(der.toString("base64")).equals(der)).toBe(true);
    const big = Buffer.concat([Buffer.from([0x30, 0x81, 0xfe]), Buffer.alloc(0xfe, 0xfb)]);
    expect(signedDataToDer(big.toString("base64url")).equals(big)).toBe(true);
    expect(() => signedDataToDer("aGVsbG8=")).toThrow(/SEQUENCE/);
    expect(() => signedDataToDer("MAUCAQE=")).toThrow(/length/);
    expect(() => signedDataToDer("not base64!")).toThrow();
  });
});

describe("SDK quirks kept in the adapter", () => {
  it("normalises ServiceURL/AuthURL into the forms the SDKs parse", () => {
    expect(sdkUrl("http://127.0.0.1:4010/", "X")).toEqual({ ok: true, url: "http://127.0.0.1:4010" });
    expect(sdkUrl("http://localhost", "X")).toEqual({ ok: true, url: "http://localhost:80" });
    expect(sdkUrl("https://barocert.linkhub.co.kr/", "X")).toEqual({ ok: true, url: "https://barocert.linkhub.co.kr" });
    expect(sdkUrl("", "X")).toEqual({ ok: true, url: undefined });
    expect(sdkUrl("https://example.com:8443", "X").ok).toBe(false);
    expect(sdkUrl("http://127.0.0.1:4010/api", "X").ok).toBe(false);
    expect(sdkUrl("ftp://x", "X").ok).toBe(false);
  });
  it("classifies SDK errors into the one error type", () => {
    expect(classifySdkError({ code: "-99999999", message: "ECONNREFUSED connect" })).toMatchObject({
      kind: "timeout",
      reason: "unreachable",
    });
    expect(classifySdkError({ code: -99999999, message: "이용기관코드는 12자 입니다." })).toMatchObject({
      kind: "config",
    });
    expect(classifySdkError({ code: -10000092, message: "x" })).toMatchObject({ kind: "config", code: -10000092 });
    expect(classifySdkError({ code: -40100012, message: "이미 검증" })).toEqual({
      ok: false,
      kind: "provider",
      code: -40100012,
      message: "이미 검증",
    });
    expect(classifySdkError(undefined)).toMatchObject({ kind: "provider", code: -1 });
  });
  it("parses KST stamps and state numbers", () => {
    expect(parseKstStamp("20240101090000")?.toISOString()).toBe("2024-01-01T00:00:00.000Z");
    expect(parseKstStamp(null)).toBeUndefined();
    expect([0, 1, 2, 3, 4, 9].map(stateName)).toEqual([
      "waiting",
      "complete",
      "expired",
      "declined",
      "failed",
      "unknown",
    ]);
  });
  it("validates phone, birth date and account", () => {
    expect(normalizePhone("010-1234-5678")).toBe("01012345678");
    expect(normalizePhone("02-123-4567")).toBeUndefined();
    expect(normalizeBirthday("1990-01-31")).toBe("19900131");
    expect(normalizeBirthday("19900231")).toBeUndefined();
    expect(normalizeBirthday("29990101")).toBeUndefined();
    expect(normalizeAccount("110-123-456789")).toBe("110123456789");
    expect(normalizeAccount("12ab34")).toBeUndefined();
    // seed 000 §4.2: bankAccountNum is up to 31 characters
    expect(normalizeAccount("1".repeat(31))).toBe("1".repeat(31));
    expect(normalizeAccount("1234-5678-9012-3456-7890-1234-5678-901")).toBe("1234567890123456789012345678901");
    expect(normalizeAccount("1".repeat(32))).toBeUndefined();
    expect(normalizeAccount("12345")).toBeUndefined();
  });
});
