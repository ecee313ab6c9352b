"use server";
// Shop server actions: thin wrappers that parse input, call a use case and redirect.
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { addToCart, setQuantity } from "@/lib/shop/cart";
import { checkoutFields } from "@/lib/shop/checkout-fields";
import { createOrder } from "@/lib/orders/create-order";
import { isOrderNumber } from "@/lib/orders/order-number";
import { startPayment, windowPath } from "@/lib/payments/start-payment";
import { paymentMethods, providerForMethod } from "@/lib/payments/providers";
import { headers } from "next/headers";
import { log } from "@/lib/log";
import { checkLock, clearFailures, hit, recordFailure, retryAfterOf } from "@/lib/ratelimit";
import { formProblem } from "../_lib/input";
import { currentIp } from "../_lib/ratelimit";
import {
  canSeeOrder,
  deviceFromRequest,
  grantOrderAccess,
  ownOrderNumbers,
  readCart,
  writeCart,
} from "../_lib/request";

const lineSchema = z.object({ productId: z.string().min(1).max(40), quantity: z.coerce.number().int().min(0).max(99) });

export async function addToCartAction(formData: FormData) {
  if (formProblem(formData)) redirect("/cart?error=unavailable");
  const parsed = lineSchema.safeParse({
    productId: formData.get("productId"),
    quantity: formData.get("quantity") ?? 1,
  });
  if (!parsed.success || parsed.data.quantity < 1) redirect("/cart?error=quantity");
  const product = await db.product.findFirst({ where: { id: parsed.data.productId, active: true } });
  if (!product) redirect("/cart?error=unavailable");
  // 바로 구매 buys only this product in this quantity and leaves the cart alone.
  if (formData.get("buyNow")) redirect(`/checkout?buy=${encodeURIComponent(product.id)}&qty=${parsed.data.quantity}`);
  await writeCart(addToCart(await readCart(), product.id, parsed.data.quantity));
  redirect("/cart?added=1");
}

export async function updateCartAction(formData: FormData) {
  if (formProblem(formData)) redirect("/cart?error=quantity");
  const parsed = lineSchema.safeParse({ productId: formData.get("productId"), quantity: formData.get("quantity") });
  if (!parsed.success) redirect("/cart?error=quantity");
  await writeCart(setQuantity(await readCart(), parsed.data.productId, parsed.data.quantity));
  redirect("/cart");
}

export type CheckoutState = { error?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

const fieldOfIssue: Record<string, string> = { privacy: "agreePrivacy", thirdParty: "agreeThirdParty" };

export async function checkoutAction(_prev: CheckoutState, formData: FormData): Promise<CheckoutState> {
  const text = (k: string) => String(formData.get(k) ?? "");
  const sameAsBuyer = formData.get("sameAsBuyer") === "1";
  const values = {
    name: text("name"),
    phone: text("phone"),
    email: text("email"),
    recipientName: sameAsBuyer ? text("name") : text("recipientName"),
    recipientPhone: sameAsBuyer ? text("phone") : text("recipientPhone"),
    postcode: text("postcode"),
    address1: text("address1"),
    address2: text("address2"),
    deliveryMemo: text("deliveryMemo"),
    sameAsBuyer: sameAsBuyer ? "1" : "",
    agreePrivacy: formData.get("agreePrivacy") === "1" ? "1" : "",
    agreeThirdParty: formData.get("agreeThirdParty") === "1" ? "1" : "",
    method: text("method"),
  };
  const bad = formProblem(formData);
  if (bad) return { error: bad.message, values: { method: values.method } };
  // 바로 구매: exactly the product and quantity of the buy-now link, and the cart is left alone.
  const buyNow = formData.get("productId") !== null;
  let lines: Array<{ productId: string; quantity: number }>;
  if (buyNow) {
    const one = lineSchema.safeParse({ productId: formData.get("productId"), quantity: formData.get("quantity") });
    if (!one.success || one.data.quantity < 1) return { error: "주문할 상품의 수량을 확인해 주세요. (1~99개)", values };
    lines = [one.data];
  } else {
    const cart = await readCart();
    if (cart.length === 0) return { error: "장바구니가 비어 있습니다.", values };
    lines = cart.map(([productId, quantity]) => ({ productId, quantity }));
  }
  if (!providerForMethod(values.method)) return { error: "결제수단을 선택해 주세요.", values };
  // Orders created and provider `ready` calls, per client IP — before anything is written.
  const limited = await hit("checkoutPerIp", await currentIp());
  if (!limited.ok) return { error: limited.error.message, values };

  const created = await createOrder(
    {
      buyer: { name: values.name, phone: values.phone, email: values.email },
      shipping: {
        recipientName: values.recipientName,
        recipientPhone: values.recipientPhone,
        postcode: values.postcode,
        address1: values.address1,
        address2: values.address2,
        deliveryMemo: values.deliveryMemo,
      },
      // Unticked boxes arrive as `false` and are refused with the agreement's own message.
      agreements: { privacy: values.agreePrivacy === "1", thirdParty: values.agreeThirdParty === "1" } as {
        privacy: true;
        thirdParty: true;
      },
      lines,
    },
    { supersedes: await ownOrderNumbers() },
  );
  if (!created.ok) {
    const fieldErrors: Record<string, string> = {};
    const issues = (created.error.details ?? []) as Array<{ path: (string | number)[]; message: string }>;
    for (const i of Array.isArray(issues) ? issues : []) {
      const last = String(i.path[i.path.length - 1] ?? "");
      const key = fieldOfIssue[last] ?? last;
      if ((checkoutFields as readonly string[]).includes(key) && !fieldErrors[key]) fieldErrors[key] = i.message;
    }
    // 주문자와 동일: the recipient's errors belong to the buyer's fields the buyer typed.
    if (sameAsBuyer) {
      if (fieldErrors.recipientName && !fieldErrors.name) fieldErrors.name = fieldErrors.recipientName;
      if (fieldErrors.recipientPhone && !fieldErrors.phone) fieldErrors.phone = fieldErrors.recipientPhone;
      delete fieldErrors.recipientName;
      delete fieldErrors.recipientPhone;
    }
    const n = Object.keys(fieldErrors).length;
    return { error: n > 0 ? `입력한 내용을 확인해 주세요. (${n}곳)` : created.error.message, fieldErrors, values };
  }
  await grantOrderAccess(created.value.orderNumber);
  // The cart stays as it is until this order is paid (buy-now: the cart is not touched at all).
  if (!buyNow) await writeCart(await readCart(), { checkoutOrder: created.value.orderNumber });
  await startPaymentAndGo(created.value.orderNumber, values.method);
  return {};
}

/** Starts a payment attempt with the chosen method's provider and sends the browser to its page or window. */
async function startPaymentAndGo(orderNumber: string, methodId: string): Promise<never> {
  const provider = providerForMethod(methodId) ?? paymentMethodsFallback();
  const device = await deviceFromRequest();
  const userAgent = (await headers()).get("user-agent") ?? undefined;
  const started = await startPayment({ orderNumber, device, userAgent }, { gateway: provider, appUrl: env().APP_URL });
  if (!started.ok) {
    log.warn({ code: started.error.code, provider: provider.name }, "checkout: payment start failed");
    redirect(`/orders/${orderNumber}?notice=start_failed&code=${started.error.code}`);
  }
  const { next, paymentId } = started.value;
  redirect(next.kind === "redirect" ? next.url : windowPath(provider, paymentId));
}

/** A retry whose method is missing or unknown pays with the first method offered (as before: KakaoPay). */
function paymentMethodsFallback() {
  return providerForMethod(paymentMethods()[0]!.id)!;
}

export async function retryPaymentAction(formData: FormData) {
  const orderNumber = String(formData.get("orderNumber") ?? "");
  if (!isOrderNumber(orderNumber) || !(await canSeeOrder(orderNumber))) redirect("/orders/lookup");
  const method = String(formData.get("method") ?? "");
  const limited = await hit("checkoutPerIp", await currentIp()); // each retry is a provider `ready` call
  if (!limited.ok) redirect(`/orders/${orderNumber}?notice=start_failed&code=RATE_LIMITED`);
  await startPaymentAndGo(orderNumber, method);
}

export type LookupState = { error?: string; values?: Record<string, string> };

const LOOKUP_LOCKED = "휴대폰 번호가 여러 번 틀려 이 주문의 조회가 잠시 잠겼습니다.";
const lockMessage = (s: number) =>
  `${LOOKUP_LOCKED} ${s < 60 ? `${s}초` : `${Math.ceil(s / 60)}분`} 후에 다시 시도해 주세요.`;

export async function lookupOrderAction(_prev: LookupState, formData: FormData): Promise<LookupState> {
  const values = {
    orderNumber: String(formData.get("orderNumber") ?? "")
      .trim()
      .toUpperCase(),
    phone: String(formData.get("phone") ?? ""),
  };
  const bad = formProblem(formData);
  if (bad) return { error: bad.message, values: {} };
  const phone = values.phone.replace(/[\s-]/g, "");
  if (!isOrderNumber(values.orderNumber))
    return { error: "주문번호 형식을 확인해 주세요. (예: KC261123-ABC234)", values };
  if (!/^01\d{8,9}$/.test(phone)) return { error: "휴대폰 번호를 정확히 입력해 주세요.", values };
  // Guessing: every lookup counts per IP; wrong phone numbers count per order number, and after a
  // few the order's lookup is locked for a while (whoever asks) — checked before the order is read.
  const perIp = await hit("lookupPerIp", await currentIp());
  if (!perIp.ok) return { error: perIp.error.message, values };
  const locked = await checkLock("lookupPerOrder", values.orderNumber, LOOKUP_LOCKED);
  if (!locked.ok) return { error: lockMessage(retryAfterOf(locked.error)), values };
  const order = await db.order.findUnique({ where: { orderNumber: values.orderNumber }, select: { buyerPhone: true } });
  if (!order || order.buyerPhone !== phone) {
    const after = await recordFailure("lookupPerOrder", values.orderNumber);
    if (!after.ok) return { error: lockMessage(retryAfterOf(after.error)), values };
    return { error: "일치하는 주문이 없습니다. 주문번호와 휴대폰 번호를 확인해 주세요.", values };
  }
  await clearFailures("lookupPerOrder", values.orderNumber);
  await grantOrderAccess(values.orderNumber);
  redirect(`/orders/${values.orderNumber}`);
}
