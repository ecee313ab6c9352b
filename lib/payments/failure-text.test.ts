import { describe, expect, it } from "vitest";
import { customerFailureText } from "./failure-text";
import type { PaymentProvider } from "./port";

const provider: Pick<PaymentProvider, "describeFailure" | "display"> = {
  display: {
    brand: "카카오페이",
    method: { id: "kakaopay", label: "카카오페이", description: "" },
    name: "카카오페이",
    window: "카카오페이",
  },
  describeFailure: (code) =>
    code === "-780"
      ? { customerMessage: "결제 승인에 실패했습니다. 다른 결제수단으로 다시 시도해 주세요.", displayCode: "-780" }
      : { customerMessage: null, displayCode: /^-?\d+$/.test(code) ? code : null },
};

describe("customer text for a failed attempt", () => {
  it("our own codes first (no code line), then the provider's table with its code, else a neutral text", () => {
    expect(customerFailureText({ status: "ABORTED", failureCode: "USER_CANCEL" }, provider)).toEqual({
      message: "결제를 취소했습니다. 결제를 원하시면 다시 시도해 주세요.",
      code: null,
    });
    expect(customerFailureText({ status: "FAILED", failureCode: "PROVIDER_FAIL" }, provider)).toEqual({
      message: "카카오페이 결제가 완료되지 않았습니다. 다시 시도해 주세요.",
      code: null,
    });
    expect(customerFailureText({ status: "FAILED", failureCode: "-780" }, provider)).toEqual({
      message: "결제 승인에 실패했습니다. 다른 결제수단으로 다시 시도해 주세요.",
      code: "-780",
    });
    // configuration code: staff only; the customer gets the neutral text and the code line
    expect(customerFailureText({ status: "FAILED", failureCode: "-401" }, provider)).toEqual({
      message: "결제가 완료되지 않았습니다. 아래에서 다시 결제해 주세요.",
      code: "-401",
    });
    expect(customerFailureText({ status: "READY", failureCode: null }, provider)).toEqual({
      message: "아직 결제하지 않은 주문입니다.",
      code: null,
    });
    expect(customerFailureText(null, null)).toEqual({ message: "아직 결제하지 않은 주문입니다.", code: null });
  });
});
