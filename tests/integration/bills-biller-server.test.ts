// The standalone biller API (scripts/biller-server.ts) as it is deployed: a child process on a
// loopback port against the test database, called over HTTP like the agency does. The IP rules
// need other auth settings than the test env, so they use the same server in-process.
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { fromKst } from "@/lib/providers/dozn";
import { freePort } from "../../scripts/lib/postgres.ts";
import { startService } from "../../scripts/lib/run.ts";
import { createBillerServer } from "../../scripts/biller-server.ts";
import type { AgencyAuthSettings } from "@/lib/bills/agency-endpoint";
import { cancelOf, keysOf, newBill, payResult, type Envelope } from "./bills-helpers";
import { testEnv } from "./test-env.ts";

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Envelope };

function post(
  base: string,
  path: string,
  body: string,
  headers: Record<string, string | null> = {},
  agent?: http.Agent,
): Promise<Answer> {
  // the seed's request: JSON both ways, no Authorization (seed 003 §1.3, §5-§7)
  const h: Record<string, string> = {
    "content-type": "application/json;charset=utf-8",
    accept: "application/json;charset=utf-8",
  };
  for (const [k, v] of Object.entries(headers)) {
    if (v === null) delete h[k];
    else h[k] = v;
  }
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: "POST", headers: h, ...(agent && { agent }) }, (res) => {
      let b = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (b += c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(b) as Envelope }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

const envelope = (data: unknown) => JSON.stringify({ data });

let child: ChildProcess;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = await startService("biller", process.execPath, ["--import", "tsx", "scripts/biller-server.ts"], {
    env: {
      ...process.env,
      ...testEnv(inject("databaseUrl"), inject("sandboxUrl")),
      BILLER_PORT: String(port),
      BILLER_HOST: "127.0.0.1",
      DB_POOL_SIZE: "10",
    },
    readyUrl: `${base}/`,
    echo: false,
  });
});

afterAll(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
});

describe("standalone biller server (child process)", () => {
  it("notice: OK with the bill, JSON, keep-alive", async () => {
    const bill = await newBill();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const r = await post(base, "/kakao/notice", envelope({ ...keysOf(bill), user_birth: "19900301" }), {}, agent);
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/json;charset=utf-8");
    expect(r.headers.connection).toBe("keep-alive");
    expect(r.body).toMatchObject({
      res_code: "OK",
      data: { result: { biller_notice_key: bill.billerNoticeKey, amount: 29000 } },
    });
    // the same socket again
    const again = await post(
      base,
      "/kakao/notice?x=1",
      envelope({ ...keysOf(bill), user_birth: "19900301" }),
      {},
      agent,
    );
    expect(again.body.res_code).toBe("OK");
    agent.destroy();
  });

  it("the seed's request without Authorization from the allowed peer is accepted (the default: no credential)", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    expect((await post(base, "/kakao/pay-result", envelope(p))).body).toMatchObject({ res_code: "OK" });
    expect(await db.billPayment.count({ where: { billId: bill.id } })).toBe(1);
    // a header nobody asked for changes nothing
    expect(
      (
        await post(base, "/kakao/notice", envelope({ ...keysOf(bill), user_birth: "19900301" }), {
          authorization: "Bearer nope",
        })
      ).status,
    ).toBe(200);
  });

  it("a forged X-Forwarded-For changes nothing: the socket peer (loopback, allowed) counts", async () => {
    const bill = await newBill();
    const r = await post(base, "/kakao/notice", envelope({ ...keysOf(bill), user_birth: "19900301" }), {
      "x-forwarded-for": "203.0.113.9",
    });
    expect(r.body.res_code).toBe("OK");
  });

  it("other paths: 404 JSON; other methods on /kakao/*: 405", async () => {
    const r = await post(base, "/api/admin/bills", "{}");
    expect(r).toMatchObject({ status: 404, body: { res_code: "NOT_FOUND", data: null } });
    expect(r.headers["content-type"]).toBe("application/json;charset=utf-8");
    expect((await post(base, "/kakao", "{}")).status).toBe(404);
    const get = await fetch(`${base}/kakao/notice`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("a body over 64 KB is refused in the envelope and the connection is closed", async () => {
    const bill = await newBill();
    const big = envelope({ ...keysOf(bill), user_birth: "19900301", pad: "x".repeat(100_000) });
    const r = await post(base, "/kakao/notice", big);
    expect(r).toMatchObject({ status: 200, body: { res_code: "E006", data: null } });
    expect(r.headers.connection).toBe("close");
    // chunked (no Content-Length): cut while reading
    const chunked = await new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        `${base}/kakao/pay-result`,
        { method: "POST", headers: { "transfer-encoding": "chunked" } },
        (res) => {
          let b = "";
          res.on("data", (c: Buffer) => (b += c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(b) as Envelope }),
          );
        },
      );
      req.on("error", reject);
      for (let i = 0; i < 10; i++) req.write("y".repeat(10_000));
      req.end();
    });
    expect(chunked.body.res_code).toBe("E006");
  });

  it("300 identical pay-results at once → one payment, every answer OK; the rows are as the ORM would write them", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
    const answers = await Promise.all(
      Array.from({ length: 300 }, () => post(base, "/kakao/pay-result", envelope(p), {}, agent)),
    );
    expect(answers.filter((a) => a.status !== 200 || a.body.res_code !== "OK").map((a) => a.body)).toEqual([]);
    const b = await db.bill.findUniqueOrThrow({
      where: { id: bill.id },
      include: { payments: true, events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
    });
    expect(b.payments).toHaveLength(1);
    expect(b).toMatchObject({
      status: "PAID",
      paidAmount: 29000n,
      cancelledAmount: 0n,
      paidAt: fromKst(p.paid_at),
      cancelledAt: null,
    });
    expect(b.payments[0]).toMatchObject({
      payId: BigInt(p.pay_id),
      payType: "P",
      payBy: "CARD",
      amount: 29000n,
      payAmount: 29000n,
      fee: 522n,
      feeTax: 52n,
      cardBin: "451842",
      cardCompany: "SHINHAN",
      adjustDate: p.adjust_date,
      paidAt: fromKst(p.paid_at),
    });
    expect(b.payments[0]!.id).toMatch(/^c[0-9a-z]{24}$/);
    expect(Math.abs(b.payments[0]!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(b.events.map((e) => e.type)).toEqual(["bill.created", "dozn.pay-result.P", "bill.status"]);
    expect(b.events[1]).toMatchObject({
      resultCode: "OK",
      data: { payId: p.pay_id, payAmount: 29000, payBy: "CARD", fee: 522, feeTax: 52 },
    });
    expect(b.events[2]).toMatchObject({ message: "상태 변경: UNPAID → PAID", data: { from: "UNPAID", to: "PAID" } });
  });

  it("a cancel before its payment is settled when the payment arrives (through the server)", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    const c = cancelOf(p, 9000);
    expect((await post(base, "/kakao/pay-result", envelope(c))).body.res_code).toBe("OK");
    expect((await post(base, "/kakao/pay-result", envelope(p))).body.res_code).toBe("OK");
    const b = await db.bill.findUniqueOrThrow({
      where: { id: bill.id },
      include: { payments: true, cancellations: true, events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
    });
    expect(b).toMatchObject({
      status: "PARTIALLY_CANCELLED",
      paidAmount: 29000n,
      cancelledAmount: 9000n,
      cancelledAt: fromKst(c.paid_at),
    });
    expect(b.payments[0]).toMatchObject({ cancelledAmount: 9000n, cancelledAt: fromKst(c.paid_at) });
    expect(b.cancellations[0]).toMatchObject({ status: "APPLIED" });
    expect(b.events.map((e) => e.type)).toEqual([
      "bill.created",
      "dozn.pay-result.C",
      "dozn.pay-result.P",
      "bill.cancel.settled",
      "bill.status",
    ]);
  });

  it("SIGTERM: finishes in-flight calls and exits 0", async () => {
    const bill = await newBill();
    const inflight = Promise.all(
      Array.from({ length: 20 }, () => post(base, "/kakao/pay-result", envelope(payResult(bill)))),
    );
    await new Promise((r) => setTimeout(r, 20));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    const answers = await inflight.catch((e: unknown) => e);
    expect(await exited).toBe(0);
    // Calls already accepted are answered; none is left half-recorded.
    if (Array.isArray(answers)) expect(answers.every((a) => a.body.res_code === "OK")).toBe(true);
    const b = await db.bill.findUniqueOrThrow({ where: { id: bill.id }, include: { payments: true } });
    expect(b.paidAmount).toBe(b.payments.reduce((s, x) => s + x.payAmount, 0n));
  });
});

describe("standalone biller server: the agency's address is the socket peer", () => {
  async function withServer(auth: AgencyAuthSettings, fn: (base: string) => Promise<void>) {
    const s = createBillerServer({ auth });
    const { port } = await s.listen(0, "127.0.0.1");
    try {
      await fn(`http://127.0.0.1:${port}`);
    } finally {
      await s.close();
    }
  }

  it("X-Forwarded-For from an untrusted peer cannot claim an allowed IP", async () => {
    const bill = await newBill();
    const body = envelope({ ...keysOf(bill), user_birth: "19900301" });
    await withServer({ allowedIps: ["198.51.100.7"], trustedProxies: [] }, async (b) => {
      expect(await post(b, "/kakao/notice", body, { "x-forwarded-for": "198.51.100.7" })).toMatchObject({
        status: 403,
        body: { res_code: "E003" },
      });
    });
  });

  it("behind a trusted proxy (the peer), X-Forwarded-For names the agency", async () => {
    const bill = await newBill();
    const body = envelope({ ...keysOf(bill), user_birth: "19900301" });
    await withServer({ allowedIps: ["198.51.100.7"], trustedProxies: ["127.0.0.1"] }, async (b) => {
      expect((await post(b, "/kakao/notice", body, { "x-forwarded-for": "198.51.100.7" })).body.res_code).toBe("OK");
      expect((await post(b, "/kakao/notice", body, { "x-forwarded-for": "198.51.100.7, 203.0.113.9" })).status).toBe(
        403,
      );
      expect((await post(b, "/kakao/notice", body, { "x-forwarded-for": null })).status).toBe(403);
    });
  });

  it("from a peer that is not allowed: refused in the seed's envelope (403 E003), nothing written", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    await withServer({ allowedIps: ["198.51.100.7"], trustedProxies: [] }, async (b) => {
      expect(await post(b, "/kakao/pay-result", envelope(p))).toMatchObject({
        status: 403,
        body: { res_code: "E003", data: null },
      });
    });
    expect(await db.billPayment.count({ where: { billId: bill.id } })).toBe(0);
  });

  it("with a configured credential it is required (header and format as configured), and the peer still counts", async () => {
    const bill = await newBill();
    const body = envelope({ ...keysOf(bill), user_birth: "19900301" });
    await withServer(
      {
        allowedIps: ["127.0.0.1"],
        trustedProxies: [],
        credential: "agreed-1",
        credentialFormat: "Bearer {credential}",
      },
      async (b) => {
        expect((await post(b, "/kakao/notice", body, { authorization: "Bearer agreed-1" })).body.res_code).toBe("OK");
        expect(await post(b, "/kakao/notice", body)).toMatchObject({ status: 401, body: { res_code: "E003" } });
        expect((await post(b, "/kakao/notice", body, { authorization: "agreed-1" })).status).toBe(401);
        // unauthenticated, an oversized body is still refused before it is looked at
        expect((await post(b, "/kakao/notice", envelope({ pad: "x".repeat(100_000) }))).body.res_code).toBe("E003");
      },
    );
    await withServer({ allowedIps: ["198.51.100.7"], trustedProxies: [], credential: "agreed-1" }, async (b) => {
      expect((await post(b, "/kakao/notice", body, { authorization: "agreed-1" })).status).toBe(403);
    });
  });
});

describe("the hot statements through a plain Prisma client (no pool of ours: $queryRawUnsafe / $transaction)", () => {
  it("notice, a new payment settling an early cancel, and a redelivery give the same rows", async () => {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { PrismaClient } = await import("@/lib/generated/prisma/client");
    const { handleAgencyCall } = await import("@/lib/bills/agency-endpoint");
    const other = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 4 }) });
    try {
      const call = (endpoint: "notice" | "pay-result", data: unknown) =>
        handleAgencyCall(
          { endpoint, rawBody: envelope(data), header: () => null, forwardedFor: "127.0.0.1" },
          { db: other },
        );
      const bill = await newBill();
      expect((await call("notice", { ...keysOf(bill), user_birth: "19900301" })).body).toMatchObject({
        res_code: "OK",
        data: { result: { amount: 29000 } },
      });
      const p = payResult(bill);
      const c = cancelOf(p);
      expect((await call("pay-result", c)).body.res_code).toBe("OK");
      expect((await call("pay-result", p)).body.res_code).toBe("OK");
      expect((await call("pay-result", p)).body.res_code).toBe("OK");
      const b = await db.bill.findUniqueOrThrow({
        where: { id: bill.id },
        include: { payments: true, cancellations: true, events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
      });
      expect(b).toMatchObject({
        status: "CANCELLED",
        paidAmount: 29000n,
        cancelledAmount: 29000n,
        paidAt: fromKst(p.paid_at),
        cancelledAt: fromKst(c.paid_at),
      });
      expect(b.payments).toHaveLength(1);
      expect(b.payments[0]).toMatchObject({ cancelledAmount: 29000n, paidAt: fromKst(p.paid_at) });
      expect(b.cancellations[0]).toMatchObject({ status: "APPLIED" });
      expect(b.events.map((e) => e.type)).toEqual([
        "bill.created",
        "dozn.pay-result.C",
        "dozn.pay-result.P",
        "bill.cancel.settled",
        "bill.status",
      ]);
      expect(b.events[4]).toMatchObject({ message: "상태 변경: UNPAID → CANCELLED" });
    } finally {
      await other.$disconnect();
    }
  });
});
