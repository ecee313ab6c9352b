// Payment methods offered at checkout. Later providers add their entry here.
export type PaymentMethodId = "kakaopay";

export const paymentMethods: Array<{ id: PaymentMethodId; label: string; description: string }> = [
  { id: "kakaopay", label: "카카오페이", description: "카카오페이 머니 또는 카드로 결제" },
];
