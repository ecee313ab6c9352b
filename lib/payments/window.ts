// What /pay/<provider>/window/<payment> renders: the provider's window form kept when the attempt started
// (Initiated.next of kind "form"), while the attempt can still be paid.
import { db as defaultDb, type Db } from "../db";
import type { Won } from "../money";
import type { NextStep, PaymentForm } from "./port";
import { paymentProvider } from "./providers";
import { NEXT_STEP_KEY } from "./start-payment";

export type PaymentWindow =
  | { kind: "not_found" }
  | {
      kind: "found";
      brand: string;
      orderNumber: string;
      itemSummary: string;
      total: Won;
      payable: boolean;
      form: PaymentForm | null;
    };

export async function paymentWindow(slug: string, paymentId: string, deps: { db?: Db } = {}): Promise<PaymentWindow> {
  const db = deps.db ?? defaultDb;
  const payment = await db.payment.findUnique({ where: { id: paymentId.slice(0, 40) }, include: { order: true } });
  if (!payment || paymentProvider(payment.provider).slug !== slug) return { kind: "not_found" };
  const next = (payment.providerData as Record<string, unknown> | null)?.[NEXT_STEP_KEY] as NextStep | undefined;
  return {
    kind: "found",
    brand: paymentProvider(payment.provider).display.brand,
    orderNumber: payment.order.orderNumber,
    itemSummary: payment.order.itemSummary,
    total: payment.totalAmount,
    payable: payment.status === "READY",
    form: next?.kind === "form" ? next.form : null,
  };
}
