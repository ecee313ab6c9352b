// Biller sanity (issue 9 item 4, seed 003 §7): a pay-result reports money that already moved and any
// answer but OK makes the agency deliver it again. So every schema-valid pay-result is recorded and
// answered OK, with what is implausible listed in 확인 필요; only malformed input (E001/E006/E007/
// E008) is refused. The sandbox agency sends the odd deliveries over HTTP to our standalone biller
// API (scripts/biller-server.ts) as the real agency would.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { billsNeedingReview } from "@/lib/bills/review";
import { createBillerServer, type BillerServer } from "../../scripts/biller-server.ts";
import { callAgency, cancelOf, demoActor, keysOf, newBill, payResult } from "./bills-helpers";

const sandboxUrl = () => inject("sandboxUrl");
const KEY = process.env.DOZN_API_KEY ?? "DEVDOZNAPIKEY0001";
const CODE = process.env.DOZN_BILLER_CODE ?? "KCBILLER01";

async function sb(path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${sandboxUrl()}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json;charset=utf-8", authorization: KEY },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

let biller: BillerServer;
let base = "";

beforeAll(async () => {
  biller = createBillerServer({ drainMs: 1000 });
  const { port } = await biller.listen(0, "127.0.0.1");
  base = `http://127.0.0.1:${port}`;
  await sb("/__sandbox/dozn/config", { reset: true, billerBaseUrl: base });
});

afterAll(async () => {
  // What the agency measured for our answers in this file (its budget is 3 s, seed §2.1.1).
  const all = (
    (await sb("/__sandbox/dozn/deliveries")).json.deliveries as { url: string; endpoint: string; durationMs: number }[]
  ).filter((d) => d.url.startsWith(base));
  const by = new Map<string, number[]>();
  for (const d of all) by.set(d.endpoint, [...(by.get(d.endpoint) ?? []), d.durationMs]);
  const line = [...by]
    .map(
      ([e, ms]) =>
        `${e} n=${ms.length} median ${ms.sort((x, y) => x - y)[Math.floor(ms.length / 2)]} ms max ${Math.max(...ms)} ms`,
    )
    .join(" · ");
  console.info(`agency → biller API (bills-sanity): ${line}`);
  await sb("/__sandbox/dozn/config", { reset: true });
  await biller.close();
});

const links = new Map<string, string>();
/** The bill's link (created once: a second create is E818, seed §3.3). */
async function linkFor(bill: Awaited<ReturnType<typeof newBill>>) {
  const known = links.get(bill.id);
  if (known) return known;
  const r = await sb(`/external/inquiry-payment/one-time/url/${CODE}`, {
    data: { ...keysOf(bill), expire_at: "20991231235959" },
  });
  expect(r.json.res_code).toBe("OK");
  links.set(bill.id, r.json.data.url as string);
  return r.json.data.url as string;
}

/** A customer pays through the sandbox agency (notice → prepay → pay-result); `payResult` alters the delivery. */
async function pay(bill: Awaited<ReturnType<typeof newBill>>, payResultOverrides?: Record<string, unknown>) {
  const r = await sb("/__sandbox/dozn/pay", {
    url: await linkFor(bill),
    birth: "19900301",
    payBy: "CARD",
    cardCompany: "KB",
    ...(payResultOverrides && { payResult: payResultOverrides }),
  });
  expect(r.json.prepay.res_code).toBe("OK");
  return {
    payId: r.json.pay_id as number,
    resCode: r.json.payResult.res_code as string,
    request: r.json.payResult.request as Record<string, unknown>,
  };
}

const billOf = (id: string) =>
  db.bill.findUniqueOrThrow({
    where: { id },
    include: { payments: true, cancellations: { orderBy: { createdAt: "asc" } } },
  });
/** The admin's 확인 필요 list (the same function the attention page renders), for one bill. */
async function attentionFor(billId: string) {
  const { merchantId } = await demoActor();
  return (await billsNeedingReview({ merchantId, limit: 1000 })).filter((r) => r.billId === billId);
}
const kst = (d: Date) => new Date(d.getTime() + 9 * 3600_000).toISOString().replace(/\D/g, "").slice(0, 14);

describe("pay-result amounts", () => {
  it("a 1-won payment of a 29,000-won bill is recorded and answered OK, but the bill is not PAID: 부분 납부, listed, the rest payable", async () => {
    const bill = await newBill();
    const first = await pay(bill, { pay_amount: 1, pay_fee: 0, pay_fee_tax: 0 });
    expect(first.resCode).toBe("OK");
    let b = await billOf(bill.id);
    expect(b).toMatchObject({ status: "PARTIALLY_PAID", paidAmount: 1n, cancelledAmount: 0n });
    expect(b.payments).toMatchObject([{ payId: BigInt(first.payId), payAmount: 1n, status: "PAID" }]);
    const listed = await attentionFor(bill.id);
    expect(listed).toMatchObject([
      { kind: "AMOUNT_MISMATCH", kindLabel: "납부 금액 불일치", code: "OK", payId: String(first.payId) },
    ]);
    expect(listed[0]!.message).toContain("1원");
    expect(listed[0]!.message).toContain("29,000원");

    // What the bill can still take is the rest: the agency's next customer sees and pays 28,999 won.
    const notice = await callAgency("notice", { ...keysOf(bill), user_birth: "19900301" });
    expect(notice.body).toMatchObject({ res_code: "OK", data: { result: { amount: 28999 } } });
    expect((await callAgency("prepay", { ...keysOf(bill), amount: 29000 })).body.res_code).toBe("E501");
    const rest = await pay(bill);
    expect(rest.resCode).toBe("OK");
    expect(rest.request.pay_amount).toBe(28999);
    b = await billOf(bill.id);
    expect(b).toMatchObject({ status: "PAID", paidAmount: 29000n });
    expect(await attentionFor(bill.id)).toHaveLength(1); // the rest matched what was payable: nothing new to look at
  });

  it("pay_fee 2^31 and pay_amount 2^31 do not overflow: recorded (BIGINT) and answered OK, the odd amount listed", async () => {
    const bill = await newBill();
    const r = await pay(bill, { pay_amount: 2 ** 31, pay_fee: 2 ** 31, pay_fee_tax: 2 ** 31 - 1 });
    expect(r.resCode).toBe("OK");
    const b = await billOf(bill.id);
    expect(b).toMatchObject({ status: "PAID", paidAmount: 2147483648n });
    expect(b.payments[0]).toMatchObject({ payAmount: 2147483648n, fee: 2147483648n, feeTax: 2147483647n });
    expect(await attentionFor(bill.id)).toMatchObject([{ kind: "AMOUNT_MISMATCH" }]);
    // the same delivery again: a duplicate, still OK (no E601 loop)
    expect((await sb("/__sandbox/dozn/replay", { payId: r.payId })).json.res_code).toBe("OK");
    expect(await db.billPayment.count({ where: { billId: bill.id } })).toBe(1);
  });
});

describe("pay-result fees and dates", () => {
  it("a payment with negative fees is recorded as sent and listed (P: fees ≥ 0)", async () => {
    const bill = await newBill();
    const r = await pay(bill, { pay_fee: -150, pay_fee_tax: -15 });
    expect(r.resCode).toBe("OK");
    const b = await billOf(bill.id);
    expect(b).toMatchObject({ status: "PAID" });
    expect(b.payments[0]).toMatchObject({ fee: -150n, feeTax: -15n });
    const listed = await attentionFor(bill.id);
    expect(listed).toMatchObject([{ kind: "FEE_SIGN", kindLabel: "수수료 부호 이상", code: "OK" }]);
    expect(listed[0]!.message).toContain("-150원");
  });

  it("a cancel with positive fees is recorded, applied and listed (C: fees ≤ 0)", async () => {
    const bill = await newBill();
    const p = await pay(bill);
    const c = await sb("/__sandbox/dozn/cancel", {
      payId: p.payId,
      amount: 29000,
      payResult: { pay_fee: 522, pay_fee_tax: 52 },
    });
    expect(c.json.res_code).toBe("OK");
    const b = await billOf(bill.id);
    expect(b).toMatchObject({ status: "CANCELLED", cancelledAmount: 29000n });
    expect(b.cancellations).toMatchObject([{ status: "APPLIED", amount: 29000n, fee: 522n, feeTax: 52n }]);
    expect(await attentionFor(bill.id)).toMatchObject([{ kind: "FEE_SIGN", code: "OK" }]);
  });

  it("paid_at in year 0001 is a real date: recorded, answered OK and listed; year 0000 and 13th months are not dates (E007)", async () => {
    const bill = await newBill();
    const r = await pay(bill, { paid_at: "00010101000000", adjust_date: "00010104" });
    expect(r.resCode).toBe("OK");
    const b = await billOf(bill.id);
    expect(b.status).toBe("PAID");
    // 0001-01-01 00:00 KST is 1 BC in UTC, which PostgreSQL's timestamp text refuses: kept at the earliest storable instant, the wire value in the timeline
    expect(b.payments[0]!.paidAt.toISOString()).toBe("0001-01-01T00:00:00.000Z");
    const listed = await attentionFor(bill.id);
    expect(listed).toMatchObject([{ kind: "DATE_IMPLAUSIBLE", code: "OK" }]);
    expect(listed[0]!.message).toContain("0001-01-01 00:00:00");
    const ev = await db.billEvent.findFirstOrThrow({ where: { billId: bill.id, type: "dozn.pay-result.P" } });
    expect(ev.data).toMatchObject({ paidAt: "00010101000000" });

    for (const paid_at of ["00000101000000", "20261301120000", "20260230120000", "20260101246000"]) {
      const bad = await newBill();
      const m = await pay(bad, { paid_at });
      expect(m.resCode, paid_at).toBe("E007");
      expect(await db.billPayment.count({ where: { billId: bad.id } })).toBe(0);
    }
    const adj = await newBill();
    expect((await pay(adj, { adjust_date: "20260230" })).resCode).toBe("E007");
  });

  it("a settlement date (정산예정일) before the payment is recorded and listed", async () => {
    const bill = await newBill();
    const now = kst(new Date());
    const r = await pay(bill, { paid_at: now, adjust_date: `${Number(now.slice(0, 4)) - 1}${now.slice(4, 8)}` });
    expect(r.resCode).toBe("OK");
    expect((await billOf(bill.id)).payments[0]!.adjustDate).toMatch(/^\d{8}$/);
    const listed = await attentionFor(bill.id);
    expect(listed).toMatchObject([{ kind: "DATE_IMPLAUSIBLE" }]);
    expect(listed[0]!.message).toContain("정산예정일");
  });
});

describe("several partial cancels of one pay_id", () => {
  it("accumulate until the bill is fully cancelled; an identical repeat (also 30 in parallel) is recorded once", async () => {
    const bill = await newBill();
    const p = await pay(bill);
    const t = Date.now();
    // two partial cancels of the same amount: different deliveries (they differ in paid_at)
    const c1 = await sb("/__sandbox/dozn/cancel", { payId: p.payId, amount: 9000, paidAt: kst(new Date(t - 120_000)) });
    const c2 = await sb("/__sandbox/dozn/cancel", { payId: p.payId, amount: 9000, paidAt: kst(new Date(t - 60_000)) });
    expect([c1.json.res_code, c2.json.res_code]).toEqual(["OK", "OK"]);
    let b = await billOf(bill.id);
    expect(b).toMatchObject({ status: "PARTIALLY_CANCELLED", cancelledAmount: 18000n });
    expect(b.cancellations).toMatchObject([
      { status: "APPLIED", amount: 9000n },
      { status: "APPLIED", amount: 9000n },
    ]);
    expect((await callAgency("prepay", { ...keysOf(bill), amount: 29000 })).body.res_code).toBe("E403");

    // the second cancel delivered again, once and then 30 times at once: the same delivery
    expect((await sb("/__sandbox/dozn/replay", { payId: p.payId, payType: "C" })).json.res_code).toBe("OK");
    const dup = await sb("/__sandbox/dozn/duplicates", { n: 30, payId: p.payId, payType: "C" });
    expect(dup.json.answers.filter((a: { res_code: string }) => a.res_code !== "OK")).toEqual([]);
    b = await billOf(bill.id);
    expect(b.cancellations).toHaveLength(2);
    expect(b).toMatchObject({ status: "PARTIALLY_CANCELLED", cancelledAmount: 18000n });

    // the rest: the payment and the bill are fully cancelled, and the bill is payable again
    const c3 = await sb("/__sandbox/dozn/cancel", { payId: p.payId, amount: 11000, paidAt: kst(new Date(t)) });
    expect(c3.json.res_code).toBe("OK");
    b = await billOf(bill.id);
    expect(b).toMatchObject({ status: "CANCELLED", paidAmount: 29000n, cancelledAmount: 29000n });
    expect(b.payments[0]).toMatchObject({ status: "CANCELLED", cancelledAmount: 29000n });
    expect(b.cancellations.map((c) => c.status)).toEqual(["APPLIED", "APPLIED", "APPLIED"]);
    expect(await attentionFor(bill.id)).toEqual([]);
    expect((await callAgency("prepay", { ...keysOf(bill), amount: 29000 })).body.res_code).toBe("OK");
  });

  it("a cancel exceeding what is left of the payment is recorded as sent, answered OK, not applied, and listed", async () => {
    const bill = await newBill();
    const p = await pay(bill);
    const t = Date.now();
    expect(
      (await sb("/__sandbox/dozn/cancel", { payId: p.payId, amount: 20000, paidAt: kst(new Date(t - 60_000)) })).json
        .res_code,
    ).toBe("OK");
    const over = await sb("/__sandbox/dozn/cancel", {
      payId: p.payId,
      amount: 10000,
      paidAt: kst(new Date(t)),
      allowExcess: true,
    });
    expect(over.json.res_code).toBe("OK");
    const b = await billOf(bill.id);
    expect(b).toMatchObject({ status: "PARTIALLY_CANCELLED", cancelledAmount: 20000n });
    expect(b.cancellations).toMatchObject([
      { status: "APPLIED", amount: 20000n },
      { status: "MISMATCHED", amount: 10000n },
    ]);
    const listed = await attentionFor(bill.id);
    expect(listed).toMatchObject([{ kind: "CANCEL_MISMATCH", kindLabel: "결제와 맞지 않는 취소", code: "OK" }]);
    expect(listed[0]!.message).toContain("9,000원"); // what was left
    // redelivered: still one row, still OK
    expect((await sb("/__sandbox/dozn/replay", { payId: p.payId, payType: "C" })).json.res_code).toBe("OK");
    expect(await db.billCancellation.count({ where: { billId: bill.id } })).toBe(2);
  });

  it("partial cancels that arrive before their payment are all kept and applied in order when it comes; the one that no longer fits is listed", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    const t = Date.now();
    const early = [
      { ...cancelOf(p, 9000), paid_at: kst(new Date(t - 3000)) },
      { ...cancelOf(p, 9000), paid_at: kst(new Date(t - 2000)) },
      { ...cancelOf(p, 20000), paid_at: kst(new Date(t - 1000)) },
    ];
    for (const c of early) expect((await callAgency("pay-result", c)).body.res_code).toBe("OK");
    expect((await callAgency("pay-result", early[1])).body.res_code).toBe("OK"); // identical repeat while waiting
    let b = await billOf(bill.id);
    expect(b.cancellations.map((c) => c.status)).toEqual(["PENDING", "PENDING", "PENDING"]);
    const answers = await Promise.all(Array.from({ length: 20 }, () => callAgency("pay-result", p)));
    expect(answers.every((a) => a.body.res_code === "OK")).toBe(true);
    b = await billOf(bill.id);
    expect(b.payments).toMatchObject([{ status: "PARTIALLY_CANCELLED", cancelledAmount: 18000n }]);
    expect(b).toMatchObject({ status: "PARTIALLY_CANCELLED", paidAmount: 29000n, cancelledAmount: 18000n });
    expect(b.cancellations.map((c) => [c.amount, c.status])).toEqual([
      [9000n, "APPLIED"],
      [9000n, "APPLIED"],
      [20000n, "MISMATCHED"],
    ]);
    expect(await attentionFor(bill.id)).toMatchObject([{ kind: "CANCEL_MISMATCH" }]);
  });
});

describe("what is still refused: malformed input only", () => {
  it("E001 / E006 / E007 / E008 as the seed defines them, nothing recorded", async () => {
    const bill = await newBill();
    const base = payResult(bill);
    const { paid_at: _p, ...noPaidAt } = base;
    expect((await callAgency("pay-result", noPaidAt)).body.res_code).toBe("E001");
    expect((await callAgency("pay-result", { ...base, pay_detail2: "X".repeat(21) })).body.res_code).toBe("E006");
    expect((await callAgency("pay-result", { ...base, paid_at: "2026010112" })).body.res_code).toBe("E007");
    expect((await callAgency("pay-result", { ...base, pay_fee: "150" })).body.res_code).toBe("E008");
    expect((await callAgency("pay-result", {}, { raw: "{not json" })).body.res_code).toBe("E008");
    expect(await db.billPayment.count({ where: { billId: bill.id } })).toBe(0);
  });
});
