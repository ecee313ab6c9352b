// The Linkhub reading behind the consents port: codes → what a verify refusal means, state numbers →
// provider states, transport failures → "no answer" with the may-have-reached rule.
import { describe, expect, it } from "vitest";
import { isAlreadyVerified, toConsentFailure, toProviderStatus, verifyRefusalOf } from "./consent";
import { classifySdkError } from "./linkhub";

describe("Linkhub → consents port", () => {
  it("recognises 'already verified' by the sandbox code and, defensively, by the message", () => {
    expect(isAlreadyVerified("barocert", -40100012, "x")).toBe(true);
    expect(isAlreadyVerified("kakaocert", -31000012, "x")).toBe(true);
    // by the exact code of that service only: another service's number (or a near one) is not a match
    expect(isAlreadyVerified("barocert", -31000012, "x")).toBe(false);
    expect(isAlreadyVerified("barocert", -40100112, "x")).toBe(false);
    expect(isAlreadyVerified("barocert", -26000123, "이미 검증된 전자서명입니다.")).toBe(true);
    expect(isAlreadyVerified("kakaocert", -26000123, "검증 API는 1회만 호출할 수 있습니다.")).toBe(true);
    expect(isAlreadyVerified("barocert", -40100099, "internal server error (sandbox fault)")).toBe(false);
    expect(isAlreadyVerified("barocert", -40100013, "전자서명 완료일시로부터 10분이 지나 검증할 수 없습니다.")).toBe(
      false,
    );
  });

  it("a verify refusal's meaning comes from the code table; an unknown code has none (unknown, not refused)", () => {
    expect(verifyRefusalOf("barocert", -40100012, "x")).toBe("used");
    expect(verifyRefusalOf("barocert", -40100013, "전자서명 완료일시로부터 10분이 지나 검증할 수 없습니다.")).toBe(
      "late",
    );
    expect(verifyRefusalOf("barocert", -40100099, "internal server error (sandbox fault)")).toBeUndefined();
    expect(toConsentFailure({ ok: false, kind: "provider", code: -40100099, message: "x" }, "barocert")).toMatchObject({
      kind: "refused",
      resultCode: "-40100099",
      code: "PROVIDER_-40100099",
    });
    expect(
      toConsentFailure({ ok: false, kind: "provider", code: -40100099, message: "x" }, "barocert"),
    ).not.toHaveProperty("verifyRefusal");
  });

  it("provider state numbers (0 waiting, 1 complete, 2 expired, 3 declined, 4 failed) → port states", () => {
    expect([0, 1, 2, 3, 4, 9].map((n) => toProviderStatus({ state: n }).state)).toEqual([
      "waiting",
      "signed",
      "expired",
      "refused",
      "failed",
      "unknown",
    ]);
    expect(toProviderStatus({ state: 1 }).stateCode).toBe("1");
  });

  it("no answer: the SDK's unreachable auth server never reached the provider; a timeout may have", () => {
    const unreachable = classifySdkError({ code: "-99999999", message: "connect ECONNREFUSED" });
    expect(toConsentFailure(unreachable, "barocert")).toMatchObject({
      kind: "no-answer",
      code: "PROVIDER_TIMEOUT",
      maybeReached: false,
    });
  });
});
