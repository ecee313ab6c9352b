// The cart survives until a payment succeeds (issue 11 item 2). A checkout from the cart does not
// empty it: the browser keeps a marker cookie with that order's number. Once that order is paid (by
// the return route, the worker or a late check — whoever settles it), the cart is read as the cart
// minus what the order bought, and the next cart write stores that and drops the marker. A buy-now
// order never sets the marker: it leaves the cart alone. A closed or unknown order's marker is stale.
import type { Db } from "../db";
import type { PaymentStatus } from "../generated/prisma/enums";
import { CHARGED, IN_FLIGHT } from "../payments/state";
import { isOrderNumber } from "../orders/order-number";
import type { Cart } from "./cart";

export const CART_ORDER_COOKIE = "kc_cart_order";
const PAID = new Set(["PAID", "PARTIALLY_REFUNDED", "REFUNDED"]);

/** The cart without what a paid order bought (quantities subtracted, emptied lines dropped). */
export function subtractOrdered(cart: Cart, items: ReadonlyArray<{ productId: string; quantity: number }>): Cart {
  const bought = new Map<string, number>();
  for (const i of items) bought.set(i.productId, (bought.get(i.productId) ?? 0) + i.quantity);
  return cart.flatMap(([id, q]): Cart => {
    const left = q - (bought.get(id) ?? 0);
    return left > 0 ? [[id, left]] : [];
  });
}

export type CartOrderState = { orderNumber: string; status: "PENDING" | "PAID" | "STALE" };

/** What the marker's order is now: still to pay, paid (subtract it), or stale (closed / not there). */
export async function cartOrderState(
  db: Db,
  orderNumber: string | undefined,
): Promise<(CartOrderState & { items: Array<{ productId: string; quantity: number }> }) | null> {
  if (!isOrderNumber(orderNumber)) return null;
  const o = await db.order.findUnique({
    where: { orderNumber },
    select: { status: true, items: { select: { productId: true, quantity: true } } },
  });
  if (!o) return { orderNumber, status: "STALE", items: [] };
  const status = PAID.has(o.status) ? "PAID" : o.status === "PENDING" ? "PENDING" : "STALE";
  return { orderNumber, status, items: o.items };
}

/** Attempt states in which money may have moved for an order still read as unpaid: it is being confirmed. */
const CONFIRMING: readonly PaymentStatus[] = [...IN_FLIGHT, ...CHARGED];

export type PendingOrder = {
  orderNumber: string;
  /**
   * Its latest attempt is being approved or its outcome is unknown (or it was just charged and the order
   * is being marked paid): money may have moved, so the order is not offered as unpaid, and a new
   * checkout is refused rather than closing it (lib/orders/create-order.ts).
   */
  inFlight: boolean;
};

/**
 * This browser's order to mention at checkout: one whose payment is being confirmed, of any age (a new checkout is
 * refused while it is — lib/orders/create-order.ts — so the page must name that one), else its latest order still
 * waiting for payment (placed within a day), for "back from a payment window".
 */
export async function latestPendingOrder(db: Db, own: string[], now = new Date()): Promise<PendingOrder | null> {
  if (own.length === 0) return null;
  const confirming = await db.order.findFirst({
    where: { orderNumber: { in: own }, status: "PENDING", payments: { some: { status: { in: [...CONFIRMING] } } } },
    orderBy: { createdAt: "desc" },
    select: { orderNumber: true },
  });
  if (confirming) return { orderNumber: confirming.orderNumber, inFlight: true };
  const o = await db.order.findFirst({
    where: { orderNumber: { in: own }, status: "PENDING", createdAt: { gt: new Date(now.getTime() - 24 * 3600_000) } },
    orderBy: { createdAt: "desc" },
    select: { orderNumber: true, payments: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true } } },
  });
  if (!o) return null;
  const latest = o.payments[0]?.status;
  return { orderNumber: o.orderNumber, inFlight: latest !== undefined && CONFIRMING.includes(latest) };
}

/** The cart as the buyer should see it, and whether the marker is finished with (paid or stale). */
export async function effectiveCart(
  db: Db,
  cart: Cart,
  marker: string | undefined,
): Promise<{ cart: Cart; pendingOrder: string | null; dropMarker: boolean }> {
  const s = await cartOrderState(db, marker);
  if (!s) return { cart, pendingOrder: null, dropMarker: marker !== undefined };
  if (s.status === "PAID") return { cart: subtractOrdered(cart, s.items), pendingOrder: null, dropMarker: true };
  if (s.status === "STALE") return { cart, pendingOrder: null, dropMarker: true };
  return { cart, pendingOrder: s.orderNumber, dropMarker: false };
}
