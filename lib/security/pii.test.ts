import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { openPii, openPiiOrNull, PiiError, piiNeedsReseal, sealAccountNumber, sealPii } from "./pii";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});
const use = (vars: Record<string, string>) => {
  Object.assign(
    process.env,
    {
      DATABASE_URL: "postgres://x@127.0.0.1/x",
      KAKAOPAY_SECRET_KEY: "k",
      KAKAOPAY_CID: "TC0ONETIME",
      NODE_ENV: "test",
    },
    vars,
  );
  resetEnvCache();
};

describe("sealPii / openPii with the configured keys", () => {
  it("seals with PII_KEY_ID and opens values of any listed key after rotation", () => {
    const k1 = `k1:${randomBytes(32).toString("base64")}`;
    const k2 = `k2:${randomBytes(32).toString("base64")}`;
    use({ PII_KEYS: k1, PII_KEY_ID: "" });
    const { sealed, last4 } = sealAccountNumber("123456-01-234567");
    expect(last4).toBe("4567");
    expect(sealed.startsWith("pii1.k1.")).toBe(true);
    use({ PII_KEYS: `${k1},${k2}`, PII_KEY_ID: "k2" });
    expect(openPii(sealed)).toBe("123456-01-234567");
    expect(piiNeedsReseal(sealed)).toBe(true);
    expect(sealPii("x").startsWith("pii1.k2.")).toBe(true);
    expect(openPiiOrNull(null)).toBeNull();
    use({ PII_KEYS: k2, PII_KEY_ID: "" });
    expect(() => openPii(sealed)).toThrow(PiiError);
  });
});
