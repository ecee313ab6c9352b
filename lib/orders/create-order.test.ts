import { describe, expect, it } from "vitest";
import {
  agreementsSchema,
  buyerSchema,
  cartLinesSchema,
  itemSummary,
  newOrderNumber,
  shippingSchema,
} from "./create-order";

describe("order input schemas", () => {
  it("normalises phone numbers and refuses bad ones in Korean", () => {
    expect(buyerSchema.parse({ name: " 김카카오 ", phone: "010-1234-5678", email: "a@b.co" })).toEqual({
      name: "김카카오",
      phone: "01012345678",
      email: "a@b.co",
    });
    for (const phone of ["02-123-4567", "010-12", "0101234567a", ""]) {
      const r = buyerSchema.safeParse({ name: "김", phone, email: "a@b.co" });
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.issues[0]!.message).toMatch(/휴대폰 번호/);
    }
    expect(buyerSchema.safeParse({ name: "가".repeat(31), phone: "01012345678", email: "a@b.co" }).success).toBe(false);
    expect(buyerSchema.safeParse({ name: "김", phone: "01012345678", email: "nope" }).success).toBe(false);
  });

  it("accepts only whole quantities from 1 to 99 and at most 30 lines", () => {
    expect(cartLinesSchema.safeParse([{ productId: "p", quantity: "2" }]).success).toBe(true);
    expect(cartLinesSchema.safeParse([{ productId: "p", quantity: 0 }]).success).toBe(false);
    expect(cartLinesSchema.safeParse([{ productId: "p", quantity: 100 }]).success).toBe(false);
    expect(cartLinesSchema.safeParse([{ productId: "p", quantity: 1.5 }]).success).toBe(false);
    expect(cartLinesSchema.safeParse([]).success).toBe(false);
    expect(
      cartLinesSchema.safeParse(Array.from({ length: 31 }, (_, i) => ({ productId: `p${i}`, quantity: 1 }))).success,
    ).toBe(false);
  });

  it("numbers orders by KST date and summarises items", () => {
    expect(newOrderNumber(new Date("2026-11-22T15:30:00Z"))).toMatch(/^KC261123-[A-Z2-9]{6}$/);
    expect(itemSummary(["제주 햇감귤 3kg"])).toBe("제주 햇감귤 3kg");
    expect(itemSummary(["제주 햇감귤 3kg", "백자 머그컵", "꿀"])).toBe("제주 햇감귤 3kg 외 2건");
  });

  it("checks the delivery address field by field, in Korean", () => {
    const ok = {
      recipientName: " 홍길동 ",
      recipientPhone: "02-123-4567",
      postcode: "06236",
      address1: "서울 강남구 테헤란로 152",
      address2: "12층",
      deliveryMemo: "",
    };
    expect(shippingSchema.parse(ok)).toMatchObject({
      recipientName: "홍길동",
      recipientPhone: "021234567",
      postcode: "06236",
    });
    const bad = shippingSchema.safeParse({
      recipientName: "",
      recipientPhone: "123",
      postcode: "1234",
      address1: " ",
      address2: "",
      deliveryMemo: "가".repeat(101),
    });
    expect(bad.success).toBe(false);
    const byField = Object.fromEntries((bad.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    expect(byField).toEqual({
      recipientName: "받는 분 이름을 입력해 주세요.",
      recipientPhone: "받는 분 연락처를 정확히 입력해 주세요. (예: 010-1234-5678)",
      postcode: "우편번호 5자리를 입력해 주세요.",
      address1: "주소를 입력해 주세요.",
      address2: "상세주소를 입력해 주세요. (동·호수 등)",
      deliveryMemo: "배송 메모는 100자 이내로 입력해 주세요.",
    });
  });

  it("requires both checkout agreements, each with its own message", () => {
    expect(agreementsSchema.safeParse({ privacy: true, thirdParty: true }).success).toBe(true);
    const r = agreementsSchema.safeParse({ privacy: false, thirdParty: false });
    expect(r.error?.issues.map((i) => i.message)).toEqual([
      "개인정보 수집·이용에 동의해 주세요.",
      "개인정보 제3자 제공에 동의해 주세요.",
    ]);
  });
});
