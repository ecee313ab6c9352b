// KakaoPay through PayUp/KCP, end to end through the use cases and the KCP return route (EUC-KR POST),
// against the real sandbox over HTTP.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as providerReturn } from "@/app/pay/[provider]/[step]/route";
import { db } from "@/lib/db";
import { createOrder } from "@/lib/orders/create-order";
import { encodeEucKrForm, createPayUpClient, createPayUpGateway, PAYUP_CODE_LIST } from "@/lib/providers/payup";
import { abandonPayment } from "@/lib/payments/abandon-payment";
import { approvePayment, executeApproval } from "@/lib/payments/approve-payment";
import type { PaymentProvider } from "@/lib/payments/port";
import { attemptToken } from "@/lib/payments/attempt-token";
import { enterTransactionId } from "@/lib/payments/transaction-id";
import { createKakaoPayGateway } from "@/lib/providers/kakaopay";
import { refundPayment, settleRefund } from "@/lib/payments/refund";
import { settlePayment } from "@/lib/payments/settle";
import { startPayment } from "@/lib/payments/start-payment";
import { armFault, buyer, clearFaults, demoProducts, sandboxUrl } from "./helpers";

let gateway: PaymentProvider;
const startKcpPayment = startPayment;
/** KCP's Ret_URL: /pay/payup/return (app/pay/[provider]/[step]). */
const kcpReturn = (req: Request) =>
  providerReturn(req, { params: Promise.resolve({ provider: "payup", step: "return" }) });
const appUrl = "http://127.0.0.1:3999";
const admin = { adminId: "test-admin" };

beforeAll(() => {
  gateway = createPayUpGateway(
    createPayUpClient({
      baseUrl: sandboxUrl(),
      merchantId: process.env.PAYUP_MERCHANT_ID!,
      apiCertKey: process.env.PAYUP_API_CERT_KEY!,
      timeoutMs: 1500,
    }),
  );
});
afterEach(clearFaults);

async function newOrder(slug = "omija-syrup", quantity = 2, name = "홍길동") {
  const p = (await demoProducts()).find((x) => x.slug === slug)!;
  const r = await createOrder({ buyer: { ...buyer, name }, lines: [{ productId: p.id, quantity }] });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function openWindow(orderNumber: string, device: "PC" | "MOBILE" = "MOBILE") {
  const r = await startKcpPayment(
    { orderNumber, device, userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)" },
    { gateway, appUrl },
  );
  if (!r.ok) throw new Error(r.error.message);
  return db.payment.findUniqueOrThrow({ where: { id: r.value.paymentId } });
}

/** What KCP's window posts back to Ret_URL after the customer acts in it. */
async function kcpFields(ordrIdxx: string, action: "pay" | "cancel" | "fail" = "pay", method = "KAKAO_MONEY") {
  const r = await fetch(`${sandboxUrl()}/__sandbox/payup/orders/${ordrIdxx}/authenticate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ action, method }),
  });
  if (!r.ok) throw new Error(`authenticate: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { fields: Record<string, string> }).fields;
}

/**
 * The browser's EUC-KR POST to our Ret_URL (which carries the attempt's token, as registered with PayUp),
 * then what the worker's "payment.approve" job does for the claimed payment (the route only claims it).
 */
async function postBack(
  fields: Record<string, string> | string,
  contentType = "application/x-www-form-urlencoded",
  opts: { token?: string | null } = {},
) {
  const body = typeof fields === "string" ? fields : encodeEucKrForm(fields);
  const ordr = typeof fields === "string" ? undefined : fields.ordr_idxx;
  const p = ordr ? await db.payment.findFirst({ where: { providerOrderRef: ordr } }) : null;
  const token = opts.token !== undefined ? opts.token : p ? attemptToken(process.env.APP_SECRET!, p.id) : null;
  const res = await kcpReturn(
    new Request(`${appUrl}/pay/payup/return${token ? `?t=${token}` : ""}`, {
      method: "POST",
      headers: { "content-type": contentType },
      body,
    }),
  );
  if (p) await executeApproval(p.id, { gateway, providerTimeoutMs: 1500 });
  return res;
}

const approvals = (orderId: string) => db.paymentEvent.count({ where: { orderId, type: "payup.pay" } });

describe("KakaoPay through PayUp/KCP", () => {
  it("a KakaoPay return naming a PayUp payment changes nothing (the route checks which provider owns it)", async () => {
    const order = await newOrder("omija-syrup", 1);
    const payment = await openWindow(order.orderNumber);
    const kakao = createKakaoPayGateway({
      baseUrl: sandboxUrl(),
      secretKey: process.env.KAKAOPAY_SECRET_KEY!,
      cid: process.env.KAKAOPAY_CID!,
      timeoutMs: 1500,
    });
    const token = attemptToken(process.env.APP_SECRET!, payment.id);
    expect(
      await approvePayment(
        { paymentId: payment.id, authorization: { pgToken: "abc123" }, attemptToken: token },
        { gateway: kakao },
      ),
    ).toEqual({ kind: "not_found" });
    expect(
      await abandonPayment({ paymentId: payment.id, reason: "cancel", provider: "KAKAOPAY", attemptToken: token }),
    ).toEqual({ kind: "not_found" });
    const p = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(p.status).toBe("READY");
    expect(await db.paymentEvent.count({ where: { paymentId: payment.id, type: { startsWith: "kakaopay." } } })).toBe(
      0,
    );
  });

  it("a forged KCP post-back (guessed ordr_idxx, no attempt token) is refused and leaves the buyer's attempt payable", async () => {
    const order = await newOrder("omija-syrup", 1);
    const payment = await openWindow(order.orderNumber);
    const cancel = await kcpFields(payment.providerOrderRef!, "cancel");
    for (const token of [null, "A".repeat(22)]) {
      const res = await postBack({ ...cancel, res_cd: "3001" }, undefined, { token });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("처리하지 않았습니다");
    }
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("READY");
    const genuine = await postBack(await kcpFields(payment.providerOrderRef!));
    expect(genuine.status).toBe(303);
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("APPROVED");
  });

  it("order → KCP window → EUC-KR post-back → pay: paid once, Korean names intact, 303 to the receipt", async () => {
    const order = await newOrder("omija-syrup", 2, "홍길동");
    const payment = await openWindow(order.orderNumber);
    expect(payment.providerOrderRef).toBeTruthy();
    const fields = await kcpFields(payment.providerOrderRef!);
    expect(fields.buyr_name).toBe("홍길동");
    expect(fields.good_name).toBe("문경 오미자청 500ml");
    const res = await postBack(fields);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${appUrl}/orders/${order.orderNumber}`);
    const p = await db.payment.findUniqueOrThrow({ where: { id: payment.id }, include: { order: true } });
    expect(p.status).toBe("APPROVED");
    expect(p.order.status).toBe("PAID");
    expect(p.tid).toMatch(/\S+/);
    expect(p.method).toBe("MONEY");
    // Replayed form (reload / back): same receipt, no second pay.
    const again = await postBack(fields);
    expect(again.status).toBe(303);
    expect(await approvals(order.orderId)).toBe(1);
  });

  it("20 concurrent post-backs of one window → exactly one approval", async () => {
    const order = await newOrder("green-tea", 1);
    const payment = await openWindow(order.orderNumber, "PC");
    const fields = await kcpFields(payment.providerOrderRef!, "pay", "KAKAO_CARD");
    const results = await Promise.all(Array.from({ length: 20 }, () => postBack(fields)));
    expect(results.every((r) => r.status === 303)).toBe(true);
    expect(await approvals(order.orderId)).toBe(1);
    expect(await db.payment.count({ where: { orderId: order.orderId, status: "APPROVED" } })).toBe(1);
    const p = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(p.method).toBe("CARD");
  });

  it("a tampered good_mny is refused before PayUp is asked, and logged on the timeline", async () => {
    const order = await newOrder("honey", 1);
    const payment = await openWindow(order.orderNumber);
    const fields = await kcpFields(payment.providerOrderRef!);
    const res = await postBack({ ...fields, good_mny: "100" });
    expect(res.status).toBe(303);
    const p = await db.payment.findUniqueOrThrow({ where: { id: payment.id }, include: { order: true } });
    expect(p.status).toBe("FAILED");
    expect(p.failureCode).toBe("AMOUNT_TAMPERED");
    expect(p.order.status).toBe("PENDING");
    expect(await approvals(order.orderId)).toBe(0);
    expect(await db.paymentEvent.count({ where: { orderId: order.orderId, type: "payment.tampered" } })).toBe(1);
  });

  it("customer cancel (3001) and a failure res_cd with a success-looking body leave the order unpaid", async () => {
    const order = await newOrder("tote", 1);
    const first = await openWindow(order.orderNumber);
    const cancel = await kcpFields(first.providerOrderRef!, "cancel");
    expect(cancel.res_cd).toBe("3001");
    expect((await postBack(cancel)).status).toBe(303);
    expect((await db.payment.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("ABORTED");

    const second = await openWindow(order.orderNumber);
    const ok = await kcpFields(second.providerOrderRef!);
    const res = await postBack({ ...ok, res_cd: "9999", res_msg: "인증 실패" });
    expect(res.status).toBe(303);
    const p = await db.payment.findUniqueOrThrow({ where: { id: second.id } });
    expect(p.status).toBe("FAILED");
    expect(p.failureCode).toBe("KCP_9999");
    expect(await approvals(order.orderId)).toBe(0);
    expect((await db.order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("PENDING");
  });

  it("malformed, wrongly typed and unknown post-backs get a clear page and change nothing", async () => {
    const order = await newOrder("mug", 1);
    const payment = await openWindow(order.orderNumber);
    const missing = await postBack({ res_cd: "0000", ordr_idxx: payment.providerOrderRef! });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("결제 응답이 올바르지 않습니다");
    const unknown = await postBack({ res_cd: "0000", ordr_idxx: "NO-SUCH-ORDER", enc_info: "x", enc_data: "y" });
    expect(unknown.status).toBe(404);
    const json = await postBack('{"res_cd":"0000"}', "application/json");
    expect(json.status).toBe(400);
    const garbage = await postBack("%%%=%ZZ&\u0000");
    expect([400, 404]).toContain(garbage.status);
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("READY");
  });

  it("a forged enc_data is refused by PayUp (2001) and the payment fails", async () => {
    const order = await newOrder("rice-cake", 1);
    const payment = await openWindow(order.orderNumber);
    const fields = await kcpFields(payment.providerOrderRef!);
    await postBack({ ...fields, enc_data: `${fields.enc_data}x` });
    const p = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(p.status).toBe("FAILED");
    expect(p.failureCode).toBe("2001");
  });

  it("every PayUp responseCode on pay reaches its handling: fail, retry or reconcile", async () => {
    for (const code of PAYUP_CODE_LIST.filter((c) => c !== "0000")) {
      const order = await newOrder("green-tea", 1);
      const payment = await openWindow(order.orderNumber);
      const fields = await kcpFields(payment.providerOrderRef!);
      await armFault({ provider: "payup", op: "pay", mode: "error", code });
      await postBack(fields);
      const p = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
      const event = await db.paymentEvent.findFirstOrThrow({ where: { paymentId: payment.id, type: "payup.pay" } });
      expect(event.resultCode, code).toBe(code);
      expect(["FAILED", "UNKNOWN"], code).toContain(p.status);
      expect(p.failureCode, code).toBe(code);
    }
  });

  it("pay times out after PayUp approved: UNKNOWN, then refresh re-sends it and settles as paid (8002)", async () => {
    const order = await newOrder("hallabong-gift", 1);
    const payment = await openWindow(order.orderNumber);
    const fields = await kcpFields(payment.providerOrderRef!);
    await armFault({ provider: "payup", op: "pay", mode: "timeout", delayMs: 2500 });
    await postBack(fields);
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("UNKNOWN");
    const r = await settlePayment(payment.id, { gateway, providerTimeoutMs: 1500, actor: "admin" });
    expect(r).toEqual({ status: "APPROVED", changed: true });
    const p = await db.payment.findUniqueOrThrow({ where: { id: payment.id }, include: { order: true } });
    expect(p.order.status).toBe("PAID");
    // PayUp's 8002 answer carries no transaction id (seed 002): the approval rests on the signed order
    // amount, and staff are asked for the id (refunds need it).
    expect(p.tid).toBeNull();
    expect(
      await db.attention.count({ where: { paymentId: payment.id, kind: "NO_TRANSACTION_ID", resolvedAt: null } }),
    ).toBe(1);
    const noTid = await refundPayment(
      { paymentId: payment.id, amount: p.totalAmount, taxFree: 0, reason: "고객 요청", idempotencyKey: randomUUID() },
      admin,
      { gateway },
    );
    expect(noTid.ok).toBe(false);

    // Staff copy the transaction id from PayUp's console; a typo or another payment's id is refused.
    const remote = (
      (await (await fetch(`${sandboxUrl()}/__sandbox/payup/orders?ordr_idxx=${payment.providerOrderRef}`)).json()) as {
        orders: Array<{ transactionId: string }>;
      }
    ).orders[0]!;
    const tid = remote.transactionId;
    const day = `${tid.slice(0, 4)}-${tid.slice(4, 6)}-${tid.slice(6, 8)}`;
    const actor = { adminId: "test-admin", merchantId: p.order.merchantId };
    expect(
      (
        await enterTransactionId(
          { paymentId: payment.id, transactionId: tid.slice(0, 19), consoleAmount: p.totalAmount, consoleDate: day },
          actor,
        )
      ).ok,
    ).toBe(false);
    expect(
      (
        await enterTransactionId(
          { paymentId: payment.id, transactionId: tid, consoleAmount: p.totalAmount + 1000, consoleDate: day },
          actor,
        )
      ).ok,
    ).toBe(false);
    expect(
      (
        await enterTransactionId(
          { paymentId: payment.id, transactionId: tid, consoleAmount: p.totalAmount, consoleDate: "2001-01-01" },
          actor,
        )
      ).ok,
    ).toBe(false);
    expect(
      (
        await enterTransactionId(
          { paymentId: payment.id, transactionId: tid, consoleAmount: p.totalAmount, consoleDate: day },
          { ...actor, merchantId: "someone-else" },
        )
      ).ok,
    ).toBe(false);
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).tid).toBeNull();
    expect(
      await enterTransactionId(
        { paymentId: payment.id, transactionId: tid, consoleAmount: p.totalAmount, consoleDate: day },
        actor,
      ),
    ).toMatchObject({ ok: true });
    expect(
      await db.attention.count({ where: { paymentId: payment.id, kind: "NO_TRANSACTION_ID", resolvedAt: null } }),
    ).toBe(0);
    expect(await db.paymentEvent.count({ where: { paymentId: payment.id, type: "payment.tid_entered" } })).toBe(1);
    const refund = await refundPayment(
      {
        paymentId: payment.id,
        amount: p.totalAmount,
        taxFree: p.taxFreeAmount,
        reason: "고객 요청",
        idempotencyKey: randomUUID(),
      },
      admin,
      { gateway },
    );
    expect(refund).toMatchObject({ ok: true, value: { status: "DONE" } });
    expect((await db.order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("REFUNDED");
  });

  it("cancel through PayUp: full only, once; a lost cancel answer is settled by refresh", async () => {
    const order = await newOrder("omija-syrup", 1);
    const payment = await openWindow(order.orderNumber);
    await postBack(await kcpFields(payment.providerOrderRef!));
    const partial = await refundPayment(
      { paymentId: payment.id, amount: 1000, taxFree: 0, reason: "부분", idempotencyKey: randomUUID() },
      admin,
      { gateway },
    );
    expect(partial.ok).toBe(false);
    if (!partial.ok) expect(partial.error.message).toContain("부분 취소를 지원하지 않습니다");

    await armFault({ provider: "payup", op: "cancel", mode: "timeout", delayMs: 2500 });
    const lost = await refundPayment(
      { paymentId: payment.id, amount: 21000, taxFree: 0, reason: "고객 요청", idempotencyKey: randomUUID() },
      admin,
      { gateway },
    );
    expect(lost).toMatchObject({ ok: true, value: { status: "UNKNOWN" } });
    if (!lost.ok) throw new Error("refund");
    await settleRefund(lost.value.refundId, { gateway, providerTimeoutMs: 1500 });
    const p = await db.payment.findUniqueOrThrow({
      where: { id: payment.id },
      include: { order: true, refunds: true },
    });
    expect(p.status).toBe("CANCELLED");
    expect(p.order.status).toBe("REFUNDED");
    expect(p.refunds.map((r) => r.status)).toEqual(["DONE"]);
    expect(
      await db.paymentEvent.count({ where: { paymentId: payment.id, type: "payup.cancel", resultCode: "1005" } }),
    ).toBe(1);
  });

  it("a 1005 answer to the first cancel proves nothing: the refund is not booked, it goes to 확인 필요", async () => {
    const order = await newOrder("omija-syrup", 1);
    const payment = await openWindow(order.orderNumber);
    await postBack(await kcpFields(payment.providerOrderRef!));
    await armFault({ provider: "payup", op: "cancel", mode: "error", code: "1005" });
    const r = await refundPayment(
      { paymentId: payment.id, amount: 21000, taxFree: 0, reason: "고객 요청", idempotencyKey: randomUUID() },
      admin,
      { gateway },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.status).not.toBe("DONE");
    const settled = await settleRefund(r.value.refundId, { gateway, providerTimeoutMs: 1500 });
    expect(settled.status).not.toBe("DONE");
    const p = await db.payment.findUniqueOrThrow({ where: { id: payment.id }, include: { order: true } });
    expect(p.status).toBe("APPROVED");
    expect(p.order.status).toBe("PAID");
    if (r.value.status === "UNKNOWN")
      expect(
        await db.attention.count({ where: { refundId: r.value.refundId, kind: "REFUND_STUCK", resolvedAt: null } }),
      ).toBe(1);
  });

  it("order request failures: unknown merchant is a configuration error, a timeout is retry-able", async () => {
    const bad = createPayUpGateway(
      createPayUpClient({ baseUrl: sandboxUrl(), merchantId: "nobody", apiCertKey: "x", timeoutMs: 1500 }),
    );
    const order = await newOrder("mug", 1);
    const r1 = await startKcpPayment({ orderNumber: order.orderNumber, device: "PC" }, { gateway: bad, appUrl });
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.error.code).toBe("PROVIDER_CONFIG");
    await armFault({ provider: "payup", op: "order", mode: "hang", delayMs: 2500 });
    const r2 = await startKcpPayment({ orderNumber: order.orderNumber, device: "PC" }, { gateway, appUrl });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error.code).toBe("PROVIDER_TIMEOUT");
    expect(await db.payment.count({ where: { orderId: order.orderId, status: "READY" } })).toBe(0);
  });
});
