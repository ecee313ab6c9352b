// Shared helpers for integration tests (real DB from global setup, real sandbox over HTTP).
import { expect, inject } from "vitest";
import { db } from "@/lib/db";
import { createOrder } from "@/lib/orders/create-order";
import { acceptReturn } from "@/lib/payments/approve-payment";
import type { PaymentProvider } from "@/lib/payments/port";
import { startPayment } from "@/lib/payments/start-payment";
import { createKakaoPayGateway } from "@/lib/providers/kakaopay";

export const sandboxUrl = () => inject("sandboxUrl");

export async function demoProducts() {
  return db.product.findMany({ orderBy: { sortOrder: "asc" } });
}

export const buyer = { name: "김카카오", phone: "010-1234-5678", email: "buyer@example.com" };

export async function armFault(fault: {
  provider: string;
  op: string;
  mode: string;
  code?: string;
  delayMs?: number;
  times?: number;
  match?: string;
}) {
  const r = await fetch(`${sandboxUrl()}/__sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fault),
  });
  if (!r.ok) throw new Error(`arming fault failed: ${r.status} ${await r.text()}`);
}

export async function clearFaults() {
  await fetch(`${sandboxUrl()}/__sandbox/faults`, { method: "DELETE" });
}

/**
 * Plays the customer at the sandbox's KakaoPay page: opens the redirect URL and presses a button.
 * Returns where KakaoPay sends the browser next (approval_url?pg_token=… / cancel_url / fail_url).
 */
export async function actAtKakaoPay(
  redirectUrl: string,
  action: "approve" | "cancel" | "fail" = "approve",
  method: "MONEY" | "CARD" = "MONEY",
  card: { code: string; install: number } = { code: "SHINHAN", install: 0 },
) {
  const page = await fetch(redirectUrl);
  if (!page.ok) throw new Error(`payment page answered ${page.status}`);
  const tid = new URL(redirectUrl).pathname.split("/").pop()!;
  const body = new URLSearchParams({
    method,
    ...(method === "CARD" ? { card: card.code, install: String(card.install) } : {}),
  });
  const res = await fetch(`${sandboxUrl()}/kakaopay/pay/${tid}/${action}`, {
    method: "POST",
    body,
    redirect: "manual",
  });
  const location = res.headers.get("location");
  if (!location)
    throw new Error(`no redirect from the payment page (${res.status}): ${(await res.text()).slice(0, 200)}`);
  return new URL(location);
}

export async function sandboxPayment(tid: string) {
  const r = await fetch(`${sandboxUrl()}/__sandbox/kakaopay/payments?tid=${tid}`);
  const j = (await r.json()) as { payments?: Array<Record<string, unknown>> } | Array<Record<string, unknown>>;
  const list = Array.isArray(j) ? j : (j.payments ?? []);
  return list[0];
}

export async function advanceSandboxClock(ms: number) {
  await fetch(`${sandboxUrl()}/__sandbox/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceMs: ms }),
  });
}
export async function resetSandboxClock() {
  await fetch(`${sandboxUrl()}/__sandbox/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ reset: true }),
  });
}

/** Polls `fn` until it returns a truthy value or the deadline passes (no sleeps as synchronisation). */
export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** KakaoPay over the sandbox, with a short timeout (tests that hold or time out the approve). */
export const sandboxKakaoPay = (timeoutMs = 1500): PaymentProvider =>
  createKakaoPayGateway({
    baseUrl: sandboxUrl(),
    secretKey: process.env.KAKAOPAY_SECRET_KEY!,
    cid: process.env.KAKAOPAY_CID!,
    timeoutMs,
  });

/**
 * An order paid for at the sandbox's KakaoPay page, its return claimed as the route does: APPROVING, the
 * approve not sent yet (its job is left to the test).
 */
export async function claimedAtKakaoPay(gateway: PaymentProvider, appUrl = "http://127.0.0.1:3999") {
  const products = await demoProducts();
  const created = await createOrder({ buyer, lines: [{ productId: products[0]!.id, quantity: 1 }] });
  if (!created.ok) throw new Error(created.error.message);
  const { orderNumber, orderId } = created.value;
  const started = await startPayment({ orderNumber, device: "MOBILE" }, { gateway, appUrl });
  if (!started.ok || started.value.next.kind !== "redirect") throw new Error("payment did not start");
  const back = await actAtKakaoPay(started.value.next.url);
  const paymentId = back.searchParams.get("payment")!;
  const claimed = await acceptReturn(
    {
      paymentId,
      attemptToken: back.searchParams.get("t"),
      authorization: { pgToken: back.searchParams.get("pg_token")! },
    },
    { gateway, providerTimeoutMs: 1500 },
  );
  expect(claimed).toEqual({ kind: "in_progress", orderNumber });
  const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
  return { orderNumber, orderId, paymentId, tid: payment.tid!, payment };
}
