import { describe, expect, it } from "vitest";
import { isOrderNumber, newOrderNumber, readOrderNumber } from "./order-number";

describe("order number", () => {
  it("is KC + the KST date + six unambiguous characters, and is recognised as one", () => {
    const n = newOrderNumber(new Date("2026-11-22T15:30:00Z"));
    expect(n).toMatch(/^KC261123-[A-Z2-9]{6}$/);
    expect(isOrderNumber(n)).toBe(true);
  });
  it("refuses anything else; a link's lower case is read as the order number", () => {
    for (const bad of ["", "KC261123-ABC23", "KC261123-abc234", "XX261123-ABC234", "KC261123-ABC234 ", undefined, null])
      expect(isOrderNumber(bad)).toBe(false);
    expect(readOrderNumber("kc261123-abc234")).toBe("KC261123-ABC234");
    expect(readOrderNumber("kc261123-abc23")).toBeUndefined();
  });
});
