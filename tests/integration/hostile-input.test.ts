// Hostile input, as an attacker sends it, to EVERY page, route handler and server action in app/
// (found by globbing the folder, so a new one is covered the day it is added): bad JSON, wrong
// types, control characters, malformed escapes, huge strings and bodies, impossible dates, forged
// cookies, other people's ids, wrong provider ids, spoofed X-Forwarded-For. Each request goes
// through proxy.ts first where `next start` would (tests/integration/next-harness.ts).
// Asserted: never a 5xx, never a thrown error or a broken stream (a connection reset), and the
// database invariants (no order without items, no payment without an order, every PAID order has a
// charged payment, bill totals equal their payments) are the same before and after. A 20 MB body
// to every POST route is refused while reading, without the process holding it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-harness").then((m) => m.nextHeaders));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, unstable_noStore: () => {} }));

import { db } from "@/lib/db";
import { env, resetEnvCache } from "@/lib/env";
import { login } from "@/lib/admin/sessions";
import { DEMO_ADMIN } from "@/lib/seed";
import { createOrder } from "@/lib/orders/create-order";
import { grant } from "@/lib/shop/order-access";
import { grantConsent } from "@/lib/consents/access";
import { actionCall, BASE, dispatch, pageCall, postRaw, routeCall, type Call, type Outcome } from "./next-harness";
import { AGENCY_AUTH } from "./bills-helpers";
import { buyer, demoProducts } from "./helpers";

type Mod = Record<string, unknown>;
const pageModules = import.meta.glob<Mod>("/app/**/page.tsx");
const layoutModules = import.meta.glob<Mod>("/app/**/layout.tsx");
const routeModules = import.meta.glob<Mod>("/app/**/route.ts");
const actionModules = import.meta.glob<Mod>("/app/**/actions.ts");

/** "/app/(shop)/orders/[orderNumber]/page.tsx" → { url: "/orders/[orderNumber]", params: ["orderNumber"] } */
function urlOf(file: string) {
  const segs = file
    .replace(/^\/app/, "")
    .split("/")
    .slice(0, -1)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  const url = `/${segs.join("/")}`.replace(/\/$/, "") || "/";
  return { url, params: segs.filter((s) => /^\[.+\]$/.test(s)).map((s) => s.slice(1, -1)) };
}
/** Paths proxy.ts's matcher leaves out (they read their own bodies with a cap). */
const unproxied = (url: string) => url.startsWith("/kakao/") || url === PROVIDER_RETURN;
/** Every payment provider's return (/pay/kakaopay/approve, KCP's POST to /pay/payup/return): tried as KCP's. */
const PROVIDER_RETURN = "/pay/[provider]/[step]";

// ------------------------------------------------------------------ hostile values
const HUGE = "가".repeat(20_000);
/** [raw path segment as sent, the value Next.js would pass as the param (when the proxy lets it through)] */
const PATH_VALUES: Array<[string, string]> = [
  ["%00", "\u0000"],
  ["abc%00def", "abc\u0000def"],
  ["%01%1F", "\u0001\u001f"],
  ["%7F", "\u007f"],
  ["line%0Abreak", "line\nbreak"],
  ["%E0%A4%A", "%E0%A4%A"],
  ["%ED%A0%80", "\ud800"],
  ["%", "%"],
  ["x".repeat(3000), "x".repeat(3000)],
  ["..%2F..%2Fetc%2Fpasswd", "../../etc/passwd"],
  ["'%20OR%201%3D1%20--", "' OR 1=1 --"],
  ["%3Cscript%3Ealert(1)%3C%2Fscript%3E", "<script>alert(1)</script>"],
  ["%F0%9F%99%82", "🙂"],
  ["KC000000-AAAAAA", "KC000000-AAAAAA"],
  ["ckzzzzzzzzzzzzzzzzzzzzzzz", "ckzzzzzzzzzzzzzzzzzzzzzzz"],
  ["__proto__", "__proto__"],
];
const QUERIES = [
  "from=2024-13-01",
  "to=0000-00-00",
  "from=2023-02-29&to=2024-02-30",
  "month=2024-13",
  "q=%00",
  "q=abc%01",
  `q=${"x".repeat(5000)}`,
  `q=${encodeURIComponent(HUGE.slice(0, 3000))}`,
  "q=%E0%A4%A",
  "page=-1&pageSize=1e9",
  "page=abc&pageSize=-5",
  "page=99999999999999999999",
  "status=HACKED&kind=%00",
  "status%5B%5D=PAID&q%5B%24ne%5D=1",
  "q=a&q=b&q=c",
  "%00=1",
  "%E0%A4%A=1",
  "payment=%00&pg_token=%00",
  "payment=ckzzzzzzzzzzzzzzzzzzzzzzz&pg_token=forged",
  `payment=${"p".repeat(500)}&pg_token=${"t".repeat(500)}`,
  "tx_id=%00&signature=x",
  `tx_id=${"t".repeat(2000)}&sig=${"s".repeat(5000)}&error=cancel`,
  "error=%3Cscript%3E&notice=%3Cimg%20src%3Dx%3E&code=__proto__",
  "notice=start_failed&code=constructor",
  "orderNumber=%00&order=KC%00&doc=..%2F..%2Fx",
  "added=1&error=toString",
  "customer=%00&from=20241301",
];
const COOKIES = [
  "kc_admin=garbage",
  `kc_admin=${"a".repeat(300)}`,
  "kc_orders=KC000000-AAAAAA~forgedsignature.KC261123-ABC234~",
  `kc_orders=${"KC000000-AAAAAA~x.".repeat(200)}`,
  "kc_cart=%7Bnot%20json",
  `kc_cart=${encodeURIComponent(
    JSON.stringify([
      ["x", 1e9],
      [null, -1],
      ["__proto__", 1],
    ]),
  )}`,
  `kc_cart=${encodeURIComponent(JSON.stringify({ a: 1 }))}`,
  "kc_consents=forged~forged",
  "kc_admin=%00; kc_orders=%01",
];
const XFF = [
  "1.2.3.4",
  "127.0.0.1, 10.0.0.1",
  "not-an-ip",
  `${"9.9.9.9,".repeat(500)}1.1.1.1`,
  "::1",
  "0.0.0.0",
  '\'; DROP TABLE "Order"; --',
];

// ------------------------------------------------------------------ invariants
async function invariants() {
  const q = async (sql: string) => Number(((await db.$queryRawUnsafe(sql)) as Array<{ n: bigint | number }>)[0]!.n);
  return {
    ordersWithoutItems: await q(
      `SELECT count(*) AS n FROM "Order" o WHERE NOT EXISTS (SELECT 1 FROM "OrderItem" i WHERE i."orderId" = o.id)`,
    ),
    paymentsWithoutOrder: await q(
      `SELECT count(*) AS n FROM "Payment" p WHERE NOT EXISTS (SELECT 1 FROM "Order" o WHERE o.id = p."orderId")`,
    ),
    paidOrdersWithoutChargedPayment: await q(
      `SELECT count(*) AS n FROM "Order" o WHERE o.status::text <> 'PENDING' AND NOT EXISTS (SELECT 1 FROM "Payment" p WHERE p."orderId" = o.id AND p.status::text IN ('APPROVED','PARTIALLY_CANCELLED','CANCELLED'))`,
    ),
    billTotalsNotTheirPayments: await q(
      `SELECT count(*) AS n FROM "Bill" b WHERE b."paidAmount"::numeric <> COALESCE((SELECT sum(p."payAmount"::numeric) FROM "BillPayment" p WHERE p."billId" = b.id AND p."payType" = 'P'), 0)`,
    ),
  };
}

// ------------------------------------------------------------------ fixtures
let adminCookie = "";
let customerCookie = "";
let someOrderNumber = "";
let somePaymentId = "";
let someConsentId = "ckzzzzzzzzzzzzzzzzzzzzzzz";
let before: Awaited<ReturnType<typeof invariants>>;
const savedEnv = { ...process.env };
const results: Array<{ what: string; outcome: Outcome }> = [];

function record(what: string, outcome: Outcome) {
  results.push({ what, outcome });
  return outcome;
}

function assertSurvived(what: string, o: Outcome) {
  const detail =
    o.thrown instanceof Error
      ? `${o.thrown.name}: ${o.thrown.message}\n${o.thrown.stack?.split("\n").slice(1, 4).join("\n")}`
      : String(o.thrown ?? o.body.slice(0, 300));
  expect(o.thrown, `${what} threw (a 500 or a reset in next start): ${detail}`).toBeUndefined();
  expect(o.status, `${what} answered ${o.status}: ${detail}`).toBeLessThan(500);
  expect(o.status, `${what} answered no status`).toBeGreaterThanOrEqual(200);
}

beforeAll(async () => {
  // Wrong passwords lock out fast (no scrypt per attempt once locked), as in production.
  process.env.RATE_LIMIT_LOGIN_PER_ACCOUNT_IP = "5/900/block=900";
  resetEnvCache();
  const s = await login({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password });
  if (!s.ok) throw new Error("demo admin login failed");
  adminCookie = `kc_admin=${s.value.token}`;
  const [p] = await demoProducts();
  const o = await createOrder({ buyer, lines: [{ productId: p!.id, quantity: 1 }] });
  if (!o.ok) throw new Error(o.error.message);
  someOrderNumber = o.value.orderNumber;
  customerCookie = `kc_orders=${grant(env().APP_SECRET, undefined, someOrderNumber)}`;
  const pay = await db.payment.findFirst({ select: { id: true } });
  somePaymentId = pay?.id ?? "ckzzzzzzzzzzzzzzzzzzzzzzz";
  const c = await db.consentRequest.findFirst({ select: { id: true } });
  if (c) someConsentId = c.id;
  customerCookie += `; kc_consents=${grantConsent(env().APP_SECRET, undefined, someConsentId)}`;
  before = await invariants();
});

afterAll(async () => {
  process.env.RATE_LIMIT_LOGIN_PER_ACCOUNT_IP = savedEnv.RATE_LIMIT_LOGIN_PER_ACCOUNT_IP;
  resetEnvCache();
  const after = await invariants();
  expect(after).toEqual(before);
});

const fill = (url: string, value: string) => url.replace(/\[[^\]]+\]/g, value);
const realParam = (name: string) =>
  name === "orderNumber"
    ? someOrderNumber
    : name === "slug"
      ? "no-such-product"
      : name === "paymentId"
        ? somePaymentId
        : name === "id"
          ? someConsentId
          : name === "provider"
            ? "payup"
            : name === "step"
              ? "return"
              : "x";

// ------------------------------------------------------------------ pages (and layouts)
describe("pages", async () => {
  const files = Object.keys(pageModules).sort();
  it("finds the app's pages", () => expect(files.length).toBeGreaterThan(15));

  for (const file of files) {
    const { url, params } = urlOf(file);
    it(`${url}: hostile paths, queries, cookies and X-Forwarded-For`, async () => {
      const Page = (await pageModules[file]!()).default as (p: never) => unknown;
      const call = (values: Record<string, string>) => pageCall(Page, values);
      const ok = Object.fromEntries(params.map((p) => [p, realParam(p)]));
      const asAdmin = url.startsWith("/admin") ? adminCookie : customerCookie;
      const go = async (path: string, values: Record<string, string>, headers: Record<string, string> = {}) => {
        const what = `GET ${path.slice(0, 120)} ${JSON.stringify(headers).slice(0, 80)}`;
        const o = record(
          what,
          await dispatch(
            new Request(`${BASE}${path}`, { headers: { accept: "text/html", cookie: asAdmin, ...headers } }),
            call(values),
          ),
        );
        assertSurvived(what, o);
        return o;
      };
      if (params.length)
        for (const [raw, decoded] of PATH_VALUES)
          await go(fill(url, raw), Object.fromEntries(params.map((p) => [p, decoded])));
      const plain = fill(url, ok[params[0] ?? ""] ?? "x");
      for (const q of QUERIES) await go(`${plain}?${q}`, ok);
      for (const cookie of COOKIES) await go(plain, ok, { cookie });
      for (const xff of XFF) await go(plain, ok, { "x-forwarded-for": xff });
      // the proxy refuses control characters and impossible dates before the page runs
      const refused = await go(`${plain}?from=2024-13-01`, ok);
      expect(refused.status).toBe(400);
    });
  }

  it("layouts survive forged cookies", async () => {
    for (const file of Object.keys(layoutModules)) {
      const Layout = (await layoutModules[file]!()).default as (p: never) => unknown;
      if (file === "/app/layout.tsx") continue; // awaits connection(): needs a real Next.js request
      for (const cookie of [...COOKIES, adminCookie]) {
        const what = `layout ${file} cookie=${cookie.slice(0, 40)}`;
        assertSurvived(
          what,
          record(
            what,
            await dispatch(new Request(`${BASE}/`, { headers: { cookie } }), pageCall(Layout), { proxied: false }),
          ),
        );
      }
    }
  });
});

// ------------------------------------------------------------------ route handlers
const JSON_BODIES: Array<[string, string]> = [
  ["empty", ""],
  ["truncated JSON", '{"data": {"biller_user_key": "A'],
  ["null", "null"],
  ["array", "[1,2,3]"],
  ["string", '"data"'],
  ["1e400", "1e400"],
  ["data null", '{"data":null}'],
  ["data array", '{"data":[]}'],
  [
    "wrong types",
    '{"data":{"biller_user_key":123,"user_birth":true,"pay_amount":"many","pay_id":-1},"amount":"1000","taxFree":null,"reason":[],"idempotencyKey":{}}',
  ],
  [
    "NUL via escape",
    '{"data":{"biller_user_key":"\\u0000","user_birth":"19900301"},"reason":"\\u0000","idempotencyKey":"\\u0000"}',
  ],
  ["control chars", '{"data":{"biller_user_key":"A\\u0001B","billed_year_month":"2024\\u0007"}}'],
  [
    "impossible dates",
    '{"data":{"biller_user_key":"A","user_birth":"19901331","paid_at":"00010101000000","adjust_date":"20241301","pay_id":1,"pay_type":"P","pay_amount":1}}',
  ],
  ["huge numbers", '{"data":{"pay_amount":2147483648,"pay_fee":9007199254740993,"pay_id":1e30},"amount":1e308}'],
  ["lone surrogate", '{"data":{"biller_user_key":"\\ud800"}}'],
  ["huge string", JSON.stringify({ data: { biller_user_key: "x".repeat(70_000) } })],
  ["deep nesting", `${"[".repeat(50_000)}${"]".repeat(50_000)}`],
  [
    "prototype pollution",
    '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},"data":{"__proto__":{"a":1}}}',
  ],
];
const FORM_BODIES: Array<[string, string]> = [
  ["empty", ""],
  ["NUL", "ordr_idxx=%00&res_cd=0000"],
  ["control", "ordr_idxx=A%01B&res_cd=3001&res_msg=%07"],
  ["bad escape", "ordr_idxx=%E0%A4%A&res_cd=%"],
  ["unknown order", "ordr_idxx=20990101000000001&res_cd=3001&res_msg=cancel"],
  ["forged success", "ordr_idxx=20990101000000001&res_cd=0000&enc_info=x&enc_data=y&tran_cd=00100000&good_mny=-1"],
  ["huge field", `ordr_idxx=${"1".repeat(60_000)}`],
  ["many fields", Array.from({ length: 3000 }, (_, i) => `f${i}=${i}`).join("&")],
  ["euc-kr junk", "res_msg=%B0%A1%FF%FF%FE&ordr_idxx=1"],
];
const CONTENT_TYPES = [
  "application/json;charset=utf-8",
  "application/x-www-form-urlencoded",
  "text/plain",
  "multipart/form-data; boundary=x",
  "application/json; charset=euc-kr",
  "",
];

describe("route handlers", async () => {
  const files = Object.keys(routeModules).sort();
  it("finds the app's route handlers", () => expect(files.length).toBeGreaterThan(12));

  for (const file of files) {
    const { url, params } = urlOf(file);
    it(`${url}: hostile params, queries, bodies, cookies and X-Forwarded-For`, async () => {
      const mod = await routeModules[file]!();
      const ok = Object.fromEntries(params.map((p) => [p, realParam(p)]));
      for (const method of ["GET", "POST"] as const) {
        const handler = mod[method] as ((req: Request, ctx: never) => Promise<Response>) | undefined;
        if (!handler) continue;
        const isAgency = url.startsWith("/kakao/");
        const base = {
          cookie: url.includes("admin") ? adminCookie : customerCookie,
          ...(isAgency ? { authorization: AGENCY_AUTH, "x-forwarded-for": "127.0.0.1" } : {}),
        };
        const go = async (
          path: string,
          values: Record<string, string>,
          init: { headers?: Record<string, string>; body?: string } = {},
          proxied = !unproxied(url),
        ) => {
          const headers = { ...base, ...init.headers };
          const req =
            method === "GET" ? new Request(`${BASE}${path}`, { headers }) : postRaw(path, init.body ?? null, headers);
          const what = `${method} ${path.slice(0, 100)} ${JSON.stringify(init).slice(0, 100)}${proxied ? "" : " (handler only)"}`;
          const o = record(what, await dispatch(req, routeCall(handler as never, values), { proxied }));
          assertSurvived(what, o);
          return o;
        };
        if (params.length) {
          for (const [raw, decoded] of PATH_VALUES) {
            const values = Object.fromEntries(params.map((p) => [p, decoded]));
            await go(fill(url, raw), values);
            await go(fill(url, raw), values, {}, false); // the handler alone: its own input layer
          }
        }
        const plain = fill(url, ok[params[0] ?? ""] ?? "x");
        for (const q of QUERIES) {
          await go(`${plain}?${q}`, ok);
          await go(`${plain}?${q}`, ok, {}, false);
        }
        for (const cookie of COOKIES) await go(plain, ok, { headers: { cookie } });
        for (const xff of XFF) await go(plain, ok, { headers: { "x-forwarded-for": xff } });
        if (method === "POST") {
          const bodies = url === PROVIDER_RETURN ? FORM_BODIES : JSON_BODIES;
          for (const [, body] of bodies) {
            for (const type of CONTENT_TYPES)
              await go(plain, ok, { body, headers: type ? { "content-type": type } : {} });
          }
          if (isAgency) {
            for (const authorization of ["", "Bearer wrong", `Bearer ${"x".repeat(10_000)}`, "Basic %00"])
              await go(plain, ok, {
                body: '{"data":{}}',
                headers: { authorization, "content-type": "application/json" },
              });
          }
        }
      }
    });
  }
});

// ------------------------------------------------------------------ server actions
const FIELD_NAMES = [
  "name",
  "phone",
  "email",
  "method",
  "productId",
  "quantity",
  "buyNow",
  "orderNumber",
  "id",
  "paymentId",
  "billId",
  "payload",
  "expireAt",
  "mode",
  "amount",
  "taxFree",
  "reason",
  "idempotencyKey",
  "password",
  "birthday",
  "bankName",
  "accountNumber",
  "accountHolder",
  "order",
  "document",
  "agree",
  "channel",
];
const BASELINE: Record<string, string> = {
  name: "김카카오",
  phone: "010-1234-5678",
  email: "buyer@example.com",
  method: "kakaopay",
  productId: "x",
  quantity: "1",
  orderNumber: "KC000000-AAAAAA",
  id: "ckzzzzzzzzzzzzzzzzzzzzzzz",
  paymentId: "ckzzzzzzzzzzzzzzzzzzzzzzz",
  billId: "ckzzzzzzzzzzzzzzzzzzzzzzz",
  payload: "{}",
  expireAt: "2099-01-01T10:00",
  mode: "create",
  amount: "1000",
  taxFree: "0",
  reason: "테스트",
  idempotencyKey: randomUUID(),
  password: "wrong-password",
  birthday: "1990-01-31",
  bankName: "KB국민은행",
  accountNumber: "123456-01-234567",
  accountHolder: "김카카오",
  order: "",
  document: "service-contract",
  agree: "on",
  channel: "talk",
};
const FIELD_VALUES = [
  "\u0000",
  "a\u0000b",
  "\u0001\u001f",
  "\u007f",
  "line\nbreak\ttab",
  "\ud800",
  HUGE,
  "2024-13-01",
  "0000-00-00",
  "2023-02-29T25:61",
  "19901331",
  "-1",
  "1e309",
  "NaN",
  "99999999999999999999",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  '{"__proto__":{"x":1}}',
  '[["x",1e9]]',
  "",
];
const PAYLOADS = [
  '{"title":"a\\u0000b"}',
  '{"payExpireDate":"20241301","amount":-1}',
  "[]",
  "null",
  "{",
  `{"details":${"[".repeat(10000)}${"]".repeat(10000)}}`,
  JSON.stringify({
    customerKey: "C1",
    title: "t",
    amount: 2 ** 53,
    details: [{ type: "TEXT", title: "x", lines: ["a\u0001"] }],
  }),
];

describe("server actions", async () => {
  const files = Object.keys(actionModules).sort();
  it("finds the app's server actions", () => expect(files.length).toBeGreaterThanOrEqual(5));

  for (const file of files) {
    it(`${file}: every action with hostile fields, forged cookies and X-Forwarded-For`, async () => {
      const mod = await actionModules[file]!();
      const path = urlOf(file.replace(/actions\.ts$/, "page.tsx")).url.replace(/\[[^\]]+\]/g, "x");
      const asAdmin = file.startsWith("/app/admin") ? adminCookie : customerCookie;
      for (const [name, fn] of Object.entries(mod)) {
        if (typeof fn !== "function") continue;
        const action = fn as (...a: never[]) => Promise<unknown>;
        const call: Call = actionCall(action, action.length >= 2 ? { prevState: {} } : {});
        const go = async (fields: Record<string, string>, headers: Record<string, string> = {}) => {
          const form = new FormData();
          for (const [k, v] of Object.entries(fields)) form.append(k, v);
          const what = `action ${name} ${JSON.stringify(fields).slice(0, 120)} ${JSON.stringify(headers).slice(0, 60)}`;
          const req = new Request(`${BASE}${path}`, {
            method: "POST",
            body: form,
            headers: { "next-action": name, cookie: asAdmin, ...headers },
          });
          const o = record(what, await dispatch(req, call));
          assertSurvived(what, o);
        };
        // every field hostile at once, then one field at a time on an otherwise plausible form
        for (const v of FIELD_VALUES) await go(Object.fromEntries(FIELD_NAMES.map((f) => [f, v])));
        for (const f of FIELD_NAMES)
          for (const v of ["\u0000", HUGE, "2024-13-01", "-1"]) await go({ ...BASELINE, [f]: v });
        if (name === "saveBillAction") for (const payload of PAYLOADS) await go({ ...BASELINE, payload });
        await go({}, {});
        await go(
          { ...BASELINE, orderNumber: someOrderNumber, paymentId: somePaymentId, id: someConsentId },
          { cookie: COOKIES[2]! },
        ); // someone else's ids, forged access
        for (const cookie of COOKIES) await go(BASELINE, { cookie });
        for (const xff of XFF) await go(BASELINE, { "x-forwarded-for": xff });
      }
    });
  }
});

describe("the input layer leaves a form's own answers alone", () => {
  it("a mistyped date in a consent form gets the form's field message, not a generic refusal", async () => {
    const { requestCmsAction } = await import("@/app/(shop)/consents/actions");
    const form = {
      name: "오입력",
      phone: "02-123-4567",
      birthday: "1990-13-01",
      bankName: "",
      accountNumber: "12-3",
      accountHolder: "오입력",
    };
    const o = await dispatch(
      new Request(`${BASE}/consents/auto-debit`, {
        method: "POST",
        body: Object.entries(form).reduce((f, [k, v]) => (f.append(k, v), f), new FormData()),
        headers: { "next-action": "x" },
      }),
      actionCall(requestCmsAction as never, { prevState: {} }),
    );
    const state = JSON.parse(o.body) as { error?: string; fieldErrors?: Record<string, string> };
    expect(state.fieldErrors?.birthday).toBeTruthy();
    expect(state.fieldErrors?.phone).toBeTruthy();
    expect(state.error).not.toMatch(/사용할 수 없는 문자|존재하지 않는 날짜/);
  });
});

// ------------------------------------------------------------------ 20 MB bodies
describe("a 20 MB body to every POST route is refused while reading", async () => {
  beforeAll(async () => {
    // the server actions above include logout: a fresh staff session
    const s = await login({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password });
    if (!s.ok) throw new Error("demo admin login failed");
    adminCookie = `kc_admin=${s.value.token}`;
  });

  const posts = Object.keys(routeModules)
    .sort()
    .map((file) => ({ file, ...urlOf(file) }));

  /** A lazily generated body that counts what the handler pulled. */
  function bigBody(total = 20 * 1024 * 1024) {
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent >= total) return c.close();
        sent += chunk.byteLength;
        c.enqueue(chunk);
      },
    });
    return { stream, pulled: () => sent };
  }

  for (const { file, url, params } of posts) {
    it(`${url}`, async () => {
      const handler = (await routeModules[file]!()).POST as
        ((req: Request, ctx: never) => Promise<Response>) | undefined;
      if (!handler) return;
      const values = Object.fromEntries(params.map((p) => [p, realParam(p)]));
      const path = fill(url, values[params[0] ?? ""] ?? "x");
      const type = url === PROVIDER_RETURN ? "application/x-www-form-urlencoded" : "application/json";
      const headers = {
        "content-type": type,
        cookie: url.includes("admin") ? adminCookie : customerCookie,
        authorization: AGENCY_AUTH,
        "x-forwarded-for": "127.0.0.1",
      };
      (globalThis as { gc?: () => void }).gc?.();
      const rssBefore = process.memoryUsage().rss;
      for (const declared of [true, false]) {
        const body = bigBody();
        const h: Record<string, string> = declared
          ? { ...headers, "content-length": String(20 * 1024 * 1024) }
          : headers;
        const req = postRaw(path, body.stream, h);
        const o = record(
          `POST ${path} 20 MB (${declared ? "Content-Length" : "chunked"})`,
          await dispatch(req, routeCall(handler as never, values), { proxied: false }),
        );
        assertSurvived(`POST ${path} 20 MB`, o);
        if (declared) {
          // refused: 413, or the agency's envelope (HTTP 200, E006) on /kakao/*
          if (url.startsWith("/kakao/")) expect(JSON.parse(o.body).res_code).toBe("E006");
          else expect(o.status, `POST ${path} 20 MB answered ${o.status}: ${o.body.slice(0, 200)}`).toBe(413);
        }
        // Read at most the cap (64 KB) plus what the stream had queued: never the 20 MB.
        expect(body.pulled(), `${url} pulled ${body.pulled()} bytes`).toBeLessThan(1024 * 1024);
      }
      const grew = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
      console.log(`20 MB POST ${url}: RSS ${grew >= 0 ? "+" : ""}${grew.toFixed(1)} MB`);
      expect(grew, `${url}: RSS grew ${grew.toFixed(1)} MB`).toBeLessThan(16);
    });
  }
});

describe("the suite's size", () => {
  it("sent a few hundred hostile requests at least", () => {
    const byStatus: Record<number, number> = {};
    for (const r of results) byStatus[r.outcome.status] = (byStatus[r.outcome.status] ?? 0) + 1;
    console.log(`hostile-input: ${results.length} requests, by status ${JSON.stringify(byStatus)}`);
    expect(results.length).toBeGreaterThan(1000);
  });
});
