import { describe, expect, it } from "vitest";
import { BAROCERT_CODES, KAKAOCERT_CODES, LINKHUB_AUTH_CODES, linkhubCode } from "./codes";
import { classifySdkError, CONFIG_ERROR_CODES, TOKEN_REJECTED_CODES } from "./linkhub";

// The published Linkhub common codes, transcribed once from https://docs.popbill.com/en/closedown/exception/java
// (English page; the same auth service issues Barocert's and KakaoCert's tokens).
const PUBLISHED: Record<number, string> = {
  [-10000010]: "Partner Information does not exist.",
  [-10000011]: "User information does not exist.",
  [-10000012]: "Master(user) corresponds to the entered information of LinkID and BRN does not exist.",
  [-10000014]: "There is no user corresponds with the entered BRN information.",
  [-10000015]: "Business registration number is not entered.",
  [-10000018]: "Disabled ID",
  [-10000019]: "Inactive ID",
  [-10000020]: "Deleted ID",
  [-10000021]: "Disabled ID",
  [-10000029]: "IP Information to access does not exist.",
  [-10000032]: "Token Generation failed.",
  [-10000033]: "Token Interpretation failed.",
  [-10000034]: "Auth token is not entered",
};

describe("Linkhub code tables", () => {
  it("mark exactly the published auth codes as confirmed, with the published source", () => {
    const confirmed = Object.entries(LINKHUB_AUTH_CODES)
      .filter(([, i]) => i.confirmed)
      .map(([c]) => Number(c));
    expect(confirmed.sort()).toEqual(Object.keys(PUBLISHED).map(Number).sort());
    for (const code of confirmed) expect(LINKHUB_AUTH_CODES[code]!.source).toMatch(/docs\.popbill\.com/);
  });

  it("never reuse a published number for a sandbox-only situation", () => {
    for (const [code, info] of Object.entries(LINKHUB_AUTH_CODES))
      if (!info.confirmed) expect(PUBLISHED[Number(code)]).toBeUndefined();
  });

  it("mark every Barocert / KakaoCert number as our choice (unpublished)", () => {
    for (const info of [...Object.values(BAROCERT_CODES), ...Object.values(KAKAOCERT_CODES)]) {
      expect(info.confirmed).toBe(false);
      expect(info.source).toMatch(/UNCONFIRMED/);
    }
  });

  it("give every code a Korean staff explanation, and customer-triggerable codes a Korean next step", () => {
    const all = [
      ...Object.values(LINKHUB_AUTH_CODES),
      ...Object.values(BAROCERT_CODES),
      ...Object.values(KAKAOCERT_CODES),
    ];
    for (const info of all) expect(info.staff).toMatch(/[가-힣]/);
    for (const kind of ["request_expired", "request_declined", "verify_late", "signature_mismatch"] as const)
      for (const info of all.filter((i) => i.kind === kind)) expect(info.customer).toMatch(/다시/);
  });

  it("look codes up exactly, per service: no ranges, no suffixes", () => {
    expect(linkhubCode("barocert", -40100012)?.kind).toBe("verify_used");
    expect(linkhubCode("kakaocert", -31000012)?.kind).toBe("verify_used");
    expect(linkhubCode("barocert", -31000012)).toBeUndefined();
    expect(linkhubCode("barocert", -40100112)).toBeUndefined();
    expect(linkhubCode("kakaocert", -46300004)).toBeUndefined(); // Toss identity's published code: another service
  });

  it("classify an unknown code as a provider answer (not config, not success)", () => {
    expect(classifySdkError({ code: -40123456, message: "?" })).toEqual({
      ok: false,
      kind: "provider",
      code: -40123456,
      message: "?",
    });
    expect(CONFIG_ERROR_CODES.has(-10000010)).toBe(true);
    expect(TOKEN_REJECTED_CODES).toEqual(new Set([-10000033, -10000034]));
    expect(classifySdkError({ code: -10000029, message: "x" })).toMatchObject({ kind: "config", code: -10000029 });
  });
});
