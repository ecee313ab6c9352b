// Money is never lost, stuck or doubled when a provider is slow or the server dies — with real
// processes: two production app servers, two workers, the sandbox over HTTP, one PostgreSQL.
import type { ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createOrder } from "@/lib/orders/create-order";
import { refundPayment, settleRefund } from "@/lib/payments/refund";
import { settlePayment } from "@/lib/payments/settle";
import { startPayment } from "@/lib/payments/start-payment";
import { createKakaoPayGateway } from "@/lib/providers/kakaopay";
import { grant, ORDER_ACCESS_COOKIE } from "@/lib/shop/order-access";
import {
  actAtKakaoPay,
  armFault,
  buyer,
  clearFaults,
  demoProducts,
  sandboxPayment,
  sandboxUrl,
} from "../integration/helpers";
import { APP_SECRET, kill, PROVIDER_TIMEOUT_MS, startApp, startWorkerProcess, stopAll, until, type App } from "./stack";

let app1: App;
let app2: App;
const workers: ChildProcess[] = [];
const gateway = () =>
  createKakaoPayGateway({
    baseUrl: sandboxUrl(),
    secretKey: process.env.KAKAOPAY_SECRET_KEY!,
    cid: process.env.KAKAOPAY_CID!,
    timeoutMs: PROVIDER_TIMEOUT_MS,
  });

beforeAll(async () => {
  [app1, app2] = await Promise.all([startApp(), startApp()]);
  workers.push(...(await Promise.all([startWorkerProcess(), startWorkerProcess()])));
}, 120_000);
afterEach(() => clearFaults());
afterAll(() => stopAll());

async function newOrder(slug = "mug", supersedes: string[] = []) {
  const products = await demoProducts();
  const r = await createOrder(
    { buyer, lines: [{ productId: products.find((p) => p.slug === slug)!.id, quantity: 1 }] },
    { supersedes },
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Starts a KakaoPay attempt whose return URLs point at `app`, and pays at the sandbox's KakaoPay page. */
async function payAtKakaoPay(app: App, orderNumber: string) {
  // Return URLs carry the attempt token signed with the app processes' secret.
  const started = await startPayment(
    { orderNumber, device: "PC" },
    { gateway: gateway(), appUrl: app.url, secret: APP_SECRET },
  );
  if (!started.ok) throw new Error(started.error.message);
  if (started.value.next.kind !== "redirect") throw new Error("KakaoPay starts with a redirect");
  const back = await actAtKakaoPay(started.value.next.url);
  const payment = await db.payment.findUniqueOrThrow({ where: { id: started.value.paymentId } });
  return { paymentId: payment.id, tid: payment.tid!, path: `${back.pathname}${back.search}` };
}

const statusOf = async (paymentId: string) =>
  (await db.payment.findUniqueOrThrow({ where: { id: paymentId }, select: { status: true } })).status;
const orderStatus = async (orderId: string) =>
  (await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } })).status;
const jobsFor = (key: string) =>
  db.$queryRaw<
    Array<{ state: string; retry_count: number }>
  >`SELECT state::text, retry_count FROM pgboss.job WHERE singleton_key = ${key}`;

describe("money under slow providers and crashes (real app and worker processes)", () => {
  it("the provider charges, then every process that could record it is killed (SIGKILL): a fresh worker settles it with nobody clicking", async () => {
    const order = await newOrder();
    const { paymentId, tid, path } = await payAtKakaoPay(app1, order.orderNumber);
    await armFault({ provider: "kakaopay", op: "approve", mode: "timeout", delayMs: 30_000, match: tid });
    // The return answers at once; a worker sends the approve, KakaoPay charges and holds its answer.
    expect((await fetch(`${app1.url}${path}`, { redirect: "manual" })).status).toBe(303);
    await until(
      "the payment is APPROVING and charged at KakaoPay",
      async () =>
        (await statusOf(paymentId)) === "APPROVING" && (await sandboxPayment(tid))?.status === "SUCCESS_PAYMENT",
    );
    await Promise.all([kill(app1.proc, "SIGKILL"), ...workers.splice(0).map((w) => kill(w, "SIGKILL"))]);
    const killedAt = Date.now();
    [app1] = await Promise.all([
      startApp(Number(new URL(app1.url).port)),
      startWorkerProcess().then((w) => workers.push(w)),
    ]);
    await until(
      "the worker settles the killed approval",
      async () => (await statusOf(paymentId)) === "APPROVED" && (await orderStatus(order.orderId)) === "PAID",
      60_000,
    );
    const took = Date.now() - killedAt;
    console.log(`[measure] killed approval settled by a fresh worker ${took} ms after SIGKILL`);
    expect(took).toBeLessThan(60_000);
    expect((await sandboxPayment(tid))?.approve_calls).toBe(1);
    workers.push(await startWorkerProcess()); // two workers again for the next scenarios
    expect(await db.paymentEvent.count({ where: { paymentId, type: "kakaopay.order" } })).toBeGreaterThanOrEqual(1);
  });

  it("approve delayed past the app's timeout while the receipt page and the admin refresh reconcile: ends APPROVED / PAID, never FAILED, no second charge", async () => {
    const order = await newOrder();
    const { paymentId, tid, path } = await payAtKakaoPay(app1, order.orderNumber);
    // KakaoPay waits 6 s, then approves, then answers: meanwhile its order lookup truthfully says READY.
    await armFault({ provider: "kakaopay", op: "approve", mode: "delay", delayMs: 6_000, match: tid });
    // The customer's return answers at once (issue: ~8 s of frozen provider page); the approve runs in a worker.
    await fetch(`${app1.url}/pay/kakaopay/approve?payment=warm-up&pg_token=x`, { redirect: "manual" }); // load the route once (app1 was restarted)
    const t0 = Date.now();
    const returned = await fetch(`${app1.url}${path}`, { redirect: "manual" });
    const answeredIn = Date.now() - t0;
    expect(returned.status).toBe(303);
    expect(answeredIn).toBeLessThan(3000); // KakaoPay holds the approve for 6 s
    const cookie = `${ORDER_ACCESS_COOKIE}=${grant(APP_SECRET, undefined, order.orderNumber)}`;
    const seen = new Set<string>();
    let pages = 0;
    while ((await sandboxPayment(tid))?.status !== "SUCCESS_PAYMENT") {
      // The receipt's self-refresh (meta refresh → /check, which asks the provider when overdue → the receipt).
      await fetch(`${app2.url}/orders/${order.orderNumber}/check`, { headers: { cookie }, redirect: "manual" });
      const page = await fetch(`${app2.url}/orders/${order.orderNumber}`, { headers: { cookie } });
      const html = await page.text();
      pages++;
      expect(page.status).toBe(200);
      expect(html).not.toContain("다시 결제하기");
      await settlePayment(paymentId, { gateway: gateway(), providerTimeoutMs: PROVIDER_TIMEOUT_MS, actor: "admin" }); // 결제사에서 새로고침
      seen.add(await statusOf(paymentId));
      // A second attempt cannot start while the outcome is open.
      const again = await startPayment(
        { orderNumber: order.orderNumber, device: "PC" },
        { gateway: gateway(), appUrl: app1.url },
      );
      expect(again.ok).toBe(false);
    }
    expect([...seen].filter((s) => !["APPROVING", "UNKNOWN", "APPROVED"].includes(s))).toEqual([]);
    expect(pages).toBeGreaterThan(1);
    await until(
      "settled as paid",
      async () => (await statusOf(paymentId)) === "APPROVED" && (await orderStatus(order.orderId)) === "PAID",
      30_000,
    );
    const page = await (await fetch(`${app2.url}/orders/${order.orderNumber}`, { headers: { cookie } })).text();
    expect(page).toContain("결제가 완료되었습니다");
    expect(
      await db.payment.count({
        where: { orderId: order.orderId, status: { in: ["FAILED", "EXPIRED", "CAPTURED_UNUSED"] } },
      }),
    ).toBe(0);
  });

  it("50 concurrent approvals of one payment across two app processes: one approve at the provider, one charge, the settle job runs once", async () => {
    const order = await newOrder();
    const { paymentId, tid, path } = await payAtKakaoPay(app1, order.orderNumber);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => fetch(`${(i % 2 ? app2 : app1).url}${path}`, { redirect: "manual" })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(303));
    expect(new Set(answers.map((a) => new URL(a.headers.get("location")!, app1.url).pathname))).toEqual(
      new Set([`/orders/${order.orderNumber}`]),
    );
    await until("approved by the worker", async () => (await statusOf(paymentId)) === "APPROVED");
    expect(await db.paymentEvent.count({ where: { paymentId, type: "kakaopay.approve" } })).toBe(1);
    expect((await sandboxPayment(tid))?.approve_calls).toBe(1); // counted by the provider, not by us
    expect(
      await db.payment.count({
        where: {
          orderId: order.orderId,
          status: { in: ["APPROVED", "PARTIALLY_CANCELLED", "CANCELLED", "CAPTURED_UNUSED"] },
        },
      }),
    ).toBe(1);
    const jobs = await until("the settle job ran", async () => {
      const j = await jobsFor(`payment:${paymentId}`);
      return j.length && j.every((x) => x.state === "completed") ? j : undefined;
    });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.retry_count).toBe(0);
  });

  it("while the old attempt's outcome is unknown, a new checkout from the same browser is refused (nothing written) and the old approve pays the old order: one charge", async () => {
    const a = await newOrder("mug");
    const first = await payAtKakaoPay(app1, a.orderNumber);
    await armFault({ provider: "kakaopay", op: "approve", mode: "delay", delayMs: 5_000, match: first.tid });
    const firstReturn = fetch(`${app1.url}${first.path}`, { redirect: "manual" });
    await until("the first attempt's outcome is unknown", async () => (await statusOf(first.paymentId)) === "UNKNOWN");
    // New checkout from the same browser (it holds order A): money may have moved for A, so A is not closed
    // and the new order is refused as a whole.
    const orders = await db.order.count();
    const products = await demoProducts();
    const refused = await createOrder(
      { buyer, lines: [{ productId: products.find((p) => p.slug === "green-tea")!.id, quantity: 1 }] },
      { supersedes: [a.orderNumber] },
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe("PAYMENT_IN_PROGRESS");
      expect(refused.error.message).toContain(a.orderNumber);
    }
    expect(await db.order.count()).toBe(orders);
    expect(await orderStatus(a.orderId)).toBe("PENDING");
    await firstReturn;
    await until("order A paid by its own approve", async () => (await orderStatus(a.orderId)) === "PAID", 60_000);
    expect(await statusOf(first.paymentId)).toBe("APPROVED");
    expect(await sandboxPayment(first.tid)).toMatchObject({ status: "SUCCESS_PAYMENT", approve_calls: 1 });
  });

  it("an old attempt ended by our clock, a new order from the same browser paid, then the old approve lands: the late capture on the closed order is refunded, both in the timeline", async () => {
    const a = await newOrder("mug");
    const first = await payAtKakaoPay(app1, a.orderNumber);
    await armFault({ provider: "kakaopay", op: "approve", mode: "delay", delayMs: 5_000, match: first.tid });
    const firstReturn = fetch(`${app1.url}${first.path}`, { redirect: "manual" });
    await until("the first attempt's outcome is unknown", async () => (await statusOf(first.paymentId)) === "UNKNOWN");
    // Our clock says the attempt expired and KakaoPay still says READY: the attempt ends (EXPIRED)…
    const out = await settlePayment(first.paymentId, {
      gateway: gateway(),
      providerTimeoutMs: PROVIDER_TIMEOUT_MS,
      actor: "worker",
      lateCheckSeconds: 3,
      now: () => new Date(Date.now() + 20 * 60_000),
    });
    expect(out.status).toBe("EXPIRED");
    // …so a new checkout from the same browser (it holds order A) closes A, and the buyer pays B.
    const b = await newOrder("green-tea", [a.orderNumber]);
    expect(await orderStatus(a.orderId)).toBe("CLOSED");
    const second = await payAtKakaoPay(app2, b.orderNumber);
    expect((await fetch(`${app2.url}${second.path}`, { redirect: "manual" })).status).toBe(303);
    await until("order B paid", async () => (await orderStatus(b.orderId)) === "PAID");
    await firstReturn;
    await until(
      "the late capture is refunded by the worker",
      async () => (await statusOf(first.paymentId)) === "REFUNDED_UNUSED",
      60_000,
    );
    expect((await sandboxPayment(first.tid))?.status).toBe("CANCEL_PAYMENT");
    expect(await orderStatus(a.orderId)).toBe("CLOSED");
    expect(await orderStatus(b.orderId)).toBe("PAID");
    const timeline = (await db.paymentEvent.findMany({ where: { orderId: a.orderId }, orderBy: { createdAt: "asc" } }))
      .map((e) => e.message)
      .join("\n");
    expect(timeline).toContain("늦은 승인");
    expect(timeline).toContain("자동 환불 완료");
    expect(await db.attention.count({ where: { paymentId: first.paymentId, kind: "LATE_CAPTURE" } })).toBe(1);
  });

  it("a late capture on an order another attempt already paid is refunded automatically and listed in 확인 필요", async () => {
    const order = await newOrder();
    const first = await payAtKakaoPay(app1, order.orderNumber);
    await armFault({ provider: "kakaopay", op: "approve", mode: "delay", delayMs: 5_000, match: first.tid });
    const firstReturn = fetch(`${app1.url}${first.path}`, { redirect: "manual" });
    await until("unknown", async () => (await statusOf(first.paymentId)) === "UNKNOWN");
    // Our clock says the attempt expired and KakaoPay still says READY: the attempt ends (EXPIRED)…
    const out = await settlePayment(first.paymentId, {
      gateway: gateway(),
      providerTimeoutMs: PROVIDER_TIMEOUT_MS,
      actor: "worker",
      lateCheckSeconds: 3,
      now: () => new Date(Date.now() + 20 * 60_000),
    });
    expect(out.status).toBe("EXPIRED");
    // …the buyer pays again, and the first approve lands at KakaoPay afterwards.
    const second = await payAtKakaoPay(app2, order.orderNumber);
    expect((await fetch(`${app2.url}${second.path}`, { redirect: "manual" })).status).toBe(303);
    await until("the second attempt approved", async () => (await statusOf(second.paymentId)) === "APPROVED");
    await firstReturn;
    await until(
      "the worker's late check refunds the late capture",
      async () => (await statusOf(first.paymentId)) === "REFUNDED_UNUSED",
      60_000,
    );
    expect((await sandboxPayment(first.tid))?.status).toBe("CANCEL_PAYMENT");
    expect(await orderStatus(order.orderId)).toBe("PAID");
    const item = await db.attention.findFirstOrThrow({ where: { paymentId: first.paymentId, kind: "LATE_CAPTURE" } });
    expect(item.message).toContain("이미 결제됨");
  });

  it("a refund whose cancel times out is settled by the worker", async () => {
    const order = await newOrder();
    const { paymentId, tid, path } = await payAtKakaoPay(app1, order.orderNumber);
    expect((await fetch(`${app1.url}${path}`, { redirect: "manual" })).status).toBe(303);
    await until("approved", async () => (await statusOf(paymentId)) === "APPROVED");
    // KakaoPay waits 4 s before it cancels: a lookup before then says "not cancelled" — that must not fail the refund.
    await armFault({ provider: "kakaopay", op: "cancel", mode: "delay", delayMs: 4_000, match: tid });
    const r = await refundPayment(
      { paymentId, amount: 28000, taxFree: 0, reason: "고객 요청", idempotencyKey: `t-${paymentId}` },
      { adminId: "test" },
      { gateway: gateway(), providerTimeoutMs: PROVIDER_TIMEOUT_MS },
    );
    expect(r).toMatchObject({ ok: true, value: { status: "UNKNOWN" } });
    if (!r.ok) throw new Error("refund");
    // 결제사에서 새로고침 while KakaoPay still holds the cancel: unknown, not failed.
    expect(
      (await settleRefund(r.value.refundId, { gateway: gateway(), providerTimeoutMs: PROVIDER_TIMEOUT_MS })).status,
    ).toBe("UNKNOWN");
    const seen = new Set<string>();
    await until(
      "the worker settles the refund",
      async () => {
        const st = (await db.refund.findFirst({ where: { paymentId } }))?.status;
        if (st) seen.add(st);
        return st === "DONE" || st === "FAILED";
      },
      60_000,
    );
    expect([...seen]).not.toContain("FAILED");
    expect((await sandboxPayment(tid))?.status).toBe("CANCEL_PAYMENT");
    expect(await statusOf(paymentId)).toBe("CANCELLED");
    expect(await orderStatus(order.orderId)).toBe("REFUNDED");
  });
});
