// The worker's payment jobs:
// - "payment.settle" {paymentId}: enqueued in the transaction that claims an approval (READY → APPROVING),
//   retried with backoff until the provider says something definite (see settle.ts);
// - "refund.settle" {refundId}: enqueued with every refund (staff or automatic), sends automatic
//   refunds and settles refunds whose answer was lost;
// - the sweep: payments APPROVING / UNKNOWN, READY past their expiry, refunds REQUESTED / UNKNOWN,
//   captured-unused payments — anything without a waiting job gets one (same keys: no duplicates).
import { db } from "../db";
import { env } from "../env";
import { enqueue, keysWithUnfinishedJobs } from "../jobs/enqueue";
import { NotYet, type DomainJobs } from "../jobs/registry";
import { executeApproval } from "./approve-payment";
import { raiseAttention } from "./attention";
import { paymentProvider, paymentProviders } from "./providers";
import { settleRefund } from "./refund";
import { settlePayment } from "./settle";

/** Providers whose lookup re-sends the authorization (PaymentProvider.lookupCaptures). */
const capturingLookups = () =>
  paymentProviders()
    .filter((p) => p.lookupCaptures)
    .map((p) => p.name);

/** After this many tries a payment still unknown is listed in 확인 필요 (the worker keeps trying). */
const ATTENTION_AFTER_TRIES = 6;

export const paymentJobs: DomainJobs = {
  name: "payments",
  handlers: {
    // The customer's return only claimed the approval: send the provider's approve (at most once).
    "payment.approve": async (data) => {
      const paymentId = String(data.paymentId ?? "");
      const p = await db.payment.findUnique({ where: { id: paymentId }, select: { provider: true } });
      if (!p) return { skipped: "no such payment" };
      return executeApproval(paymentId, {
        gateway: paymentProvider(p.provider),
        providerTimeoutMs: env().PROVIDER_TIMEOUT_MS,
      });
    },
    "payment.settle": async (data, ctx) => {
      const paymentId = String(data.paymentId ?? "");
      const p = await db.payment.findUnique({ where: { id: paymentId }, select: { provider: true, orderId: true } });
      if (!p) return { skipped: "no such payment" };
      const e = env();
      const settleDeps = {
        gateway: paymentProvider(p.provider),
        providerTimeoutMs: e.PROVIDER_TIMEOUT_MS,
        lateCheckSeconds: e.LATE_CHECK_SECONDS,
      };
      // The one extra look at an attempt we ended: records a late capture, otherwise nothing to retry.
      if (data.lateCheck) {
        const out = await settlePayment(paymentId, { ...settleDeps, actor: "late-check" });
        // The provider may still be on its way (a slow network): look a few more times, then stop.
        if (out.retry && ctx.retryCount < 5) throw new NotYet(out.retry);
        return out;
      }
      const out = await settlePayment(paymentId, { ...settleDeps, actor: "worker" });
      if (out.retry) {
        if (ctx.retryCount + 1 >= ATTENTION_AFTER_TRIES && ["UNKNOWN", "APPROVING"].includes(out.status))
          await raiseAttention(db, {
            kind: "PAYMENT_UNKNOWN",
            orderId: p.orderId,
            paymentId,
            message: `결제 결과를 ${ctx.retryCount + 1}번 확인했지만 아직 알 수 없음 (${out.retry}). 계속 확인 중`,
          });
        throw new NotYet(out.retry);
      }
      return out;
    },
    "refund.settle": async (data, ctx) => {
      const refundId = String(data.refundId ?? "");
      const r = await db.refund.findUnique({
        where: { id: refundId },
        include: { payment: { select: { provider: true, orderId: true, id: true } } },
      });
      if (!r) return { skipped: "no such refund" };
      const out = await settleRefund(refundId, {
        gateway: paymentProvider(r.payment.provider),
        providerTimeoutMs: env().PROVIDER_TIMEOUT_MS,
      });
      if (out.retry) {
        if (ctx.retryCount + 1 >= ATTENTION_AFTER_TRIES)
          await raiseAttention(db, {
            kind: "REFUND_STUCK",
            orderId: r.payment.orderId,
            paymentId: r.payment.id,
            refundId,
            message: `환불 결과를 ${ctx.retryCount + 1}번 확인했지만 아직 알 수 없음 (${out.retry}). 계속 확인 중`,
          });
        throw new NotYet(out.retry);
      }
      return out;
    },
  },
  sweep: async () => {
    const graceMs = env().PROVIDER_TIMEOUT_MS + 5_000;
    const olderThan = new Date(Date.now() - graceMs);
    const payments = await db.payment.findMany({
      where: {
        OR: [
          { status: { in: ["APPROVING", "UNKNOWN"] }, statusAt: { lt: olderThan } },
          { status: "READY", readyExpiresAt: { lt: new Date(Date.now() - 60_000) } },
        ],
        // Payments a person must decide on, of providers whose lookup is a capture (PayUp): asking again would be
        // another capture attempt.
        NOT: {
          provider: { in: capturingLookups() },
          attention: { some: { resolvedAt: null, kind: { in: ["PAYMENT_UNCERTAIN", "PAYMENT_UNKNOWN"] } } },
        },
      },
      select: { id: true },
      take: 500,
    });
    const refunds = await db.refund.findMany({
      where: {
        OR: [{ status: "UNKNOWN" }, { status: "REQUESTED", OR: [{ sentAt: null }, { sentAt: { lt: olderThan } }] }],
      },
      select: { id: true },
      take: 500,
    });
    let n = 0;
    const busyPayments = await keysWithUnfinishedJobs(
      db,
      "payment.settle",
      payments.map((p) => `payment:${p.id}`),
    );
    const busyRefunds = await keysWithUnfinishedJobs(
      db,
      "refund.settle",
      refunds.map((r) => `refund:${r.id}`),
    );
    for (const p of payments)
      if (
        !busyPayments.has(`payment:${p.id}`) &&
        (await enqueue(db, "payment.settle", { paymentId: p.id }, { key: `payment:${p.id}` }))
      )
        n++;
    for (const r of refunds)
      if (
        !busyRefunds.has(`refund:${r.id}`) &&
        (await enqueue(db, "refund.settle", { refundId: r.id }, { key: `refund:${r.id}` }))
      )
        n++;
    return n;
  },
};
