// Starts a KakaoPay payment for an unpaid order: ready → redirect URL for the customer's device.
import { db as defaultDb, type Db } from "../db";
import { appError, err, ok, type Result } from "../errors";
import { log } from "../log";
import { addEvent, providerCallEvent } from "./events";
import type { Device, RedirectPaymentGateway } from "./gateway";
import { lockOrder } from "./locks";
import { IN_FLIGHT } from "./state";

export type StartDeps = { db?: Db; gateway: RedirectPaymentGateway; appUrl: string };

export function returnUrls(appUrl: string, paymentId: string) {
  const base = appUrl.replace(/\/$/, "");
  const q = `payment=${encodeURIComponent(paymentId)}`;
  return {
    approval: `${base}/pay/kakaopay/approve?${q}`,
    cancel: `${base}/pay/kakaopay/cancel?${q}`,
    fail: `${base}/pay/kakaopay/fail?${q}`,
  };
}

export async function startKakaoPayPayment(
  input: { orderNumber: string; device: Device },
  deps: StartDeps,
): Promise<Result<{ redirectUrl: string; paymentId: string }>> {
  const db = deps.db ?? defaultDb;
  const order = await db.order.findUnique({ where: { orderNumber: input.orderNumber } });
  if (!order) return err(appError("ORDER_NOT_FOUND"));

  // Decide under the order lock: no new attempt while one is charged or being approved.
  const decision = await db.$transaction(async (tx) => {
    await lockOrder(tx, order.id);
    const fresh = await tx.order.findUniqueOrThrow({ where: { id: order.id } });
    if (fresh.status !== "PENDING") return err(appError("ORDER_ALREADY_PAID"));
    const busy = await tx.payment.findFirst({ where: { orderId: order.id, status: { in: [...IN_FLIGHT] } } });
    if (busy) return err(appError("PAYMENT_IN_PROGRESS"));
    // Earlier attempts the customer walked away from can no longer be approved.
    const superseded = await tx.payment.updateMany({
      where: { orderId: order.id, status: "READY" },
      data: { status: "ABORTED", failureCode: "SUPERSEDED", failureMessage: "새 결제 시도로 대체됨" },
    });
    const payment = await tx.payment.create({
      data: {
        orderId: order.id,
        provider: "KAKAOPAY",
        device: input.device,
        totalAmount: fresh.totalAmount,
        taxFreeAmount: fresh.taxFreeAmount,
        vatAmount: fresh.vatAmount,
      },
    });
    await addEvent(tx, {
      orderId: order.id,
      paymentId: payment.id,
      type: "payment.created",
      message: `카카오페이 결제 시도 (${input.device === "MOBILE" ? "모바일" : "PC"})${superseded.count ? `, 이전 시도 ${superseded.count}건 대체` : ""}`,
    });
    return ok(payment);
  });
  if (!decision.ok) return decision;
  const payment = decision.value;

  const res = await deps.gateway.initiate({
    paymentId: payment.id,
    orderNumber: order.orderNumber,
    customerRef: `guest-${order.id}`,
    itemName: order.itemSummary,
    quantity: order.totalQuantity,
    amounts: { total: order.totalAmount, taxFree: order.taxFreeAmount, vat: order.vatAmount },
    device: input.device,
    returnUrls: returnUrls(deps.appUrl, payment.id),
  });

  if (!res.ok) {
    await db.$transaction(async (tx) => {
      await tx.payment.updateMany({
        where: { id: payment.id, status: "READY" },
        data: { status: "FAILED", failureCode: res.failure.code, failureMessage: res.failure.message.slice(0, 500) },
      });
      await addEvent(tx, providerCallEvent(order.id, payment.id, res.log, `결제 준비 실패: ${res.failure.message}`));
    });
    log.warn({ op: res.log.op, code: res.failure.code, kind: res.failure.kind, orderId: order.id }, "payment ready failed");
    if (res.failure.kind === "config") return err(appError("PROVIDER_CONFIG"));
    if (res.failure.kind === "unknown") return err(appError("PROVIDER_TIMEOUT", "카카오페이 연결이 원활하지 않습니다. 잠시 후 다시 시도해 주세요."));
    return err(appError("PROVIDER_ERROR", res.failure.customerMessage));
  }

  await db.$transaction(async (tx) => {
    await tx.payment.update({
      where: { id: payment.id },
      data: { tid: res.value.providerTxId, readyExpiresAt: res.value.expiresAt },
    });
    await addEvent(tx, providerCallEvent(order.id, payment.id, res.log, "카카오페이 결제 준비 완료"));
  });
  return ok({ redirectUrl: res.value.next.url, paymentId: payment.id });
}
