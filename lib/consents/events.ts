// Append-only consent timeline (a DB rule discards updates and deletes). Callers pass only
// non-secret, non-personal data: receipt ids, states, provider codes and messages, durations.
import type { Prisma } from "../generated/prisma/client";

type Writer = {
  consentEvent: { create: (args: { data: Prisma.ConsentEventUncheckedCreateInput }) => Promise<unknown> };
};

export async function addConsentEvent(
  w: Writer,
  e: {
    consentId: string;
    type: string;
    message: string;
    resultCode?: string | number | null;
    data?: Record<string, unknown>;
  },
) {
  await w.consentEvent.create({
    data: {
      consentId: e.consentId,
      type: e.type,
      message: e.message.slice(0, 1000),
      resultCode: e.resultCode === undefined || e.resultCode === null ? null : String(e.resultCode),
      data: (e.data ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}
