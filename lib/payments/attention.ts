// "확인 필요": things a person must look at. At most one open item per (kind, subject) — raising the
// same item again is a no-op (partial unique index). Items that settle by themselves are resolved by
// the system with a note; the rest wait for staff ("처리 완료" with a note, which goes in the timeline).
import { Prisma } from "../generated/prisma/client";
import type { Db, Tx } from "../db";
import { addEvent } from "./events";

export const attentionKinds = {
  PAYMENT_UNKNOWN: "결제 결과 미확인",
  PAYMENT_UNCERTAIN: "결제사 응답으로 결과 판단 불가",
  LATE_CAPTURE: "늦은 승인 (자동 환불)",
  AMOUNT_MISMATCH: "승인 금액 불일치 (자동 환불)",
  REFUND_STUCK: "환불 미완료",
  NO_TRANSACTION_ID: "거래번호 없음 (환불 불가)",
} as const;
export type AttentionKind = keyof typeof attentionKinds;

/** Kinds that end by themselves when the payment / refund settles. */
const SELF_RESOLVING: AttentionKind[] = ["PAYMENT_UNKNOWN", "PAYMENT_UNCERTAIN", "REFUND_STUCK"];

export async function raiseAttention(
  sql: Tx | Db,
  item: {
    kind: AttentionKind;
    orderId: string;
    paymentId?: string | null;
    refundId?: string | null;
    code?: string | null;
    message: string;
  },
): Promise<boolean> {
  const n = await sql.$executeRaw`
    INSERT INTO "Attention" ("id", "kind", "orderId", "paymentId", "refundId", "code", "message")
    VALUES (${"att_" + crypto.randomUUID().replace(/-/g, "")}, ${item.kind}, ${item.orderId}, ${item.paymentId ?? null}, ${item.refundId ?? null}, ${item.code ?? null}, ${item.message.slice(0, 500)})
    ON CONFLICT DO NOTHING`;
  return n > 0;
}

/** The system closes open self-resolving items of a payment once it settled. */
export async function resolveSettled(
  sql: Tx | Db,
  paymentId: string,
  note: string,
  kinds: AttentionKind[] = SELF_RESOLVING,
) {
  await sql.attention.updateMany({
    where: { paymentId, resolvedAt: null, kind: { in: kinds } },
    data: { resolvedAt: new Date(), resolvedBy: "system", resolutionNote: note.slice(0, 500) },
  });
}

/**
 * Staff close a payment or refund the provider never confirmed, after checking the provider's console: the
 * failure fields and timeline event of the transition, and (after it) the subject's open items resolved.
 */
export function closedByStaff(actor: { adminId: string }, note: string, event: { type: string; outcome: string }) {
  return {
    transition: {
      data: { failureCode: "CLOSED_BY_STAFF", failureMessage: note.slice(0, 500) },
      event: {
        type: event.type,
        message: `관리자가 결제사 화면 확인 후 ${event.outcome}으로 확정: ${note.slice(0, 300)}`,
        data: { by: actor.adminId },
      },
    },
    resolveOpenItems: (tx: Tx, subject: { paymentId: string } | { refundId: string }) =>
      tx.attention.updateMany({
        where: { ...subject, resolvedAt: null },
        data: { resolvedAt: new Date(), resolvedBy: actor.adminId, resolutionNote: note.slice(0, 500) },
      }),
  };
}

/** Staff marks an item handled; the note goes in the order's timeline. */
export async function resolveAttention(
  db: Db,
  id: string,
  actor: { adminId: string; merchantId: string },
  note: string,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const item = await tx.attention.findFirst({ where: { id, order: { merchantId: actor.merchantId } } });
    if (!item || item.resolvedAt) return false;
    const n = await tx.attention.updateMany({
      where: { id, resolvedAt: null },
      data: { resolvedAt: new Date(), resolvedBy: actor.adminId, resolutionNote: note.slice(0, 500) },
    });
    if (!n.count) return false;
    if (item.orderId)
      await addEvent(tx, {
        orderId: item.orderId,
        paymentId: item.paymentId,
        type: "attention.resolved",
        message: `확인 필요 처리 완료 (${attentionKinds[item.kind as AttentionKind] ?? item.kind}): ${note.slice(0, 300)}`,
      });
    return true;
  });
}

export type AttentionRow = Prisma.AttentionGetPayload<{
  include: {
    order: { select: { orderNumber: true } };
    payment: { select: { status: true; provider: true; totalAmount: true } };
    refund: { select: { status: true; amount: true } };
  };
}>;

export async function openAttention(db: Db, opts: { merchantId: string; take?: number }): Promise<AttentionRow[]> {
  return db.attention.findMany({
    where: { resolvedAt: null, order: { merchantId: opts.merchantId } },
    orderBy: { createdAt: "desc" },
    take: opts.take ?? 200,
    include: {
      order: { select: { orderNumber: true } },
      payment: { select: { status: true, provider: true, totalAmount: true } },
      refund: { select: { status: true, amount: true } },
    },
  });
}

export async function countOpenAttention(db: Db, merchantId: string): Promise<number> {
  return db.attention.count({ where: { resolvedAt: null, order: { merchantId } } });
}
