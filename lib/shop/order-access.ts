// Who may see an order's receipt without logging in: the browser that placed it, or one that
// proved the buyer's phone number. A cookie holds signed order numbers (lib/security/signed-token.ts).
import { addSigned, hasSigned, signedValues } from "../security/signed-token";

export const ORDER_ACCESS_COOKIE = "kc_orders";

export function grant(secret: string, raw: string | undefined, orderNumber: string): string {
  return addSigned(secret, "order-access", raw, orderNumber);
}

export function hasAccess(secret: string, raw: string | undefined, orderNumber: string): boolean {
  return hasSigned(secret, "order-access", raw, orderNumber);
}

/** Every order number the cookie proves access to (signatures checked). */
export function accessibleOrders(secret: string, raw: string | undefined): string[] {
  return signedValues(secret, "order-access", raw);
}

export function maskName(name: string): string {
  if (name.length <= 1) return "*";
  if (name.length === 2) return `${name[0]}*`;
  return `${name[0]}${"*".repeat(name.length - 2)}${name[name.length - 1]}`;
}

export function maskPhone(phone: string): string {
  return phone.length >= 10 ? `${phone.slice(0, 3)}-****-${phone.slice(-4)}` : "***";
}
