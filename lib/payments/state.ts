// The payment state machine in one place. Every status write goes through `transition`, which
// only updates the row when it is still in an allowed source state (compare-and-set in SQL), so
// concurrent requests on several app instances cannot both move it.
import type { PaymentStatus } from "../generated/prisma/enums";

export const transitions: Record<PaymentStatus, readonly PaymentStatus[]> = {
  READY: ["APPROVING", "ABORTED", "FAILED", "EXPIRED", "UNKNOWN"],
  APPROVING: ["APPROVED", "FAILED", "UNKNOWN"],
  UNKNOWN: ["APPROVED", "PARTIALLY_CANCELLED", "CANCELLED", "FAILED", "ABORTED", "EXPIRED"],
  APPROVED: ["PARTIALLY_CANCELLED", "CANCELLED"],
  PARTIALLY_CANCELLED: ["PARTIALLY_CANCELLED", "CANCELLED"],
  CANCELLED: [],
  ABORTED: [],
  FAILED: [],
  EXPIRED: [],
};

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return transitions[from].includes(to);
}

/** Source states from which `to` may be reached. */
export function sourcesOf(to: PaymentStatus): PaymentStatus[] {
  return (Object.keys(transitions) as PaymentStatus[]).filter((from) => transitions[from].includes(to));
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
  UNKNOWN: "확인 필요",
};
