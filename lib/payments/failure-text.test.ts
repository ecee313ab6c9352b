import { describe, expect, it } from "vitest";
import { providerFailureText } from "./failure-text";

describe("customer text for a provider's failure code", () => {
  it("uses the provider's published table, and nothing for codes it does not know or meant for staff", () => {
    expect(providerFailureText("KAKAOPAY", "-780")).toBe("결제 승인에 실패했습니다. 다른 결제수단으로 다시 시도해 주세요.");
    expect(providerFailureText("KAKAOPAY", "-401")).toBeNull(); // configuration: staff only
    expect(providerFailureText("KAKAOPAY", "-12345")).toBeNull();
    expect(providerFailureText("PAYUP_KCP", "KCP_3001")).toBeNull();
    expect(providerFailureText("KAKAOPAY", null)).toBeNull();
  });
});
