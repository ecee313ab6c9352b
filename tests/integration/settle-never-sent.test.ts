// A claimed attempt (APPROVING) whose approve was never sent — its "payment.approve" job was lost (the
// job is never retried) — and whose window then expired. Nothing can have been charged: we never sent
// the authorization. The settle job must end it (EXPIRED) instead of answering "the approve may still
// be on its way" for ever: otherwise the customer sees "결제 확인 중" for ever and, as a new checkout is
// refused while an earlier order's payment is in flight, cannot order again either.
// Real PostgreSQL, the real KakaoPay sandbox over HTTP.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createOrder } from "@/lib/orders/create-order";
import { executeApproval } from "@/lib/payments/approve-payment";
import type { PaymentProvider } from "@/lib/payments/port";
import { settlePayment } from "@/lib/payments/settle";

import { buyer, claimedAtKakaoPay, demoProducts, sandboxKakaoPay } from "./helpers";

const appUrl = "http://127.0.0.1:3999";
let gateway: PaymentProvider;

beforeAll(() => {
  gateway = sandboxKakaoPay();
});

/** An order paid for at the sandbox's KakaoPay page, its return claimed (APPROVING); the approve job never runs. */
async function claimed() {
  const { orderNumber, paymentId, payment: p } = await claimedAtKakaoPay(gateway, appUrl);
  expect(p.status).toBe("APPROVING");
  expect(p.approveSentAt).toBeNull();
  return { orderNumber, paymentId, afterExpiry: () => new Date(p.readyExpiresAt!.getTime() + 120_000) };
}

describe("a claimed attempt whose approve was never sent, after its window expired", () => {
  it("KakaoPay: the settle job ends it (lookup says pending), and the lost approve is then never sent", async () => {
    const { orderNumber, paymentId, afterExpiry } = await claimed();
    const out = await settlePayment(paymentId, { gateway, providerTimeoutMs: 1500, actor: "worker", now: afterExpiry });
    expect(out).toMatchObject({ status: "EXPIRED", changed: true });
    // A late approve job finds it ended and sends nothing.
    expect(await executeApproval(paymentId, { gateway })).toMatchObject({ kind: "failed", orderNumber });
    expect(await db.paymentEvent.count({ where: { paymentId, type: "kakaopay.approve" } })).toBe(0);
    // The customer can check out again: the earlier order is closed, not refused as in flight.
    const products = await demoProducts();
    const again = await createOrder(
      { buyer, lines: [{ productId: products[0]!.id, quantity: 1 }] },
      { supersedes: [orderNumber] },
    );
    expect(again.ok && again.value.closed).toEqual([orderNumber]);
  });

  it("a provider whose lookup is a capture (PayUp): ended without re-sending the authorization", async () => {
    const { paymentId, afterExpiry } = await claimed();
    const capturing: PaymentProvider = {
      ...gateway,
      lookupCaptures: true,
      lookup: () => {
        throw new Error("a never-sent authorization must not be sent by the settle job");
      },
    };
    const out = await settlePayment(paymentId, {
      gateway: capturing,
      providerTimeoutMs: 1500,
      actor: "worker",
      now: afterExpiry,
    });
    expect(out).toMatchObject({ status: "EXPIRED", changed: true });
  });
});
