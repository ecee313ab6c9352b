// The customer cancelled at the provider's window, or the provider sent them back with a failure
// (a "cancelled" / "failed" return event): the attempt ends, the order stays payable. A return without
// the attempt's token, or naming another provider's payment, changes nothing.
import { db as defaultDb, type Db } from "../db";
import { env } from "../env";
import { verifyAttemptToken } from "./attempt-token";
import type { PaymentProvider, ProviderName } from "./port";
import { paymentProvider } from "./providers";
import { transitionPayment } from "./state";

export type AbandonOutcome =
  | { kind: "not_found" }
  | { kind: "forbidden"; orderNumber: string }
  | { kind: "ok"; orderNumber: string; status: string };

export async function abandonPayment(
  input: {
    paymentId: string;
    reason: "cancel" | "fail";
    code?: string;
    message?: string;
    provider?: ProviderName;
    attemptToken: string | null | undefined;
  },
  deps: { db?: Db; secret?: string; gateway?: PaymentProvider } = {},
): Promise<AbandonOutcome> {
  const db = deps.db ?? defaultDb;
  const payment = await db.payment.findUnique({ where: { id: input.paymentId }, include: { order: true } });
  if (!payment || (input.provider && payment.provider !== input.provider)) return { kind: "not_found" };
  if (!verifyAttemptToken(deps.secret ?? env().APP_SECRET, payment.id, input.attemptToken))
    return { kind: "forbidden", orderNumber: payment.order.orderNumber };
  const where = (deps.gateway ?? paymentProvider(payment.provider)).display.window;
  await db.$transaction(async (tx) => {
    await transitionPayment(tx, payment.id, input.reason === "cancel" ? "customer_cancel" : "customer_fail", {
      orderId: payment.orderId,
      data: {
        failureCode: input.reason === "cancel" ? "USER_CANCEL" : (input.code ?? "PROVIDER_FAIL"),
        failureMessage: input.message?.slice(0, 500) ?? null,
      },
      event: {
        type: input.reason === "cancel" ? "payment.aborted" : "payment.failed",
        message:
          input.reason === "cancel"
            ? `고객이 ${where}에서 결제를 취소함`
            : `${where} 결제 실패로 돌아옴${input.message ? `: ${input.message}` : ""}`,
        resultCode: input.code ?? null,
      },
    });
  });
  const fresh = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
  return { kind: "ok", orderNumber: payment.order.orderNumber, status: fresh.status };
}
