import { describe, expect, it } from "vitest";
import { orderEdges } from "../orders/state";
import {
  canTransition,
  ForbiddenTransition,
  nextStates,
  paymentEdges,
  refundEdges,
  transitionPayment,
  transitionRefund,
} from "./state";
import { transitionOrder } from "../orders/state";
import type { Tx } from "../db";

// A transaction stand-in that fails the test if anything is written: forbidden moves must throw first.
const noWrites = new Proxy(
  {},
  {
    get: () =>
      new Proxy(
        {},
        {
          get: () => () => {
            throw new Error("wrote despite a forbidden transition");
          },
        },
      ),
  },
) as unknown as Tx;

describe("payment state machine", () => {
  it("approves only through APPROVING (or UNKNOWN), and a late capture only from an ended attempt", () => {
    expect(canTransition("READY", "APPROVING")).toBe(true);
    expect(canTransition("APPROVING", "APPROVED")).toBe(true);
    expect(canTransition("READY", "APPROVED")).toBe(false);
    expect(paymentEdges.approve.from).toEqual(["APPROVING", "UNKNOWN"]);
    expect(paymentEdges.late_capture.from).toEqual(["FAILED", "ABORTED", "EXPIRED"]);
  });

  it("unknown never becomes a customer-facing failure by itself: UNKNOWN leaves only on a provider's answer", () => {
    expect(nextStates("UNKNOWN").sort()).toEqual(
      ["ABORTED", "APPROVED", "CAPTURED_UNUSED", "EXPIRED", "FAILED"].sort(),
    );
  });

  it("never goes back from charged to unpaid", () => {
    for (const to of ["READY", "ABORTED", "FAILED", "EXPIRED", "UNKNOWN", "APPROVING"] as const) {
      expect(canTransition("APPROVED", to)).toBe(false);
      expect(canTransition("PARTIALLY_CANCELLED", to)).toBe(false);
      expect(canTransition("CAPTURED_UNUSED", to)).toBe(false);
    }
    expect(nextStates("CANCELLED")).toEqual([]);
    expect(nextStates("REFUNDED_UNUSED")).toEqual([]);
  });

  it("allows repeated partial cancels and a final full cancel", () => {
    expect(canTransition("APPROVED", "PARTIALLY_CANCELLED")).toBe(true);
    expect(canTransition("PARTIALLY_CANCELLED", "PARTIALLY_CANCELLED")).toBe(true);
    expect(canTransition("PARTIALLY_CANCELLED", "CANCELLED")).toBe(true);
  });

  it("forbidden moves throw before writing", async () => {
    await expect(
      transitionPayment(noWrites, "p", "approve", {
        orderId: "o",
        only: ["READY"],
        event: { type: "x", message: "x" },
      }),
    ).rejects.toThrow(ForbiddenTransition);
    await expect(
      transitionPayment(noWrites, "p", "refund_full", {
        orderId: "o",
        only: ["UNKNOWN"],
        event: { type: "x", message: "x" },
      }),
    ).rejects.toThrow(ForbiddenTransition);
    await expect(
      transitionPayment(noWrites, "p", "nope" as never, { orderId: "o", event: { type: "x", message: "x" } }),
    ).rejects.toThrow(ForbiddenTransition);
    await expect(
      transitionRefund(noWrites, "r", "done", {
        orderId: "o",
        paymentId: "p",
        only: ["FAILED"],
        event: { type: "x", message: "x" },
      }),
    ).rejects.toThrow(ForbiddenTransition);
    await expect(transitionOrder(noWrites, "o", "pay", { only: ["CLOSED"] })).rejects.toThrow(ForbiddenTransition);
    await expect(transitionOrder(noWrites, "o", "close", { only: ["PAID"] })).rejects.toThrow(ForbiddenTransition);
  });

  it("orders are paid only from PENDING and a closed order never reopens", () => {
    expect(orderEdges.pay.from).toEqual(["PENDING"]);
    expect(Object.values(orderEdges).some((e) => (e.from as readonly string[]).includes("CLOSED"))).toBe(false);
    expect(Object.values(refundEdges).every((e) => !(e.from as readonly string[]).includes("DONE"))).toBe(true);
  });
});
