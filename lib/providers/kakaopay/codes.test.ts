import { describe, expect, it } from "vitest";
import { KAKAOPAY_ERROR_CODES, KAKAOPAY_STATUSES, describeKakaoPayError, readKakaoPayStatus } from "./codes";

// Transcribed once from the sources (see sandbox/providers/kakaopay/README.md):
// Kakao REST API common error codes (developers.kakao.com/docs/latest/en/rest-api/error-code), the -780 sample of
// Kakao's single-payment docs, -781 from issue 10 (UNCONFIRMED).
const PUBLISHED: Record<string, "declined" | "config" | "unknown"> = {
  "-1": "unknown", // internal error, retry
  "-2": "config", // required parameter missing / wrong type / out of range
  "-3": "config", // required feature not activated
  "-5": "config", // app has no permission for the API
  "-7": "unknown", // maintenance / internal problem
  "-8": "config", // invalid header
  "-9": "config", // API terminated
  "-401": "config", // invalid app key / token
  "-780": "declined", // approval failure (payment method), extras.method_result_code
  "-781": "declined", // cancel failure (payment method)
};

describe("KakaoPay code table", () => {
  it("is exactly the transcribed codes, each classified", () => {
    expect(Object.keys(KAKAOPAY_ERROR_CODES).sort()).toEqual(Object.keys(PUBLISHED).sort());
    for (const [code, kind] of Object.entries(PUBLISHED)) {
      expect(KAKAOPAY_ERROR_CODES[code]!.kind, code).toBe(kind);
      expect(KAKAOPAY_ERROR_CODES[code]!.staffMessage).toMatch(/[가-힣]/);
    }
    for (const code of ["-780", "-781"]) expect(KAKAOPAY_ERROR_CODES[code]!.customerMessage).toMatch(/[가-힣]/);
  });

  it("anything else is unknown", () => {
    expect(describeKakaoPayError("-701")).toMatchObject({ kind: "unknown", known: false });
    expect(describeKakaoPayError("-4")).toMatchObject({ kind: "unknown", known: false });
  });

  it("statuses: only SUCCESS/PART_CANCEL/CANCEL are charged, QUIT aborted, FAIL_PAYMENT failed; the rest and unknown ones pending", () => {
    expect(Object.keys(KAKAOPAY_STATUSES).length).toBe(13);
    expect(readKakaoPayStatus("FAIL_AUTH_PASSWORD")).toBe("pending");
    expect(readKakaoPayStatus("QUIT_PAYMENT")).toBe("aborted");
    expect(readKakaoPayStatus("FAIL_PAYMENT")).toBe("failed");
    expect(readKakaoPayStatus("NEW_STATUS")).toBe("pending");
    const charged = Object.entries(KAKAOPAY_STATUSES)
      .filter(([, v]) => v.reading === "charged")
      .map(([k]) => k)
      .sort();
    expect(charged).toEqual(["CANCEL_PAYMENT", "PART_CANCEL_PAYMENT", "SUCCESS_PAYMENT"]);
  });
});
