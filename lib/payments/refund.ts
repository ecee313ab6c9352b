// Full and partial refunds (provider cancel) started by staff. Idempotent on the form's key; one
// refund in flight per payment (DB partial unique index), amounts validated against what is left.
import { z } from "zod";
import { db as defaultDb, Prisma, type Db } from "../db";
import { appError, err, ok, type Result } from "../errors";
import { log } from "../log";
import { refundParts } from "../money";
import { addEvent, providerCallEvent } from "./events";
import type { PaymentGateway } from "./gateway";
import { lockPayment } from "./locks";

export const refundInputSchema = z.object({
  paymentId: z.string().min(1),
  amount: z.coerce.number({ message: "환불 금액을 숫자로 입력해 주세요." }).int("환불 금액은 원 단위 정수입니다.").positive("환불 금액은 1원 이상이어야 합니다."),
  taxFree: z.coerce.number().int("비과세 금액은 원 단위 정수입니다.").min(0, "비과세 금액은 0원 이상이어야 합니다."),
  reason: z.string().trim().min(1, "환불 사유를 입력해 주세요.").max(200),
  idempotencyKey: z.string().min(8).max(80),
});
export type RefundInput = z.infer<typeof refundInputSchema>;

export type RefundOutcome = { refundId: string; status: "DONE" | "FAILED" | "UNKNOWN"; message: string };

export async function refundPayment(
  input: RefundInput,
  actor: { adminId: string },
  deps: { db?: Db; gateway: PaymentGateway },
): Promise<Result<RefundOutcome>> {
  const db = deps.db ?? defaultDb;
  const parsed = refundInputSchema.safeParse(input);
  if (!parsed.success) return err(appError("REFUND_INVALID", parsed.error.issues[0]?.message));
  const { paymentId, amount, taxFree, reason, idempotencyKey } = parsed.data;

  const claim = await db
    .$transaction(async (tx) => {
      await lockPayment(tx, paymentId);
      const existing = await tx.refund.findUnique({ where: { idempotencyKey } });
      if (existing) return ok({ existing });
      const payment = await tx.payment.findUnique({ where: { id: paymentId } });
      if (!payment) return err(appError("NOT_FOUND", "결제를 찾을 수 없습니다."));
      if (payment.status !== "APPROVED" && payment.status !== "PARTIALLY_CANCELLED") return err(appError("NOT_REFUNDABLE"));
      const pending = await tx.refund.findFirst({ where: { paymentId, status: { in: ["REQUESTED", "UNKNOWN"] } } });
      if (pending)
        return err(
          appError("REFUND_IN_PROGRESS", pending.status === "UNKNOWN" ? "결과를 확인하지 못한 환불이 있습니다. 먼저 '결제사에서 새로고침'으로 확인해 주세요." : undefined),
        );
      const parts = refundParts({
        amount,
        taxFree,
        remainingTotal: payment.totalAmount - payment.cancelledAmount,
        remainingTaxFree: payment.taxFreeAmount - payment.cancelledTaxFree,
        remainingVat: payment.vatAmount - payment.cancelledVat,
      });
      if (!parts.ok) return err(appError("REFUND_INVALID", parts.reason));
      if (!deps.gateway.partialRefund && parts.amount !== payment.totalAmount - payment.cancelledAmount)
        return err(appError("REFUND_INVALID", "이 결제수단은 부분 취소를 지원하지 않습니다. 전체 금액으로만 취소할 수 있습니다."));
      const refund = await tx.refund.create({
        data: { paymentId, idempotencyKey, amount: parts.amount, taxFreeAmount: parts.taxFree, vatAmount: parts.vat, reason, requestedBy: actor.adminId },
      });
      await addEvent(tx, {
        orderId: payment.orderId,
        paymentId,
        type: "refund.requested",
        message: `환불 요청 ${parts.amount}원 (비과세 ${parts.taxFree}원, 부가세 ${parts.vat}원): ${reason}`,
        data: { refundId: refund.id, amount: parts.amount },
      });
      return ok({ refund, payment });
    })
    .catch((e) => {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") return err(appError("REFUND_IN_PROGRESS"));
      throw e;
    });
  if (!claim.ok) return claim;
  if ("existing" in claim.value) {
    const r = claim.value.existing;
    return ok({ refundId: r.id, status: r.status === "REQUESTED" ? "UNKNOWN" : r.status, message: "이미 처리된 요청입니다." });
  }
  const { refund, payment } = claim.value;

  const res = await deps.gateway.cancel({
    providerTxId: payment.tid!,
    amount: refund.amount,
    taxFree: refund.taxFreeAmount,
    vat: refund.vatAmount,
    remainingBefore: payment.totalAmount - payment.cancelledAmount,
    reason,
  });

  if (!res.ok) {
    const unknown = res.failure.kind === "unknown";
    await db.$transaction(async (tx) => {
      await tx.refund.update({
        where: { id: refund.id },
        data: { status: unknown ? "UNKNOWN" : "FAILED", failureCode: res.failure.code, failureMessage: res.failure.message.slice(0, 500) },
      });
      await addEvent(tx, providerCallEvent(payment.orderId, payment.id, res.log, unknown ? "환불 결과 불명확: 결제사에서 새로고침 필요" : `환불 실패: ${res.failure.message}`));
    });
    log.warn({ paymentId, code: res.failure.code }, "refund failed");
    return ok({
      refundId: refund.id,
      status: unknown ? "UNKNOWN" : "FAILED",
      message: unknown ? "결제사 응답이 없어 환불 결과를 확인하지 못했습니다. '결제사에서 새로고침'으로 확인해 주세요." : `환불 실패: ${res.failure.message}`,
    });
  }

  await applyRefund(db, payment.id, refund.id, res.log);
  return ok({ refundId: refund.id, status: "DONE", message: "환불이 완료되었습니다." });
}

/** Books a refund the provider confirmed: payment and order amounts and statuses follow. */
export async function applyRefund(db: Db, paymentId: string, refundId: string, callLog?: Parameters<typeof providerCallEvent>[2]) {
  await db.$transaction(async (tx) => {
    await lockPayment(tx, paymentId);
    const refund = await tx.refund.findUniqueOrThrow({ where: { id: refundId } });
    if (refund.status === "DONE") return;
    const p = await tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
    const cancelled = p.cancelledAmount + refund.amount;
    const full = cancelled >= p.totalAmount;
    await tx.refund.update({ where: { id: refundId }, data: { status: "DONE", completedAt: new Date(), failureCode: null, failureMessage: null } });
    await tx.payment.update({
      where: { id: paymentId },
      data: {
        cancelledAmount: cancelled,
        cancelledTaxFree: p.cancelledTaxFree + refund.taxFreeAmount,
        cancelledVat: p.cancelledVat + refund.vatAmount,
        status: full ? "CANCELLED" : "PARTIALLY_CANCELLED",
        cancelledAt: full ? new Date() : p.cancelledAt,
      },
    });
    await tx.order.update({
      where: { id: p.orderId },
      data: { refundedAmount: cancelled, status: full ? "REFUNDED" : "PARTIALLY_REFUNDED" },
    });
    const msg = `${full ? "전체" : "부분"} 환불 완료 ${refund.amount}원 (누적 ${cancelled}원)`;
    await addEvent(tx, callLog ? providerCallEvent(p.orderId, paymentId, callLog, msg) : { orderId: p.orderId, paymentId, type: "refund.done", message: msg });
  });
}
