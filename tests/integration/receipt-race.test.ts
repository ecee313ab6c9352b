// The customer's receipt while an approval is on its way (README "Known gaps": now and then an e2e receipt
// went from "결제 확인 중" to "아직 결제하지 않은 주문입니다" and stayed there, while the payment was APPROVED).
// Real PostgreSQL, the real KakaoPay sandbox over HTTP, the real receipt page rendered to HTML.
// - The approve's answer commits (payment APPROVED + order PAID, one transaction) while the receipt is
//   between its reads: the receipt must never show that order as unpaid with a "pay again" button.
// - A slow approve (the sandbox's "delay" fault: KakaoPay still shows AUTH_PASSWORD while it works): the
//   settle job, the customer's check route and an expiry that passes meanwhile leave the receipt at
//   "결제 확인 중"; the approve's answer then shows it paid.
// - An approve whose answer times out: UNKNOWN, "결제 확인 중", then the check route settles it as paid.
// No sleeps as synchronisation: every wait polls a condition (the database's lock table, the sandbox's
// state) with a deadline.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-harness").then((m) => m.nextHeaders));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, unstable_noStore: () => {} }));

import pg from "pg";
import { renderToStaticMarkup } from "react-dom/server";
import OrderPage from "@/app/(shop)/orders/[orderNumber]/page";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { executeApproval } from "@/lib/payments/approve-payment";
import type { PaymentProvider } from "@/lib/payments/port";
import { recordCapture } from "@/lib/payments/capture";
import { refreshOpenPayment } from "@/lib/payments/receipt";
import { settlePayment } from "@/lib/payments/settle";

import { grant, ORDER_ACCESS_COOKIE } from "@/lib/shop/order-access";
import {
  armFault,
  clearFaults,
  sandboxPayment,
  sandboxUrl,
  until,
  sandboxKakaoPay,
  claimedAtKakaoPay,
} from "./helpers";
import { dispatch, get } from "./next-harness";

const appUrl = "http://127.0.0.1:3999";
const NOT_PAID = "아직 결제하지 않은 주문입니다";
const CHECKING = "결제 결과를 확인하고 있습니다";
const PAID = "결제가 완료되었습니다";

let gateway: PaymentProvider;
let other: pg.Pool;

beforeAll(() => {
  gateway = sandboxKakaoPay();
  other = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
});
afterAll(async () => {
  await other.end();
});
afterEach(async () => {
  await clearFaults();
});

const claimed = () => claimedAtKakaoPay(gateway, appUrl);

/** The receipt as the buyer's browser gets it (the page rendered to HTML, with the buyer's order cookie). */
async function receipt(orderNumber: string): Promise<string> {
  const cookie = `${ORDER_ACCESS_COOKIE}=${encodeURIComponent(grant(env().APP_SECRET, undefined, orderNumber))}`;
  const out = await dispatch(
    get(`/orders/${orderNumber}`, { cookie }),
    async () =>
      new Response(
        renderToStaticMarkup(
          (await OrderPage({
            params: Promise.resolve({ orderNumber }),
            searchParams: Promise.resolve({}),
          })) as React.ReactElement,
        ),
      ),
    { proxied: false },
  );
  if (out.status !== 200) throw new Error(`receipt answered ${out.status}: ${String(out.thrown)}`);
  return out.body;
}

/** What the customer can tell from a receipt: the headline, and whether the page refreshes itself / offers a retry. */
function seen(html: string) {
  return {
    paid: html.includes(PAID),
    checking: html.includes(CHECKING),
    notPaid: html.includes(NOT_PAID) || html.includes("결제가 완료되지 않았습니다"),
    refreshes: /http-equiv="refresh"/i.test(html),
    retry: html.includes('data-testid="retry-payment"'),
  };
}

/** The armed fault was consumed: the request it delays has reached the sandbox and is being held. */
async function faultTaken() {
  const r = (await (await fetch(`${sandboxUrl()}/__sandbox/faults`)).json()) as { faults: unknown[] };
  return r.faults.length === 0;
}

/** The customer is never told "not paid" (nor offered to pay again) while the payment is or may be approved. */
function expectNeverUnpaid(html: string) {
  const s = seen(html);
  expect(s.notPaid, "the receipt says 'not paid'").toBe(false);
  expect(s.retry, "the receipt offers to pay again").toBe(false);
  expect(s.paid || (s.checking && s.refreshes), "the receipt is paid, or checking and refreshing itself").toBe(true);
}

describe("the receipt while the approve is on its way", () => {
  it("the approve's answer commits between the receipt's reads: it is shown as paid or 결제 확인 중, never as unpaid", async () => {
    const { orderNumber, orderId, paymentId, tid } = await claimed();
    expect(seen(await receipt(orderNumber))).toMatchObject({ checking: true, refreshes: true, retry: false });

    // The worker's approve: KakaoPay approves; its answer is recorded below as executeApproval does
    // (recordCapture: payment APPROVED and order PAID in one transaction).
    const p = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    const answer = await gateway.approve({
      providerTxId: tid,
      providerData: p.providerData,
      orderNumber,
      customerRef: `guest-${orderId}`,
      expectedTotal: p.totalAmount,
    });
    if (!answer.ok) throw new Error(`approve failed: ${answer.failure.code}`);

    // That transaction first locks the payments table, so the receipt, once it has read the order, waits
    // for the payments; the capture commits while it waits (on a loaded machine: between two reads).
    let rendering: Promise<string> | undefined;
    const captured = await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`LOCK TABLE "Payment" IN ACCESS EXCLUSIVE MODE`);
        rendering = receipt(orderNumber);
        await until("the receipt has read the order and waits for its payments", async () => {
          const r = await other.query(
            `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT %FROM "public"."Payment"%'`,
          );
          return r.rowCount! > 0;
        });
        return recordCapture(tx, paymentId, answer.value, answer.log);
      },
      { timeout: 30_000 },
    );
    expect(captured).toEqual({ kind: "approved" });
    expectNeverUnpaid(await rendering!);
    // The page refreshes itself: the next look is the paid receipt.
    expect(seen(await receipt(orderNumber))).toMatchObject({ paid: true, notPaid: false, retry: false });
  });

  it("a slow approve: the settle job, the check route and a passed expiry keep 결제 확인 중; the answer then shows paid", async () => {
    const { orderNumber, paymentId, tid } = await claimed();
    const slow = sandboxKakaoPay(20_000);
    // KakaoPay takes its time: during the wait an order lookup still shows AUTH_PASSWORD ("pending").
    await armFault({ provider: "kakaopay", op: "approve", mode: "delay", delayMs: 6000, match: tid });
    const approving = executeApproval(paymentId, { gateway: slow, providerTimeoutMs: 20_000 });
    await until("the approve reached KakaoPay (its delay fault is taken)", faultTaken);

    // The settle job (as the worker runs it) while the approve is on its way.
    const settleDeps = { gateway, providerTimeoutMs: 20_000, lateCheckSeconds: 900 };
    expect(await settlePayment(paymentId, { ...settleDeps, actor: "worker" })).toMatchObject({
      status: "APPROVING",
      changed: false,
    });
    // The customer's page asks the provider itself once the outcome looks overdue.
    const later = () => new Date(Date.now() + 60_000);
    await refreshOpenPayment(orderNumber, { now: later });
    // Our record of the attempt's expiry has passed (it is set a little before KakaoPay's own): a lookup
    // that says "pending" must not end an attempt whose approve is still on its way.
    const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    const afterExpiry = () => new Date(payment.readyExpiresAt!.getTime() + 120_000);
    const sentAt = payment.approveSentAt!;
    expect(
      await settlePayment(paymentId, {
        ...settleDeps,
        actor: "worker",
        // The approve was sent moments ago as far as this settle can tell.
        now: () => new Date(Math.max(afterExpiry().getTime(), sentAt.getTime())),
        providerTimeoutMs: afterExpiry().getTime() - sentAt.getTime() + 20_000,
      }),
    ).toMatchObject({ status: "APPROVING", changed: false });
    expect((await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("APPROVING");
    const during = seen(await receipt(orderNumber));
    expect(during).toMatchObject({ checking: true, refreshes: true, notPaid: false, retry: false });

    expect(await approving).toEqual({ kind: "paid", orderNumber });
    expect(seen(await receipt(orderNumber))).toMatchObject({ paid: true, notPaid: false, retry: false });
    const p = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(p.status).toBe("APPROVED");
    // Approved by its own approve, not a late capture of an attempt we had ended.
    expect(await db.paymentEvent.count({ where: { paymentId, type: "kakaopay.approve" } })).toBe(1);
    expect(await db.paymentEvent.count({ where: { paymentId, message: { contains: "늦은 승인" } } })).toBe(0);
  });

  it("an approve whose answer times out: 결제 확인 중 (never unpaid) until the check route finds it approved", async () => {
    const { orderNumber, paymentId, tid } = await claimed();
    await armFault({ provider: "kakaopay", op: "approve", mode: "delay", delayMs: 3000, match: tid });
    // Our client gives up after 1.5 s; KakaoPay approves after 3 s anyway.
    expect(await executeApproval(paymentId, { gateway })).toEqual({ kind: "unknown", orderNumber });
    expect((await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("UNKNOWN");
    const during = seen(await receipt(orderNumber));
    expect(during).toMatchObject({ checking: true, refreshes: true, notPaid: false, retry: false });
    // The settle job while KakaoPay is still working: nothing definite, nothing changes.
    expect(
      await settlePayment(paymentId, { gateway, providerTimeoutMs: 1500, actor: "worker", lateCheckSeconds: 900 }),
    ).toMatchObject({ status: "UNKNOWN", changed: false });
    expectNeverUnpaid(await receipt(orderNumber));
    await until("KakaoPay approved it", async () => (await sandboxPayment(tid))?.status === "SUCCESS_PAYMENT");
    // The page's refresh goes through the check route, which asks KakaoPay once the outcome is overdue.
    await until("the check route settles it", async () => {
      await refreshOpenPayment(orderNumber);
      return seen(await receipt(orderNumber)).paid;
    });
    expect((await db.order.findUniqueOrThrow({ where: { orderNumber } })).status).toBe("PAID");
  });
});
