// The payment and refund state machines, executable: the only code that writes Payment.status and
// Refund.status. Every move is a named edge; `transitionPayment` / `transitionRefund` compare-and-set
// the row from the edge's source states *in the caller's transaction* and append the timeline event in
// the same transaction. A move the table does not have throws (a bug, caught by tests).
//
//   READY ──claim──► APPROVING ──approve──► APPROVED ──refund──► PARTIALLY_CANCELLED ──► CANCELLED
//     │                 │  └──lose_answer──► UNKNOWN ──approve──┘
//     │                 └──decline / provider_failed / provider_aborted / expire ──► FAILED / ABORTED / EXPIRED
//     └──customer_cancel / customer_fail / superseded / start_failed / tampered / expire
//   FAILED / ABORTED / EXPIRED ──late_capture──► APPROVED       (the order is still payable, current attempt)
//   APPROVING / UNKNOWN / FAILED / ABORTED / EXPIRED ──capture_unused──► CAPTURED_UNUSED ──unused_refunded──► REFUNDED_UNUSED
//                                                    (paid elsewhere, closed order, or an amount mismatch: refunded automatically)
import type { Prisma } from "../generated/prisma/client";
import type { PaymentStatus, RefundStatus } from "../generated/prisma/enums";
import type { Tx } from "../db";
import { moveAlong, type Edge, type TransitionOptions } from "../state-machine";
import { addEvent } from "./events";

export { ForbiddenTransition } from "../state-machine";

export const paymentEdges = {
  claim: { from: ["READY"], to: "APPROVING" },
  approve: { from: ["APPROVING", "UNKNOWN"], to: "APPROVED" },
  lose_answer: { from: ["APPROVING"], to: "UNKNOWN" },
  decline: { from: ["APPROVING", "UNKNOWN"], to: "FAILED" },
  provider_failed: { from: ["READY", "APPROVING", "UNKNOWN"], to: "FAILED" },
  provider_aborted: { from: ["READY", "APPROVING", "UNKNOWN"], to: "ABORTED" },
  expire: { from: ["READY", "APPROVING", "UNKNOWN"], to: "EXPIRED" },
  customer_cancel: { from: ["READY"], to: "ABORTED" },
  customer_fail: { from: ["READY"], to: "FAILED" },
  superseded: { from: ["READY"], to: "ABORTED" },
  start_failed: { from: ["READY"], to: "FAILED" },
  tampered: { from: ["READY"], to: "FAILED" },
  late_capture: { from: ["FAILED", "ABORTED", "EXPIRED"], to: "APPROVED" },
  capture_unused: { from: ["APPROVING", "UNKNOWN", "FAILED", "ABORTED", "EXPIRED"], to: "CAPTURED_UNUSED" },
  unused_refunded: { from: ["CAPTURED_UNUSED"], to: "REFUNDED_UNUSED" },
  refund_partial: { from: ["APPROVED", "PARTIALLY_CANCELLED"], to: "PARTIALLY_CANCELLED" },
  refund_full: { from: ["APPROVED", "PARTIALLY_CANCELLED"], to: "CANCELLED" },
} as const satisfies Record<string, Edge<PaymentStatus>>;
export type PaymentEdge = keyof typeof paymentEdges;

export const refundEdges = {
  done: { from: ["REQUESTED", "UNKNOWN"], to: "DONE" },
  fail: { from: ["REQUESTED", "UNKNOWN"], to: "FAILED" },
  lose_answer: { from: ["REQUESTED"], to: "UNKNOWN" },
} as const satisfies Record<string, Edge<RefundStatus>>;
export type RefundEdge = keyof typeof refundEdges;

/** All statuses reachable from `from` in one move. */
export function nextStates(from: PaymentStatus): PaymentStatus[] {
  return [
    ...new Set(
      Object.values(paymentEdges)
        .filter((e) => (e.from as readonly string[]).includes(from))
        .map((e) => e.to as PaymentStatus),
    ),
  ];
}
export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return nextStates(from).includes(to);
}

export type TimelineEvent = {
  type: string;
  message: string;
  resultCode?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Moves a payment along `edge` if it is still in one of the edge's source states (or of `only`, a
 * subset). Writes `data` with it and appends `event`. Returns whether the row moved.
 */
export async function transitionPayment(
  tx: Tx,
  paymentId: string,
  edge: PaymentEdge,
  opts: TransitionOptions<
    PaymentStatus,
    Omit<Prisma.PaymentUpdateManyMutationInput, "status" | "statusAt">,
    TimelineEvent
  > & {
    orderId: string;
  },
): Promise<boolean> {
  return moveAlong<PaymentStatus>(
    "payment",
    paymentEdges,
    edge,
    opts.only,
    (from, to) =>
      tx.payment.updateMany({
        where: { id: paymentId, status: { in: from } },
        data: { ...opts.data, status: to, statusAt: new Date() },
      }),
    (to) =>
      addEvent(tx, {
        orderId: opts.orderId,
        paymentId,
        ...opts.event,
        data: { ...opts.event.data, transition: edge, to },
      }),
  );
}

export async function transitionRefund(
  tx: Tx,
  refundId: string,
  edge: RefundEdge,
  opts: TransitionOptions<RefundStatus, Omit<Prisma.RefundUpdateManyMutationInput, "status">, TimelineEvent> & {
    orderId: string;
    paymentId: string;
  },
): Promise<boolean> {
  const transition = `refund.${edge}`;
  return moveAlong<RefundStatus>(
    "refund",
    refundEdges,
    edge,
    opts.only,
    (from, to) =>
      tx.refund.updateMany({ where: { id: refundId, status: { in: from } }, data: { ...opts.data, status: to } }),
    (to) =>
      addEvent(tx, {
        orderId: opts.orderId,
        paymentId: opts.paymentId,
        ...opts.event,
        data: { ...opts.event.data, refundId, transition, to },
      }),
  );
}

/** A new refund starts REQUESTED (the only place a refund row is created). */
export async function createRefund(
  tx: Tx,
  data: Omit<Prisma.RefundUncheckedCreateInput, "status" | "id">,
  event: TimelineEvent & { orderId: string },
) {
  const refund = await tx.refund.create({ data: { ...data, status: "REQUESTED" } });
  await addEvent(tx, {
    orderId: event.orderId,
    paymentId: data.paymentId,
    type: event.type,
    message: event.message,
    resultCode: event.resultCode,
    data: { ...event.data, refundId: refund.id },
  });
  return refund;
}

/** A new payment attempt starts READY (the only place a payment row is created). */
export async function createPayment(
  tx: Tx,
  data: Omit<Prisma.PaymentUncheckedCreateInput, "status" | "id">,
  event: TimelineEvent,
) {
  const payment = await tx.payment.create({ data: { ...data, status: "READY" } });
  await addEvent(tx, { orderId: data.orderId, paymentId: payment.id, ...event });
  return payment;
}

export const CHARGED: readonly PaymentStatus[] = ["APPROVED", "PARTIALLY_CANCELLED", "CANCELLED"];
export const IN_FLIGHT: readonly PaymentStatus[] = ["APPROVING", "UNKNOWN"];
export const TERMINAL_UNPAID: readonly PaymentStatus[] = ["ABORTED", "FAILED", "EXPIRED"];

export const paymentStatusLabel: Record<PaymentStatus, string> = {
  READY: "결제 대기",
  APPROVING: "승인 중",
  APPROVED: "결제 완료",
  PARTIALLY_CANCELLED: "부분 취소",
  CANCELLED: "전체 취소",
  ABORTED: "고객 취소",
  FAILED: "결제 실패",
  EXPIRED: "시간 만료",
  UNKNOWN: "확인 중",
  CAPTURED_UNUSED: "승인됨 · 자동 환불 중",
  REFUNDED_UNUSED: "승인 후 자동 환불됨",
};

export const refundStatusLabel: Record<RefundStatus, string> = {
  REQUESTED: "요청됨",
  DONE: "환불 완료",
  FAILED: "환불 실패",
  UNKNOWN: "확인 중",
};
