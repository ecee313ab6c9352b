import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createOrder } from "@/lib/orders/create-order";
import { buyer, demoProducts } from "./helpers";

describe("createOrder (real PostgreSQL)", () => {
  it("prices the order from the database, with tax-free part and VAT", async () => {
    const products = await demoProducts();
    const tangerine = products.find((p) => p.slug === "jeju-tangerine"); // 18,900 tax-free
    const tea = products.find((p) => p.slug === "green-tea"); // 12,900 taxable
    const r = await createOrder({
      buyer,
      lines: [
        { productId: tangerine!.id, quantity: 2 },
        { productId: tea!.id, quantity: 1 },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const order = await db.order.findUniqueOrThrow({
      where: { id: r.value.orderId },
      include: { items: true, events: true },
    });
    expect(order.totalAmount).toBe(18900 * 2 + 12900);
    expect(order.taxFreeAmount).toBe(18900 * 2);
    expect(order.vatAmount).toBe(Math.round(12900 / 11));
    expect(order.buyerPhone).toBe("01012345678");
    expect(order.itemSummary).toBe(`${tangerine!.name} 외 1건`);
    expect(order.items).toHaveLength(2);
    expect(order.events.map((e) => e.type)).toEqual(["order.created"]);
  });

  it("refuses bad input with a Korean message and writes nothing", async () => {
    const before = await db.order.count();
    const [p] = await demoProducts();
    const cases = [
      { buyer: { ...buyer, phone: "12345" }, lines: [{ productId: p!.id, quantity: 1 }] },
      { buyer: { ...buyer, email: "not-an-email" }, lines: [{ productId: p!.id, quantity: 1 }] },
      { buyer: { ...buyer, name: "" }, lines: [{ productId: p!.id, quantity: 1 }] },
      { buyer, lines: [] },
      { buyer, lines: [{ productId: p!.id, quantity: 0 }] },
      { buyer, lines: [{ productId: p!.id, quantity: 1.5 }] },
      { buyer, lines: [{ productId: "no-such-product", quantity: 1 }] },
    ];
    for (const c of cases) {
      const r = await createOrder(c as never);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/[가-힣]/);
    }
    expect(await db.order.count()).toBe(before);
  });

  it("keeps the timeline append-only", async () => {
    const [p] = await demoProducts();
    const r = await createOrder({ buyer, lines: [{ productId: p!.id, quantity: 1 }] });
    if (!r.ok) throw new Error("order");
    await db.$executeRaw`UPDATE "PaymentEvent" SET message = 'tampered' WHERE "orderId" = ${r.value.orderId}`;
    await db.$executeRaw`DELETE FROM "PaymentEvent" WHERE "orderId" = ${r.value.orderId}`;
    const events = await db.paymentEvent.findMany({ where: { orderId: r.value.orderId } });
    expect(events).toHaveLength(1);
    expect(events[0]!.message).not.toBe("tampered");
  });
});
