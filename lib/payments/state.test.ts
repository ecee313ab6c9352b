import { describe, expect, it } from "vitest";
import { canTransition, sourcesOf, transitions } from "./state";

describe("payment state machine", () => {
  it("approves only from READY through APPROVING (or UNKNOWN after reconciliation)", () => {
    expect(canTransition("READY", "APPROVING")).toBe(true);
    expect(canTransition("APPROVING", "APPROVED")).toBe(true);
    expect(canTransition("READY", "APPROVED")).toBe(false);
    expect(sourcesOf("APPROVED").sort()).toEqual(["APPROVING", "UNKNOWN"]);
  });

  it("never leaves a final state", () => {
    for (const s of ["CANCELLED", "ABORTED", "FAILED", "EXPIRED"] as const) expect(transitions[s]).toEqual([]);
  });

  it("never goes back from charged to unpaid", () => {
    for (const to of ["READY", "ABORTED", "FAILED", "EXPIRED"] as const) {
      expect(canTransition("APPROVED", to)).toBe(false);
      expect(canTransition("PARTIALLY_CANCELLED", to)).toBe(false);
    }
  });

  it("allows repeated partial cancels and a final full cancel", () => {
    expect(canTransition("APPROVED", "PARTIALLY_CANCELLED")).toBe(true);
    expect(canTransition("PARTIALLY_CANCELLED", "PARTIALLY_CANCELLED")).toBe(true);
    expect(canTransition("PARTIALLY_CANCELLED", "CANCELLED")).toBe(true);
  });
});
