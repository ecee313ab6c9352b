import { describe, expect, it } from "vitest";
import { isOrderNumber } from "../orders/order-number";
import { subtractOrdered } from "./cart-order";

describe("cart after a paid cart checkout", () => {
  it("subtracts what the order bought and keeps what was added since", () => {
    expect(
      subtractOrdered(
        [
          ["tea", 2],
          ["bag", 1],
        ],
        [
          { productId: "tea", quantity: 2 },
          { productId: "bag", quantity: 1 },
        ],
      ),
    ).toEqual([]);
    // The buyer added one more tea and a mug in another tab while paying for 2 teas.
    expect(
      subtractOrdered(
        [
          ["tea", 3],
          ["mug", 1],
        ],
        [{ productId: "tea", quantity: 2 }],
      ),
    ).toEqual([
      ["tea", 1],
      ["mug", 1],
    ]);
    // Lowered below the ordered quantity: the line goes, nothing negative.
    expect(subtractOrdered([["tea", 1]], [{ productId: "tea", quantity: 2 }])).toEqual([]);
  });
  it("accepts only our order numbers as the marker", () => {
    expect(isOrderNumber("KC261130-ABCDEF")).toBe(true);
    expect(isOrderNumber("KC261130-ABCDEF;x")).toBe(false);
    expect(isOrderNumber(undefined)).toBe(false);
  });
});
