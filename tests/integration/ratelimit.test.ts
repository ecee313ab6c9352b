// Rate limits as a customer, an attacker and a staff member meet them: counters in PostgreSQL
// (shared by every instance), consent requests per phone with no provider call past the limit,
// order-lookup lockout after wrong phone numbers, admin login lockout per account+IP checked
// before the password is hashed, checkout per IP, and 429 + Retry-After from route handlers.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-harness").then((m) => m.nextHeaders));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { checkLock, clearFailures, hit, recordFailure, requestIp, retryAfterOf, subjectKey } from "@/lib/ratelimit";
import { DEMO_ADMIN } from "@/lib/seed";
import { createOrder } from "@/lib/orders/create-order";
import { requestCmsAction, requestESignAction } from "@/app/(shop)/consents/actions";
import { checkoutAction, lookupOrderAction } from "@/app/(shop)/actions";
import { loginAction } from "@/app/admin/actions";
import { POST as consentRefresh } from "@/app/api/consents/[id]/refresh/route";
import { actionCall, dispatch, postForm, postRaw, routeCall } from "./next-harness";
import { buyer, demoProducts, sandboxUrl } from "./helpers";
import { cmsForm, esignForm } from "./consents-helpers";

const saved: Record<string, string | undefined> = {};
function setLimits(limits: Record<string, string>) {
  for (const [k, v] of Object.entries(limits)) {
    if (!(k in saved)) saved[k] = process.env[k];
    process.env[k] = v;
  }
  resetEnvCache();
}
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
});

const uniquePhone = () => `010${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
const ip = () => `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

async function sandboxRequestsFor(phone: string): Promise<number> {
  const r = await fetch(`${sandboxUrl()}/__sandbox/linkhub/requests?phone=${phone}`);
  return ((await r.json()) as { requests: unknown[] }).requests.length;
}

describe("the counters live in PostgreSQL", () => {
  beforeAll(() => setLimits({ RATE_LIMIT_CONSENT_PER_PHONE: "3/600" }));

  it("counts per subject across limiter objects (as several instances would), stores no phone number", async () => {
    const phone = uniquePhone();
    expect((await hit("consentPerPhone", phone)).ok).toBe(true);
    // Another "instance": its own pool and limiter objects, same table.
    const other = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    const { RateLimiterPostgres } = await import("rate-limiter-flexible");
    const second = new RateLimiterPostgres({
      storeClient: other,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: "consentPerPhone",
      points: 3,
      duration: 600,
      clearExpiredByTimeout: false,
    });
    await second.consume(subjectKey(phone));
    expect((await hit("consentPerPhone", phone)).ok).toBe(true); // the third
    const fourth = await hit("consentPerPhone", phone);
    expect(fourth).toMatchObject({ ok: false, error: { code: "RATE_LIMITED", details: { limit: "consentPerPhone" } } });
    if (!fourth.ok) {
      expect(retryAfterOf(fourth.error)).toBeGreaterThan(590);
      expect(retryAfterOf(fourth.error)).toBeLessThanOrEqual(600);
      expect(fourth.error.message).toMatch(/요청이 너무 많습니다. \d+분 후에 다시 시도해 주세요./);
    }
    const rows = await other.query<{ key: string; points: number }>(
      `SELECT key, points FROM rate_limits WHERE key = $1`,
      [`consentPerPhone:${subjectKey(phone)}`],
    );
    expect(rows.rows[0]?.points).toBe(4);
    const all = await other.query<{ key: string }>(`SELECT key FROM rate_limits`);
    expect(all.rows.some((r) => r.key.includes(phone))).toBe(false);
    await other.end();
  });

  it("a failure limit locks for its block length after the last failure, and a success clears it", async () => {
    setLimits({ RATE_LIMIT_LOOKUP_PER_ORDER: "3/60/block=900" });
    const subject = `KC000000-${randomUUID().slice(0, 6)}`;
    expect((await recordFailure("lookupPerOrder", subject)).ok).toBe(true);
    expect((await recordFailure("lookupPerOrder", subject)).ok).toBe(true);
    const third = await recordFailure("lookupPerOrder", subject);
    expect(third.ok).toBe(false);
    const lock = await checkLock("lookupPerOrder", subject);
    expect(lock.ok).toBe(false);
    if (!lock.ok) expect(retryAfterOf(lock.error)).toBeGreaterThan(800); // the block, not the 60 s window
    await clearFailures("lookupPerOrder", subject);
    expect((await checkLock("lookupPerOrder", subject)).ok).toBe(true);
  });

  it("client IPs come from X-Forwarded-For past trusted proxies; anything else is 'unknown'", () => {
    expect(requestIp("198.51.100.7", [])).toBe("198.51.100.7");
    expect(requestIp("1.2.3.4, 198.51.100.7, 10.0.0.1", ["10.0.0.1"])).toBe("198.51.100.7");
    expect(requestIp("not-an-ip", [])).toBe("unknown");
    expect(requestIp(null, [])).toBe("unknown");
    expect(requestIp(`${"1.1.1.1,".repeat(5000)}x`, [])).toBe("unknown");
  });
});

describe("consent requests", () => {
  beforeAll(() => setLimits({ RATE_LIMIT_CONSENT_PER_PHONE: "3/600", RATE_LIMIT_CONSENT_PER_IP: "1000/600" }));

  it("a phone number gets at most 3 requests in 10 minutes; the 4th is refused with no provider call and no record", async () => {
    const phone = uniquePhone();
    const from = ip();
    for (let i = 0; i < 3; i++) {
      const form = i % 2 ? esignForm({ phone }) : cmsForm({ phone });
      const action = i % 2 ? requestESignAction : requestCmsAction;
      const r = await dispatch(
        postForm("/consents/sign", form, { "x-forwarded-for": from }),
        actionCall(action, { prevState: {} }),
      );
      expect(r.status, r.body).toBe(307); // on to the waiting screen
    }
    expect(await sandboxRequestsFor(phone)).toBe(3);
    const rows = await db.consentRequest.count({ where: { customerPhone: phone } });
    // the 4th, even from another IP
    const r = await dispatch(
      postForm("/consents/sign", esignForm({ phone }), { "x-forwarded-for": ip() }),
      actionCall(requestESignAction, { prevState: {} }),
    );
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).error).toMatch(/요청이 너무 많습니다\. \d+분 후에 다시 시도해 주세요\./);
    expect(await sandboxRequestsFor(phone)).toBe(3);
    expect(await db.consentRequest.count({ where: { customerPhone: phone } })).toBe(rows);
  });

  it("one IP cannot spray many phone numbers", async () => {
    setLimits({ RATE_LIMIT_CONSENT_PER_IP: "2/600" });
    const from = ip();
    const phones = [uniquePhone(), uniquePhone(), uniquePhone()];
    const answers = [];
    for (const phone of phones)
      answers.push(
        await dispatch(
          postForm("/consents/sign", esignForm({ phone }), { "x-forwarded-for": from }),
          actionCall(requestESignAction, { prevState: {} }),
        ),
      );
    expect(answers.map((a) => a.status)).toEqual([307, 307, 200]);
    expect(await sandboxRequestsFor(phones[2]!)).toBe(0);
  });
});

describe("order lookup", () => {
  beforeAll(() => setLimits({ RATE_LIMIT_LOOKUP_PER_ORDER: "5/900/block=900", RATE_LIMIT_LOOKUP_PER_IP: "1000/600" }));

  it("5 wrong phone numbers lock the order's lookup — even for the right number, from any IP — until the lock ends", async () => {
    const [p] = await demoProducts();
    const created = await createOrder({
      buyer: { ...buyer, phone: "010-7777-1234" },
      lines: [{ productId: p!.id, quantity: 1 }],
    });
    if (!created.ok) throw new Error(created.error.message);
    const orderNumber = created.value.orderNumber;
    const lookup = (phone: string, from = ip()) =>
      dispatch(
        postForm("/orders/lookup", { orderNumber, phone }, { "x-forwarded-for": from }),
        actionCall(lookupOrderAction, { prevState: {} }),
      );
    for (let i = 0; i < 4; i++) {
      const r = await lookup(`010-0000-000${i}`);
      expect(JSON.parse(r.body).error).toBe("일치하는 주문이 없습니다. 주문번호와 휴대폰 번호를 확인해 주세요.");
    }
    const fifth = await lookup("010-0000-0009");
    expect(JSON.parse(fifth.body).error).toMatch(/조회가 잠시 잠겼습니다\. 15분 후에 다시 시도해 주세요\./);
    const right = await lookup("010-7777-1234");
    expect(right.status).toBe(200);
    expect(JSON.parse(right.body).error).toMatch(/잠시 잠겼습니다/);
    expect(right.setCookies.size).toBe(0); // no access granted
    // A different order is not affected; the right number opens it and clears its failures.
    const other = await createOrder({
      buyer: { ...buyer, phone: "010-7777-5678" },
      lines: [{ productId: p!.id, quantity: 1 }],
    });
    if (!other.ok) throw new Error(other.error.message);
    const ok = await dispatch(
      postForm("/orders/lookup", { orderNumber: other.value.orderNumber, phone: "010-7777-5678" }),
      actionCall(lookupOrderAction, { prevState: {} }),
    );
    expect(ok.status).toBe(307);
    expect(ok.location).toBe(`/orders/${other.value.orderNumber}`);
  });

  it("lookups per IP are limited", async () => {
    setLimits({ RATE_LIMIT_LOOKUP_PER_IP: "3/600" });
    const from = ip();
    const results = [];
    for (let i = 0; i < 4; i++) {
      const r = await dispatch(
        postForm(
          "/orders/lookup",
          { orderNumber: `KC990101-ZZZZZ${i}`, phone: "010-1111-2222" },
          { "x-forwarded-for": from },
        ),
        actionCall(lookupOrderAction, { prevState: {} }),
      );
      results.push(JSON.parse(r.body).error as string);
    }
    expect(results.slice(0, 3).every((e) => e.startsWith("일치하는 주문이 없습니다"))).toBe(true);
    expect(results[3]).toMatch(/요청이 너무 많습니다/);
  });
});

describe("admin login", () => {
  beforeAll(() =>
    setLimits({ RATE_LIMIT_LOGIN_PER_ACCOUNT_IP: "5/900/block=900", RATE_LIMIT_LOGIN_PER_IP: "1000/3600/block=3600" }),
  );

  it("5 wrong passwords lock that account from that IP (checked before hashing); the owner elsewhere still logs in", async () => {
    const attacker = ip();
    const login = (password: string, from: string) =>
      dispatch(
        postForm("/admin/login", { email: DEMO_ADMIN.email, password }, { "x-forwarded-for": from }),
        actionCall(loginAction, { prevState: {} }),
      );
    for (let i = 0; i < 4; i++)
      expect(JSON.parse((await login(`wrong-${i}`, attacker)).body).error).toBe(
        "이메일 또는 비밀번호가 올바르지 않습니다.",
      );
    expect(JSON.parse((await login("wrong-5", attacker)).body).error).toMatch(
      /로그인에 여러 번 실패해 잠시 로그인할 수 없습니다\. 15분 후에/,
    );
    // Locked: even the right password is refused, and fast (no scrypt at N=2^17 is run).
    const started = performance.now();
    const locked = await login(DEMO_ADMIN.password, attacker);
    const ms = performance.now() - started;
    expect(JSON.parse(locked.body).error).toMatch(/잠시 로그인할 수 없습니다/);
    expect(locked.setCookies.size).toBe(0);
    expect(ms).toBeLessThan(150);
    // The owner from their own address is not locked out.
    const owner = await login(DEMO_ADMIN.password, ip());
    expect(owner.status).toBe(307);
    expect(owner.setCookies.get("kc_admin")).toBeTruthy();
  });
});

describe("checkout", () => {
  it("orders created per IP are limited; a refused checkout writes nothing", async () => {
    setLimits({ RATE_LIMIT_CHECKOUT_PER_IP: "2/600" });
    const [p] = await demoProducts();
    const from = ip();
    const cart = `kc_cart=${encodeURIComponent(JSON.stringify([[p!.id, 1]]))}`;
    const phone = uniquePhone();
    const checkout = () =>
      dispatch(
        postForm(
          "/checkout",
          { name: "김카카오", phone, email: "buyer@example.com", method: "kakaopay" },
          { "x-forwarded-for": from, cookie: cart },
        ),
        actionCall(checkoutAction, { prevState: {} }),
      );
    const first = await checkout();
    const second = await checkout();
    const before = await db.order.count({ where: { buyerPhone: phone } });
    const third = await checkout();
    expect([first.status, second.status]).toEqual([expect.any(Number), expect.any(Number)]);
    expect(first.thrown).toBeUndefined();
    expect(third.status).toBe(200);
    expect(JSON.parse(third.body).error).toMatch(/요청이 너무 많습니다/);
    expect(await db.order.count({ where: { buyerPhone: phone } })).toBe(before);
  });
});

describe("route handlers answer 429 with Retry-After", () => {
  it("the consent poll, per IP", async () => {
    setLimits({
      RATE_LIMIT_CONSENT_REFRESH_PER_IP: "2/60",
      RATE_LIMIT_CONSENT_PER_IP: "1000/600",
      RATE_LIMIT_CONSENT_PER_PHONE: "3/600",
    });
    const phone = uniquePhone();
    const made = await dispatch(
      postForm("/consents/sign", esignForm({ phone }), { "x-forwarded-for": ip() }),
      actionCall(requestESignAction, { prevState: {} }),
    );
    expect(made.status, made.body).toBe(307);
    const id = made.location!.split("/").pop()!;
    const cookie = `kc_consents=${made.setCookies.get("kc_consents")}`;
    const from = ip();
    const poll = () =>
      dispatch(
        postRaw(`/api/consents/${id}/refresh`, null, { cookie, "x-forwarded-for": from }),
        routeCall(consentRefresh as never, { id }),
      );
    expect((await poll()).status).toBe(200);
    expect((await poll()).status).toBe(200);
    const third = await poll();
    expect(third.status).toBe(429);
    expect(JSON.parse(third.body).error).toMatchObject({ code: "RATE_LIMITED" });
    expect(JSON.parse(third.body).error.message).toMatch(/요청이 너무 많습니다\. \d+(초|분) 후에 다시 시도해 주세요\./);
    // Retry-After is on the response itself
    const res = await consentRefreshDirect(id, cookie, from);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(60);
  });
});

async function consentRefreshDirect(id: string, cookie: string, from: string): Promise<Response> {
  let res: Response | undefined;
  await dispatch(postRaw(`/api/consents/${id}/refresh`, null, { cookie, "x-forwarded-for": from }), async (req) => {
    res = await (consentRefresh as unknown as (r: Request, c: unknown) => Promise<Response>)(req, {
      params: Promise.resolve({ id }),
    });
    return res.clone();
  });
  return res!;
}
