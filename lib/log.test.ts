import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, isSensitiveKey, redactDeep } from "./log";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: createLogger({ level: "info", destination }), text: () => lines.join("") };
}

describe("logs redact personal data and secrets at any depth", () => {
  it("a nested object with a phone, an account number and a key leaves none of them in the output", () => {
    const { log, text } = capture();
    const phone = "01098765432";
    const account = "110-456-789012";
    const key = "DEVPAYUPCERTKEY000000000000000001";
    log.info(
      {
        orderNumber: "KC261123-ABC234",
        request: {
          body: { data: { customer: { contact: { phone, mobilePhone: "010-2222-3333" } } } },
          headers: { Authorization: `Bearer ${key}`, "x-api-key": key },
        },
        consent: [
          {
            bank: {
              accountNumber: account,
              bank_account_num: account,
              account_no: account,
              holder: { accountHolder: "김카카오" },
            },
          },
        ],
        customer: {
          profile: {
            deep: {
              birthday: "19900131",
              birthDate: "1990-01-31",
              user_birth: "900131",
              bankAccountNumEnc: "pii1.k1.c2VhbGVk",
            },
          },
        },
        env: { PII_KEYS: "k1:rgwzOX5dTA8m3iPeLaa9vrj2QggEGwc2Awo/tLtxtRU=" },
        provider: {
          config: {
            payup: { apiCertKey: key, secret_key: key, nested: { deeper: { evenDeeper: { resultKey: key } } } },
          },
        },
        note: `customer called from 010-9876-5432 (${"buyer@example.com"})`,
      },
      "consent requested for 010 9876 5432",
    );
    const out = text();
    expect(out).toContain("KC261123-ABC234"); // identifiers that are not personal data stay
    expect(out).toContain("[redacted]");
    for (const leaked of [
      phone,
      "9876-5432",
      "9876 5432",
      "2222-3333",
      account,
      "456-789012",
      key,
      "buyer@example.com",
      "김카카오",
      "19900131",
      "1990-01-31",
      "900131",
      "pii1.k1",
      "rgwzOX5dTA8m3iPeLaa9vrj2QggEGwc2Awo",
    ]) {
      expect(out, `log output contains ${leaked}`).not.toContain(leaked);
    }
  });

  it("errors, arrays, cycles and Maps are walked too", () => {
    const e = Object.assign(new Error("lookup failed for 01012345678"), { phone: "01012345678" });
    const cyclic: Record<string, unknown> = { a: { password: "hunter2hunter2" } };
    cyclic.self = cyclic;
    const out = JSON.stringify(
      redactDeep({ err: e, list: [{ email: "a@b.co" }], cyclic, m: new Map([["token", "t0k3n-value"]]) }),
    );
    expect(out).not.toContain("01012345678");
    expect(out).not.toContain("hunter2hunter2");
    expect(out).not.toContain("a@b.co");
    expect(out).not.toContain("t0k3n-value");
    expect(out).toContain("[circular]");
  });

  it("knows which keys are secrets", () => {
    for (const k of [
      "apiKey",
      "secretKey",
      "pg_token",
      "passwordHash",
      "buyerPhone",
      "customer_birthday",
      "bankAccountNum",
      "DOZN_API_KEY",
      "resultKey",
      "PII_KEYS",
      "birthDate",
      "user_birth",
      "bankAccountNumEnc",
      "bankAccountLast4",
    ])
      expect(isSensitiveKey(k), k).toBe(true);
    for (const k of ["orderNumber", "paymentId", "status", "idempotencyKey", "amount", "key", "endpoint"])
      expect(isSensitiveKey(k), k).toBe(false);
  });
});
