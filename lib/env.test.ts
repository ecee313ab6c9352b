import { afterEach, describe, expect, it } from "vitest";
import { DEV_APP_SECRET, DEV_PII_KEYS, env, resetEnvCache } from "./env";

const base = { DATABASE_URL: "postgres://x@127.0.0.1/x", KAKAOPAY_SECRET_KEY: "k", KAKAOPAY_CID: "TC0ONETIME" };
const PII = { PII_KEYS: `k1:${Buffer.alloc(32, 7).toString("base64")}` };
const saved = { ...process.env };

function withEnv(vars: Record<string, string | undefined>) {
  for (const k of Object.keys(process.env))
    if (
      k.startsWith("RATE_LIMIT_") ||
      k.startsWith("CSP_") ||
      k === "APP_SECRET" ||
      k === "ALLOW_DEV_SECRET" ||
      k.startsWith("PII_")
    )
      delete process.env[k];
  Object.assign(process.env, base, vars);
  resetEnvCache();
  return env;
}
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

describe("APP_SECRET", () => {
  it("production needs ≥ 32 characters of its own; ALLOW_DEV_SECRET no longer bypasses it", () => {
    expect(() => withEnv({ NODE_ENV: "production" })()).toThrow(/APP_SECRET/);
    expect(() => withEnv({ NODE_ENV: "production", ALLOW_DEV_SECRET: "1" })()).toThrow(/APP_SECRET/);
    expect(() => withEnv({ NODE_ENV: "production", APP_SECRET: DEV_APP_SECRET, ALLOW_DEV_SECRET: "1" })()).toThrow(
      /APP_SECRET/,
    );
    expect(() => withEnv({ NODE_ENV: "production", APP_SECRET: "a".repeat(31) })()).toThrow(/32/);
    expect(withEnv({ NODE_ENV: "production", APP_SECRET: "a".repeat(32), ...PII })().APP_SECRET).toHaveLength(32);
    expect(withEnv({ NODE_ENV: "development" })().APP_SECRET).toBe(DEV_APP_SECRET);
    expect(() => withEnv({ NODE_ENV: "development", APP_SECRET: "short" })()).toThrow(/APP_SECRET/);
  });
});

describe("rate limits and CSP sources are configuration", () => {
  it("parses points/seconds with an optional lockout, and refuses nonsense", () => {
    const e = withEnv({
      NODE_ENV: "test",
      RATE_LIMIT_CONSENT_PER_PHONE: "2/60",
      RATE_LIMIT_LOGIN_PER_ACCOUNT_IP: "5/900/block=1800",
    })();
    expect(e.RATE_LIMIT_CONSENT_PER_PHONE).toEqual({ points: 2, seconds: 60, blockSeconds: undefined });
    expect(e.RATE_LIMIT_LOGIN_PER_ACCOUNT_IP).toEqual({ points: 5, seconds: 900, blockSeconds: 1800 });
    expect(e.RATE_LIMIT_LOOKUP_PER_ORDER).toEqual({ points: 5, seconds: 900, blockSeconds: 900 }); // default
    expect(() => withEnv({ NODE_ENV: "test", RATE_LIMIT_CHECKOUT_PER_IP: "lots" })()).toThrow(
      /RATE_LIMIT_CHECKOUT_PER_IP/,
    );
    expect(() => withEnv({ NODE_ENV: "test", RATE_LIMIT_CHECKOUT_PER_IP: "0/60" })()).toThrow(
      /RATE_LIMIT_CHECKOUT_PER_IP/,
    );
    expect(
      withEnv({ NODE_ENV: "test", CSP_FORM_ACTION: "https://smpay.example.com, https://b.example.com:8443" })()
        .CSP_FORM_ACTION,
    ).toEqual(["https://smpay.example.com", "https://b.example.com:8443"]);
    expect(() => withEnv({ NODE_ENV: "test", CSP_FRAME_SRC: "https://a.example.com; script-src *" })()).toThrow(
      /CSP_FRAME_SRC/,
    );
  });
});

describe("PII_KEYS", () => {
  const secret = { APP_SECRET: "a".repeat(32) };
  it("production needs its own key; elsewhere the public dev key is used when unset", () => {
    expect(() => withEnv({ NODE_ENV: "production", ...secret })()).toThrow(/PII_KEYS/);
    expect(() => withEnv({ NODE_ENV: "production", ...secret, PII_KEYS: DEV_PII_KEYS })()).toThrow(/dev key/);
    expect(withEnv({ NODE_ENV: "production", ...secret, ...PII })().PII_KEYS).toBe(PII.PII_KEYS);
    expect(withEnv({ NODE_ENV: "development" })().PII_KEYS).toBe(DEV_PII_KEYS);
  });
  it("refuses malformed keys and a PII_KEY_ID that is not listed, without echoing key material", () => {
    const short = Buffer.alloc(16, 1).toString("base64");
    expect(() => withEnv({ NODE_ENV: "test", PII_KEYS: `k1:${short}` })()).toThrow(/32 bytes/);
    expect(() => withEnv({ NODE_ENV: "test", PII_KEYS: "nocolon" })()).toThrow(/PII_KEYS/);
    expect(() => withEnv({ NODE_ENV: "test", ...PII, PII_KEY_ID: "k9" })()).toThrow(/PII_KEY_ID/);
    try {
      withEnv({ NODE_ENV: "test", PII_KEYS: `k1:${short}` })();
    } catch (e) {
      expect(String(e)).not.toContain(short);
    }
  });
});
