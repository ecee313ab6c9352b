// Money is integer KRW. VAT follows KakaoPay's rule: round((total - taxFree) / 11).

export type Won = number;

export function assertWon(n: number, name = "amount"): Won {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer KRW, got ${n}`);
  return n;
}

/** VAT included in a taxable amount (Korean 10% VAT-inclusive prices). */
export function vatOf(total: Won, taxFree: Won): Won {
  assertWon(total, "total");
  assertWon(taxFree, "taxFree");
  if (taxFree > total) throw new RangeError("taxFree exceeds total");
  return Math.round((total - taxFree) / 11);
}

export type Line = { unitPrice: Won; quantity: number; taxFree: boolean };

export function totals(lines: Line[]): { total: Won; taxFree: Won; vat: Won; quantity: number } {
  let total = 0;
  let taxFree = 0;
  let quantity = 0;
  for (const l of lines) {
    assertWon(l.unitPrice, "unitPrice");
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0)
      throw new RangeError("quantity must be a positive integer");
    const line = l.unitPrice * l.quantity;
    total += line;
    if (l.taxFree) taxFree += line;
    quantity += l.quantity;
  }
  return { total: assertWon(total), taxFree, vat: vatOf(total, taxFree), quantity };
}

/**
 * Splits a refund into its tax-free part and VAT. The last refund (which empties the payment)
 * takes exactly what is left, so the parts always add up to the original payment.
 */
export function refundParts(input: {
  amount: Won;
  taxFree: Won;
  remainingTotal: Won;
  remainingTaxFree: Won;
  remainingVat: Won;
}): { ok: true; amount: Won; taxFree: Won; vat: Won } | { ok: false; reason: string } {
  const { amount, taxFree, remainingTotal, remainingTaxFree, remainingVat } = input;
  if (!Number.isSafeInteger(amount) || amount <= 0)
    return { ok: false, reason: "환불 금액은 1원 이상의 정수여야 합니다." };
  if (!Number.isSafeInteger(taxFree) || taxFree < 0)
    return { ok: false, reason: "비과세 금액은 0원 이상의 정수여야 합니다." };
  if (amount > remainingTotal)
    return { ok: false, reason: `환불 가능 금액(${formatWon(remainingTotal)})을 넘을 수 없습니다.` };
  if (taxFree > amount) return { ok: false, reason: "비과세 금액이 환불 금액보다 클 수 없습니다." };
  if (taxFree > remainingTaxFree)
    return { ok: false, reason: `환불 가능한 비과세 금액(${formatWon(remainingTaxFree)})을 넘을 수 없습니다.` };
  const taxableLeftAfter = remainingTotal - remainingTaxFree - (amount - taxFree);
  if (taxableLeftAfter < 0)
    return { ok: false, reason: "과세 금액 환불이 남은 과세 금액을 넘습니다. 비과세 금액을 늘려 주세요." };
  const vat = amount === remainingTotal ? remainingVat : Math.min(remainingVat, vatOf(amount, taxFree));
  return { ok: true, amount, taxFree, vat };
}

/** Default tax-free share of a refund: proportional, rounded, never above what is left. */
export function defaultTaxFreeShare(amount: Won, remainingTotal: Won, remainingTaxFree: Won): Won {
  if (remainingTotal <= 0) return 0;
  if (amount >= remainingTotal) return remainingTaxFree;
  return Math.min(remainingTaxFree, Math.round((amount * remainingTaxFree) / remainingTotal));
}

const fmt = new Intl.NumberFormat("ko-KR");
export function formatWon(n: Won): string {
  return `${fmt.format(n)}원`;
}
