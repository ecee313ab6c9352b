import { describe, expect, it } from "vitest";
// The deliveries are written as the agency sends them and read through the Dozn adapter.
import { payResultFromWire, type PayResultRequest } from "../providers/dozn";
import { EARLIEST_STORABLE, payResultFlags, storableInstant } from "./sanity";

const now = new Date("2026-11-30T10:00:00Z"); // 19:00 KST
const base: PayResultRequest = {
  biller_user_key: "C1",
  pay_by: "CARD",
  pay_type: "P",
  amount: 29000,
  pay_amount: 29000,
  pay_fee_type: "BEFORE",
  pay_fee: 522,
  pay_fee_tax: 52,
  adjust_date: "20261203",
  paid_at: "20261130185959",
  pay_id: 1,
};
const kinds = (r: Partial<PayResultRequest>) =>
  payResultFlags(payResultFromWire({ ...base, ...r }), now).map((f) => f.kind);

describe("pay-result plausibility (listed, never refused)", () => {
  it("a plausible payment and cancel have no flags", () => {
    expect(kinds({})).toEqual([]);
    expect(kinds({ pay_type: "C", pay_amount: -9000, pay_fee: -162, pay_fee_tax: -16 })).toEqual([]);
    expect(kinds({ pay_fee: 0, pay_fee_tax: 0, adjust_date: "20261130" })).toEqual([]); // settled the same day
  });
  it("fees: P ≥ 0, C ≤ 0", () => {
    expect(kinds({ pay_fee: -1 })).toEqual(["FEE_SIGN"]);
    expect(kinds({ pay_fee_tax: -1 })).toEqual(["FEE_SIGN"]);
    expect(kinds({ pay_type: "C", pay_amount: -9000, pay_fee: 162, pay_fee_tax: -16 })).toEqual(["FEE_SIGN"]);
  });
  it("dates: paid_at far from now, adjust_date before the payment or a year after it", () => {
    expect(kinds({ paid_at: "00010101000000", adjust_date: "00010104" })).toEqual(["DATE_IMPLAUSIBLE"]);
    expect(kinds({ paid_at: "20251129185959", adjust_date: undefined })).toEqual(["DATE_IMPLAUSIBLE"]);
    expect(kinds({ paid_at: "20261202000000", adjust_date: undefined })).toEqual(["DATE_IMPLAUSIBLE"]);
    expect(kinds({ adjust_date: "20261129" })).toEqual(["DATE_IMPLAUSIBLE"]);
    expect(kinds({ adjust_date: "20280101" })).toEqual(["DATE_IMPLAUSIBLE"]);
    const [f] = payResultFlags(payResultFromWire({ ...base, adjust_date: "20261129" }), now);
    expect(f!.message).toContain("정산예정일 2026-11-29이 결제일 2026-11-30보다 앞섭니다.");
  });
  it("an instant PostgreSQL cannot store as text (1 BC) is kept at 0001-01-01T00:00Z", () => {
    expect(storableInstant(new Date("0000-12-31T15:00:00Z")).toISOString()).toBe("0001-01-01T00:00:00.000Z");
    expect(storableInstant(now)).toBe(now);
    expect(EARLIEST_STORABLE.toISOString()).toBe("0001-01-01T00:00:00.000Z");
  });
});
