import { describe, expect, it } from "vitest";
import { buyerSchema, cartLinesSchema, itemSummary, newOrderNumber } from "./create-order";

describe("order input schemas", () => {
  it("normalises phone numbers and refuses bad ones in Korean", () => {
    expect(buyerSchema.parse({ name: " 김카카오 ", phone: "010-1234-5678", email: "a@b.co" })).toEqual({ name: "김카카오", phone: "01012345678", email: "a@b.co" });
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
    expect(cartLinesSchema.safeParse(Array.from({ length: 31 }, (_, i) => ({ productId: `p${i}`, quantity: 1 }))).success).toBe(false);
  });

  it("numbers orders by KST date and summarises items", () => {
    expect(newOrderNumber(new Date("2026-11-22T15:30:00Z"))).toMatch(/^KC261123-[A-Z2-9]{6}$/);
    expect(itemSummary(["제주 햇감귤 3kg"])).toBe("제주 햇감귤 3kg");
    expect(itemSummary(["제주 햇감귤 3kg", "백자 머그컵", "꿀"])).toBe("제주 햇감귤 3kg 외 2건");
  });
});
