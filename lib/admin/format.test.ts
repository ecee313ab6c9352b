import { describe, expect, it } from "vitest";
import { kstDate, kstDateTime, maskAccountNumber, maskEmail, maskPhoneNumber, withSeparators } from "./format";

describe("admin formatting", () => {
  it("00:24 KST is 00:24 on that day, never hour 24", () => {
    const d = new Date("2026-11-30T15:24:48.108Z"); // 2026-12-01 00:24:48 KST
    expect(kstDateTime(d)).toBe("2026-12-01 00:24:48");
    expect(kstDate(d)).toBe("2026-12-01");
    expect(kstDateTime(new Date("2026-12-01T14:59:59Z"))).toBe("2026-12-01 23:59:59");
    expect(kstDateTime(null)).toBe("-");
  });
  it("masks phone numbers and e-mail addresses", () => {
    expect(maskPhoneNumber("01012345678")).toBe("010-****-5678");
    expect(maskPhoneNumber("0101234567")).toBe("010-***-4567");
    expect(maskEmail("buyer@example.com")).toBe("bu***@example.com");
  });
  it("masks account numbers to their last four digits, never their length", () => {
    expect(maskAccountNumber("4567")).toBe("****4567");
    expect(maskAccountNumber("123456-01-234567")).toBe("****4567");
    expect(maskAccountNumber("3333012345678")).toBe("****5678");
    expect(maskAccountNumber(null)).toBe("-");
  });
  it("adds separators to amounts in messages", () => {
    expect(withSeparators("부분 환불 완료 34800원, 잔액 1200원")).toBe("부분 환불 완료 34,800원, 잔액 1,200원");
  });
});
