// pay-result deliveries as the agency really sends them: many times, in parallel, cancels before
// their payment. One payment is recorded per pay_id, every delivery is answered OK.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { callAgency, cancelOf, keysOf, newBill, payResult } from "./bills-helpers";

const billOf = (id: string) =>
  db.bill.findUniqueOrThrow({ where: { id }, include: { payments: true, cancellations: true } });
const eventCount = (billId: string, type: string) => db.billEvent.count({ where: { billId, type } });

describe("pay-result idempotency", () => {
  it("the same P delivered five times in a row → one payment, five OKs", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    for (let i = 0; i < 5; i++) expect((await callAgency("pay-result", p)).body.res_code).toBe("OK");
    const b = await billOf(bill.id);
    expect(b.payments).toHaveLength(1);
    expect(b).toMatchObject({ status: "PAID", paidAmount: 29000n });
    expect(await eventCount(bill.id, "dozn.pay-result.P")).toBe(1);
  });

  it("200 identical P deliveries in parallel → exactly one payment and every answer OK", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    const answers = await Promise.all(Array.from({ length: 200 }, () => callAgency("pay-result", p)));
    expect(answers.map((a) => a.body.res_code).filter((c) => c !== "OK")).toEqual([]);
    const b = await billOf(bill.id);
    expect(b.payments).toHaveLength(1);
    expect(b).toMatchObject({ status: "PAID", paidAmount: 29000n, cancelledAmount: 0n });
    expect(await eventCount(bill.id, "dozn.pay-result.P")).toBe(1);
    expect(await eventCount(bill.id, "bill.status")).toBe(1);
  });

  it("a second, different payment of a paid bill is recorded (money moved) and flagged for staff", async () => {
    const bill = await newBill();
    await Promise.all([callAgency("pay-result", payResult(bill)), callAgency("pay-result", payResult(bill))]);
    const b = await billOf(bill.id);
    expect(b.payments).toHaveLength(2);
    expect(b).toMatchObject({ status: "PAID", paidAmount: 58000n });
    expect(await eventCount(bill.id, "bill.payment.mismatch")).toBe(1);
  });
});

describe("cancellations (pay_type C)", () => {
  it("full cancel → CANCELLED, delivered again → still one cancel; the bill is payable again", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    await callAgency("pay-result", p);
    const c = cancelOf(p);
    const answers = await Promise.all(Array.from({ length: 20 }, () => callAgency("pay-result", c)));
    expect(new Set(answers.map((a) => a.body.res_code))).toEqual(new Set(["OK"]));
    const b = await billOf(bill.id);
    expect(b).toMatchObject({ status: "CANCELLED", paidAmount: 29000n, cancelledAmount: 29000n });
    expect(b.cancellations).toHaveLength(1);
    expect(b.cancellations[0]).toMatchObject({ status: "APPLIED", amount: 29000n });
    expect(b.payments[0]!.cancelledAmount).toBe(29000n);
    expect((await callAgency("prepay", { ...keysOf(bill), amount: 29000 })).body.res_code).toBe("OK");
    // paying again after a full cancel makes it PAID again
    await callAgency("pay-result", payResult(bill));
    expect((await billOf(bill.id)).status).toBe("PAID");
  });

  it("partial cancel → PARTIALLY_CANCELLED and nothing more is payable", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    await callAgency("pay-result", p);
    expect((await callAgency("pay-result", cancelOf(p, 9000))).body.res_code).toBe("OK");
    const b = await billOf(bill.id);
    expect(b).toMatchObject({ status: "PARTIALLY_CANCELLED", paidAmount: 29000n, cancelledAmount: 9000n });
    expect((await callAgency("prepay", { ...keysOf(bill), amount: 29000 })).body.res_code).toBe("E403");
  });

  it("a cancel that arrives before its payment is kept and settled when the payment comes", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    const c = cancelOf(p);
    expect((await callAgency("pay-result", c)).body.res_code).toBe("OK");
    let b = await billOf(bill.id);
    expect(b.status).toBe("UNPAID");
    expect(b.cancellations[0]).toMatchObject({ status: "PENDING", amount: 29000n });
    expect((await callAgency("pay-result", c)).body.res_code).toBe("OK"); // redelivered while pending
    expect((await callAgency("pay-result", p)).body.res_code).toBe("OK");
    b = await billOf(bill.id);
    expect(b).toMatchObject({ status: "CANCELLED", paidAmount: 29000n, cancelledAmount: 29000n });
    expect(b.cancellations).toHaveLength(1);
    expect(b.cancellations[0]!.status).toBe("APPLIED");
    expect(await eventCount(bill.id, "bill.cancel.settled")).toBe(1);
  });

  it("payment and its cancel racing in parallel (many copies each) always end CANCELLED with one of each", async () => {
    for (let round = 0; round < 3; round++) {
      const bill = await newBill();
      const p = payResult(bill);
      const c = cancelOf(p);
      const all = await Promise.all(Array.from({ length: 30 }, (_, i) => callAgency("pay-result", i % 2 ? p : c)));
      expect(all.every((a) => a.body.res_code === "OK")).toBe(true);
      const b = await billOf(bill.id);
      expect(b.payments).toHaveLength(1);
      expect(b.cancellations).toHaveLength(1);
      expect(b).toMatchObject({ status: "CANCELLED", cancelledAmount: 29000n });
    }
  });

  it("a cancel above what was paid is recorded as sent, answered OK, not applied, and listed in 확인 필요", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    await callAgency("pay-result", p);
    expect((await callAgency("pay-result", cancelOf(p, 30000))).body.res_code).toBe("OK");
    const b = await billOf(bill.id);
    expect(b).toMatchObject({ status: "PAID", cancelledAmount: 0n });
    expect(b.cancellations).toMatchObject([{ status: "MISMATCHED", amount: 30000n }]);
    expect(await db.billReview.findMany({ where: { billId: bill.id, resolvedAt: null } })).toMatchObject([
      { kind: "CANCEL_MISMATCH", code: "OK" },
    ]);
  });

  it("the timeline cannot be rewritten", async () => {
    const bill = await newBill();
    await db.$executeRaw`UPDATE "BillEvent" SET message = 'x' WHERE "billId" = ${bill.id}`;
    await db.$executeRaw`DELETE FROM "BillEvent" WHERE "billId" = ${bill.id}`;
    const events = await db.billEvent.findMany({ where: { billId: bill.id } });
    expect(events).toHaveLength(1);
    expect(events[0]!.message).toContain("청구서 생성");
  });
});
