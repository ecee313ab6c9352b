import { describe, expect, it } from "vitest";
import { createKakaoPayGateway, parseKst } from "./client";

const fakeFetch = (status: number, body: unknown, delayMs = 0): typeof fetch =>
  (async (_url: string, init?: RequestInit) => {
    if (delayMs) {
      await new Promise((resolve, reject) => {
        const t = setTimeout(resolve, delayMs);
        init?.signal?.addEventListener("abort", () => {
          clearTimeout(t);
          reject(new DOMException("aborted", "AbortError"));
        });
      });
    }
    return new Response(typeof body === "string" ? body : JSON.stringify(body), { status });
  }) as unknown as typeof fetch;

const gw = (f: typeof fetch) => createKakaoPayGateway({ baseUrl: "http://kakaopay.test", secretKey: "k", cid: "TC0ONETIME", timeoutMs: 200, fetchImpl: f });
const lookup = (f: typeof fetch) => gw(f).lookup({ providerTxId: "T1", providerData: null, expectedTotal: 1000 });

describe("KakaoPay client", () => {
  it("reads KakaoPay's zone-less KST timestamps", () => {
    expect(parseKst("2023-10-28T23:30:57")?.toISOString()).toBe("2023-10-28T14:30:57.000Z");
    expect(parseKst("garbage")).toBeUndefined();
  });

  it("classifies failures: 401 → config, 4xx → declined, 5xx / timeout / unreadable → unknown", async () => {
    const auth = await lookup(fakeFetch(401, { error_code: -401, error_message: "invalid key" }));
    expect(!auth.ok && auth.failure.kind).toBe("config");
    const declined = await lookup(fakeFetch(400, { error_code: -780, error_message: "approval failure!", extras: { method_result_code: "USER_LOCKED" } }));
    expect(!declined.ok && declined.failure).toMatchObject({ kind: "declined", code: "-780" });
    expect(!declined.ok && declined.log.detail).toEqual({ method_result_code: "USER_LOCKED" });
    const down = await lookup(fakeFetch(503, "<html>busy</html>"));
    expect(!down.ok && down.failure).toMatchObject({ kind: "unknown", code: "HTTP_503" });
    const slow = await lookup(fakeFetch(200, {}, 1000));
    expect(!slow.ok && slow.failure).toMatchObject({ kind: "unknown", code: "TIMEOUT" });
    const garbled = await lookup(fakeFetch(200, { tid: 1 }));
    expect(!garbled.ok && garbled.failure).toMatchObject({ kind: "unknown", code: "BAD_RESPONSE" });
  });

  it("maps order statuses to the states the payment logic needs", async () => {
    const base = { tid: "T1", cid: "TC0ONETIME", partner_order_id: "o", partner_user_id: "u" };
    const amount = { total: 1000, tax_free: 0, vat: 91, point: 0, discount: 0, green_deposit: 0 };
    const cases: Array<[string, string]> = [
      ["READY", "pending"],
      ["AUTH_PASSWORD", "pending"],
      ["QUIT_PAYMENT", "aborted"],
      ["FAIL_PAYMENT", "failed"],
      ["SUCCESS_PAYMENT", "approved"],
      ["PART_CANCEL_PAYMENT", "partially_cancelled"],
      ["CANCEL_PAYMENT", "cancelled"],
    ];
    for (const [status, state] of cases) {
      const r = await lookup(fakeFetch(200, { ...base, status, amount, canceled_amount: { ...amount, total: 0 }, approved_at: "2026-11-23T10:00:00" }));
      expect(r.ok && r.value.state).toBe(state);
    }
  });

  it("refuses to build a ready request that breaks KakaoPay's limits", async () => {
    await expect(
      gw(fakeFetch(200, {})).initiate({
        paymentId: "p",
        orderNumber: "KC1",
        customerRef: "c",
        itemName: "x",
        quantity: 1,
        amounts: { total: 0, taxFree: 0, vat: 0 },
        device: "PC",
        returnUrls: { approval: "http://a/x", cancel: "http://a/c", fail: "http://a/f" },
      }),
    ).rejects.toThrow();
  });
});
