// Bill jobs for the worker (queue "bill.settle"). What can be left half-done on a bill:
//
// * A cancellation (pay_type C) that came before its payment is parked PENDING; the payment's
//   arrival applies it (record-payment.ts → state-sql.ts). If the payment does not come within
//   CANCEL_PARK_MINUTES the worker moves it to UNMATCHED and lists it for staff (확인 필요,
//   CANCEL_UNMATCHED) — the seed (003 §7) says nothing about a C without its P, and there is no API
//   to ask the agency about a pay_id, so a person asks Dozn to resend it (our choice, see
//   sandbox/providers/dozn/README.md). A payment that still comes later is applied and the review
//   resolves itself.
// * A waiting cancellation whose payment is already recorded (left by an older version, which
//   kept such a cancellation PENDING when it did not fit its payment): applied if it fits, else
//   MISMATCHED and listed (CANCEL_MISMATCH).
// Pay-results recorded as mismatches (a second payment, a different amount, a cancellation that
// does not fit, a refused contradicting delivery) are listed in the same transaction that records
// them (review.ts), so they are never silent; rows from before migration 0008 were backfilled there.
//
// The sweep (every minute, and at worker start) enqueues one job per such cancellation, keyed by
// its id. Handlers take the bill's row lock and compare-and-set through state.ts: two workers, or a
// job that runs twice, change nothing the second time.
import { db as defaultDb, type Db } from "../db";
import { enqueue } from "../jobs/enqueue";
import type { DomainJobs } from "../jobs/registry";
import { lockBill } from "./locks";
import { openBillReview, resolveAfterCancellation, resolveReviewsBySystem, reviewMessage } from "./review";
import {
  applyCancellation,
  num,
  settleBill,
  transitionCancellation,
  WAITING_CANCELLATION,
  type BillCancellationEdge,
} from "./state";
import type { BillCancellationStatus } from "../generated/prisma/enums";

/** How long a cancellation may wait for its payment before a person is asked to look (our choice). */
export const CANCEL_PARK_MINUTES = 30;
const PARK_MS = CANCEL_PARK_MINUTES * 60_000;
const SWEEP_BATCH = 500;

export type BillSettleJob = { kind: "cancellation"; cancellationId: string };
export const cancellationJobKey = (cancellationId: string) => `bill.cancellation:${cancellationId}`;

export type CancellationOutcome =
  | { outcome: "gone" }
  | { outcome: "final"; status: BillCancellationStatus } // APPLIED / MISMATCHED, or UNMATCHED still without a payment
  | { outcome: "waiting"; dueAt: Date } // not aged yet: the sweep comes back
  | { outcome: "applied" }
  | { outcome: "mismatched" }
  | { outcome: "unmatched" };

const won = (n: number) => `${n.toLocaleString("ko-KR")}원`;

/** Settles one waiting cancellation as far as it can be settled now (idempotent). */
export async function settleWaitingCancellation(
  cancellationId: string,
  deps: { db?: Db; now?: () => Date } = {},
): Promise<CancellationOutcome> {
  const db = deps.db ?? defaultDb;
  const now = deps.now?.() ?? new Date();
  return db.$transaction(
    async (tx): Promise<CancellationOutcome> => {
      const head = await tx.billCancellation.findUnique({ where: { id: cancellationId }, select: { billId: true } });
      if (!head) return { outcome: "gone" };
      await lockBill(tx, head.billId);
      // Read after the lock: whatever an earlier holder (the payment's arrival, another worker) did is visible.
      const c = await tx.billCancellation.findUniqueOrThrow({ where: { id: cancellationId } });
      if (!WAITING_CANCELLATION.includes(c.status)) return { outcome: "final", status: c.status };
      const billId = c.billId;
      const payment = await tx.billPayment.findUnique({ where: { payId: c.payId } });

      if (payment) {
        const left = num(payment.payAmount) - num(payment.cancelledAmount);
        const amount = num(c.amount);
        if (payment.billId === billId && amount <= left) {
          const { paymentStatus } = await applyCancellation(tx, c, payment, {
            billId,
            type: "bill.cancel.settled",
            resultCode: "OK",
            message: `보류 중이던 취소 ${c.amount}원을 결제(pay_id ${c.payId})에 반영했습니다.`,
            data: { payId: c.payId.toString(), amount, by: "worker" },
          });
          await settleBill(tx, billId);
          if (c.status === "UNMATCHED")
            await resolveReviewsBySystem(
              tx,
              { billId, kinds: ["CANCEL_UNMATCHED"], payId: c.payId },
              "결제 결과가 확인되어 취소를 반영했습니다.",
            );
          await resolveAfterCancellation(tx, billId, c.payId, paymentStatus);
          return { outcome: "applied" };
        }
        const reason =
          payment.billId !== billId
            ? "결제가 다른 청구서에 기록되어 있습니다."
            : `취소 금액 ${won(amount)}이 취소 가능 금액 ${won(left)}을 넘습니다.`;
        await moveAndList(tx, c, "mismatch", {
          billId,
          type: "bill.cancel.mismatch",
          resultCode: "CHECK",
          message: `보류 중이던 취소 ${c.amount}원을 결제(pay_id ${c.payId})에 반영할 수 없습니다. 확인이 필요합니다.`,
          data: { payId: c.payId.toString(), amount, by: "worker" },
        });
        await openBillReview(tx, {
          billId,
          kind: "CANCEL_MISMATCH",
          payId: c.payId,
          code: "OK",
          message: reviewMessage.cancelMismatch({ payId: c.payId, amount, reason }),
        });
        if (c.status === "UNMATCHED")
          await resolveReviewsBySystem(
            tx,
            { billId, kinds: ["CANCEL_UNMATCHED"], payId: c.payId },
            "결제 결과가 확인되었지만 취소와 맞지 않아 '결제와 맞지 않는 취소'로 넘어갔습니다.",
          );
        return { outcome: "mismatched" };
      }

      if (c.status === "UNMATCHED") return { outcome: "final", status: c.status }; // listed already; the payment's arrival applies it
      const dueAt = new Date(c.createdAt.getTime() + PARK_MS);
      if (now < dueAt) return { outcome: "waiting", dueAt };
      await moveAndList(tx, c, "unmatched", {
        billId,
        type: "bill.cancel.unmatched",
        resultCode: "CHECK",
        message: `취소 ${c.amount}원(pay_id ${c.payId})의 결제 결과가 ${CANCEL_PARK_MINUTES}분 넘게 오지 않아 확인 필요로 넘겼습니다. 결제 결과가 오면 자동으로 반영합니다.`,
        data: { payId: c.payId.toString(), amount: num(c.amount), by: "worker" },
      });
      await openBillReview(tx, {
        billId,
        kind: "CANCEL_UNMATCHED",
        payId: c.payId,
        code: "OK",
        message: reviewMessage.cancelUnmatched({ payId: c.payId, amount: num(c.amount), minutes: CANCEL_PARK_MINUTES }),
      });
      return { outcome: "unmatched" };
    },
    { maxWait: 5_000, timeout: 15_000 },
  );
}

async function moveAndList(
  tx: Parameters<typeof transitionCancellation>[0],
  c: { id: string; status: BillCancellationStatus },
  edge: Exclude<BillCancellationEdge, "apply">,
  event: Parameters<typeof transitionCancellation>[3],
) {
  // Under the bill lock the row cannot have moved since it was read: a miss is a bug.
  if (!(await transitionCancellation(tx, c, edge, event)))
    throw new Error(`bill cancellation ${c.id}: changed under the lock`);
}

/** Enqueues a job for every cancellation that needs the worker now. Returns how many were enqueued. */
export async function sweepBills(deps: { db?: Db; now?: () => Date } = {}): Promise<number> {
  const db = deps.db ?? defaultDb;
  const now = deps.now?.() ?? new Date();
  const aged = await db.billCancellation.findMany({
    where: { status: "PENDING", createdAt: { lte: new Date(now.getTime() - PARK_MS) } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: SWEEP_BATCH,
  });
  const besidePayment = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT c.id FROM "BillCancellation" c JOIN "BillPayment" p ON p."payId" = c."payId"
     WHERE c.status::text IN (${WAITING_CANCELLATION.map((s) => `'${s}'`).join(", ")}) ORDER BY c."createdAt" LIMIT ${SWEEP_BATCH}`,
  );
  let n = 0;
  for (const id of new Set([...aged.map((r) => r.id), ...besidePayment.map((r) => r.id)])) {
    const job: BillSettleJob = { kind: "cancellation", cancellationId: id };
    if (await enqueue(db, "bill.settle", job, { key: cancellationJobKey(id) })) n++;
  }
  return n;
}

export const billJobs: DomainJobs = {
  name: "bills",
  handlers: {
    "bill.settle": async (data, ctx) => {
      if (data.kind === "cancellation" && typeof data.cancellationId === "string") {
        const r = await settleWaitingCancellation(data.cancellationId);
        ctx.log(`bill cancellation: ${r.outcome}`, { cancellationId: data.cancellationId });
        return r;
      }
      ctx.log("unknown bill job: ignored", { kind: String(data.kind) });
      return { outcome: "ignored" };
    },
  },
  sweep: () => sweepBills(),
};
