import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestSandbox } from "@/sandbox/test-server";
import { createDoznClient } from "./client";

let sb: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(async () => {
  await fetch(`${sb.url}/__sandbox/dozn/state`, { method: "DELETE" });
  await fetch(`${sb.url}/__sandbox/faults`, { method: "DELETE" });
});
const arm = (f: Record<string, unknown>) =>
  fetch(`${sb.url}/__sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ provider: "dozn", ...f }),
  });

const client = (o: Partial<Parameters<typeof createDoznClient>[0]> = {}) =>
  createDoznClient({ baseUrl: sb.url, billerCode: "KCBILLER01", apiKey: "DEVDOZNAPIKEY0001", timeoutMs: 1000, ...o });
const bill = {
  billerUserKey: "CUST0001",
  billedYearMonth: "202607",
  billerNoticeKey: "INV-1",
  expireAt: new Date("2099-01-01T00:00:00Z"),
  parameters: { apt: "A101" },
};

describe("createDoznClient vs the sandbox agency", () => {
  it("createLink → ok with url; second create → E818 with action recreate; recreate → new url", async () => {
    const c = client();
    const r = await c.createLink(bill);
    expect(r).toMatchObject({ ok: true, resCode: "OK", billerNoticeKey: "INV-1", expireAtWire: "20990101090000" });
    if (!r.ok) return;
    expect(r.url).toMatch(/\/dozn\/bill\//);
    expect(r.expireAt.toISOString()).toBe("2099-01-01T00:00:00.000Z");
    const again = await c.createLink(bill);
    expect(again).toMatchObject({ ok: false, kind: "provider", code: "E818", action: "recreate", httpStatus: 200 });
    const re = await c.recreateLink(bill);
    expect(re.ok && re.url !== r.url).toBe(true);
  });

  it("recreate of an unknown bill → E812 with action create", async () => {
    const r = await client().recreateLink({ ...bill, billerNoticeKey: "NEVER" });
    expect(r).toMatchObject({
      ok: false,
      kind: "provider",
      code: "E812",
      action: "create",
      message: "[에이전시] 등록되지 않은 청구서입니다.",
    });
  });

  it("validation and config errors come back as provider codes", async () => {
    expect(await client({ billerCode: "NOBODY" }).createLink(bill)).toMatchObject({
      ok: false,
      kind: "provider",
      code: "E003",
      action: "check-config",
    });
    expect(await client({ apiKey: "wrong" }).createLink(bill)).toMatchObject({
      ok: false,
      kind: "provider",
      code: "E003",
      httpStatus: 401,
    });
    expect(await client().createLink({ ...bill, billerUserKey: "x".repeat(51) })).toMatchObject({
      kind: "provider",
      code: "E006",
    });
    expect(await client().createLink({ ...bill, billedYearMonth: "20267" })).toMatchObject({
      kind: "provider",
      code: "E007",
    });
    expect(await client().createLink({ ...bill, parameters: { apt: "TOOLONGVAL" } })).toMatchObject({
      kind: "provider",
      code: "E101",
      action: "fix-parameters",
    });
    expect(await client().createLink({ ...bill, expireAt: "2099" })).toMatchObject({ kind: "provider", code: "E007" });
  });

  it("faults: error → provider code; http500 → http; hang → timeout; closed port → network", async () => {
    await arm({ op: "create", mode: "error", code: "E817" });
    expect(await client().createLink(bill)).toMatchObject({
      ok: false,
      kind: "provider",
      code: "E817",
      action: "contact-agency",
    });
    await arm({ op: "create", mode: "http500" });
    expect(await client().createLink(bill)).toMatchObject({ ok: false, kind: "http", status: 500 });
    await arm({ op: "recreate", mode: "hang", delayMs: 1500 });
    expect(await client({ timeoutMs: 200 }).recreateLink(bill)).toMatchObject({
      ok: false,
      kind: "timeout",
      timeoutMs: 200,
      maybeReached: true,
    });
    expect(await client({ baseUrl: "http://127.0.0.1:9" }).createLink(bill)).toMatchObject({
      ok: false,
      kind: "network",
    });
  });

  it("timeout fault: the agency did create the link (reconciliation → E818 then recreate)", async () => {
    await arm({ op: "create", mode: "timeout", delayMs: 800 });
    expect(await client({ timeoutMs: 200 }).createLink(bill)).toMatchObject({ ok: false, kind: "timeout" });
    expect(await client().createLink(bill)).toMatchObject({ ok: false, code: "E818" });
    expect((await client().recreateLink(bill)).ok).toBe(true);
  });

  it("accepts a data field encoded as a JSON string (lenient) and reports junk as http", async () => {
    const fake =
      (body: string, status = 200): typeof fetch =>
      async () =>
        new Response(body, { status });
    const ok = await client({
      fetch: fake(JSON.stringify({ res_code: "OK", message: "성공", data: JSON.stringify({ url: "https://x/y" }) })),
    }).createLink(bill);
    expect(ok).toMatchObject({ ok: true, url: "https://x/y" });
    expect(await client({ fetch: fake("<html>") }).createLink(bill)).toMatchObject({
      ok: false,
      kind: "http",
      status: 200,
    });
    expect(
      await client({ fetch: fake(JSON.stringify({ res_code: "OK", message: "성공", data: null })) }).createLink(bill),
    ).toMatchObject({ ok: false, kind: "http" });
  });

  it("sends the seed's headers and envelope", async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const spy: typeof fetch = async (url, init) => {
      seen = { url: String(url), init: init! };
      return new Response(JSON.stringify({ res_code: "OK", message: "성공", data: { url: "u" } }));
    };
    await client({ fetch: spy, baseUrl: "https://test-bill.dozn.co.kr/" }).recreateLink({
      billerUserKey: "A",
      expireAt: "20200409235959",
    });
    expect(seen!.url).toBe("https://test-bill.dozn.co.kr/external/inquiry-payment/one-time/url/re/KCBILLER01");
    expect(seen!.init.headers).toMatchObject({
      "Content-Type": "application/json;charset=utf-8",
      Accept: "application/json;charset=utf-8",
      Authorization: "DEVDOZNAPIKEY0001",
    });
    expect(JSON.parse(String(seen!.init.body))).toEqual({
      data: { biller_user_key: "A", expire_at: "20200409235959" },
    });
  });
});
