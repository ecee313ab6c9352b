// Starts a payment attempt for an unpaid order with any provider: the provider's initiate answers
// with the customer's next step (a redirect to its page, or a form the shop renders to open its
// window). One attempt at a time per order, decided under the order lock.
import { db as defaultDb, type Db } from "../db";
import { env } from "../env";
import { appError, err, ok, type Result } from "../errors";
import { log } from "../log";
import { attemptToken } from "./attempt-token";
import { addEvent, providerCallEvent } from "./events";
import { lockOrder } from "./locks";
import type { Device, NextStep, PaymentProvider, ProviderCallLog, ProviderFailure } from "./port";
import { createPayment, IN_FLIGHT, transitionPayment } from "./state";

export type StartDeps = { db?: Db; gateway: PaymentProvider; appUrl: string; secret?: string };

/** Where the provider sends the customer back: /pay/<slug>/<step> (app/pay/[provider]/[step]). */
export function returnBase(appUrl: string, provider: PaymentProvider): string {
  return `${appUrl.replace(/\/$/, "")}/pay/${provider.slug}`;
}

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
    const unfinished = await tx.payment.findMany({
      where: { orderId: order.id, status: "READY" },
      select: { id: true },
    });
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
      {
        orderId: order.id,
        provider: provider.name,
        device,
        totalAmount: fresh.totalAmount,
        taxFreeAmount: fresh.taxFreeAmount,
        vatAmount: fresh.vatAmount,
      },
      {
        type: "payment.created",
        message: `${provider.display.name} 결제 시도 (${device === "MOBILE" ? "모바일" : "PC"})${unfinished.length ? `, 이전 시도 ${unfinished.length}건 대체` : ""}`,
      },
    );
    return ok({ order: fresh, payment, attempt });
  });
}

/** Records a failed start and maps it to the customer's error. */
async function failStart(
  db: Db,
  orderId: string,
  paymentId: string,
  failure: ProviderFailure,
  callLog: ProviderCallLog,
): Promise<Result<never>> {
  await db.$transaction(async (tx) => {
    await transitionPayment(tx, paymentId, "start_failed", {
      orderId,
      data: { failureCode: failure.code, failureMessage: failure.message.slice(0, 500) },
      event: {
        type: callLog.op,
        message: `결제 준비 실패: ${failure.message}`,
        resultCode: callLog.resultCode,
        data: { durationMs: callLog.durationMs, ...(callLog.detail ?? {}) },
      },
    });
  });
  log.warn({ op: callLog.op, code: failure.code, kind: failure.kind, orderId }, "payment start failed");
  if (failure.kind === "config") return err(appError("PROVIDER_CONFIG"));
  if (failure.kind === "unknown")
    return err(appError("PROVIDER_TIMEOUT", "결제사 연결이 원활하지 않습니다. 잠시 후 다시 시도해 주세요."));
  return err(appError("PROVIDER_ERROR", failure.customerMessage));
}

/** The page that renders an attempt's window form (app/pay/[provider]/window/[paymentId]). */
export function windowPath(provider: PaymentProvider, paymentId: string): string {
  return `/pay/${provider.slug}/window/${paymentId}`;
}

/** The next step of a started attempt that renders a form, as kept on the payment (lib/payments/window.ts reads it). */
export const NEXT_STEP_KEY = "nextStep";

export async function startPayment(
  input: { orderNumber: string; device: Device; userAgent?: string },
  deps: StartDeps,
): Promise<Result<{ paymentId: string; next: NextStep }>> {
  const db = deps.db ?? defaultDb;
  const provider = deps.gateway;
  const opened = await openAttempt(db, input.orderNumber, provider, input.device);
  if (!opened.ok) return opened;
  const { order, payment, attempt } = opened.value;

  const res = await provider.initiate({
    paymentId: payment.id,
    orderNumber: order.orderNumber,
    attempt,
    customerRef: `guest-${order.id}`,
    itemName: order.itemSummary,
    quantity: order.totalQuantity,
    amounts: { total: order.totalAmount, taxFree: order.taxFreeAmount, vat: order.vatAmount },
    buyer: { name: order.buyerName, email: order.buyerEmail },
    device: input.device,
    userAgent: input.userAgent,
    returnTo: {
      base: returnBase(deps.appUrl, provider),
      paymentId: payment.id,
      attemptToken: attemptToken(deps.secret ?? env().APP_SECRET, payment.id),
    },
  });
  if (!res.ok) return failStart(db, order.id, payment.id, res.failure, res.log);

  const { providerTxId, providerOrderRef, providerData, expiresAt, next } = res.value;
  const kept = { ...(providerData ?? {}), ...(next.kind === "form" && { [NEXT_STEP_KEY]: next }) };
  await db.$transaction(async (tx) => {
    await tx.payment.update({
      where: { id: payment.id },
      data: {
        ...(providerTxId && { tid: providerTxId }),
        ...(providerOrderRef && { providerOrderRef }),
        ...(Object.keys(kept).length > 0 && { providerData: kept as object }),
        readyExpiresAt: expiresAt,
      },
    });
    await addEvent(
      tx,
      providerCallEvent(
        order.id,
        payment.id,
        res.log,
        `${provider.display.name} 결제 준비 완료${next.kind === "form" ? ": 결제창 준비" : ""}`,
      ),
    );
  });
  return ok({ paymentId: payment.id, next });
}
