// What an order's status means to staff: an unpaid order (PENDING) is told apart by its latest
// attempt — abandoned at the provider, refused, timed out, or still being confirmed — instead of
// every one reading "결제 대기". Labels come from the domains' own tables.
import type { OrderStatus, PaymentStatus } from "../generated/prisma/enums";
import { orderStatusLabel } from "../orders/state";
import { paymentStatusLabel } from "../payments/state";

export type OrderDisplay = { key: string; label: string; tone: string };

const TONE: Record<string, string> = {
  PENDING: "bg-gray-100 text-gray-700",
  PAID: "bg-green-100 text-green-800",
  PARTIALLY_REFUNDED: "bg-amber-100 text-amber-800",
  REFUNDED: "bg-red-100 text-red-700",
  CLOSED: "bg-gray-100 text-gray-500",
  "PENDING:READY": "bg-blue-50 text-blue-800",
  "PENDING:APPROVING": "bg-blue-100 text-blue-800",
  "PENDING:UNKNOWN": "bg-purple-100 text-purple-800",
  "PENDING:ABORTED": "bg-orange-50 text-orange-800",
  "PENDING:FAILED": "bg-red-50 text-red-700",
  "PENDING:EXPIRED": "bg-stone-100 text-stone-600",
  "PENDING:CAPTURED_UNUSED": "bg-purple-100 text-purple-800",
  "PENDING:REFUNDED_UNUSED": "bg-gray-100 text-gray-600",
};

const UNPAID_ATTEMPT_LABEL: Partial<Record<PaymentStatus, string>> = {
  READY: "결제창 진행 중",
  APPROVING: paymentStatusLabel.APPROVING,
  UNKNOWN: `결제 ${paymentStatusLabel.UNKNOWN}`,
  ABORTED: `${paymentStatusLabel.ABORTED} (미결제)`,
  FAILED: paymentStatusLabel.FAILED,
  EXPIRED: `${paymentStatusLabel.EXPIRED} (미결제)`,
  CAPTURED_UNUSED: paymentStatusLabel.CAPTURED_UNUSED,
  REFUNDED_UNUSED: paymentStatusLabel.REFUNDED_UNUSED,
};

export function orderDisplay(status: OrderStatus, latestPayment?: PaymentStatus | null): OrderDisplay {
  if (status === "PENDING" && latestPayment && UNPAID_ATTEMPT_LABEL[latestPayment]) {
    const key = `PENDING:${latestPayment}`;
    return { key, label: UNPAID_ATTEMPT_LABEL[latestPayment]!, tone: TONE[key] ?? TONE.PENDING! };
  }
  return { key: status, label: orderStatusLabel[status] ?? status, tone: TONE[status] ?? TONE.PENDING! };
}
