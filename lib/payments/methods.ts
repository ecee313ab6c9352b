// Payment methods offered at checkout.
export type PaymentMethodId = "kakaopay" | "kakaopay_kcp";

export const paymentMethods: Array<{ id: PaymentMethodId; label: string; description: string }> = [
  { id: "kakaopay", label: "카카오페이", description: "카카오페이 머니 또는 카드로 결제" },
  { id: "kakaopay_kcp", label: "카카오페이 (KCP 결제창)", description: "PayUp·KCP 결제창에서 카카오페이로 결제" },
];

export const isPaymentMethod = (v: string): v is PaymentMethodId => paymentMethods.some((m) => m.id === v);
