// A new payment (pay_type P) of a pay-result.
import type { Db } from "../db";
import type { BillCancellationStatus, BillStatus } from "../generated/prisma/client";
import { transaction, type Stmt } from "../hot-sql";
import type { BillEventInput } from "./events";
import { payFields, sameOrConflict, TX, won } from "./delivery";
import type { SeenDelivery } from "./find";
import { newId } from "./ids";
import type { PayResultDelivery, PayResultOutcome } from "./port";
import { reviewMessage, type BillReviewKind } from "./review";
import type { PayResultFlag } from "./sanity";
import {
  billTotals,
  num,
  payableAmount,
  paymentCancelEdge,
  WAITING_CANCELLATION,
  type BillPaymentEdge,
  type Money,
} from "./state";
import { insertPaymentAndLock, settleNewPayment, type NewPaymentSettlement } from "./state-sql";

const payByLabel: Record<string, string> = { CARD: "카드", MONEY: "카카오페이머니", MONEY_TRANSFER: "계좌 송금" };

type PaymentRow = { payId: bigint; payAmount: number; cancelledAmount: number; paidAt: Date; cancelledAt: Date | null };

const sqlList = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(", ");

const paymentStmts = {
  recorded: {
    name: "kc_payment_recorded",
    text: `SELECT "billId", "payAmount" FROM "BillPayment" WHERE "payId" = $1::bigint`,
  },
  // One row per payment of the bill (this one included), each with the bill's columns and (computed
  // once) the cancellations of this pay_id still waiting for their payment, oldest first.
  state: {
    name: "kc_payment_state_v2",
    text: `SELECT b.status::text AS status, b.amount, b."paidAmount" AS "billPaid", b."cancelledAmount" AS "billCancelled",
             p."payId", p."payAmount", p."cancelledAmount", p."paidAt", p."cancelledAt",
             (SELECT coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'billId', c."billId", 'amount', c.amount, 'cancelledAt', c."cancelledAt", 'status', c.status::text)
                                        ORDER BY c."cancelledAt", c."createdAt", c.id), '[]'::jsonb)
                FROM "BillCancellation" c WHERE c."payId" = $2::bigint AND c.status IN (${sqlList(WAITING_CANCELLATION)})) AS pending
      FROM "Bill" b
      LEFT JOIN "BillPayment" p ON p."billId" = b.id
      WHERE b.id = $1::text`,
  },
} satisfies Record<string, Stmt>;

type PendingCancel = {
  id: string;
  billId: string;
  amount: number;
  cancelledAt: string;
  status: BillCancellationStatus;
};
/** jsonb timestamps have no zone: they are UTC wall times, as Prisma stores them. */
const utc = (v: string) => new Date(/[zZ]|[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`);

/**
 * A new payment (pay_type P) in one short transaction of three statements (hot-sql.ts; the ORM
 * spent ~15 round trips here in `npm run bench`):
 *   1. insert the payment (ON CONFLICT on the unique pay_id: parallel copies of this delivery wait
 *      on the index, not on the bill lock, and leave as duplicates the moment the first commits)
 *      and, only when it was inserted, take the bill's row lock (state-sql.ts, see locks.ts);
 *   2. read the bill, its payments and the cancellations that came first — a new statement, so its
 *      snapshot is taken after the lock and sees everything committed by earlier lock holders;
 *   3. write the timeline, the 확인 필요 rows, the settled early cancellations and the bill's totals
 *      in one statement (state-sql.settleNewPayment: the state machines' guards, in SQL too).
 * The decisions in between are the same pure functions as everywhere (payableAmount, billTotals).
 */
export async function recordPayment(
  db: Db,
  billId: string,
  payId: bigint,
  d: PayResultDelivery,
  seen: SeenDelivery,
  paidAt: Date,
  flags: PayResultFlag[],
): Promise<PayResultOutcome> {
  // Redelivery (the common retry): answered from the lookup's round trip, no lock, no write.
  if (seen) return sameOrConflict({ billId: seen.billId, payAmount: seen.amount }, billId, d.payAmount);

  return transaction(
    db,
    async (sql) => {
      const now = new Date();
      const ins = await insertPaymentAndLock(sql, {
        id: newId(),
        billId,
        payId,
        ...payFields(d),
        cardBin: d.cardBin ?? null,
        cardCompany: d.cardCompany ?? null,
        payDetail3: d.payDetail3 ?? null,
        adjustDate: d.adjustDate ?? null,
        paidAt,
        createdAt: now,
      });
      if (!ins.inserted) {
        // A parallel copy committed first (its row was not in this statement's snapshot).
        const [other] = await sql.rows<{ billId: string; payAmount: number | bigint }>(paymentStmts.recorded, [payId]);
        if (!other) throw new Error(`pay_id ${d.payId}: conflicting insert but no row`);
        return sameOrConflict({ billId: other.billId, payAmount: num(other.payAmount) }, billId, d.payAmount);
      }
      if (!ins.locked) throw new Error(`bill ${billId} vanished while recording pay_id ${d.payId}`);

      type StateRow = {
        status: BillStatus;
        amount: number;
        billPaid: Money;
        billCancelled: Money;
        payId: bigint | null;
        payAmount: Money | null;
        cancelledAmount: Money | null;
        paidAt: Date | null;
        cancelledAt: Date | null;
        pending: PendingCancel[];
      };
      const state = await sql.rows<StateRow>(paymentStmts.state, [billId, payId]);
      const head = state[0]!;
      // Payable before this payment: the bill as it was, i.e. before it is settled below.
      const payableBefore = payableAmount({
        status: head.status,
        amount: head.amount,
        paidAmount: head.billPaid,
        cancelledAmount: head.billCancelled,
      });
      let payments: PaymentRow[] = state.flatMap((r) =>
        r.payId === null
          ? []
          : [
              {
                payId: BigInt(r.payId),
                payAmount: num(r.payAmount!),
                cancelledAmount: num(r.cancelledAmount!),
                paidAt: r.paidAt!,
                cancelledAt: r.cancelledAt,
              },
            ],
      );

      // Cancellations that arrived first, oldest first: each applied to this payment while what is
      // left of it covers the cancel, otherwise flagged (CANCEL_MISMATCH).
      const cancellations: NewPaymentSettlement["cancellations"] = [];
      const pendingEvents: BillEventInput[] = [];
      const reviews: NewPaymentSettlement["reviews"] = [];
      let applied = 0;
      let lastCancelledAt: Date | null = null;
      let anyUnmatched = false;
      for (const pc of head.pending ?? []) {
        const amount = num(pc.amount);
        const cancelledAt = utc(pc.cancelledAt);
        if (pc.status === "UNMATCHED") anyUnmatched = true;
        if (pc.billId === billId && applied + amount <= d.payAmount) {
          applied += amount;
          if (!lastCancelledAt || cancelledAt > lastCancelledAt) lastCancelledAt = cancelledAt;
          cancellations.push({ id: pc.id, from: pc.status, edge: "apply" });
          pendingEvents.push({
            billId,
            type: "bill.cancel.settled",
            resultCode: "OK",
            message: `먼저 도착한 취소 ${amount}원을 결제(pay_id ${d.payId})에 반영했습니다.${pc.status === "UNMATCHED" ? " (확인 필요 '결제 없는 취소' 해소)" : ""}`,
            data: { payId: d.payId, amount },
          });
        } else {
          const reason =
            pc.billId !== billId
              ? "취소가 다른 청구서로 들어왔습니다."
              : `취소 금액 ${won(amount)}이 남은 결제 금액 ${won(d.payAmount - applied)}보다 큽니다.`;
          cancellations.push({ id: pc.id, from: pc.status, edge: "mismatch" });
          pendingEvents.push({
            billId,
            type: "bill.cancel.mismatch",
            resultCode: "CHECK",
            message: `먼저 도착한 취소 ${amount}원을 결제 ${d.payAmount}원에 반영할 수 없습니다. 확인이 필요합니다.`,
            data: { payId: d.payId, amount },
          });
          reviews.push({
            kind: "CANCEL_MISMATCH",
            code: "OK",
            message: reviewMessage.cancelMismatch({ payId, amount, reason }),
            data: { cancelBillId: pc.billId, amount },
          });
        }
      }
      let payment: NewPaymentSettlement["payment"] = null;
      if (applied > 0) {
        const edge: BillPaymentEdge = paymentCancelEdge(
          { status: "PAID", payAmount: d.payAmount, cancelledAmount: 0 },
          applied,
        );
        payment = { edge, cancelledAmount: applied, cancelledAt: lastCancelledAt! };
        payments = payments.map((p) =>
          p.payId === payId ? { ...p, cancelledAmount: applied, cancelledAt: lastCancelledAt } : p,
        );
      }
      const resolveUnmatched = anyUnmatched
        ? `결제 결과(pay_id ${d.payId})가 도착해 먼저 온 취소를 처리했습니다.`
        : null;

      const events: BillEventInput[] = [
        {
          billId,
          type: "dozn.pay-result.P",
          resultCode: "OK",
          message: `납부 ${d.payAmount}원 (${payByLabel[d.payBy] ?? d.payBy}${d.cardCompany ? ` ${d.cardCompany}` : ""}, pay_id ${d.payId})`,
          data: {
            payId: d.payId,
            payAmount: d.payAmount,
            payBy: d.payBy,
            fee: d.fee,
            feeTax: d.feeTax,
            paidAt: d.paidAtText,
          },
        },
      ];
      if (d.payAmount !== payableBefore) {
        // The money moved at KakaoPay: record it, never drop it, and list it for staff (unless the
        // cancellations that came first already gave all of it back).
        events.push({
          billId,
          type: "bill.payment.mismatch",
          resultCode: "CHECK",
          message:
            payableBefore === 0
              ? `이미 납부된 청구서에 추가 납부 ${d.payAmount}원이 들어왔습니다. 확인 후 환불이 필요할 수 있습니다.`
              : `납부 금액 ${d.payAmount}원이 납부 가능 금액 ${payableBefore}원과 다릅니다. 확인이 필요합니다.`,
          data: { payId: d.payId, payAmount: d.payAmount, payable: payableBefore },
        });
        if (d.payAmount - applied > 0) {
          const kind: BillReviewKind = payableBefore === 0 ? "PAID_TWICE" : "AMOUNT_MISMATCH";
          reviews.unshift({
            kind,
            code: "OK",
            message:
              kind === "PAID_TWICE"
                ? reviewMessage.paidTwice({ payId, payAmount: d.payAmount })
                : reviewMessage.amountMismatch({ payId, payAmount: d.payAmount, payable: payableBefore }),
            data: { payAmount: d.payAmount, payable: payableBefore },
          });
        }
      }
      for (const f of flags) {
        events.push({
          billId,
          type: "bill.payment.check",
          resultCode: "CHECK",
          message: f.message,
          data: { payId: d.payId, kind: f.kind, ...f.data },
        });
        reviews.push({ kind: f.kind, code: "OK", message: f.message, data: f.data });
      }
      events.push(...pendingEvents);

      await settleNewPayment(sql, {
        billId,
        payId,
        now,
        events,
        // at most one open row per (kind, pay_id): the first of each kind (several early cancels may not fit)
        reviews: reviews.filter((r, i) => reviews.findIndex((x) => x.kind === r.kind) === i),
        bill: { from: head.status, totals: billTotals(payments, head.amount) },
        cancellations,
        payment,
        resolveUnmatched,
      });
      return "recorded" as const;
    },
    TX,
  );
}
