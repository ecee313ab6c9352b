// Staff's "결제사에서 새로고침": settles the payment and its open refunds now, and says what happened.
import { db } from "../db";
import { env } from "../env";
import type { PaymentProvider } from "../generated/prisma/enums";
import { paymentProvider } from "./providers";
import { settleRefund } from "./refund";
import { settlePayment } from "./settle";

export async function refreshPayment(
  paymentId: string,
  provider: PaymentProvider,
): Promise<{ status: string; changed: boolean; message: string }> {
  const gateway = paymentProvider(provider);
  const providerTimeoutMs = env().PROVIDER_TIMEOUT_MS;
  const out = await settlePayment(paymentId, {
    gateway,
    providerTimeoutMs,
    actor: "admin",
    lateCheckSeconds: env().LATE_CHECK_SECONDS,
  });
  let changed = out.changed;
  const open = await db.refund.findMany({
    where: { paymentId, status: { in: ["REQUESTED", "UNKNOWN"] } },
    select: { id: true },
  });
  for (const r of open) changed = (await settleRefund(r.id, { gateway, providerTimeoutMs })).changed || changed;
  const after = await db.payment.findUniqueOrThrow({ where: { id: paymentId }, select: { status: true } });
  const message = changed
    ? "결제사 상태를 반영했습니다."
    : out.retry
      ? `아직 확정되지 않았습니다 (${out.retry}). 자동으로 계속 확인합니다.`
      : "결제사 상태와 일치합니다. 변경 사항이 없습니다.";
  return { status: after.status, changed, message };
}
