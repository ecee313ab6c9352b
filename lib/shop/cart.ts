// The cart lives in a cookie as product ids and quantities only; prices are always read from the
// database.
import { z } from "zod";

export const CART_COOKIE = "kc_cart";
const cartSchema = z.array(z.tuple([z.string().min(1).max(40), z.number().int().min(1).max(99)])).max(30);
export type Cart = Array<[productId: string, quantity: number]>;

export function parseCart(raw: string | undefined): Cart {
  if (!raw) return [];
  try {
    const parsed = cartSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function serializeCart(cart: Cart): string {
  return JSON.stringify(cart);
}

export function setQuantity(cart: Cart, productId: string, quantity: number): Cart {
  const q = Math.max(0, Math.min(99, Math.trunc(quantity)));
  const rest = cart.filter(([id]) => id !== productId);
  return q > 0 ? [...rest.slice(0, 29), [productId, q]] : rest;
}

export function addToCart(cart: Cart, productId: string, quantity: number): Cart {
  const current = cart.find(([id]) => id === productId)?.[1] ?? 0;
  const next = Math.min(99, current + quantity);
  const idx = cart.findIndex(([id]) => id === productId);
  if (idx >= 0) return cart.map((l, i) => (i === idx ? [productId, next] : l));
  return setQuantity(cart, productId, next);
}

export const cartCount = (cart: Cart) => cart.reduce((n, [, q]) => n + q, 0);
