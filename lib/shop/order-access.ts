// Who may see an order's receipt without logging in: the browser that placed it, or one that
// proved the buyer's phone number. A cookie holds HMAC-signed order numbers.
import { createHmac, timingSafeEqual } from "node:crypto";

export const ORDER_ACCESS_COOKIE = "kc_orders";
const MAX = 20;

function sign(secret: string, orderNumber: string) {
  return createHmac("sha256", secret).update(`order-access:${orderNumber}`).digest("base64url").slice(0, 22);
}

export function grant(secret: string, raw: string | undefined, orderNumber: string): string {
  const kept = (raw ?? "").split(".").filter(Boolean).filter((e) => !e.startsWith(`${orderNumber}~`));
  return [...kept.slice(-(MAX - 1)), `${orderNumber}~${sign(secret, orderNumber)}`].join(".");
}

export function hasAccess(secret: string, raw: string | undefined, orderNumber: string): boolean {
  for (const entry of (raw ?? "").split(".")) {
    const [n, sig] = entry.split("~");
    if (n !== orderNumber || !sig) continue;
    const expected = Buffer.from(sign(secret, orderNumber));
    const got = Buffer.from(sig);
    if (expected.length === got.length && timingSafeEqual(expected, got)) return true;
  }
  return false;
}

/** Every order number the cookie proves access to (signatures checked). */
export function accessibleOrders(secret: string, raw: string | undefined): string[] {
  const out: string[] = [];
  for (const entry of (raw ?? "").split(".")) {
    const [n] = entry.split("~");
    if (n && hasAccess(secret, entry, n)) out.push(n);
  }
  return out;
}

export function maskName(name: string): string {
  if (name.length <= 1) return "*";
  if (name.length === 2) return `${name[0]}*`;
  return `${name[0]}${"*".repeat(name.length - 2)}${name[name.length - 1]}`;
}

export function maskPhone(phone: string): string {
  return phone.length >= 10 ? `${phone.slice(0, 3)}-****-${phone.slice(-4)}` : "***";
}
