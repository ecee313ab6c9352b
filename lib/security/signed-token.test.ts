import { describe, expect, it } from "vitest";
import { addSigned, hasSigned, signedValues, signToken, verifyToken } from "./signed-token";

const S = "s3cret-s3cret-s3cret";

describe("signed tokens", () => {
  it("verify only for the same secret, purpose and value, and carry their version", () => {
    const t = signToken(S, "payment-attempt", "pay_1");
    expect(t).toMatch(/^v1[A-Za-z0-9_-]{22}$/);
    expect(verifyToken(S, "payment-attempt", "pay_1", t)).toBe(true);
    expect(verifyToken(S, "payment-attempt", "pay_2", t)).toBe(false);
    expect(verifyToken(S, "order-access", "pay_1", t)).toBe(false);
    expect(verifyToken("another-secret-value", "payment-attempt", "pay_1", t)).toBe(false);
    expect(verifyToken(S, "payment-attempt", "pay_1", `v2${t.slice(2)}`)).toBe(false);
    expect(verifyToken(S, "payment-attempt", "pay_1", t.slice(2))).toBe(false);
    for (const bad of [null, undefined, "", "v1", `${t}x`])
      expect(verifyToken(S, "payment-attempt", "pay_1", bad)).toBe(false);
  });

  it("a signed list keeps the newest entries and proves only what was signed", () => {
    let raw: string | undefined;
    for (let i = 0; i < 25; i++) raw = addSigned(S, "consent-access", raw, `c${i}`);
    expect(signedValues(S, "consent-access", raw)).toEqual(Array.from({ length: 20 }, (_, i) => `c${i + 5}`));
    expect(hasSigned(S, "consent-access", raw, "c24")).toBe(true);
    expect(hasSigned(S, "consent-access", raw, "c0")).toBe(false);
    expect(hasSigned(S, "order-access", raw, "c24")).toBe(false);
    expect(hasSigned(S, "consent-access", `${raw}.c99~${signToken(S, "order-access", "c99")}`, "c99")).toBe(false);
    // re-adding moves an entry to the end without duplicating it
    const again = addSigned(S, "consent-access", raw, "c10");
    expect(signedValues(S, "consent-access", again).filter((v) => v === "c10")).toHaveLength(1);
    expect(signedValues(S, "consent-access", again).at(-1)).toBe("c10");
  });
});
