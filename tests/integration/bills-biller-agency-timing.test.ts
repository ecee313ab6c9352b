// The sandbox agency calling our standalone biller API exactly as the seed's agency does (no
// Authorization, from an allowed IP) with its default biller timeout of 3 s (seed 003 §2.1.1
// "기본 3 초 내외"): every notice / prepay / pay-result must be answered inside it, also with many
// customers at once. The deliveries the agency records carry the time each answer took.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { createBillerServer, type BillerServer } from "../../scripts/biller-server.ts";
import { keysOf, newBill } from "./bills-helpers";

const sandboxUrl = () => inject("sandboxUrl");
const KEY = process.env.DOZN_API_KEY ?? "DEVDOZNAPIKEY0001";
const CODE = process.env.DOZN_BILLER_CODE ?? "KCBILLER01";

async function sb(path: string, body?: unknown, method = body === undefined ? "GET" : "POST") {
  const res = await fetch(`${sandboxUrl()}${path}`, {
    method,
    headers: { "content-type": "application/json;charset=utf-8", authorization: KEY },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as any };
}

type Delivery = { url: string; endpoint: string; resCode: string; durationMs: number; status?: number; error?: string };

let biller: BillerServer;
let base: string;

beforeAll(async () => {
  biller = createBillerServer({ drainMs: 1000 }); // the env's settings: agency 127.0.0.1 allowed, no credential
  const { port } = await biller.listen(0, "127.0.0.1");
  base = `http://127.0.0.1:${port}`;
  const cfg = await sb("/__sandbox/dozn/config", { reset: true, billerBaseUrl: base });
  expect(cfg.json).toMatchObject({ billerTimeoutMs: 3000, agencyCredential: "" });
});

afterAll(async () => {
  await sb("/__sandbox/dozn/config", { reset: true });
  await biller.close();
});

async function linkFor(bill: Awaited<ReturnType<typeof newBill>>) {
  const r = await sb(`/external/inquiry-payment/one-time/url/${CODE}`, {
    data: { ...keysOf(bill), expire_at: "20991231235959" },
  });
  expect(r.json.res_code).toBe("OK");
  return r.json.data.url as string;
}

async function ourDeliveries(): Promise<Delivery[]> {
  const r = await sb("/__sandbox/dozn/deliveries");
  return (r.json.deliveries as Delivery[]).filter((d) => d.url.startsWith(base));
}

describe("the agency's 3 s budget (seed §2.1.1)", () => {
  it("one customer: notice → prepay → pay-result through the agency, each answered OK well inside 3 s, the bill paid", async () => {
    const bill = await newBill();
    const url = await linkFor(bill);
    const r = await sb("/__sandbox/dozn/pay", { url, birth: "19900301", payBy: "MONEY" });
    expect(r.json.notice.res_code).toBe("OK");
    expect(r.json.prepay.res_code).toBe("OK");
    expect(r.json.payResult.res_code).toBe("OK");
    expect((await db.bill.findUniqueOrThrow({ where: { id: bill.id } })).status).toBe("PAID");
    const mine = (await ourDeliveries()).filter((d) => d.resCode === "OK");
    expect(mine.length).toBeGreaterThanOrEqual(3);
    for (const d of mine) expect(d.durationMs).toBeLessThan(3000);
  });

  it("30 customers at once: every call answered inside 3 s (no E809 from the agency)", async () => {
    const bills = [];
    for (let i = 0; i < 30; i++) bills.push(await newBill());
    const urls = [];
    for (const b of bills) urls.push(await linkFor(b));
    const before = (await ourDeliveries()).length;
    const answers = await Promise.all(
      urls.map((url) => sb("/__sandbox/dozn/pay", { url, birth: "19900301", payBy: "CARD", cardCompany: "KB" })),
    );
    for (const a of answers)
      expect([a.json.notice.res_code, a.json.prepay.res_code, a.json.payResult.res_code]).toEqual(["OK", "OK", "OK"]);
    const calls = (await ourDeliveries()).slice(before);
    expect(calls).toHaveLength(90);
    const slowest = Math.max(...calls.map((d) => d.durationMs));
    expect(calls.filter((d) => d.resCode === "E809")).toEqual([]);
    expect(slowest).toBeLessThan(3000);
    const paid = await db.bill.count({ where: { id: { in: bills.map((b) => b.id) }, status: "PAID" } });
    expect(paid).toBe(30);
    console.info(`agency → biller API, 30 concurrent customers: slowest answer ${slowest} ms of 3000`);
  });
});
