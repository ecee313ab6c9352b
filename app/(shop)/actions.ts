"use server";
// Shop server actions: thin wrappers that parse input, call a use case and redirect.
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { addToCart, setQuantity } from "@/lib/shop/cart";
import { createOrder } from "@/lib/orders/create-order";
import { startKakaoPayPayment, startKcpPayment } from "@/lib/payments/start-payment";
import { kakaoPayGateway, payUpGateway } from "@/lib/payments/gateways";
import { isPaymentMethod } from "@/lib/payments/methods";
import { headers } from "next/headers";
import { log } from "@/lib/log";
import { checkLock, clearFailures, hit, recordFailure } from "@/lib/ratelimit";
import { formProblem } from "../_lib/input";
import { currentIp } from "../_lib/ratelimit";
import { canSeeOrder, deviceFromRequest, grantOrderAccess, ownOrderNumbers, readCart, writeCart } from "../_lib/request";

const lineSchema = z.object({ productId: z.string().min(1).max(40), quantity: z.coerce.number().int().min(0).max(99) });

export async function addToCartAction(formData: FormData) {
  if (formProblem(formData)) redirect("/cart?error=unavailable");
  const parsed = lineSchema.safeParse({ productId: formData.get("productId"), quantity: formData.get("quantity") ?? 1 });
  if (!parsed.success || parsed.data.quantity < 1) redirect("/cart?error=quantity");
  const product = await db.product.findFirst({ where: { id: parsed.data.productId, active: true } });
  if (!product) redirect("/cart?error=unavailable");
  await writeCart(addToCart(await readCart(), product.id, parsed.data.quantity));
  redirect(formData.get("buyNow") ? "/checkout" : "/cart?added=1");
}

export async function updateCartAction(formData: FormData) {
  if (formProblem(formData)) redirect("/cart?error=quantity");
  const parsed = lineSchema.safeParse({ productId: formData.get("productId"), quantity: formData.get("quantity") });
  if (!parsed.success) redirect("/cart?error=quantity");
  await writeCart(setQuantity(await readCart(), parsed.data.productId, parsed.data.quantity));
  redirect("/cart");
}

export type CheckoutState = { error?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

export async function checkoutAction(_prev: CheckoutState, formData: FormData): Promise<CheckoutState> {
  const values = {
    name: String(formData.get("name") ?? ""),
    phone: String(formData.get("phone") ?? ""),
    email: String(formData.get("email") ?? ""),
    method: String(formData.get("method") ?? ""),
  };
  const bad = formProblem(formData);
  if (bad) return { error: bad.message, values: { method: values.method } };
  const cart = await readCart();
  if (cart.length === 0) return { error: "장바구니가 비어 있습니다.", values };
  if (!isPaymentMethod(values.method)) return { error: "결제수단을 선택해 주세요.", values };
  // Orders created and provider `ready` calls, per client IP — before anything is written.
  const limited = await hit("checkoutPerIp", await currentIp());
  if (!limited.ok) return { error: limited.message, values };

  const created = await createOrder(
    {
      buyer: { name: values.name, phone: values.phone, email: values.email },
      lines: cart.map(([productId, quantity]) => ({ productId, quantity })),
    },
    { supersedes: await ownOrderNumbers() },
  );
  if (!created.ok) {
    const fieldErrors: Record<string, string> = {};
    const issues = (created.error.details ?? []) as Array<{ path: (string | number)[]; message: string }>;
    for (const i of Array.isArray(issues) ? issues : []) {
      const key = String(i.path[i.path.length - 1] ?? "");
      if (["name", "phone", "email"].includes(key) && !fieldErrors[key]) fieldErrors[key] = i.message;
    }
    const hasFieldErrors = Object.keys(fieldErrors).length > 0;
    return { error: hasFieldErrors ? "입력한 주문자 정보를 확인해 주세요." : created.error.message, fieldErrors, values };
  }
  await grantOrderAccess(created.value.orderNumber);
  await writeCart([]);
  await startPaymentAndGo(created.value.orderNumber, values.method === "kakaopay_kcp" ? "PAYUP_KCP" : "KAKAOPAY");
  return {};
}

/** Starts a payment attempt with the chosen provider and sends the browser to its window. */
async function startPaymentAndGo(orderNumber: string, provider: "KAKAOPAY" | "PAYUP_KCP"): Promise<never> {
  const device = await deviceFromRequest();
  if (provider === "PAYUP_KCP") {
    const userAgent = (await headers()).get("user-agent") ?? undefined;
    const started = await startKcpPayment({ orderNumber, device, userAgent }, { gateway: payUpGateway(), appUrl: env().APP_URL });
    if (!started.ok) {
      log.warn({ code: started.error.code }, "checkout: KCP payment start failed");
      redirect(`/orders/${orderNumber}?notice=start_failed&code=${started.error.code}`);
    }
    redirect(`/pay/payup/${started.value.paymentId}`);
  }
  const started = await startKakaoPayPayment({ orderNumber, device }, { gateway: kakaoPayGateway(), appUrl: env().APP_URL });
  if (!started.ok) {
    log.warn({ code: started.error.code }, "checkout: payment start failed");
    redirect(`/orders/${orderNumber}?notice=start_failed&code=${started.error.code}`);
  }
  redirect(started.value.redirectUrl);
}

export async function retryPaymentAction(formData: FormData) {
  const orderNumber = String(formData.get("orderNumber") ?? "");
  if (!/^KC\d{6}-[A-Z0-9]{6}$/.test(orderNumber) || !(await canSeeOrder(orderNumber))) redirect("/orders/lookup");
  const method = String(formData.get("method") ?? "");
  const limited = await hit("checkoutPerIp", await currentIp()); // each retry is a provider `ready` call
  if (!limited.ok) redirect(`/orders/${orderNumber}?notice=start_failed&code=RATE_LIMITED`);
  await startPaymentAndGo(orderNumber, method === "kakaopay_kcp" ? "PAYUP_KCP" : "KAKAOPAY");
}

export type LookupState = { error?: string; values?: Record<string, string> };

const LOOKUP_LOCKED = "휴대폰 번호가 여러 번 틀려 이 주문의 조회가 잠시 잠겼습니다.";
const lockMessage = (s: number) => `${LOOKUP_LOCKED} ${s < 60 ? `${s}초` : `${Math.ceil(s / 60)}분`} 후에 다시 시도해 주세요.`;

export async function lookupOrderAction(_prev: LookupState, formData: FormData): Promise<LookupState> {
  const values = { orderNumber: String(formData.get("orderNumber") ?? "").trim().toUpperCase(), phone: String(formData.get("phone") ?? "") };
  const bad = formProblem(formData);
  if (bad) return { error: bad.message, values: {} };
  const phone = values.phone.replace(/[\s-]/g, "");
  if (!/^KC\d{6}-[A-Z0-9]{6}$/.test(values.orderNumber)) return { error: "주문번호 형식을 확인해 주세요. (예: KC261123-ABC234)", values };
  if (!/^01\d{8,9}$/.test(phone)) return { error: "휴대폰 번호를 정확히 입력해 주세요.", values };
  // Guessing: every lookup counts per IP; wrong phone numbers count per order number, and after a
  // few the order's lookup is locked for a while (whoever asks) — checked before the order is read.
  const perIp = await hit("lookupPerIp", await currentIp());
  if (!perIp.ok) return { error: perIp.message, values };
  const locked = await checkLock("lookupPerOrder", values.orderNumber, LOOKUP_LOCKED);
  if (!locked.ok) return { error: lockMessage(locked.retryAfterSeconds), values };
  const order = await db.order.findUnique({ where: { orderNumber: values.orderNumber }, select: { buyerPhone: true } });
  if (!order || order.buyerPhone !== phone) {
    const after = await recordFailure("lookupPerOrder", values.orderNumber);
    if (!after.ok) return { error: lockMessage(after.retryAfterSeconds), values };
    return { error: "일치하는 주문이 없습니다. 주문번호와 휴대폰 번호를 확인해 주세요.", values };
  }
  await clearFailures("lookupPerOrder", values.orderNumber);
  await grantOrderAccess(values.orderNumber);
  redirect(`/orders/${values.orderNumber}`);
}
