import { describe, expect, it } from "vitest";
import { addToCart, cartCount, parseCart, serializeCart, setQuantity } from "./cart";

describe("cart cookie", () => {
  it("round-trips and ignores tampered content", () => {
    const c = addToCart(addToCart([], "p1", 2), "p2", 1);
    expect(parseCart(serializeCart(c))).toEqual([
      ["p1", 2],
      ["p2", 1],
    ]);
    expect(parseCart('[["p1", -5]]')).toEqual([]);
    expect(parseCart('[["p1", 1.5]]')).toEqual([]);
    expect(parseCart("{not json")).toEqual([]);
    expect(parseCart('[["p1", 2, 1000]]')).toEqual([]);
  });
  it("adds, caps at 99 and removes at zero", () => {
    let c = addToCart([], "p1", 98);
    c = addToCart(c, "p1", 5);
    expect(c).toEqual([["p1", 99]]);
    expect(setQuantity(c, "p1", 0)).toEqual([]);
    expect(cartCount(addToCart(c, "p2", 3))).toBe(102);
  });
});
