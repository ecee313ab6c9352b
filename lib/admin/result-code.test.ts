import { describe, expect, it } from "vitest";
import { resultCodeTone } from "./result-code";

describe("result code tone (every admin timeline)", () => {
  it("keeps success codes quiet", () => {
    for (const c of ["OK", "0000", "200", "SUCCESS_PAYMENT", "PART_CANCEL_PAYMENT"])
      expect(resultCodeTone(c)).toBe("ok");
  });
  it("shows a provider's in-progress state as pending, not as an error", () => {
    expect(resultCodeTone("OPEN_PAYMENT")).toBe("pending");
    // a consent provider's state number on a status poll (barocert.status 1 = signed) is a state, not an error
    expect(resultCodeTone("1", "barocert.status")).toBe("pending");
    expect(resultCodeTone("-64000001", "barocert.status")).toBe("attention");
    expect(resultCodeTone("TIMEOUT", "kakaocert.status")).toBe("attention");
  });
  it("makes refusals, timeouts and codes to check stand out", () => {
    for (const c of ["-780", "TIMEOUT", "HTTP_500", "CHECK", "E501", "AMOUNT_TAMPERED", "CONFIG"])
      expect(resultCodeTone(c)).toBe("attention");
  });
});
