import { describe, expect, it } from "vitest";
import { deriveBillStatus, kstToday, lastPayableDay, payableAmount } from "./state";

describe("bill state", () => {
  it("derives the status from payments and their cancellations", () => {
    expect(deriveBillStatus([])).toBe("UNPAID");
    expect(deriveBillStatus([{ payAmount: 100, cancelledAmount: 0 }])).toBe("PAID");
    expect(deriveBillStatus([{ payAmount: 100, cancelledAmount: 30 }])).toBe("PARTIALLY_CANCELLED");
    expect(deriveBillStatus([{ payAmount: 100, cancelledAmount: 100 }])).toBe("CANCELLED");
    expect(deriveBillStatus([{ payAmount: 100, cancelledAmount: 100 }, { payAmount: 100, cancelledAmount: 0 }])).toBe("PAID");
  });
  it("is payable in full while nothing is paid (or after a full cancel), otherwise not at all", () => {
    expect(payableAmount({ status: "UNPAID", amount: 500 })).toBe(500);
    expect(payableAmount({ status: "CANCELLED", amount: 500 })).toBe(500);
    expect(payableAmount({ status: "PAID", amount: 500 })).toBe(0);
    expect(payableAmount({ status: "PARTIALLY_CANCELLED", amount: 500 })).toBe(0);
  });
  it("due dates: D0 none, D1 first, D2 second; today in Korea time", () => {
    expect(lastPayableDay({ expireType: "D0", payExpireDate: "20260101", secondPayExpireDate: null })).toBeNull();
    expect(lastPayableDay({ expireType: "D1", payExpireDate: "20260101", secondPayExpireDate: "20260110" })).toBe("20260101");
    expect(lastPayableDay({ expireType: "D2", payExpireDate: "20260101", secondPayExpireDate: "20260110" })).toBe("20260110");
    expect(kstToday(new Date("2026-07-31T15:00:00Z"))).toBe("20260801");
  });
});
