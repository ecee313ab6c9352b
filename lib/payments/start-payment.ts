// Starts a payment attempt for an unpaid order: KakaoPay online (ready → redirect URL) or KakaoPay
// through PayUp/KCP (order → KCP window). One attempt at a time per order, decided under the order lock.
import { db as defaultDb, type Db } from "../db";
import { env } from "../env";
import { attemptToken } from "./attempt-token";
import { appError, err, ok, type Result } from "../errors";
import type { PaymentProvider } from "../generated/prisma/enums";
import { log } from "../log";
import type { PayUpGateway } from "../providers/payup";
import { addEvent, providerCallEvent } from "./events";
import type { Device, GatewayFailure, ProviderCallLog, RedirectPaymentGateway } from "./gateway";
import { lockOrder } from "./locks";
import { createPayment, IN_FLIGHT, transitionPayment } from "./state";

export type StartDeps = { db?: Db; gateway: RedirectPaymentGateway; appUrl: string; secret?: string };

export function returnUrls(appUrl: string, paymentId: string, secret: string) {
  const base = appUrl.replace(/\/$/, "");
  const q = `payment=${encodeURIComponent(paymentId)}&t=${attemptToken(secret, paymentId)}`;
  return {
    approval: `${base}/pay/kakaopay/approve?${q}`,
    cancel: `${base}/pay/kakaopay/cancel?${q}`,
    fail: `${base}/pay/kakaopay/fail?${q}`,
  };
}

const providerLabel: Record<PaymentProvider, string> = { KAKAOPAY: "카카오페이", PAYUP_KCP: "카카오페이(KCP)" };

/** Opens a new attempt: refuses paid orders and orders with an attempt in flight; retires unfinished ones. */
async function openAttempt(db: Db, orderNumber: string, provider: PaymentProvider, device: Device) {
  const order = await db.order.findUnique({ where: { orderNumber } });
  if (!order) return err(appError("ORDER_NOT_FOUND"));
  return db.$transaction(async (tx) => {
    await lockOrder(tx, order.id);
    const fresh = await tx.order.findUniqueOrThrow({ where: { id: order.id } });
    if (fresh.status === "CLOSED") return err(appError("ORDER_CLOSED"));
    if (fresh.status !== "PENDING") return err(appError("ORDER_ALREADY_PAID"));
    const busy = await tx.payment.findFirst({ where: { orderId: order.id, status: { in: [...IN_FLIGHT] } } });
    if (busy) return err(appError("PAYMENT_IN_PROGRESS"));
    const unfinished = await tx.payment.findMany({ where: { orderId: order.id, status: "READY" }, select: { id: true } });
    for (const p of unfinished) {
      await transitionPayment(tx, p.id, "superseded", {
        orderId: order.id,
        data: { failureCode: "SUPERSEDED", failureMessage: "새 결제 시도로 대체됨" },
        event: { type: "payment.superseded", message: "새 결제 시도로 대체됨" },
      });
    }
    const attempt = (await tx.payment.count({ where: { orderId: order.id } })) + 1;
    const payment = await createPayment(
      tx,
      { orderId: order.id, provider, device, totalAmount: fresh.totalAmount, taxFreeAmount: fresh.taxFreeAmount, vatAmount: fresh.vatAmount },
      {
        type: "payment.created",
        message: `${providerLabel[provider]} 결제 시도 (${device === "MOBILE" ? "모바일" : "PC"})${unfinished.length ? `, 이전 시도 ${unfinished.length}건 대체` : ""}`,
      },
    );
    return ok({ order: fresh, payment, attempt });
  });
}

/** Records a failed start and maps it to the customer's error. */
async function failStart(db: Db, orderId: string, paymentId: string, failure: GatewayFailure, callLog: ProviderCallLog): Promise<Result<never>> {
  await db.$transaction(async (tx) => {
    await transitionPayment(tx, paymentId, "start_failed", {
      orderId,
      data: { failureCode: failure.code, failureMessage: failure.message.slice(0, 500) },
      event: { type: callLog.op, message: `결제 준비 실패: ${failure.message}`, resultCode: callLog.resultCode, data: { durationMs: callLog.durationMs, ...(callLog.detail ?? {}) } },
    });
  });
  log.warn({ op: callLog.op, code: failure.code, kind: failure.kind, orderId }, "payment start failed");
  if (failure.kind === "config") return err(appError("PROVIDER_CONFIG"));
  if (failure.kind === "unknown") return err(appError("PROVIDER_TIMEOUT", "결제사 연결이 원활하지 않습니다. 잠시 후 다시 시도해 주세요."));
  return err(appError("PROVIDER_ERROR", failure.customerMessage));
}

export async function startKakaoPayPayment(
  input: { orderNumber: string; device: Device },
  deps: StartDeps,
): Promise<Result<{ redirectUrl: string; paymentId: string }>> {
  const db = deps.db ?? defaultDb;
  const opened = await openAttempt(db, input.orderNumber, "KAKAOPAY", input.device);
  if (!opened.ok) return opened;
  const { order, payment } = opened.value;

  const res = await deps.gateway.initiate({
    paymentId: payment.id,
    orderNumber: order.orderNumber,
    customerRef: `guest-${order.id}`,
    itemName: order.itemSummary,
    quantity: order.totalQuantity,
    amounts: { total: order.totalAmount, taxFree: order.taxFreeAmount, vat: order.vatAmount },
    device: input.device,
    returnUrls: returnUrls(deps.appUrl, payment.id, deps.secret ?? env().APP_SECRET),
  });
  if (!res.ok) return failStart(db, order.id, payment.id, res.failure, res.log);

  await db.$transaction(async (tx) => {
    await tx.payment.update({ where: { id: payment.id }, data: { tid: res.value.providerTxId, readyExpiresAt: res.value.expiresAt } });
    await addEvent(tx, providerCallEvent(order.id, payment.id, res.log, "카카오페이 결제 준비 완료"));
  });
  return ok({ redirectUrl: res.value.next.url, paymentId: payment.id });
}

/** PayUp keeps a KCP window order usable for a limited time; ours is stricter. */
const KCP_WINDOW_TTL_MS = 30 * 60 * 1000;

export async function startKcpPayment(
  input: { orderNumber: string; device: Device; userAgent?: string },
  deps: { db?: Db; gateway: PayUpGateway; appUrl: string; secret?: string },
): Promise<Result<{ paymentId: string }>> {
  const db = deps.db ?? defaultDb;
  const opened = await openAttempt(db, input.orderNumber, "PAYUP_KCP", input.device);
  if (!opened.ok) return opened;
  const { order, payment, attempt } = opened.value;

  const res = await deps.gateway.openWindow({
    // PayUp refuses a second order with the same number: each attempt gets its own (≤ 20 chars).
    reference: `${order.orderNumber}-${String(attempt).padStart(2, "0")}`,
    amount: order.totalAmount,
    itemName: order.itemSummary,
    buyerName: order.buyerName,
    buyerEmail: order.buyerEmail,
    // KCP posts back to Ret_URL without cookies: the attempt's token in the URL proves it is this attempt's return.
    returnUrl: payUpReturnUrl(deps.appUrl, attemptToken(deps.secret ?? env().APP_SECRET, payment.id)),
    device: input.device,
    userAgent: input.userAgent,
  });
  if (!res.ok) return failStart(db, order.id, payment.id, res.failure, res.log);

  await db.$transaction(async (tx) => {
    await tx.payment.update({
      where: { id: payment.id },
      data: { providerOrderRef: res.value.ordrIdxx, providerData: res.value.providerData as object, readyExpiresAt: new Date(Date.now() + KCP_WINDOW_TTL_MS) },
    });
    await addEvent(tx, providerCallEvent(order.id, payment.id, res.log, "PayUp 주문 요청 완료: KCP 결제창 준비"));
  });
  return ok({ paymentId: payment.id });
}

/** KCP's Ret_URL (and the PC form's action): short, with the attempt's token. */
export function payUpReturnUrl(appUrl: string, token: string) {
  return `${appUrl.replace(/\/$/, "")}/pay/payup/return?t=${token}`;
}
