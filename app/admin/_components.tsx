// Small presentational pieces shared by admin pages.
import type { OrderStatus, PaymentStatus } from "@/lib/generated/prisma/enums";
import { orderDisplay } from "@/lib/admin/order-display";
import { orderStatusLabel } from "@/lib/orders/state";
import { paymentStatusLabel } from "@/lib/payments/state";

export { orderStatusLabel };

const tone: Record<string, string> = {
  PENDING: "bg-gray-100 text-gray-700",
  PAID: "bg-green-100 text-green-800",
  APPROVED: "bg-green-100 text-green-800",
  PARTIALLY_REFUNDED: "bg-amber-100 text-amber-800",
  PARTIALLY_CANCELLED: "bg-amber-100 text-amber-800",
  REFUNDED: "bg-red-100 text-red-700",
  CANCELLED: "bg-red-100 text-red-700",
  UNKNOWN: "bg-purple-100 text-purple-800",
  APPROVING: "bg-blue-100 text-blue-800",
  CLOSED: "bg-gray-100 text-gray-500",
  CAPTURED_UNUSED: "bg-purple-100 text-purple-800",
  REFUNDED_UNUSED: "bg-gray-100 text-gray-600",
};

export function StatusBadge({ status, kind }: { status: string; kind: "order" | "payment" }) {
  const label =
    kind === "order" ? orderStatusLabel[status as OrderStatus] : paymentStatusLabel[status as PaymentStatus];
  return (
    <span
      className={`inline-block whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-semibold ${tone[status] ?? "bg-gray-100 text-gray-700"}`}
      data-status={status}
    >
      {label ?? status}
    </span>
  );
}

/** An order's status as staff read it: the order and its latest payment together (lib/admin/order-display.ts). */
export function OrderDisplayBadge({
  status,
  paymentStatus,
  testId,
}: {
  status: OrderStatus;
  paymentStatus: PaymentStatus | undefined;
  testId?: string;
}) {
  const d = orderDisplay(status, paymentStatus);
  return (
    <span
      className={`inline-block whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-semibold ${d.tone}`}
      data-status={status}
      data-display={d.key}
      data-testid={testId}
    >
      {d.label}
    </span>
  );
}

// One KST formatter for every admin screen and export (24-hour clock, no "24:xx").
export { kstDateTime } from "@/lib/admin/format";

const refundLabel: Record<string, [string, string]> = {
  REQUESTED: ["환불 요청 중", "bg-blue-100 text-blue-800"],
  DONE: ["환불 완료", "bg-green-100 text-green-800"],
  FAILED: ["환불 실패", "bg-red-100 text-red-700"],
  UNKNOWN: ["결과 확인 필요", "bg-purple-100 text-purple-800"],
};

export function RefundBadge({ status }: { status: string }) {
  const [label, cls] = refundLabel[status] ?? [status, "bg-gray-100 text-gray-700"];
  return (
    <span className={`inline-block whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-semibold ${cls}`}>
      {label}
    </span>
  );
}

// The list and detail building blocks (filters, table/cards, pagination, detail header, timeline) are in
// (console)/_components/.
