// A new checkout while the buyer's earlier order has a payment on its way (README "Known gaps": the
// checkout offered that order as unpaid, and checking out again closed it, so its capture was refunded
// and the customer saw two charges until the refund landed). Unknown is not failed:
// - an earlier order whose payment is APPROVING or UNKNOWN is not closed; the new order is refused as
//   a whole (PAYMENT_IN_PROGRESS, nothing written) and the checkout form says why;
// - the checkout page names it as 결제 확인 중 with a link to its receipt, not as unpaid;
// - once that payment is settled (paid, or failed), a new checkout works as before; an order with only
//   ready / cancelled / failed attempts is still closed by a new checkout;
// - the check is taken under the order's lock: a claim committing while the checkout waits for it is seen.
// Real PostgreSQL, the real KakaoPay sandbox over HTTP, the real checkout page and action.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-harness").then((m) => m.nextHeaders));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, unstable_noStore: () => {} }));

import pg from "pg";
import { renderToStaticMarkup } from "react-dom/server";
import { checkoutAction } from "@/app/(shop)/actions";
import CheckoutPage from "@/app/(shop)/checkout/page";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createOrder } from "@/lib/orders/create-order";
import { abandonPayment } from "@/lib/payments/abandon-payment";
import { acceptReturn, executeApproval } from "@/lib/payments/approve-payment";
import type { PaymentProvider } from "@/lib/payments/port";
import { settlePayment } from "@/lib/payments/settle";
import { startPayment } from "@/lib/payments/start-payment";

import { grant, ORDER_ACCESS_COOKIE } from "@/lib/shop/order-access";
import { actAtKakaoPay, armFault, buyer, clearFaults, demoProducts, sandboxKakaoPay, until } from "./helpers";
import { actionCall, dispatch, get, postForm } from "./next-harness";

const appUrl = "http://127.0.0.1:3999";
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

async function newOrder(supersedes: string[] = []) {
  const products = await demoProducts();
  return createOrder({ buyer, lines: [{ productId: products[0]!.id, quantity: 1 }] }, { supersedes });
}
async function placed() {
  const r = await newOrder();
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Starts a KakaoPay attempt and authorises it at the sandbox's page; the return is not claimed yet (READY). */
async function authorisedAtKakaoPay(orderNumber: string) {
  const started = await startPayment({ orderNumber, device: "MOBILE" }, { gateway, appUrl });
  if (!started.ok || started.value.next.kind !== "redirect") throw new Error("payment did not start");
  const back = await actAtKakaoPay(started.value.next.url);
  return {
    paymentId: back.searchParams.get("payment")!,
    input: {
      paymentId: back.searchParams.get("payment")!,
      attemptToken: back.searchParams.get("t"),
      authorization: { pgToken: back.searchParams.get("pg_token")! },
    },
  };
}

/** An order paid for at KakaoPay, its return claimed as the route does: the approve is on its way (APPROVING). */
async function approving() {
  const order = await placed();
  const { paymentId, input } = await authorisedAtKakaoPay(order.orderNumber);
  expect(await acceptReturn(input, { gateway, providerTimeoutMs: 1500 })).toEqual({
    kind: "in_progress",
    orderNumber: order.orderNumber,
  });
  return { ...order, paymentId };
}

const statusOf = async (orderNumber: string) =>
  (await db.order.findUniqueOrThrow({ where: { orderNumber }, select: { status: true } })).status;
const paymentStatus = async (id: string) =>
  (await db.payment.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const cookieFor = (...orderNumbers: string[]) => {
  let g: string | undefined;
  for (const n of orderNumbers) g = grant(env().APP_SECRET, g, n);
  return `${ORDER_ACCESS_COOKIE}=${encodeURIComponent(g!)}`;
};

/** The checkout page as the buyer's browser gets it (rendered to HTML, with the buyer's order cookie). */
async function checkoutPage(...own: string[]): Promise<string> {
  const out = await dispatch(
    get(`/checkout?buy=${(await demoProducts())[0]!.id}&qty=1`, { cookie: cookieFor(...own) }),
    async (req) =>
      new Response(
        renderToStaticMarkup(
          (await CheckoutPage({
            searchParams: Promise.resolve(Object.fromEntries(new URL(req.url).searchParams)),
          })) as React.ReactElement,
        ),
      ),
  );
  if (out.status !== 200) throw new Error(`checkout answered ${out.status}: ${String(out.thrown)}`);
  return out.body;
}

/** The pending-order notice's text and its link, or null when there is none. */
function notice(html: string) {
  const m = /<p[^>]*data-testid="pending-order"[^>]*>([\s\S]*?)<\/p>/.exec(html);
  if (!m) return null;
  return {
    text: m[1]!.replace(/<[^>]+>/g, "").replace(/\s+/g, " "),
    href: /href="([^"]+)"/.exec(m[1]!)?.[1],
  };
}

let ip = 0;
/** The checkout form submitted (바로 구매 of one product) by a browser that holds `own`. */
async function submitCheckout(...own: string[]) {
  const product = (await demoProducts())[0]!;
  const out = await dispatch(
    postForm(
      "/checkout",
      {
        productId: product.id,
        quantity: "1",
        name: buyer.name,
        phone: buyer.phone,
        email: buyer.email,
        sameAsBuyer: "1",
        postcode: "06236",
        address1: "서울 강남구 테헤란로 152",
        address2: "12층",
        deliveryMemo: "",
        agreePrivacy: "1",
        agreeThirdParty: "1",
        method: "kakaopay",
      },
      { cookie: cookieFor(...own), "x-forwarded-for": `203.0.113.${++ip}` },
    ),
    actionCall(checkoutAction as never, { prevState: {} }),
  );
  return out;
}

describe("a new checkout while an earlier order's payment is on its way", () => {
  it("APPROVING: the earlier order is not closed, the new order is refused with nothing written; paid, a new checkout works", async () => {
    const earlier = await approving();
    const ready = await placed(); // another earlier order, only a ready attempt: would be closed
    await authorisedAtKakaoPay(ready.orderNumber);
    const orders = await db.order.count();
    const events = await db.paymentEvent.count();

    const refused = await newOrder([ready.orderNumber, earlier.orderNumber]);
    expect(refused).toEqual({
      ok: false,
      error: {
        code: "PAYMENT_IN_PROGRESS",
        message: `이전 주문 ${earlier.orderNumber}의 결제를 확인하고 있습니다. 결과를 확인한 뒤 다시 주문해 주세요.`,
        details: { orderNumber: earlier.orderNumber },
      },
    });
    // Nothing written: no new order, no event, neither earlier order closed (the whole checkout rolled back).
    expect(await db.order.count()).toBe(orders);
    expect(await db.paymentEvent.count()).toBe(events);
    expect(await statusOf(earlier.orderNumber)).toBe("PENDING");
    expect(await statusOf(ready.orderNumber)).toBe("PENDING");
    expect(await paymentStatus(earlier.paymentId)).toBe("APPROVING");

    // Through the checkout form: the same refusal is the form's error, and still nothing is written.
    const form = await submitCheckout(ready.orderNumber, earlier.orderNumber);
    expect(form.status).toBe(200);
    expect(JSON.parse(form.body)).toMatchObject({
      error: `이전 주문 ${earlier.orderNumber}의 결제를 확인하고 있습니다. 결과를 확인한 뒤 다시 주문해 주세요.`,
    });
    expect(await db.order.count()).toBe(orders);
    expect(await statusOf(earlier.orderNumber)).toBe("PENDING");

    // The worker's approve lands: paid. A new checkout now goes ahead (the paid order is not touched).
    expect(await executeApproval(earlier.paymentId, { gateway, providerTimeoutMs: 1500 })).toEqual({
      kind: "paid",
      orderNumber: earlier.orderNumber,
    });
    expect(await statusOf(earlier.orderNumber)).toBe("PAID");
    const created = await newOrder([ready.orderNumber, earlier.orderNumber]);
    expect(created.ok && created.value.closed).toEqual([ready.orderNumber]);
    expect(await db.order.count()).toBe(orders + 1);
    expect(await statusOf(earlier.orderNumber)).toBe("PAID");
    expect(await statusOf(ready.orderNumber)).toBe("CLOSED");
  });

  it("UNKNOWN (the approve's answer was lost): refused; once the payment fails, a new checkout closes the order as before", async () => {
    const earlier = await approving();
    await armFault({ provider: "kakaopay", op: "approve", mode: "http500" });
    expect((await executeApproval(earlier.paymentId, { gateway, providerTimeoutMs: 1500 })).kind).toBe("unknown");
    expect(await paymentStatus(earlier.paymentId)).toBe("UNKNOWN");
    const orders = await db.order.count();

    const refused = await newOrder([earlier.orderNumber]);
    expect(refused.ok || refused.error.code).toBe("PAYMENT_IN_PROGRESS");
    expect(await db.order.count()).toBe(orders);
    expect(await statusOf(earlier.orderNumber)).toBe("PENDING");

    // KakaoPay never charged (the 500 did nothing): the lookup says so once the attempt has expired there.
    const p = await db.payment.findUniqueOrThrow({ where: { id: earlier.paymentId } });
    const settled = await settlePayment(earlier.paymentId, {
      gateway,
      providerTimeoutMs: 1500,
      actor: "worker",
      now: () => new Date(p.readyExpiresAt!.getTime() + 120_000),
    });
    expect(settled.changed, JSON.stringify(settled)).toBe(true);
    expect(["FAILED", "ABORTED", "EXPIRED"]).toContain(await paymentStatus(earlier.paymentId));

    const created = await newOrder([earlier.orderNumber]);
    expect(created.ok && created.value.closed).toEqual([earlier.orderNumber]);
    expect(await statusOf(earlier.orderNumber)).toBe("CLOSED");
  });

  it("an order with only cancelled, failed and ready attempts is still closed by a new checkout", async () => {
    const earlier = await placed();
    const cancelled = await authorisedAtKakaoPay(earlier.orderNumber);
    expect(
      (
        await abandonPayment(
          {
            paymentId: cancelled.paymentId,
            attemptToken: cancelled.input.attemptToken,
            reason: "cancel",
            provider: gateway.name,
          },
          { gateway, secret: env().APP_SECRET },
        )
      ).kind,
    ).toBe("ok");
    const declined = await authorisedAtKakaoPay(earlier.orderNumber);
    await acceptReturn(declined.input, { gateway, providerTimeoutMs: 1500 });
    await armFault({ provider: "kakaopay", op: "approve", mode: "error", code: "-780" });
    expect((await executeApproval(declined.paymentId, { gateway, providerTimeoutMs: 1500 })).kind).toBe("failed");
    await authorisedAtKakaoPay(earlier.orderNumber); // READY: the customer is at KakaoPay's page
    const statuses = await db.payment.findMany({
      where: { order: { orderNumber: earlier.orderNumber } },
      orderBy: { createdAt: "asc" },
      select: { status: true },
    });
    expect(statuses.map((s) => s.status)).toEqual(["ABORTED", "FAILED", "READY"]);

    const created = await newOrder([earlier.orderNumber]);
    expect(created.ok && created.value.closed).toEqual([earlier.orderNumber]);
    expect(await statusOf(earlier.orderNumber)).toBe("CLOSED");
  });

  it("the check is taken under the order's lock: a claim that commits while the checkout waits is seen", async () => {
    const earlier = await placed();
    const { input } = await authorisedAtKakaoPay(earlier.orderNumber);
    const orders = await db.order.count();
    // Someone (here: this connection) holds the order's row lock; the claim queues first, the checkout after it.
    const holder = await other.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT id FROM "Order" WHERE id = $1 FOR UPDATE`, [earlier.orderId]);
      const waiting = async (n: number) => {
        const r = await other.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%'`,
        );
        return (r.rows[0] as { n: number }).n >= n;
      };
      const claim = acceptReturn(input, { gateway, providerTimeoutMs: 1500 });
      await until("the claim waits for the order's lock", () => waiting(1));
      const checkout = newOrder([earlier.orderNumber]);
      await until("the checkout waits for the order's lock too", () => waiting(2));
      await holder.query("COMMIT");
      expect(await claim).toEqual({ kind: "in_progress", orderNumber: earlier.orderNumber });
      const refused = await checkout;
      expect(refused.ok || refused.error.code).toBe("PAYMENT_IN_PROGRESS");
    } finally {
      await holder.query("ROLLBACK").catch(() => {});
      holder.release();
    }
    expect(await db.order.count()).toBe(orders);
    expect(await statusOf(earlier.orderNumber)).toBe("PENDING");
  });
});

describe("the checkout page's notice about the buyer's latest unpaid order", () => {
  it("an order with a ready attempt is offered as unpaid; one being approved as 결제 확인 중, with its receipt and no 'closed' sentence", async () => {
    const unpaid = await placed();
    await authorisedAtKakaoPay(unpaid.orderNumber);
    expect(notice(await checkoutPage(unpaid.orderNumber))).toEqual({
      text: `결제하지 않은 주문 ${unpaid.orderNumber}이 있습니다. 그 주문 결제하기 또는 아래에서 새로 결제하면 이전 주문은 결제 없이 종료됩니다.`,
      href: `/orders/${unpaid.orderNumber}`,
    });

    const earlier = await approving();
    const inFlight = notice(await checkoutPage(unpaid.orderNumber, earlier.orderNumber)); // the latest one is named
    expect(inFlight).toEqual({
      text: `결제 확인 중인 주문 ${earlier.orderNumber}이 있습니다. 결제 결과 보기 결과가 나온 뒤에 새로 주문할 수 있습니다.`,
      href: `/orders/${earlier.orderNumber}`,
    });
    expect(inFlight!.text).not.toContain("종료");
    // A newer unpaid order does not hide the one being confirmed: a new checkout would be refused for that one.
    const newer = await placed();
    expect(notice(await checkoutPage(unpaid.orderNumber, earlier.orderNumber, newer.orderNumber))?.href).toBe(
      `/orders/${earlier.orderNumber}`,
    );

    // Unknown outcome: still 결제 확인 중.
    await armFault({ provider: "kakaopay", op: "approve", mode: "http500" });
    expect((await executeApproval(earlier.paymentId, { gateway, providerTimeoutMs: 1500 })).kind).toBe("unknown");
    expect(notice(await checkoutPage(earlier.orderNumber))?.text).toContain(
      `결제 확인 중인 주문 ${earlier.orderNumber}이 있습니다.`,
    );

    // No order of this browser waiting: no notice.
    expect(notice(await checkoutPage())).toBeNull();
  });
});
