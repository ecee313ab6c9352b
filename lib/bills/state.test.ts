import { describe, expect, it } from "vitest";
import type { Tx } from "../db";
import type { Sql } from "../hot-sql";
import {
  allowedPairs,
  applyCancellation,
  assertBillMove,
  assertCancellationMove,
  billCancellationEdges,
  billPaymentEdges,
  billTransitions,
  BILL_STATUSES,
  deriveBillStatus,
  derivePaymentStatus,
  ForbiddenBillTransition,
  kstToday,
  lastPayableDay,
  payableAmount,
  paymentCancelEdge,
  transitionCancellation,
} from "./state";
import { settleNewPayment, stateStmts, type NewPaymentSettlement } from "./state-sql";

describe("bill state", () => {
  it("derives the status from payments and their cancellations", () => {
    expect(deriveBillStatus([], 100)).toBe("UNPAID");
    expect(deriveBillStatus([{ payAmount: 100, cancelledAmount: 0 }], 100)).toBe("PAID");
    expect(deriveBillStatus([{ payAmount: 100n, cancelledAmount: 30n }], 100)).toBe("PARTIALLY_CANCELLED");
    expect(deriveBillStatus([{ payAmount: 100, cancelledAmount: 100 }], 100)).toBe("CANCELLED");
    expect(
      deriveBillStatus(
        [
          { payAmount: 100, cancelledAmount: 100 },
          { payAmount: 100, cancelledAmount: 0 },
        ],
        100,
      ),
    ).toBe("PAID");
    // PAID only when what is held covers the bill
    expect(deriveBillStatus([{ payAmount: 1, cancelledAmount: 0 }], 29000)).toBe("PARTIALLY_PAID");
    expect(
      deriveBillStatus(
        [
          { payAmount: 1, cancelledAmount: 0 },
          { payAmount: 28999n, cancelledAmount: 0n },
        ],
        29000,
      ),
    ).toBe("PAID");
    expect(deriveBillStatus([{ payAmount: 2 ** 31, cancelledAmount: 0 }], 29000)).toBe("PAID");
    expect(derivePaymentStatus({ payAmount: 100, cancelledAmount: 0 })).toBe("PAID");
    expect(derivePaymentStatus({ payAmount: 100, cancelledAmount: 1 })).toBe("PARTIALLY_CANCELLED");
    expect(derivePaymentStatus({ payAmount: 100, cancelledAmount: 100 })).toBe("CANCELLED");
  });
  it("is payable in full while nothing is paid (or after a full cancel), otherwise not at all", () => {
    expect(payableAmount({ status: "UNPAID", amount: 500 })).toBe(500);
    expect(payableAmount({ status: "CANCELLED", amount: 500 })).toBe(500);
    expect(payableAmount({ status: "PAID", amount: 500 })).toBe(0);
    expect(payableAmount({ status: "PARTIALLY_CANCELLED", amount: 500 })).toBe(0);
    // less than the bill was paid: the rest stays payable
    expect(payableAmount({ status: "PARTIALLY_PAID", amount: 29000, paidAmount: 1n, cancelledAmount: 0n })).toBe(28999);
  });
  it("due dates: D0 none, D1 first, D2 second; today in Korea time", () => {
    expect(lastPayableDay({ expireType: "D0", payExpireDate: "20260101", secondPayExpireDate: null })).toBeNull();
    expect(lastPayableDay({ expireType: "D1", payExpireDate: "20260101", secondPayExpireDate: "20260110" })).toBe(
      "20260101",
    );
    expect(lastPayableDay({ expireType: "D2", payExpireDate: "20260101", secondPayExpireDate: "20260110" })).toBe(
      "20260110",
    );
    expect(kstToday(new Date("2026-07-31T15:00:00Z"))).toBe("20260801");
  });
});

describe("bill state machines: forbidden moves throw", () => {
  it("a bill never goes back to UNPAID once money moved, and UNPAID is not a settle target", () => {
    for (const from of BILL_STATUSES)
      expect(() => assertBillMove(from, "UNPAID"), from).toThrow(ForbiddenBillTransition);
    expect(() => assertBillMove("UNPAID", "PAID")).not.toThrow();
    expect(() => assertBillMove("UNPAID", "CANCELLED")).not.toThrow(); // P arriving with its full cancel parked
    expect(() => assertBillMove("CANCELLED", "PAID")).not.toThrow(); // paid again after a full cancel
    expect(() => assertBillMove("PAID", "PAID")).not.toThrow(); // totals only (a second payment)
  });

  it("a payment: only more cancelled, never above what was paid, nothing after CANCELLED", () => {
    expect(paymentCancelEdge({ status: "PAID", payAmount: 100, cancelledAmount: 0 }, 30)).toBe("cancel_part");
    expect(paymentCancelEdge({ status: "PARTIALLY_CANCELLED", payAmount: 100, cancelledAmount: 30 }, 70)).toBe(
      "cancel_all",
    );
    expect(() => paymentCancelEdge({ status: "PAID", payAmount: 100, cancelledAmount: 0 }, 101)).toThrow(
      ForbiddenBillTransition,
    );
    expect(() => paymentCancelEdge({ status: "PAID", payAmount: 100, cancelledAmount: 0 }, 0)).toThrow(
      ForbiddenBillTransition,
    );
    // a row that says CANCELLED cannot be cancelled again, whatever its amounts claim
    expect(() => paymentCancelEdge({ status: "CANCELLED", payAmount: 100, cancelledAmount: 0 }, 10)).toThrow(
      ForbiddenBillTransition,
    );
  });

  it("a cancellation: APPLIED and MISMATCHED are final, UNMATCHED only from PENDING", () => {
    expect(assertCancellationMove("PENDING", "apply")).toBe("APPLIED");
    expect(assertCancellationMove("UNMATCHED", "apply")).toBe("APPLIED"); // its payment came late after all
    expect(assertCancellationMove("PENDING", "unmatched")).toBe("UNMATCHED");
    expect(assertCancellationMove("UNMATCHED", "mismatch")).toBe("MISMATCHED");
    expect(() => assertCancellationMove("APPLIED", "apply")).toThrow(ForbiddenBillTransition);
    expect(() => assertCancellationMove("APPLIED", "unmatched")).toThrow(ForbiddenBillTransition);
    expect(() => assertCancellationMove("MISMATCHED", "apply")).toThrow(ForbiddenBillTransition);
    expect(() => assertCancellationMove("UNMATCHED", "unmatched")).toThrow(ForbiddenBillTransition);
  });

  // A transaction that fails the test if a forbidden move reaches the database.
  const untouchable = new Proxy({} as Tx, {
    get: (_t, model) =>
      new Proxy(
        {},
        { get: (_m, op) => () => Promise.reject(new Error(`database touched: ${String(model)}.${String(op)}`)) },
      ),
  });

  it("the Prisma writers throw before touching the database", async () => {
    const event = { billId: "b", type: "t", message: "m" };
    await expect(
      transitionCancellation(untouchable, { id: "c", status: "APPLIED" }, "unmatched", event),
    ).rejects.toThrow(ForbiddenBillTransition);
    await expect(
      applyCancellation(
        untouchable,
        { id: "c", status: "MISMATCHED", payId: 1n, amount: 10, cancelledAt: new Date() },
        { status: "PAID", payAmount: 100, cancelledAmount: 0 },
        event,
      ),
    ).rejects.toThrow(ForbiddenBillTransition);
    await expect(
      applyCancellation(
        untouchable,
        { id: "c", status: "PENDING", payId: 1n, amount: 10, cancelledAt: new Date() },
        { status: "CANCELLED", payAmount: 100, cancelledAmount: 100 },
        event,
      ),
    ).rejects.toThrow(ForbiddenBillTransition);
  });

  it("the hot path's statement throws before it is sent", async () => {
    const sent: string[] = [];
    const sql: Sql = {
      rows: async (stmt) => (sent.push(stmt.name), [{ id: "b", paymentMoved: 0, cancellationMoved: 0 }] as never[]),
    };
    const base: NewPaymentSettlement = {
      billId: "b",
      payId: 1n,
      now: new Date(),
      events: [],
      reviews: [],
      bill: {
        from: "UNPAID",
        totals: { status: "PAID", paidAmount: 100, cancelledAmount: 0, paidAt: new Date(), cancelledAt: null },
      },
      cancellations: [],
      payment: null,
      resolveUnmatched: null,
    };
    await settleNewPayment(sql, base);
    expect(sent).toEqual(["kc_payment_settle"]);
    await expect(
      settleNewPayment(sql, { ...base, bill: { ...base.bill, totals: { ...base.bill.totals, status: "UNPAID" } } }),
    ).rejects.toThrow(ForbiddenBillTransition);
    await expect(
      settleNewPayment(sql, {
        ...base,
        cancellations: [{ id: "c", from: "APPLIED", edge: "apply" }],
        payment: { edge: "cancel_part", cancelledAmount: 10, cancelledAt: new Date() },
      }),
    ).rejects.toThrow(ForbiddenBillTransition);
    await expect(
      settleNewPayment(sql, { ...base, cancellations: [{ id: "c", from: "MISMATCHED", edge: "mismatch" }] }),
    ).rejects.toThrow(ForbiddenBillTransition);
    expect(sent).toEqual(["kc_payment_settle"]);
  });

  it("the hot path's SQL carries the same tables in its WHERE clauses", () => {
    const text = stateStmts.settleNewPayment.text;
    const pairsOf = (t: Parameters<typeof allowedPairs>[0]) => allowedPairs(t).map(([f, to]) => `('${f}', '${to}')`);
    for (const p of pairsOf(billTransitions)) expect(text).toContain(p);
    for (const p of pairsOf(billCancellationEdges)) expect(text).toContain(p);
    for (const p of pairsOf(billPaymentEdges)) expect(text).toContain(p);
    expect(text).not.toContain("'UNPAID')"); // no pair leads back to UNPAID
    // every status-writing UPDATE is guarded by the status it read (compare-and-set)
    expect(text).toMatch(/UPDATE "Bill" SET status[\s\S]*WHERE id = \$1::text AND status::text = \$16::text/);
    expect(text).toMatch(
      /UPDATE "BillCancellation" bc SET status[\s\S]*WHERE bc.id = c.id AND bc."payId" = \$5::bigint AND bc.status::text = c."from"/,
    );
    expect(text).toMatch(
      /UPDATE "BillPayment" SET status[\s\S]*WHERE "payId" = \$5::bigint AND \$6::text IS NOT NULL AND status = 'PAID'/,
    );
  });
});
