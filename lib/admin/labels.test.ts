import { describe, expect, it } from "vitest";
import { eventTypeLabel, failureText, paymentMethodText, translateStatusArrows } from "./labels";

describe("admin labels", () => {
  it("names methods, devices and events in Korean", () => {
    expect(paymentMethodText("CARD", "PC")).toBe("카드 · PC");
    expect(paymentMethodText("MONEY", "MOBILE")).toBe("카카오페이머니 · 모바일");
    expect(eventTypeLabel("kakaopay.approve")).toBe("카카오페이 승인 요청");
    expect(eventTypeLabel("payment.tid_entered")).toBe("결제 거래번호 입력");
    expect(eventTypeLabel("weird")).toBe("weird");
  });
  it("keeps the provider code beside a Korean failure label", () => {
    expect(failureText("TIMEOUT", "no response within 8000ms")).toEqual({
      label: "응답 시간 초과",
      code: "TIMEOUT",
      detail: null,
    });
    expect(failureText("E123", "잔액이 부족합니다").label).toBe("잔액이 부족합니다");
  });
  it("translates status arrows", () => {
    expect(translateStatusArrows("UNPAID → PAID", { UNPAID: "미납", PAID: "납부 완료" })).toBe("미납 → 납부 완료");
  });
});
