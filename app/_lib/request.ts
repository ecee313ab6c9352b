// Request-scoped helpers for pages, actions and route handlers.
import "server-only"; // holds APP_SECRET-signed cookies / sessions: never in a client bundle (build error)
import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";
import { db } from "@/lib/db";
import { CART_COOKIE, parseCart, serializeCart, type Cart } from "@/lib/shop/cart";
import { CART_ORDER_COOKIE, effectiveCart } from "@/lib/shop/cart-order";
import { accessibleOrders, grant, hasAccess, ORDER_ACCESS_COOKIE } from "@/lib/shop/order-access";
import type { Device } from "@/lib/payments/port";
import { deviceFromUserAgent } from "@/lib/shop/device";

/** PC or MOBILE from the User-Agent (lib/shop/device.ts, tested with real browsers' strings). */
export async function deviceFromRequest(): Promise<Device> {
  return deviceFromUserAgent((await headers()).get("user-agent"));
}

/** The cart as the buyer sees it: a paid cart checkout's items are already taken out (lib/shop/cart-order.ts). */
export async function readCart(): Promise<Cart> {
  return (await readCartState()).cart;
}

/** The cart, and the cart checkout still waiting for payment (its order number), if any. */
export async function readCartState() {
  const jar = await cookies();
  return effectiveCart(db, parseCart(jar.get(CART_COOKIE)?.value), jar.get(CART_ORDER_COOKIE)?.value);
}

const cookieOptions = (maxAge: number) => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: env().APP_URL.startsWith("https://"),
  path: "/",
  maxAge,
});

/**
 * Stores `cart` (read with readCart, so a paid checkout is already subtracted). `checkoutOrder`: a
 * checkout from the cart was just placed — remember it until it is paid. Otherwise a finished marker
 * (paid or stale) is dropped so it is not subtracted twice.
 */
export async function writeCart(cart: Cart, opts: { checkoutOrder?: string } = {}) {
  const jar = await cookies();
  jar.set(CART_COOKIE, serializeCart(cart), cookieOptions(60 * 60 * 24 * 14));
  if (opts.checkoutOrder) jar.set(CART_ORDER_COOKIE, opts.checkoutOrder, cookieOptions(60 * 60 * 24 * 14));
  else if (jar.get(CART_ORDER_COOKIE) && (await readCartState()).dropMarker) jar.delete(CART_ORDER_COOKIE);
}

export async function grantOrderAccess(orderNumber: string) {
  const jar = await cookies();
  jar.set(ORDER_ACCESS_COOKIE, grant(env().APP_SECRET, jar.get(ORDER_ACCESS_COOKIE)?.value, orderNumber), {
    httpOnly: true,
    sameSite: "lax",
    secure: env().APP_URL.startsWith("https://"),
    path: "/",
    maxAge: 60 * 60 * 24 * 30,
  });
}

/** The orders this browser placed or proved (the buyer's own earlier checkouts). */
export async function ownOrderNumbers(): Promise<string[]> {
  return accessibleOrders(env().APP_SECRET, (await cookies()).get(ORDER_ACCESS_COOKIE)?.value);
}

export async function canSeeOrder(orderNumber: string): Promise<boolean> {
  return hasAccess(env().APP_SECRET, (await cookies()).get(ORDER_ACCESS_COOKIE)?.value, orderNumber);
}
