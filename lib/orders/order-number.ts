// The order number: "KC" + the KST date (yymmdd) + "-" + six characters from an unambiguous
// alphabet. The one place that knows its shape: everything that checks one imports this.
import { randomBytes } from "node:crypto";

export const ORDER_NUMBER_PATTERN = /^KC\d{6}-[A-Z0-9]{6}$/;

/** An order number exactly as we print it (upper case). */
export function isOrderNumber(s: string | null | undefined): s is string {
  return typeof s === "string" && ORDER_NUMBER_PATTERN.test(s);
}

/** What a person typed or a link carried (any case), as the order number, or undefined. */
export function readOrderNumber(s: string | null | undefined): string | undefined {
  const upper = s?.toUpperCase();
  return isOrderNumber(upper) ? upper : undefined;
}

const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function newOrderNumber(now = new Date()): string {
  const kst = new Date(now.getTime() + 9 * 3600_000);
  const ymd = kst.toISOString().slice(2, 10).replace(/-/g, "");
  const bytes = randomBytes(6);
  const suffix = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
  return `KC${ymd}-${suffix}`;
}
