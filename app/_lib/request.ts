// Request-scoped helpers for pages, actions and route handlers.
import "server-only"; // holds APP_SECRET-signed cookies / sessions: never in a client bundle (build error)
import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";
import { CART_COOKIE, parseCart, serializeCart, type Cart } from "@/lib/shop/cart";
import { accessibleOrders, grant, hasAccess, ORDER_ACCESS_COOKIE } from "@/lib/shop/order-access";
import type { Device } from "@/lib/payments/gateway";

const MOBILE_UA = /Android|iPhone|iPad|iPod|Mobile|SamsungBrowser|KAKAOTALK/i;

export async function deviceFromRequest(): Promise<Device> {
  const ua = (await headers()).get("user-agent") ?? "";
  return MOBILE_UA.test(ua) ? "MOBILE" : "PC";
}

export async function readCart(): Promise<Cart> {
  return parseCart((await cookies()).get(CART_COOKIE)?.value);
}

export async function writeCart(cart: Cart) {
  (await cookies()).set(CART_COOKIE, serializeCart(cart), {
    httpOnly: true,
    sameSite: "lax",
    secure: env().APP_URL.startsWith("https://"),
    path: "/",
    maxAge: 60 * 60 * 24 * 14,
  });
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
