// The order state machine, executable: the only code that writes Order.status. PAID is reached only
// together with a payment's APPROVED (lib/payments/settle.ts calls `transitionOrder(…, "pay")` in the
// transaction in which the payment moves).
//
//   PENDING ──pay──► PAID ──refund_partial──► PARTIALLY_REFUNDED ──refund_full──► REFUNDED
//      │               └──────────────refund_full──────────────────────────────┘
//      └──close──► CLOSED   (the buyer's newer checkout superseded it; a late capture on it is refunded)
import type { Prisma } from "../generated/prisma/client";
import type { OrderStatus } from "../generated/prisma/enums";
import type { Tx } from "../db";
import { addEvent } from "../payments/events";
import type { TimelineEvent } from "../payments/state";
import { moveAlong, type Edge, type TransitionOptions } from "../state-machine";

export const orderEdges = {
  pay: { from: ["PENDING"], to: "PAID" },
  close: { from: ["PENDING"], to: "CLOSED" },
  refund_partial: { from: ["PAID", "PARTIALLY_REFUNDED"], to: "PARTIALLY_REFUNDED" },
  refund_full: { from: ["PAID", "PARTIALLY_REFUNDED"], to: "REFUNDED" },
} as const satisfies Record<string, Edge<OrderStatus>>;
export type OrderEdge = keyof typeof orderEdges;

export async function transitionOrder(
  tx: Tx,
  orderId: string,
  edge: OrderEdge,
  opts: Partial<
    TransitionOptions<
      OrderStatus,
      Omit<Prisma.OrderUpdateManyMutationInput, "status">,
      TimelineEvent & { paymentId?: string }
    >
  >,
): Promise<boolean> {
  const { event } = opts;
  return moveAlong<OrderStatus>(
    "order",
    orderEdges,
    edge,
    opts.only,
    (from, to) =>
      tx.order.updateMany({ where: { id: orderId, status: { in: from } }, data: { ...opts.data, status: to } }),
    async (to) => {
      if (event)
        await addEvent(tx, {
          orderId,
          paymentId: event.paymentId,
          ...event,
          data: { ...event.data, transition: `order.${edge}`, to },
        });
    },
  );
}

export const PAYABLE: readonly OrderStatus[] = ["PENDING"];

export const orderStatusLabel: Record<OrderStatus, string> = {
  PENDING: "결제 대기",
  PAID: "결제 완료",
  PARTIALLY_REFUNDED: "부분 환불",
  REFUNDED: "전체 환불",
  CLOSED: "종료 (미결제)",
};
