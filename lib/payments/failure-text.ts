// What a customer reads about an attempt that did not go through: our own failure codes first, then the
// provider's code table (its adapter's describeFailure: Korean with a next step). A code nobody knows,
// or one meant for staff only, gets the neutral text; a provider's own code is shown only as a small
// "오류 코드" line (for a call to the shop). The provider's raw message stays with staff (admin timeline).
import type { PaymentProvider } from "./port";

const ourCodes: Record<string, string | ((brand: string) => string)> = {
  USER_CANCEL: "결제를 취소했습니다. 결제를 원하시면 다시 시도해 주세요.",
  AMOUNT_TAMPERED: "결제창에서 돌아온 금액이 주문 금액과 달라 결제를 진행하지 않았습니다. 다시 결제해 주세요.",
  PROVIDER_FAIL: (brand) => `${brand} 결제가 완료되지 않았습니다. 다시 시도해 주세요.`,
  EXPIRED: "결제 가능 시간(15분)이 지났습니다. 다시 결제해 주세요.",
  AMOUNT_MISMATCH: "결제 금액이 주문 금액과 달라 승인된 금액을 자동으로 환불합니다. 다시 시도해 주세요.",
  LATE_CAPTURE: "이전 결제 시도가 늦게 승인되어 자동으로 환불합니다. 다시 결제해 주세요.",
  SUPERSEDED: "새 결제 시도로 대체된 결제입니다.",
};

export type FailureText = { message: string; code: string | null };

/** The unpaid order's notice for its latest attempt (null: no attempt yet). */
export function customerFailureText(
  latest: { status: string; failureCode: string | null } | null | undefined,
  provider: Pick<PaymentProvider, "describeFailure" | "display"> | null,
): FailureText {
  const code = latest?.failureCode ?? null;
  const ours = code ? ourCodes[code] : undefined;
  if (ours)
    return { message: typeof ours === "string" ? ours : ours(provider?.display.brand ?? "카카오페이"), code: null };
  const described = code && provider ? provider.describeFailure(code) : null;
  const fallback =
    latest?.status === "FAILED"
      ? "결제가 완료되지 않았습니다. 아래에서 다시 결제해 주세요."
      : "아직 결제하지 않은 주문입니다.";
  return { message: described?.customerMessage ?? fallback, code: described?.displayCode ?? null };
}
