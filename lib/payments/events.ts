// Append-only timeline. Callers pass only non-secret, non-personal data.
import type { Prisma } from "../generated/prisma/client";
import type { ProviderCallLog } from "./port";

type Writer = {
  paymentEvent: { create: (args: { data: Prisma.PaymentEventUncheckedCreateInput }) => Promise<unknown> };
};

export async function addEvent(
  w: Writer,
  e: {
    orderId: string;
    paymentId?: string | null;
    type: string;
    message: string;
    resultCode?: string | null;
    data?: Record<string, unknown>;
  },
) {
  await w.paymentEvent.create({
    data: {
      orderId: e.orderId,
      paymentId: e.paymentId ?? null,
      type: e.type,
      message: e.message,
      resultCode: e.resultCode ?? null,
      data: (e.data ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}

/** A provider call as a timeline event (operation, result code, duration; never secrets). */
export function callEvent(log: ProviderCallLog, message: string, extra?: Record<string, unknown>) {
  return {
    type: log.op,
    message,
    resultCode: log.resultCode,
    data: { durationMs: log.durationMs, ...(log.detail ?? {}), ...extra },
  };
}

export function providerCallEvent(orderId: string, paymentId: string, log: ProviderCallLog, message: string) {
  return { orderId, paymentId, ...callEvent(log, message) };
}
