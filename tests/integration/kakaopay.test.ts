// KakaoPay online flow end to end through the use cases, against the real sandbox over HTTP.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createOrder } from "@/lib/orders/create-order";
import { abandonPayment } from "@/lib/payments/abandon-payment";
import { approvePayment as approveReturn, type ApproveDeps } from "@/lib/payments/approve-payment";
import { createKakaoPayGateway } from "@/lib/providers/kakaopay";
import { refundPayment, settleRefund } from "@/lib/payments/refund";
import { settlePayment } from "@/lib/payments/settle";
import { startPayment, type StartDeps } from "@/lib/payments/start-payment";
import type { PaymentProvider } from "@/lib/payments/port";
import {
  until,
  actAtKakaoPay,
  armFault,
  buyer,
  clearFaults,
  demoProducts,
  resetSandboxClock,
  advanceSandboxClock,
  sandboxPayment,
  sandboxUrl,
} from "./helpers";

let gateway: PaymentProvider;

/** KakaoPay starts with a redirect to its page. */
async function startKakaoPayPayment(input: { orderNumber: string; device: "PC" | "MOBILE" }, deps: StartDeps) {
  const r = await startPayment(input, deps);
  return r.ok
    ? {
        ok: true as const,
        value: { ...r.value, redirectUrl: r.value.next.kind === "redirect" ? r.value.next.url : "" },
      }
    : r;
}
/** What KakaoPay's approval_url carries (pg_token), approved as the return + the worker's job do it. */
const approvePayment = (
  r: { paymentId: string; pgToken: string; attemptToken: string | null | undefined },
  deps: ApproveDeps,
) =>
  approveReturn({ paymentId: r.paymentId, attemptToken: r.attemptToken, authorization: { pgToken: r.pgToken } }, deps);
const appUrl = "http://127.0.0.1:3999";
const admin = { adminId: "test-admin" };

beforeAll(() => {
  gateway = createKakaoPayGateway({
    baseUrl: sandboxUrl(),
    secretKey: process.env.KAKAOPAY_SECRET_KEY!,
    cid: process.env.KAKAOPAY_CID!,
    timeoutMs: 1500,
  });
});
afterEach(async () => {
  await clearFaults();
  await resetSandboxClock();
});

async function newOrder(
  slugs: Array<[string, number]> = [
    ["green-tea", 2],
    ["jeju-tangerine", 1],
  ],
) {
  const products = await demoProducts();
  const lines = slugs.map(([slug, quantity]) => ({ productId: products.find((p) => p.slug === slug)!.id, quantity }));
  const r = await createOrder({ buyer, lines });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function startAndPay(orderNumber: string) {
  const started = await startKakaoPayPayment({ orderNumber, device: "PC" }, { gateway, appUrl });
  if (!started.ok) throw new Error(started.error.message);
  const back = await actAtKakaoPay(started.value.redirectUrl);
  return {
    paymentId: back.searchParams.get("payment")!,
    pgToken: back.searchParams.get("pg_token")!,
    attemptToken: back.searchParams.get("t"),
    back,
  };
}

const eventsOf = (orderId: string, type: string) => db.paymentEvent.count({ where: { orderId, type } });

describe("KakaoPay online payment", () => {
  it("ready → pay at KakaoPay → approve → order lookup: the order is paid once, amounts match", async () => {
    const order = await newOrder();
    const { paymentId, pgToken, attemptToken, back } = await startAndPay(order.orderNumber);
    expect(back.pathname).toBe("/pay/kakaopay/approve");
    expect(pgToken).toMatch(/^[0-9a-zA-Z]{20}$/);

    const outcome = await approvePayment({ paymentId, pgToken, attemptToken }, { gateway });
    expect(outcome).toEqual({ kind: "paid", orderNumber: order.orderNumber });
    const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentId }, include: { order: true } });
    expect(payment.status).toBe("APPROVED");
    expect(payment.order.status).toBe("PAID");
    expect(payment.method).toBe("MONEY");
    expect(payment.totalAmount).toBe(12900 * 2 + 18900);
    expect(payment.vatAmount).toBe(Math.round((12900 * 2) / 11));

    const remote = await gateway.lookup({
      providerTxId: payment.tid!,
      providerData: null,
      expectedTotal: payment.totalAmount,
    });
    expect(remote.ok && remote.value.state).toBe("approved");
    if (remote.ok && remote.value.state === "approved")
      expect(remote.value.approved.amounts.total).toBe(payment.totalAmount);
    expect(await eventsOf(order.orderId, "kakaopay.ready")).toBe(1);
    expect(await eventsOf(order.orderId, "kakaopay.approve")).toBe(1);
  });

  it("a card payment keeps the card as KakaoPay reported it (카드사, 매입사, 신용/체크, 할부, 승인번호, 승인일시); money keeps none", async () => {
    const order = await newOrder();
    const started = await startKakaoPayPayment({ orderNumber: order.orderNumber, device: "PC" }, { gateway, appUrl });
    if (!started.ok) throw new Error(started.error.message);
    const back = await actAtKakaoPay(started.value.redirectUrl, "approve", "CARD", { code: "BC", install: 3 });
    const paymentId = back.searchParams.get("payment")!;
    expect(
      await approvePayment(
        { paymentId, pgToken: back.searchParams.get("pg_token")!, attemptToken: back.searchParams.get("t") },
        { gateway },
      ),
    ).toEqual({ kind: "paid", orderNumber: order.orderNumber });
    const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(payment.method).toBe("CARD");
    // The sandbox's 비씨카드 is issued by 우리카드 (a 체크카드); its approval number is the last 8 of the aid.
    const remote = await sandboxPayment(payment.tid!);
    const aid = String((remote as { aid?: string }).aid ?? "");
    expect(payment.cardInfo).toEqual({
      issuer: "우리카드",
      purchaser: "비씨카드",
      type: "체크",
      bin: "621640",
      installMonth: 3,
      approvalNo: aid.slice(-8).toUpperCase(),
    });
    expect(payment.approvedAt).toBeInstanceOf(Date);
    expect(Math.abs(payment.approvedAt!.getTime() - Date.now())).toBeLessThan(60_000);

    const money = await newOrder([["green-tea", 1]]);
    const m = await startAndPay(money.orderNumber);
    await approvePayment({ paymentId: m.paymentId, pgToken: m.pgToken, attemptToken: m.attemptToken }, { gateway });
    expect((await db.payment.findUniqueOrThrow({ where: { id: m.paymentId } })).cardInfo).toBeNull();
  });

  it("a replayed approval (reload, back button) shows the same receipt and never approves twice", async () => {
    const order = await newOrder();
    const { paymentId, pgToken, attemptToken } = await startAndPay(order.orderNumber);
    expect((await approvePayment({ paymentId, pgToken, attemptToken }, { gateway })).kind).toBe("paid");
    for (let i = 0; i < 3; i++)
      expect(await approvePayment({ paymentId, pgToken, attemptToken }, { gateway })).toEqual({
        kind: "paid",
        orderNumber: order.orderNumber,
      });
    expect(await eventsOf(order.orderId, "kakaopay.approve")).toBe(1);
    expect(await db.payment.count({ where: { orderId: order.orderId, status: "APPROVED" } })).toBe(1);
  });

  it("20 concurrent approvals of one order → exactly one approved payment and one provider approve", async () => {
    const order = await newOrder();
    const { paymentId, pgToken, attemptToken } = await startAndPay(order.orderNumber);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => approvePayment({ paymentId, pgToken, attemptToken }, { gateway })),
    );
    expect(outcomes.filter((o) => o.kind === "paid").length).toBeGreaterThanOrEqual(1);
    expect(outcomes.every((o) => o.kind === "paid" || o.kind === "in_progress")).toBe(true);
    expect(await db.payment.count({ where: { orderId: order.orderId, status: "APPROVED" } })).toBe(1);
    expect(await eventsOf(order.orderId, "kakaopay.approve")).toBe(1);
    expect((await db.order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("PAID");
  });

  it("two payment attempts for one order: the superseded one cannot be approved", async () => {
    const order = await newOrder();
    const first = await startKakaoPayPayment({ orderNumber: order.orderNumber, device: "PC" }, { gateway, appUrl });
    const second = await startAndPay(order.orderNumber);
    if (!first.ok) throw new Error("first");
    const firstBack = await actAtKakaoPay(first.value.redirectUrl).catch(() => null);
    if (firstBack) {
      const r = await approvePayment(
        {
          paymentId: firstBack.searchParams.get("payment")!,
          pgToken: firstBack.searchParams.get("pg_token")!,
          attemptToken: firstBack.searchParams.get("t"),
        },
        { gateway },
      );
      expect(r.kind).toBe("failed");
    }
    expect((await approvePayment(second, { gateway })).kind).toBe("paid");
    expect(await db.payment.count({ where: { orderId: order.orderId, status: "APPROVED" } })).toBe(1);
  });

  it("refuses an approved amount that differs from the order and refunds it at once", async () => {
    const order = await newOrder([["mug", 1]]);
    const { paymentId, pgToken, attemptToken } = await startAndPay(order.orderNumber);
    // The order's amount changed after ready (e.g. tampering): approval must not complete it.
    await db.order.update({ where: { id: order.orderId }, data: { totalAmount: 27000 } });
    const outcome = await approvePayment({ paymentId, pgToken, attemptToken }, { gateway });
    expect(outcome.kind).toBe("failed");
    const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentId }, include: { order: true } });
    // Captured money that is not the order's payment is refunded automatically, and says why.
    expect(payment.status).toBe("REFUNDED_UNUSED");
    expect(payment.failureCode).toBe("AMOUNT_MISMATCH");
    expect(payment.order.status).toBe("PENDING");
    expect(await db.refund.findFirst({ where: { paymentId, kind: "AMOUNT_MISMATCH" } })).toMatchObject({
      status: "DONE",
      amount: 28000,
    });
    expect(await db.attention.count({ where: { paymentId, kind: "AMOUNT_MISMATCH", resolvedAt: null } })).toBe(1);
    const remote = await gateway.lookup({
      providerTxId: payment.tid!,
      providerData: null,
      expectedTotal: payment.totalAmount,
    });
    expect(remote.ok && remote.value.state).toBe("cancelled");
  });

  it("a stranger's approve / cancel / fail return without the attempt's token changes nothing; the buyer's own return then pays", async () => {
    const order = await newOrder();
    const { paymentId, pgToken, attemptToken } = await startAndPay(order.orderNumber);
    expect(attemptToken).toMatch(/^v1[\w-]{22}$/);
    const forged = [null, "", "x".repeat(22), attemptToken!.slice(0, 21) + (attemptToken!.endsWith("A") ? "B" : "A")];
    for (const t of forged) {
      expect(await approvePayment({ paymentId, pgToken, attemptToken: t }, { gateway })).toEqual({
        kind: "forbidden",
        orderNumber: order.orderNumber,
      });
      expect(await abandonPayment({ paymentId, reason: "cancel", attemptToken: t })).toEqual({
        kind: "forbidden",
        orderNumber: order.orderNumber,
      });
      expect(await abandonPayment({ paymentId, reason: "fail", attemptToken: t })).toEqual({
        kind: "forbidden",
        orderNumber: order.orderNumber,
      });
    }
    expect((await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("READY");
    expect(await eventsOf(order.orderId, "kakaopay.approve")).toBe(0);
    // Another attempt's token does not open this one either.
    const other = await newOrder();
    const theirs = await startAndPay(other.orderNumber);
    expect((await approvePayment({ paymentId, pgToken, attemptToken: theirs.attemptToken }, { gateway })).kind).toBe(
      "forbidden",
    );
    expect(await approvePayment({ paymentId, pgToken, attemptToken }, { gateway })).toEqual({
      kind: "paid",
      orderNumber: order.orderNumber,
    });
  });

  it("customer cancel at KakaoPay leaves the order unpaid; a new attempt then pays it", async () => {
    const order = await newOrder();
    const started = await startKakaoPayPayment(
      { orderNumber: order.orderNumber, device: "MOBILE" },
      { gateway, appUrl },
    );
    if (!started.ok) throw new Error("start");
    const back = await actAtKakaoPay(started.value.redirectUrl, "cancel");
    expect(back.pathname).toBe("/pay/kakaopay/cancel");
    const r = await abandonPayment({
      paymentId: back.searchParams.get("payment")!,
      reason: "cancel",
      attemptToken: back.searchParams.get("t"),
    });
    expect(r).toMatchObject({ kind: "ok", status: "ABORTED" });
    expect((await db.order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("PENDING");
    const retry = await startAndPay(order.orderNumber);
    expect((await approvePayment(retry, { gateway })).kind).toBe("paid");
  });

  it("a tid past KakaoPay's 15 minutes cannot be approved", async () => {
    const order = await newOrder();
    const { paymentId, pgToken, attemptToken } = await startAndPay(order.orderNumber);
    await advanceSandboxClock(16 * 60 * 1000);
    const outcome = await approvePayment(
      { paymentId, pgToken, attemptToken },
      { gateway, now: () => new Date(Date.now() + 16 * 60 * 1000) },
    );
    expect(outcome.kind).toBe("failed");
    expect((await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("EXPIRED");
    expect(await eventsOf(order.orderId, "kakaopay.approve")).toBe(0);
  });

  it("approve times out after KakaoPay charged: state is UNKNOWN, refresh from provider settles it as paid", async () => {
    const order = await newOrder();
    const { paymentId, pgToken, attemptToken } = await startAndPay(order.orderNumber);
    await armFault({ provider: "kakaopay", op: "approve", mode: "timeout", delayMs: 2500 });
    const outcome = await approvePayment({ paymentId, pgToken, attemptToken }, { gateway });
    expect(outcome.kind).toBe("unknown");
    expect((await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("UNKNOWN");
    // No second attempt can start while the outcome is unknown.
    const again = await startKakaoPayPayment({ orderNumber: order.orderNumber, device: "PC" }, { gateway, appUrl });
    expect(again.ok).toBe(false);
    const settled = await settlePayment(paymentId, { gateway, providerTimeoutMs: 1500, actor: "admin" });
    expect(settled).toEqual({ status: "APPROVED", changed: true });
    expect((await db.order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("PAID");
  });

  it("a provider error on approve fails the payment with the provider's code and keeps the order payable", async () => {
    const order = await newOrder();
    const { paymentId, pgToken, attemptToken } = await startAndPay(order.orderNumber);
    await armFault({ provider: "kakaopay", op: "approve", mode: "error", code: "-780" });
    const outcome = await approvePayment({ paymentId, pgToken, attemptToken }, { gateway });
    expect(outcome.kind).toBe("failed");
    const p = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(p.status).toBe("FAILED");
    expect(p.failureCode).toBe("-780");
    expect((await db.order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("PENDING");
  });

  it("partial then full refund: amounts, tax-free split, statuses and the provider agree", async () => {
    const order = await newOrder(); // 25,800 taxable + 18,900 tax-free = 44,700
    const { paymentId, pgToken, attemptToken } = await startAndPay(order.orderNumber);
    await approvePayment({ paymentId, pgToken, attemptToken }, { gateway });

    const tooMuch = await refundPayment(
      { paymentId, amount: 50000, taxFree: 0, reason: "x", idempotencyKey: randomUUID() },
      admin,
      { gateway },
    );
    expect(tooMuch.ok).toBe(false);

    const key = randomUUID();
    const partial = await refundPayment(
      { paymentId, amount: 12900, taxFree: 0, reason: "녹차 1개 반품", idempotencyKey: key },
      admin,
      { gateway },
    );
    expect(partial).toMatchObject({ ok: true, value: { status: "DONE" } });
    // Same form submitted twice: one refund.
    const dup = await refundPayment(
      { paymentId, amount: 12900, taxFree: 0, reason: "녹차 1개 반품", idempotencyKey: key },
      admin,
      { gateway },
    );
    expect(dup.ok).toBe(true);
    expect(await db.refund.count({ where: { paymentId } })).toBe(1);
    let p = await db.payment.findUniqueOrThrow({ where: { id: paymentId }, include: { order: true } });
    expect(p.status).toBe("PARTIALLY_CANCELLED");
    expect(p.cancelledAmount).toBe(12900);
    expect(p.order.status).toBe("PARTIALLY_REFUNDED");

    const rest = p.totalAmount - p.cancelledAmount;
    const full = await refundPayment(
      { paymentId, amount: rest, taxFree: 18900, reason: "전체 취소", idempotencyKey: randomUUID() },
      admin,
      { gateway },
    );
    expect(full).toMatchObject({ ok: true, value: { status: "DONE" } });
    p = await db.payment.findUniqueOrThrow({ where: { id: paymentId }, include: { order: true } });
    expect(p.status).toBe("CANCELLED");
    expect(p.cancelledAmount).toBe(p.totalAmount);
    expect(p.cancelledTaxFree).toBe(18900);
    expect(p.cancelledVat).toBe(p.vatAmount);
    expect(p.order.status).toBe("REFUNDED");
    const remote = await gateway.lookup({ providerTxId: p.tid!, providerData: null, expectedTotal: p.totalAmount });
    expect(remote.ok && remote.value.state).toBe("cancelled");
    if (remote.ok && remote.value.state === "cancelled") expect(remote.value.cancelled.total).toBe(p.totalAmount);
    const nothingLeft = await refundPayment(
      { paymentId, amount: 1, taxFree: 0, reason: "x", idempotencyKey: randomUUID() },
      admin,
      { gateway },
    );
    expect(nothingLeft.ok).toBe(false);
  });

  it("a refund whose response is lost is settled by refresh from provider", async () => {
    const order = await newOrder([["mug", 1]]);
    const { paymentId, pgToken, attemptToken } = await startAndPay(order.orderNumber);
    await approvePayment({ paymentId, pgToken, attemptToken }, { gateway });
    await armFault({ provider: "kakaopay", op: "cancel", mode: "timeout", delayMs: 2500 });
    const r = await refundPayment(
      { paymentId, amount: 10000, taxFree: 0, reason: "부분 환불", idempotencyKey: randomUUID() },
      admin,
      { gateway },
    );
    expect(r).toMatchObject({ ok: true, value: { status: "UNKNOWN" } });
    // Another refund must wait until this one is known.
    const blocked = await refundPayment(
      { paymentId, amount: 1000, taxFree: 0, reason: "x", idempotencyKey: randomUUID() },
      admin,
      { gateway },
    );
    expect(blocked.ok).toBe(false);
    if (!r.ok) throw new Error("refund");
    await settleRefund(r.value.refundId, { gateway, providerTimeoutMs: 1500 });
    const p = await db.payment.findUniqueOrThrow({ where: { id: paymentId }, include: { refunds: true } });
    expect(p.refunds[0]!.status).toBe("DONE");
    expect(p.cancelledAmount).toBe(10000);
    expect(p.status).toBe("PARTIALLY_CANCELLED");
  });

  it("a staff refund whose cancel is still on its way at KakaoPay is never booked as failed; it settles when the cancel lands", async () => {
    const order = await newOrder([["mug", 1]]);
    const { paymentId, pgToken, attemptToken } = await startAndPay(order.orderNumber);
    await approvePayment({ paymentId, pgToken, attemptToken }, { gateway });
    const tid = (await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).tid!;
    await armFault({ provider: "kakaopay", op: "cancel", mode: "delay", delayMs: 3000, match: tid });
    const r = await refundPayment(
      { paymentId, amount: 10000, taxFree: 0, reason: "부분 환불", idempotencyKey: randomUUID() },
      admin,
      { gateway, providerTimeoutMs: 1500 },
    );
    if (!r.ok) throw new Error("refund");
    expect(r.value.status).toBe("UNKNOWN");
    // Refresh during the delay: KakaoPay has not cancelled yet — still unknown, not failed, and no second refund may start.
    const during = await settleRefund(r.value.refundId, { gateway, providerTimeoutMs: 1500 });
    expect(during.status).toBe("UNKNOWN");
    expect(during.retry).toBeTruthy();
    expect(
      (
        await refundPayment({ paymentId, amount: 1000, taxFree: 0, reason: "x", idempotencyKey: randomUUID() }, admin, {
          gateway,
        })
      ).ok,
    ).toBe(false);
    await until(
      "the delayed cancel lands at KakaoPay",
      async () => (await sandboxPayment(tid))?.status === "PART_CANCEL_PAYMENT",
    );
    expect(await settleRefund(r.value.refundId, { gateway, providerTimeoutMs: 1500 })).toMatchObject({
      status: "DONE",
    });
    expect((await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).cancelledAmount).toBe(10000);
  });

  it("a capture cancelled at KakaoPay before we recorded it never completes the order", async () => {
    const order = await newOrder([["mug", 1]]);
    const { paymentId, pgToken, attemptToken } = await startAndPay(order.orderNumber);
    await armFault({ provider: "kakaopay", op: "approve", mode: "timeout", delayMs: 2500 });
    expect((await approvePayment({ paymentId, pgToken, attemptToken }, { gateway })).kind).toBe("unknown");
    const tid = (await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).tid!;
    // Someone cancels it in KakaoPay's console.
    const c = await gateway.cancel({
      providerTxId: tid,
      amount: 28000,
      taxFree: 0,
      vat: 2545,
      remainingBefore: 28000,
      reason: "console",
      mode: "refund",
    });
    expect(c.ok).toBe(true);
    const out = await settlePayment(paymentId, { gateway, providerTimeoutMs: 1500, actor: "admin" });
    expect(out.status).toBe("REFUNDED_UNUSED");
    expect((await db.order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("PENDING");
  });

  it("wrong credentials are a configuration error, not a customer error", async () => {
    const bad = createKakaoPayGateway({
      baseUrl: sandboxUrl(),
      secretKey: "WRONGKEY",
      cid: process.env.KAKAOPAY_CID!,
      timeoutMs: 1500,
    });
    const order = await newOrder();
    const r = await startKakaoPayPayment({ orderNumber: order.orderNumber, device: "PC" }, { gateway: bad, appUrl });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("PROVIDER_CONFIG");
    expect(await db.payment.count({ where: { orderId: order.orderId, status: "FAILED" } })).toBe(1);
  });

  it("the sandbox down → a retry-able error and no dangling payment", async () => {
    const down = createKakaoPayGateway({
      baseUrl: "http://127.0.0.1:9",
      secretKey: "x",
      cid: process.env.KAKAOPAY_CID!,
      timeoutMs: 500,
    });
    const order = await newOrder();
    const r = await startKakaoPayPayment({ orderNumber: order.orderNumber, device: "PC" }, { gateway: down, appUrl });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("PROVIDER_TIMEOUT");
    expect(await db.payment.count({ where: { orderId: order.orderId, status: "READY" } })).toBe(0);
    const sb = await sandboxPayment("none");
    expect(sb).toBeUndefined();
  });
});
