"use server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { gatewayFor } from "@/lib/payments/gateways";
import { env } from "@/lib/env";
import { settlePayment } from "@/lib/payments/settle";
import { refreshPayment } from "@/lib/payments/refresh";
import { refundPayment } from "@/lib/payments/refund";
import { enterTransactionId } from "@/lib/payments/transaction-id";
import { requireAdmin } from "../../../../_lib/admin";
import { formProblem } from "../../../../_lib/input";

export type RefundState = { ok?: boolean; message?: string; status?: string; key?: string };

async function ownPayment(merchantId: string, paymentId: string) {
  return db.payment.findFirst({ where: { id: paymentId, order: { merchantId } }, select: { id: true, orderId: true, provider: true } });
}

export async function refundAction(_prev: RefundState, formData: FormData): Promise<RefundState> {
  const admin = await requireAdmin();
  const paymentId = String(formData.get("paymentId") ?? "");
  const key = String(formData.get("idempotencyKey") ?? "");
  const bad = formProblem(formData);
  if (bad) return { ok: false, message: bad.message, key: /^[\w-]{1,100}$/.test(key) ? key : undefined };
  const payment = await ownPayment(admin.merchantId, paymentId);
  if (!payment) return { ok: false, message: "결제를 찾을 수 없습니다.", key };
  const r = await refundPayment(
    {
      paymentId,
      amount: formData.get("amount") as unknown as number,
      taxFree: (formData.get("taxFree") || 0) as unknown as number,
      reason: String(formData.get("reason") ?? ""),
      idempotencyKey: String(formData.get("idempotencyKey") ?? ""),
    },
    { adminId: admin.adminId },
    { gateway: gatewayFor(payment.provider), providerTimeoutMs: env().PROVIDER_TIMEOUT_MS },
  );
  revalidatePath(`/admin/orders/${payment.orderId}`);
  if (!r.ok) return { ok: false, message: r.error.message, key };
  return { ok: r.value.status === "DONE", message: r.value.message, status: r.value.status, key };
}

export type RefreshState = { message?: string };

export async function refreshAction(_prev: RefreshState, formData: FormData): Promise<RefreshState> {
  const admin = await requireAdmin();
  const paymentId = String(formData.get("paymentId") ?? "");
  const bad = formProblem(formData);
  if (bad) return { message: bad.message };
  const payment = await ownPayment(admin.merchantId, paymentId);
  if (!payment) return { message: "결제를 찾을 수 없습니다." };
  const r = await refreshPayment(paymentId, payment.provider);
  revalidatePath(`/admin/orders/${payment.orderId}`);
  return { message: r.message };
}

export type TidState = { ok?: boolean; message?: string };

export async function transactionIdAction(_prev: TidState, formData: FormData): Promise<TidState> {
  const admin = await requireAdmin();
  const r = await enterTransactionId(
    {
      paymentId: String(formData.get("paymentId") ?? ""),
      transactionId: String(formData.get("transactionId") ?? ""),
      consoleAmount: String(formData.get("consoleAmount") ?? "") as unknown as number,
      consoleDate: String(formData.get("consoleDate") ?? ""),
    },
    { adminId: admin.adminId, merchantId: admin.merchantId },
  );
  const payment = await ownPayment(admin.merchantId, String(formData.get("paymentId") ?? ""));
  if (payment) revalidatePath(`/admin/orders/${payment.orderId}`);
  return r.ok ? { ok: true, message: r.value.message } : { ok: false, message: r.error.message };
}
