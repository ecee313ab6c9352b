"use server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { paymentProvider } from "@/lib/payments/providers";
import { env } from "@/lib/env";
import { settlePayment } from "@/lib/payments/settle";
import { refreshPayment } from "@/lib/payments/refresh";
import { refundPayment } from "@/lib/payments/refund";
import { enterTransactionId } from "@/lib/payments/transaction-id";
import { audit, authorize } from "../../../../_lib/admin";
import { formatWon } from "@/lib/money";
import { refundStatusLabel } from "@/lib/payments/state";
import { formProblem } from "../../../../_lib/input";

export type RefundState = { ok?: boolean; message?: string; status?: string; key?: string };

async function ownPayment(merchantId: string, paymentId: string) {
  return db.payment.findFirst({ where: { id: paymentId, order: { merchantId } }, select: { id: true, orderId: true, provider: true } });
}

export async function refundAction(_prev: RefundState, formData: FormData): Promise<RefundState> {
  const paymentId = String(formData.get("paymentId") ?? "");
  const key = String(formData.get("idempotencyKey") ?? "");
  const auth = await authorize("refund");
  if (!auth.ok) return { ok: false, message: auth.message, key: /^[\w-]{1,100}$/.test(key) ? key : undefined };
  const admin = auth.admin;
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
    { gateway: paymentProvider(payment.provider), providerTimeoutMs: env().PROVIDER_TIMEOUT_MS },
  );
  revalidatePath(`/admin/orders/${payment.orderId}`);
  const amount = Number(formData.get("amount"));
  await audit(admin, {
    action: "payment.refund",
    summary: r.ok ? `환불 ${formatWon(amount)} 요청 → ${refundStatusLabel[r.value.status as keyof typeof refundStatusLabel] ?? r.value.status}` : `환불 ${Number.isFinite(amount) ? formatWon(amount) : ""} 거절: ${r.error.message}`,
    target: { type: "payment", id: paymentId },
    detail: { orderId: payment.orderId, amount: Number.isFinite(amount) ? amount : null, reason: String(formData.get("reason") ?? "").slice(0, 200), result: r.ok ? r.value.status : r.error.code },
  });
  if (!r.ok) return { ok: false, message: r.error.message, key };
  return { ok: r.value.status === "DONE", message: r.value.message, status: r.value.status, key };
}

export type RefreshState = { message?: string };

export async function refreshAction(_prev: RefreshState, formData: FormData): Promise<RefreshState> {
  const auth = await authorize("payment.refresh");
  if (!auth.ok) return { message: auth.message };
  const admin = auth.admin;
  const paymentId = String(formData.get("paymentId") ?? "");
  const bad = formProblem(formData);
  if (bad) return { message: bad.message };
  const payment = await ownPayment(admin.merchantId, paymentId);
  if (!payment) return { message: "결제를 찾을 수 없습니다." };
  const r = await refreshPayment(paymentId, payment.provider);
  revalidatePath(`/admin/orders/${payment.orderId}`);
  await audit(admin, { action: "payment.refresh", summary: `결제사에 상태 조회: ${r.message}`.slice(0, 300), target: { type: "payment", id: paymentId }, detail: { orderId: payment.orderId } });
  return { message: r.message };
}

export type TidState = { ok?: boolean; message?: string };

export async function transactionIdAction(_prev: TidState, formData: FormData): Promise<TidState> {
  const auth = await authorize("payment.tid");
  if (!auth.ok) return { ok: false, message: auth.message };
  const admin = auth.admin;
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
  if (payment) {
    await audit(admin, {
      action: "payment.tid",
      summary: r.ok ? "PayUp 거래번호 입력" : `PayUp 거래번호 입력 거절: ${r.error.message}`.slice(0, 300),
      target: { type: "payment", id: payment.id },
      detail: { orderId: payment.orderId, transactionId: String(formData.get("transactionId") ?? "").slice(0, 40), accepted: r.ok },
    });
  }
  return r.ok ? { ok: true, message: r.value.message } : { ok: false, message: r.error.message };
}
