// Refunds (provider cancels): started by staff (full or partial), or automatically for money captured
// that is not the order's payment (late capture, amount mismatch). Idempotent on the form's key; one
// refund in flight per payment (partial unique index). A refund is marked sent before the provider is
// called; one whose answer was lost, or whose process died, is settled by the worker ("refund.settle").
import { z } from "zod";
import { db as defaultDb, Prisma, type Db, type Tx } from "../db";
import { appError, err, ok, type Result } from "../errors";
import { enqueue } from "../jobs/enqueue";
import { log } from "../log";
import { refundParts } from "../money";
import { transitionOrder } from "../orders/state";
import { closedByStaff, raiseAttention, resolveSettled } from "./attention";
import { callEvent } from "./events";
import type { PaymentProvider } from "./port";
import { lockOrder, lockPayment } from "./locks";
import { createRefund, transitionPayment, transitionRefund, type TimelineEvent } from "./state";

export const refundInputSchema = z.object({
  paymentId: z.string().regex(/^[\w-]{1,64}$/, "결제를 찾을 수 없습니다."),
  amount: z.coerce
    .number({ message: "환불 금액을 숫자로 입력해 주세요." })
    .int("환불 금액은 원 단위 정수입니다.")
    .positive("환불 금액은 1원 이상이어야 합니다.")
    .max(2_000_000_000),
  taxFree: z.coerce
    .number()
    .int("면세 금액은 원 단위 정수입니다.")
    .min(0, "면세 금액은 0원 이상이어야 합니다.")
    .max(2_000_000_000),
  reason: z.string().trim().min(1, "환불 사유를 입력해 주세요.").max(200),
  idempotencyKey: z.string().min(8).max(80),
});
export type RefundInput = z.infer<typeof refundInputSchema>;

export type RefundOutcome = { refundId: string; status: "DONE" | "FAILED" | "UNKNOWN"; message: string };

const won = (n: number) => `${n.toLocaleString("ko-KR")}원`;

/** How long after sending a cancel the worker leaves it to the request that sent it. */
export function inFlightGraceMs(providerTimeoutMs: number) {
  return providerTimeoutMs + 5_000;
}

export async function refundPayment(
  input: RefundInput,
  actor: { adminId: string },
  deps: { db?: Db; gateway: PaymentProvider; providerTimeoutMs?: number },
): Promise<Result<RefundOutcome>> {
  const db = deps.db ?? defaultDb;
  const parsed = refundInputSchema.safeParse(input);
  if (!parsed.success) return err(appError("REFUND_INVALID", parsed.error.issues[0]?.message));
  const { paymentId, amount, taxFree, reason, idempotencyKey } = parsed.data;
  const graceSeconds = Math.ceil(inFlightGraceMs(deps.providerTimeoutMs ?? 8000) / 1000);

  const claim = await db
    .$transaction(async (tx) => {
      await lockPayment(tx, paymentId);
      const existing = await tx.refund.findUnique({ where: { idempotencyKey } });
      if (existing) return ok({ existing });
      const payment = await tx.payment.findUnique({ where: { id: paymentId } });
      if (!payment) return err(appError("NOT_FOUND", "결제를 찾을 수 없습니다."));
      if (payment.status !== "APPROVED" && payment.status !== "PARTIALLY_CANCELLED")
        return err(appError("NOT_REFUNDABLE"));
      if (!payment.tid)
        return err(
          appError("NOT_REFUNDABLE", "결제사 거래번호가 없어 환불할 수 없습니다. 확인 필요 목록을 확인해 주세요."),
        );
      const pending = await tx.refund.findFirst({ where: { paymentId, status: { in: ["REQUESTED", "UNKNOWN"] } } });
      if (pending)
        return err(
          appError(
            "REFUND_IN_PROGRESS",
            pending.status === "UNKNOWN"
              ? "결과를 확인하지 못한 환불이 있습니다. 자동으로 확인 중이니 잠시 후 다시 시도해 주세요."
              : undefined,
          ),
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
        return err(
          appError(
            "REFUND_INVALID",
            "이 결제수단은 부분 취소를 지원하지 않습니다. 전체 금액으로만 취소할 수 있습니다.",
          ),
        );
      const refund = await createRefund(
        tx,
        {
          paymentId,
          idempotencyKey,
          amount: parts.amount,
          taxFreeAmount: parts.taxFree,
          vatAmount: parts.vat,
          reason,
          requestedBy: actor.adminId,
          kind: "STAFF",
          sentAt: new Date(),
        },
        {
          orderId: payment.orderId,
          type: "refund.requested",
          message: `환불 요청 ${won(parts.amount)} (면세 ${won(parts.taxFree)}, 부가세 ${won(parts.vat)}): ${reason}`,
          data: { amount: parts.amount },
        },
      );
      // If this process dies before the answer is recorded, the worker settles the refund.
      await enqueue(
        tx,
        "refund.settle",
        { refundId: refund.id },
        { key: `refund:${refund.id}`, delaySeconds: graceSeconds },
      );
      return ok({ refund, payment });
    })
    .catch((e) => {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")
        return err(appError("REFUND_IN_PROGRESS"));
      throw e;
    });
  if (!claim.ok) return claim;
  if ("existing" in claim.value) {
    const r = claim.value.existing;
    return ok({
      refundId: r.id,
      status: r.status === "REQUESTED" ? "UNKNOWN" : r.status,
      message: "이미 처리된 요청입니다.",
    });
  }
  const { refund, payment } = claim.value;
  const res = await deps.gateway.cancel({
    providerTxId: payment.tid!,
    amount: refund.amount,
    taxFree: refund.taxFreeAmount,
    vat: refund.vatAmount,
    remainingBefore: payment.totalAmount - payment.cancelledAmount,
    reason,
    mode: "refund",
  });
  if (!res.ok) {
    const unknown = res.failure.kind === "unknown";
    await db.$transaction(async (tx) => {
      await transitionRefund(tx, refund.id, unknown ? "lose_answer" : "fail", {
        orderId: payment.orderId,
        paymentId: payment.id,
        data: { failureCode: res.failure.code, failureMessage: res.failure.message.slice(0, 500) },
        event: callEvent(
          res.log,
          unknown ? "환불 결과 불명확: 자동으로 결제사에 확인합니다" : `환불 실패: ${res.failure.message}`,
        ),
      });
    });
    log.warn({ paymentId, code: res.failure.code }, "refund failed");
    return ok({
      refundId: refund.id,
      status: unknown ? "UNKNOWN" : "FAILED",
      message: unknown
        ? "결제사 응답이 없어 환불 결과를 확인하지 못했습니다. 자동으로 확인해 결과를 기록합니다."
        : `환불 실패: ${res.failure.message}`,
    });
  }
  await db.$transaction((tx) => bookRefund(tx, refund.id, callEvent(res.log, "")));
  return ok({ refundId: refund.id, status: "DONE", message: "환불이 완료되었습니다." });
}

/**
 * Books a refund the provider confirmed: refund DONE, and the payment and order follow (partial /
 * full refund, or an unused capture refunded). Idempotent.
 */
export async function bookRefund(tx: Tx, refundId: string, call: TimelineEvent): Promise<boolean> {
  const r0 = await tx.refund.findUniqueOrThrow({
    where: { id: refundId },
    include: { payment: { select: { orderId: true } } },
  });
  // Same lock order as approvals (order, then payment).
  await lockOrder(tx, r0.payment.orderId);
  await lockPayment(tx, r0.paymentId);
  const refund = await tx.refund.findUniqueOrThrow({ where: { id: refundId } });
  if (refund.status === "DONE" || refund.status === "FAILED") return false;
  const p = await tx.payment.findUniqueOrThrow({ where: { id: refund.paymentId } });
  const base = { orderId: p.orderId, paymentId: p.id };

  if (refund.kind !== "STAFF") {
    const msg = `자동 환불 완료 ${won(refund.amount)} (${refund.reason})`;
    await transitionRefund(tx, refund.id, "done", {
      ...base,
      data: { completedAt: new Date(), failureCode: null, failureMessage: null },
      event: { ...call, message: msg },
    });
    await transitionPayment(tx, p.id, "unused_refunded", {
      orderId: p.orderId,
      data: { cancelledAt: new Date() },
      event: { type: "payment.unused_refunded", message: "승인된 금액을 모두 돌려줌" },
    });
    await resolveSettled(tx, p.id, "자동 환불 완료", ["REFUND_STUCK"]);
    return true;
  }
  const cancelled = p.cancelledAmount + refund.amount;
  const full = cancelled >= p.totalAmount;
  const msg = `${full ? "전체" : "부분"} 환불 완료 ${won(refund.amount)} (누적 ${won(cancelled)})`;
  await transitionRefund(tx, refund.id, "done", {
    ...base,
    data: { completedAt: new Date(), failureCode: null, failureMessage: null },
    event: { ...call, message: msg },
  });
  await transitionPayment(tx, p.id, full ? "refund_full" : "refund_partial", {
    orderId: p.orderId,
    data: {
      cancelledAmount: cancelled,
      cancelledTaxFree: p.cancelledTaxFree + refund.taxFreeAmount,
      cancelledVat: p.cancelledVat + refund.vatAmount,
      ...(full && { cancelledAt: new Date() }),
    },
    event: {
      type: "payment.refunded",
      message: full ? "결제 전체 취소됨" : `결제 부분 취소됨 (남은 금액 ${won(p.totalAmount - cancelled)})`,
    },
  });
  await transitionOrder(tx, p.orderId, full ? "refund_full" : "refund_partial", {
    data: { refundedAmount: cancelled },
  });
  await resolveSettled(tx, p.id, "환불 확인", ["REFUND_STUCK"]);
  return true;
}

export type RefundSettle = { status: "DONE" | "FAILED" | "UNKNOWN" | "REQUESTED"; changed: boolean; retry?: string };

/**
 * The worker's (and the admin refresh's) settle of one refund:
 * - not sent yet (automatic refunds) → send it;
 * - sent recently → leave it to the request that sent it (retry later);
 * - sent long ago / answer lost → ask the provider: KakaoPay's lookup reports cancelled amounts; PayUp
 *   (no lookup) is asked by re-sending the cancel, which it refuses with 1005 when the first went through.
 */
export async function settleRefund(
  refundId: string,
  deps: { db?: Db; gateway: PaymentProvider; providerTimeoutMs: number; now?: () => Date },
): Promise<RefundSettle> {
  const db = deps.db ?? defaultDb;
  const now = deps.now ?? (() => new Date());
  const refund = await db.refund.findUnique({ where: { id: refundId }, include: { payment: true } });
  if (!refund) return { status: "FAILED", changed: false };
  if (refund.status === "DONE" || refund.status === "FAILED") return { status: refund.status, changed: false };
  const p = refund.payment;
  const base = { orderId: p.orderId, paymentId: p.id };

  if (refund.status === "REQUESTED" && !refund.sentAt) return sendAutomaticRefund(db, refundId, deps.gateway);
  if (
    refund.status === "REQUESTED" &&
    refund.sentAt &&
    now().getTime() - refund.sentAt.getTime() < inFlightGraceMs(deps.providerTimeoutMs)
  )
    return { status: "REQUESTED", changed: false, retry: "환불 요청이 아직 진행 중일 수 있음" };

  const tid = p.tid;
  if (!tid) return { status: refund.status, changed: false, retry: "거래번호 없음" };
  if (deps.gateway.reportsCancellations) {
    const res = await deps.gateway.lookup({
      providerTxId: tid,
      providerData: p.providerData,
      expectedTotal: p.totalAmount,
    });
    if (!res.ok) return { status: refund.status, changed: false, retry: `결제사 조회 실패 (${res.failure.code})` };
    const remote = res.value;
    if (remote.state !== "approved" && remote.state !== "partially_cancelled" && remote.state !== "cancelled")
      return { status: refund.status, changed: false, retry: `결제사 상태 ${remote.state}` };
    const expected = refund.kind === "STAFF" ? p.cancelledAmount + refund.amount : refund.amount;
    if (remote.cancelled.total >= expected) {
      const changed = await db.$transaction((tx) => bookRefund(tx, refundId, callEvent(res.log, "")));
      return { status: "DONE", changed };
    }
    // The provider has not cancelled it (yet: a slow cancel may still land). An automatic refund is sent
    // again (the whole captured amount: a second full cancel cannot refund twice). A staff refund stays
    // UNKNOWN — marking it failed would invite a second refund while the first may still go through —
    // and is listed in 확인 필요 after a while; staff close it there once they checked the provider's console.
    if (refund.kind !== "STAFF") return sendAutomaticRefund(db, refundId, deps.gateway, { resend: true });
    if (refund.status === "REQUESTED")
      await db.$transaction((tx) =>
        transitionRefund(tx, refundId, "lose_answer", {
          ...base,
          only: ["REQUESTED"],
          event: callEvent(res.log, `결제사 조회로 환불 ${won(refund.amount)}이 아직 확인되지 않음: 계속 확인합니다`),
        }),
      );
    return { status: "UNKNOWN", changed: refund.status === "REQUESTED", retry: "결제사에서 환불이 아직 확인되지 않음" };
  }
  // No lookup (PayUp): re-send the (full) cancel (mode "reconcile"). PayUp's 1005 "취소 가능 상태가 아닙니다" proves
  // the first went through only when the first answer was really lost (no answer at all, or the process died
  // before recording it); an answer to the first cancel that proved nothing — a person must look.
  const firstAnswerLost = !refund.failureCode || deps.gateway.noAnswer(refund.failureCode);
  if (!firstAnswerLost) {
    await raiseAttention(db, {
      kind: "REFUND_STUCK",
      ...base,
      refundId,
      code: refund.failureCode,
      message: `${deps.gateway.display.name}이(가) 환불 요청에 ${refund.failureCode}로 답해 결과를 알 수 없음: 결제사 관리자 화면에서 취소 여부를 확인해 주세요`,
    });
    return { status: refund.status, changed: false };
  }
  const again = await deps.gateway.cancel({
    providerTxId: tid,
    amount: refund.amount,
    taxFree: refund.taxFreeAmount,
    vat: refund.vatAmount,
    remainingBefore: refund.kind === "STAFF" ? p.totalAmount - p.cancelledAmount : refund.amount,
    reason: refund.reason,
    mode: "reconcile",
  });
  if (again.ok) {
    const changed = await db.$transaction((tx) => bookRefund(tx, refundId, callEvent(again.log, "")));
    return { status: "DONE", changed };
  }
  if (again.failure.kind === "unknown")
    return { status: refund.status, changed: false, retry: `결제사 응답 없음 (${again.failure.code})` };
  await db.$transaction(async (tx) => {
    await transitionRefund(tx, refundId, "fail", {
      ...base,
      data: { failureCode: again.failure.code, failureMessage: again.failure.message.slice(0, 500) },
      event: callEvent(again.log, `환불 실패: ${again.failure.message}`),
    });
    if (refund.kind !== "STAFF")
      await raiseAttention(tx, {
        kind: "REFUND_STUCK",
        ...base,
        refundId,
        code: again.failure.code,
        message: `자동 환불 실패: ${again.failure.message}`,
      });
  });
  return { status: "FAILED", changed: true };
}

/** Staff close a refund the provider never confirmed, after checking the provider's console (note in the timeline). */
export async function closeUnconfirmedRefund(
  db: Db,
  refundId: string,
  actor: { adminId: string; merchantId: string },
  note: string,
): Promise<Result<{ status: "DONE" | "FAILED" }>> {
  return db.$transaction(async (tx) => {
    const r = await tx.refund.findFirst({
      where: { id: refundId, payment: { order: { merchantId: actor.merchantId } } },
      include: { payment: true },
    });
    if (!r) return err(appError("NOT_FOUND", "환불을 찾을 수 없습니다."));
    if (r.status !== "UNKNOWN" && r.status !== "REQUESTED")
      return err(appError("BAD_REQUEST", "이미 결과가 정해진 환불입니다."));
    const close = closedByStaff(actor, note, { type: "refund.closed", outcome: "환불 안 됨" });
    const moved = await transitionRefund(tx, refundId, "fail", {
      orderId: r.payment.orderId,
      paymentId: r.paymentId,
      ...close.transition,
    });
    if (!moved) return err(appError("BAD_REQUEST", "이미 결과가 정해진 환불입니다."));
    await close.resolveOpenItems(tx, { refundId });
    return ok({ status: "FAILED" as const });
  });
}

/** Sends an automatic refund (once: the send is claimed by setting sentAt under the payment's lock). */
async function sendAutomaticRefund(
  db: Db,
  refundId: string,
  gateway: PaymentProvider,
  opts: { resend?: boolean } = {},
): Promise<RefundSettle> {
  const claimed = await db.$transaction(async (tx) => {
    const r0 = await tx.refund.findUniqueOrThrow({ where: { id: refundId } });
    await lockPayment(tx, r0.paymentId);
    const n = await tx.refund.updateMany({
      where: {
        id: refundId,
        status: { in: opts.resend ? ["REQUESTED", "UNKNOWN"] : ["REQUESTED"] },
        ...(opts.resend ? {} : { sentAt: null }),
      },
      data: { sentAt: new Date() },
    });
    return n.count > 0 ? tx.refund.findUniqueOrThrow({ where: { id: refundId }, include: { payment: true } }) : null;
  });
  if (!claimed) return { status: "REQUESTED", changed: false };
  const p = claimed.payment;
  const base = { orderId: p.orderId, paymentId: p.id };
  const res = await gateway.cancel({
    providerTxId: p.tid!,
    amount: claimed.amount,
    taxFree: claimed.taxFreeAmount,
    vat: claimed.vatAmount,
    remainingBefore: claimed.amount,
    reason: claimed.reason,
    mode: opts.resend ? "reconcile" : "refund",
  });
  if (res.ok) {
    const changed = await db.$transaction((tx) => bookRefund(tx, refundId, callEvent(res.log, "")));
    return { status: "DONE", changed };
  }
  if (res.failure.kind === "unknown") {
    await db.$transaction(async (tx) => {
      await transitionRefund(tx, refundId, "lose_answer", {
        ...base,
        only: ["REQUESTED"],
        data: { failureCode: res.failure.code },
        event: callEvent(res.log, "자동 환불 결과 불명확: 결제사에 다시 확인합니다"),
      });
    });
    return { status: "UNKNOWN", changed: true, retry: "환불 결과 불명확" };
  }
  await db.$transaction(async (tx) => {
    await transitionRefund(tx, refundId, "fail", {
      ...base,
      data: { failureCode: res.failure.code, failureMessage: res.failure.message.slice(0, 500) },
      event: callEvent(res.log, `자동 환불 실패: ${res.failure.message}`),
    });
    await raiseAttention(tx, {
      kind: "REFUND_STUCK",
      ...base,
      refundId,
      code: res.failure.code,
      message: `자동 환불 실패 (${won(claimed.amount)}): ${res.failure.message}. 결제사 관리자 화면에서 환불 필요`,
    });
  });
  return { status: "FAILED", changed: true };
}
