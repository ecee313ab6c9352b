// Bills left half-done are finished by the worker, and every problem a person must look at is in
// billsNeedingReview(): cancellations that came before their payment (applied when it comes, listed
// when it does not), second payments, wrong amounts, refused contradicting deliveries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { billJobs, CANCEL_PARK_MINUTES, settleWaitingCancellation, sweepBills } from "@/lib/bills/jobs";
import { billsNeedingReview, countBillsNeedingReview, resolveBillReview } from "@/lib/bills/review";
import { insertCancellation } from "@/lib/bills/state";
import { startWorker } from "@/lib/jobs/worker";
import { callAgency, cancelOf, demoActor, newBill, payResult } from "./bills-helpers";

const billOf = (id: string) =>
  db.bill.findUniqueOrThrow({
    where: { id },
    include: {
      payments: true,
      cancellations: true,
      reviews: true,
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
const openReviewsOf = async (billId: string) => (await billsNeedingReview()).filter((r) => r.billId === billId);

/** Polls until `check` returns a truthy value (or the deadline passes). */
async function until<T>(what: string, check: () => Promise<T>, ms = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The parking time passing: the cancellation was received CANCEL_PARK_MINUTES + 1 minutes ago. */
const age = (payId: number) =>
  db.$executeRaw`UPDATE "BillCancellation" SET "createdAt" = "createdAt" - make_interval(mins => ${CANCEL_PARK_MINUTES + 1}) WHERE "payId" = ${BigInt(payId)}`;

// Two workers on one database (their cron sweep runs every minute; the tests run the same sweep
// right away instead of waiting for the minute).
const workers: { stop: () => Promise<void>; sweep: () => Promise<number> }[] = [];
const sweepBoth = () => Promise.all(workers.map((w) => w.sweep()));
beforeAll(async () => {
  for (let i = 0; i < 2; i++)
    workers.push(await startWorker({ databaseUrl: process.env.DATABASE_URL!, domains: [billJobs], pollSeconds: 0.5 }));
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
});

describe("a cancellation that came before its payment", () => {
  it("that ages is listed by the worker with nobody clicking (two workers, once); its payment coming later applies it and clears the listing", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    expect((await callAgency("pay-result", cancelOf(p))).body.res_code).toBe("OK");
    // A fresh one beside it: the worker leaves it alone until its own parking time has passed.
    const freshBill = await newBill();
    const fresh = payResult(freshBill);
    expect((await callAgency("pay-result", cancelOf(fresh))).body.res_code).toBe("OK");
    await age(p.pay_id);

    await sweepBoth();
    await until(
      "the aged cancellation to be UNMATCHED",
      async () => (await billOf(bill.id)).cancellations[0]!.status === "UNMATCHED",
    );
    // The job ran; running it again (by hand, in parallel) changes nothing.
    const cancellationId = (await billOf(bill.id)).cancellations[0]!.id;
    // Both workers swept: its job(s) all complete. Usually one job (the key dedupes while a job waits); a sweep
    // that read the row while it was still PENDING and enqueues after the first job started adds a second, which
    // finds it settled — "once" is the single unmatched event below, not the number of jobs.
    const jobStates = async () =>
      (
        await db.$queryRaw<
          { state: string }[]
        >`SELECT state::text FROM pgboss.job WHERE name = 'bill.settle' AND singleton_key = ${`bill.cancellation:${cancellationId}`}`
      ).map((j) => j.state);
    let seen: string[] = [];
    await until("its job(s) to complete", async () => {
      seen = await jobStates();
      return seen.length > 0 && seen.every((s) => s === "completed");
    }).catch((e: Error) => {
      throw new Error(`${e.message} (job states: ${seen.join(", ") || "none"})`);
    });
    expect(
      new Set(
        (await Promise.all(Array.from({ length: 4 }, () => settleWaitingCancellation(cancellationId)))).map(
          (r) => r.outcome,
        ),
      ),
    ).toEqual(new Set(["final"]));
    expect(await sweepBills()).toBe(0); // nothing left for the worker

    let b = await billOf(bill.id);
    expect(b.status).toBe("UNPAID");
    expect(b.events.filter((e) => e.type === "bill.cancel.unmatched")).toHaveLength(1);
    const rows = await openReviewsOf(bill.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "CANCEL_UNMATCHED",
      code: "OK",
      payId: String(p.pay_id),
      billerNoticeKey: bill.billerNoticeKey,
    });
    expect(rows[0]!.message).toContain(`${CANCEL_PARK_MINUTES}분이 지나도록`);
    expect(rows[0]!.message).toContain("재전송");
    expect(rows[0]!.at).toBeInstanceOf(Date);
    expect((await billOf(freshBill.id)).cancellations[0]!.status).toBe("PENDING");
    expect(await openReviewsOf(freshBill.id)).toEqual([]);

    // The payment arrives after all: the cancellation is applied and the listing resolves itself.
    expect((await callAgency("pay-result", p)).body.res_code).toBe("OK");
    b = await billOf(bill.id);
    expect(b).toMatchObject({ status: "CANCELLED", paidAmount: 29000n, cancelledAmount: 29000n });
    expect(b.payments[0]).toMatchObject({ status: "CANCELLED", cancelledAmount: 29000n });
    expect(b.cancellations[0]).toMatchObject({ status: "APPLIED" });
    expect(b.reviews[0]).toMatchObject({ kind: "CANCEL_UNMATCHED", resolvedBy: "system" });
    expect(b.reviews[0]!.resolvedAt).not.toBeNull();
    expect(await openReviewsOf(bill.id)).toEqual([]);
    expect(b.events.map((e) => e.type).slice(-3)).toEqual(["dozn.pay-result.P", "bill.cancel.settled", "bill.status"]);

    // The fresh one's payment comes in time: applied with no listing at all.
    expect((await callAgency("pay-result", fresh)).body.res_code).toBe("OK");
    expect((await billOf(freshBill.id)).cancellations[0]!.status).toBe("APPLIED");
  });

  it("left waiting beside its payment (as an older version did) is settled by the worker", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    expect((await callAgency("pay-result", p)).body.res_code).toBe("OK");
    const payment = await db.billPayment.findUniqueOrThrow({ where: { payId: BigInt(p.pay_id) } });
    await db.$transaction((tx) =>
      insertCancellation(tx, {
        billId: bill.id,
        payId: payment.payId,
        payBy: "CARD",
        amount: 9000,
        fee: -162,
        feeTax: -16,
        adjustDate: null,
        cancelledAt: new Date(),
      }),
    );
    await sweepBoth();
    await until("the worker to apply it", async () => (await billOf(bill.id)).cancellations[0]!.status === "APPLIED");
    const b = await billOf(bill.id);
    expect(b).toMatchObject({ status: "PARTIALLY_CANCELLED", cancelledAmount: 9000n });
    expect(b.payments[0]).toMatchObject({ status: "PARTIALLY_CANCELLED", cancelledAmount: 9000n });
    expect(b.events.at(-2)).toMatchObject({ type: "bill.cancel.settled" });
  });

  it("that does not fit its payment is listed as soon as the payment comes", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    expect((await callAgency("pay-result", cancelOf(p, 30000))).body.res_code).toBe("OK"); // more than will be paid
    expect((await callAgency("pay-result", p)).body.res_code).toBe("OK");
    const b = await billOf(bill.id);
    expect(b).toMatchObject({ status: "PAID", paidAmount: 29000n, cancelledAmount: 0n });
    expect(b.cancellations[0]).toMatchObject({ status: "MISMATCHED" });
    expect(await openReviewsOf(bill.id)).toMatchObject([
      { kind: "CANCEL_MISMATCH", code: "OK", payId: String(p.pay_id) },
    ]);
  });
});

describe("pay-results recorded as mismatches are in billsNeedingReview()", () => {
  it("a bill paid twice (two pay_ids) is listed; cancelling the extra payment clears it", async () => {
    const bill = await newBill();
    const first = payResult(bill);
    const second = payResult(bill);
    expect((await callAgency("pay-result", first)).body.res_code).toBe("OK");
    expect((await callAgency("pay-result", second)).body.res_code).toBe("OK"); // the money moved: recorded, never refused
    for (let i = 0; i < 3; i++) expect((await callAgency("pay-result", second)).body.res_code).toBe("OK"); // redeliveries list nothing more
    const rows = await openReviewsOf(bill.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "PAID_TWICE",
      kindLabel: "이중 납부",
      code: "OK",
      payId: String(second.pay_id),
    });
    expect(rows[0]!.message).toContain("이미 납부된 청구서에 추가 납부 29,000원");
    expect(await countBillsNeedingReview({ merchantId: (await demoActor()).merchantId })).toBeGreaterThanOrEqual(1);

    expect((await callAgency("pay-result", cancelOf(second))).body.res_code).toBe("OK");
    expect(await openReviewsOf(bill.id)).toEqual([]);
    const b = await billOf(bill.id);
    expect(b).toMatchObject({ status: "PAID", paidAmount: 58000n, cancelledAmount: 29000n });
    expect(b.events.at(-1)).toMatchObject({ type: "bill.review.resolved" });
  });

  it("a payment of another amount is listed with both amounts", async () => {
    const bill = await newBill();
    const p = payResult(bill, { pay_amount: 28000 });
    expect((await callAgency("pay-result", p)).body.res_code).toBe("OK");
    const rows = await openReviewsOf(bill.id);
    expect(rows).toMatchObject([{ kind: "AMOUNT_MISMATCH", code: "OK" }]);
    expect(rows[0]!.message).toContain("28,000원");
    expect(rows[0]!.message).toContain("29,000원");
  });

  it("a delivery contradicting the recorded one is answered OK and listed once, however often it comes; staff resolve it with a note", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    expect((await callAgency("pay-result", p)).body.res_code).toBe("OK");
    for (let i = 0; i < 3; i++)
      expect((await callAgency("pay-result", { ...p, pay_amount: 1000, amount: 1000 })).body.res_code).toBe("OK");
    const rows = await openReviewsOf(bill.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "CONFLICT", code: "OK", payId: String(p.pay_id) });
    expect(rows[0]!.message).toContain("29000원으로 기록");

    const a = await demoActor();
    expect(
      await resolveBillReview({
        reviewId: rows[0]!.reviewId,
        merchantId: a.merchantId,
        adminId: a.adminId,
        note: "   ",
      }),
    ).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(
      await resolveBillReview({
        reviewId: rows[0]!.reviewId,
        merchantId: a.merchantId,
        adminId: a.adminId,
        note: "더즌 확인: 잘못된 재전송",
      }),
    ).toEqual({ ok: true, value: { billId: bill.id } });
    expect(
      await resolveBillReview({
        reviewId: rows[0]!.reviewId,
        merchantId: a.merchantId,
        adminId: a.adminId,
        note: "again",
      }),
    ).toMatchObject({ ok: false, error: { code: "ALREADY_RESOLVED" } });
    expect(await openReviewsOf(bill.id)).toEqual([]);
    const b = await billOf(bill.id);
    expect(b.events.at(-1)).toMatchObject({ type: "bill.review.resolved" });
    expect(b.events.at(-1)!.message).toContain("더즌 확인: 잘못된 재전송");
    expect(b).toMatchObject({ status: "PAID", paidAmount: 29000n });
  });
});
