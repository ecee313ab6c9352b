// Append-only bill timeline (RULEs in prisma/constraints.sql). Callers pass only non-secret,
// non-personal data: no birth dates, no credentials.
import type { Prisma } from "../generated/prisma/client";

type Writer = { billEvent: { create: (args: { data: Prisma.BillEventUncheckedCreateInput }) => Promise<unknown> } };

export type BillEventInput = {
  billId: string;
  type: string;
  message: string;
  resultCode?: string | null;
  data?: Record<string, unknown>;
};

export async function addBillEvent(w: Writer, e: BillEventInput) {
  await w.billEvent.create({
    data: {
      billId: e.billId,
      type: e.type,
      message: e.message,
      resultCode: e.resultCode ?? null,
      data: (e.data ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}
