import { describe, expect, it } from "vitest";
import { defaultTaxFreeShare, formatWon, refundParts, totals, vatOf } from "./money";

describe("money", () => {
  it("computes VAT like KakaoPay: round((total - taxFree) / 11)", () => {
    expect(vatOf(11000, 0)).toBe(1000);
    expect(vatOf(270600, 0)).toBe(24600);
    expect(vatOf(10000, 0)).toBe(909); // 909.09 → 909
    expect(vatOf(10010, 0)).toBe(910); // 910 exactly
    expect(vatOf(10005, 0)).toBe(910); // 909.5454 → 910
    expect(vatOf(30000, 30000)).toBe(0);
  });

  it("sums order lines with tax-free parts", () => {
    const t = totals([
      { unitPrice: 12900, quantity: 2, taxFree: false },
      { unitPrice: 8000, quantity: 1, taxFree: true },
    ]);
    expect(t).toEqual({ total: 33800, taxFree: 8000, vat: 2345, quantity: 3 });
  });

  it("refuses fractional, negative and zero quantities or prices", () => {
    expect(() => totals([{ unitPrice: 100.5, quantity: 1, taxFree: false }])).toThrow();
    expect(() => totals([{ unitPrice: 100, quantity: 0, taxFree: false }])).toThrow();
    expect(() => totals([{ unitPrice: -1, quantity: 1, taxFree: false }])).toThrow();
  });

  it("splits refunds so the last one takes exactly the remaining VAT", () => {
    const first = refundParts({
      amount: 10000,
      taxFree: 0,
      remainingTotal: 33800,
      remainingTaxFree: 8000,
      remainingVat: 2345,
    });
    expect(first).toEqual({ ok: true, amount: 10000, taxFree: 0, vat: 909 });
    const last = refundParts({
      amount: 23800,
      taxFree: 8000,
      remainingTotal: 23800,
      remainingTaxFree: 8000,
      remainingVat: 1436,
    });
    expect(last).toEqual({ ok: true, amount: 23800, taxFree: 8000, vat: 1436 });
  });

  it("rejects refunds above what is cancellable or with a bad tax-free split", () => {
    expect(
      refundParts({ amount: 40000, taxFree: 0, remainingTotal: 33800, remainingTaxFree: 8000, remainingVat: 2345 }).ok,
    ).toBe(false);
    expect(
      refundParts({ amount: 1000, taxFree: 2000, remainingTotal: 33800, remainingTaxFree: 8000, remainingVat: 2345 })
        .ok,
    ).toBe(false);
    expect(
      refundParts({ amount: 9000, taxFree: 9000, remainingTotal: 33800, remainingTaxFree: 8000, remainingVat: 2345 })
        .ok,
    ).toBe(false);
    // taxable part over remaining taxable (25800): 30000 with 0 tax-free
    expect(
      refundParts({ amount: 30000, taxFree: 0, remainingTotal: 33800, remainingTaxFree: 8000, remainingVat: 2345 }).ok,
    ).toBe(false);
    expect(
      refundParts({ amount: 0, taxFree: 0, remainingTotal: 33800, remainingTaxFree: 8000, remainingVat: 2345 }).ok,
    ).toBe(false);
  });

  it("proposes a proportional tax-free share", () => {
    expect(defaultTaxFreeShare(16900, 33800, 8000)).toBe(4000);
    expect(defaultTaxFreeShare(33800, 33800, 8000)).toBe(8000);
    expect(formatWon(1234567)).toBe("1,234,567원");
  });
});
