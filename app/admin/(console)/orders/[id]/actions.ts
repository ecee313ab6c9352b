"use server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { fail, formState, ok, type FormState } from "@/lib/errors";
import { formatWon } from "@/lib/money";
import { paymentProvider } from "@/lib/payments/providers";
import { refreshPayment } from "@/lib/payments/refresh";
import { refundPayment } from "@/lib/payments/refund";
import { refundStatusLabel } from "@/lib/payments/state";
import { enterTransactionId } from "@/lib/payments/transaction-id";
import { audit, withAdminAction } from "../../../../_lib/admin";

export type RefundState = FormState & { status?: string; key?: string };
export type RefreshState = FormState;
export type TidState = FormState;

async function ownPayment(merchantId: string, paymentId: string) {
  return db.payment.findFirst({
    where: { id: paymentId, order: { merchantId } },
    select: { id: true, orderId: true, provider: true },
  });
}

const field = (formData: FormData, k: string) => String(formData.get(k) ?? "");
/** The form's idempotency key goes back with every answer, so a retry after a refusal reuses it. */
const keyOf = (formData: FormData) =>
  /^[\w-]{1,100}$/.test(field(formData, "idempotencyKey")) ? field(formData, "idempotencyKey") : undefined;

export const refundAction = withAdminAction<RefundState>(
  { perm: "refund", state: (e, formData) => ({ ...formState(e), key: keyOf(formData) }) },
  async ({ admin, formData }) => {
    const paymentId = field(formData, "paymentId");
    const key = keyOf(formData);
    const payment = await ownPayment(admin.merchantId, paymentId);
    if (!payment) return fail("NOT_FOUND", "결제를 찾을 수 없습니다.");
    const r = await refundPayment(
      {
        paymentId,
        amount: formData.get("amount") as unknown as number,
        taxFree: (formData.get("taxFree") || 0) as unknown as number,
        reason: field(formData, "reason"),
        idempotencyKey: field(formData, "idempotencyKey"),
      },
      { adminId: admin.adminId },
      { gateway: paymentProvider(payment.provider), providerTimeoutMs: env().PROVIDER_TIMEOUT_MS },
    );
    revalidatePath(`/admin/orders/${payment.orderId}`);
    const amount = Number(formData.get("amount"));
    await audit(admin, {
      action: "payment.refund",
      summary: r.ok
        ? `환불 ${formatWon(amount)} 요청 → ${refundStatusLabel[r.value.status as keyof typeof refundStatusLabel] ?? r.value.status}`
        : `환불 ${Number.isFinite(amount) ? formatWon(amount) : ""} 거절: ${r.error.message}`,
      target: { type: "payment", id: paymentId },
      detail: {
        orderId: payment.orderId,
        amount: Number.isFinite(amount) ? amount : null,
        reason: field(formData, "reason").slice(0, 200),
        result: r.ok ? r.value.status : r.error.code,
      },
    });
    if (!r.ok) return r;
    return ok({ ok: r.value.status === "DONE", message: r.value.message, status: r.value.status, key });
  },
);

export const refreshAction = withAdminAction<RefreshState>({ perm: "payment.refresh" }, async ({ admin, formData }) => {
  const paymentId = field(formData, "paymentId");
  const payment = await ownPayment(admin.merchantId, paymentId);
  if (!payment) return fail("NOT_FOUND", "결제를 찾을 수 없습니다.");
  const r = await refreshPayment(paymentId, payment.provider);
  revalidatePath(`/admin/orders/${payment.orderId}`);
  await audit(admin, {
    action: "payment.refresh",
    summary: `결제사에 상태 조회: ${r.message}`.slice(0, 300),
    target: { type: "payment", id: paymentId },
    detail: { orderId: payment.orderId },
  });
  return ok({ message: r.message });
});

export const transactionIdAction = withAdminAction<TidState>({ perm: "payment.tid" }, async ({ admin, formData }) => {
  const r = await enterTransactionId(
    {
      paymentId: field(formData, "paymentId"),
      transactionId: field(formData, "transactionId"),
      consoleAmount: field(formData, "consoleAmount") as unknown as number,
      consoleDate: field(formData, "consoleDate"),
    },
    { adminId: admin.adminId, merchantId: admin.merchantId },
  );
  const payment = await ownPayment(admin.merchantId, field(formData, "paymentId"));
  if (payment) {
    revalidatePath(`/admin/orders/${payment.orderId}`);
    await audit(admin, {
      action: "payment.tid",
      summary: r.ok ? "PayUp 거래번호 입력" : `PayUp 거래번호 입력 거절: ${r.error.message}`.slice(0, 300),
      target: { type: "payment", id: payment.id },
      detail: {
        orderId: payment.orderId,
        transactionId: field(formData, "transactionId").slice(0, 40),
        accepted: r.ok,
      },
    });
  }
  return r.ok ? ok({ ok: true, message: r.value.message }) : r;
});
