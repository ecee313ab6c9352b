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

const gw = (f: typeof fetch) =>
  createKakaoPayGateway({
    baseUrl: "http://kakaopay.test",
    secretKey: "k",
    cid: "TC0ONETIME",
    timeoutMs: 200,
    fetchImpl: f,
  });
const lookup = (f: typeof fetch) => gw(f).lookup({ providerTxId: "T1", providerData: null, expectedTotal: 1000 });

describe("KakaoPay client", () => {
  it("reads KakaoPay's zone-less KST timestamps", () => {
    expect(parseKst("2023-10-28T23:30:57")?.toISOString()).toBe("2023-10-28T14:30:57.000Z");
    expect(parseKst("garbage")).toBeUndefined();
  });

  it("classifies failures by the published code: -401 → config, -780 → declined, -2 → config, -1 → unknown; 5xx / timeout / unreadable → unknown", async () => {
    const auth = await lookup(fakeFetch(401, { error_code: -401, error_message: "invalid key" }));
    expect(!auth.ok && auth.failure.kind).toBe("config");
    const declined = await lookup(
      fakeFetch(400, {
        error_code: -780,
        error_message: "approval failure!",
        extras: { method_result_code: "USER_LOCKED", method_result_message: "진행중인 거래가 있습니다." },
      }),
    );
    expect(!declined.ok && declined.failure).toMatchObject({
      kind: "declined",
      code: "-780",
      customerMessage: "진행중인 거래가 있습니다.",
    });
    expect(!declined.ok && declined.log.detail).toEqual({ method_result_code: "USER_LOCKED" });
    const plain780 = await lookup(fakeFetch(400, { error_code: -780, error_message: "approval failure!" }));
    expect(!plain780.ok && plain780.failure).toMatchObject({
      kind: "declined",
      customerMessage: "결제 승인에 실패했습니다. 다른 결제수단으로 다시 시도해 주세요.",
    });
    const cancelRefused = await lookup(
      fakeFetch(400, { error_code: -781, error_message: "cancel failure!", extras: { method_result_code: "X" } }),
    );
    expect(!cancelRefused.ok && cancelRefused.failure.kind).toBe("declined");
    const badParam = await lookup(fakeFetch(400, { error_code: -2, error_message: "invalid request parameter" }));
    expect(!badParam.ok && badParam.failure.kind).toBe("config");
    const internal = await lookup(fakeFetch(400, { error_code: -1, error_message: "internal error" }));
    expect(!internal.ok && internal.failure.kind).toBe("unknown");
    const down = await lookup(fakeFetch(503, "<html>busy</html>"));
    expect(!down.ok && down.failure).toMatchObject({ kind: "unknown", code: "HTTP_503" });
    const slow = await lookup(fakeFetch(200, {}, 1000));
    expect(!slow.ok && slow.failure).toMatchObject({ kind: "unknown", code: "TIMEOUT" });
    const garbled = await lookup(fakeFetch(200, { tid: 1 }));
    expect(!garbled.ok && garbled.failure).toMatchObject({ kind: "unknown", code: "BAD_RESPONSE" });
  });

  it("an unrecognised error code is unknown, never a refusal (sandbox-chosen codes included)", async () => {
    for (const code of [-701, -702, -703, -704, -705, -708, -709, -721, -798, -799, -12345]) {
      const r = await lookup(fakeFetch(400, { error_code: code, error_message: "whatever" }));
      expect(!r.ok && r.failure.kind, String(code)).toBe("unknown");
      expect(!r.ok && r.failure.code).toBe(String(code));
    }
    const unknown401 = await lookup(fakeFetch(401, { error_code: -99, error_message: "?" }));
    expect(!unknown401.ok && unknown401.failure.kind).toBe("config");
  });

  it("maps order statuses: only definite answers are terminal", async () => {
    const base = { tid: "T1", cid: "TC0ONETIME", partner_order_id: "o", partner_user_id: "u" };
    const amount = { total: 1000, tax_free: 0, vat: 91, point: 0, discount: 0, green_deposit: 0 };
    const cases: Array<[string, string]> = [
      ["READY", "pending"],
      ["SEND_TMS", "pending"],
      ["OPEN_PAYMENT", "pending"],
      ["SELECT_METHOD", "pending"],
      ["ARS_WAITING", "pending"],
      ["AUTH_PASSWORD", "pending"],
      ["ISSUED_SID", "pending"],
      ["FAIL_AUTH_PASSWORD", "pending"],
      ["SOMETHING_NEW", "pending"],
      ["QUIT_PAYMENT", "aborted"],
      ["FAIL_PAYMENT", "failed"],
      ["SUCCESS_PAYMENT", "approved"],
      ["PART_CANCEL_PAYMENT", "partially_cancelled"],
      ["CANCEL_PAYMENT", "cancelled"],
    ];
    for (const [status, state] of cases) {
      const r = await lookup(
        fakeFetch(200, {
          ...base,
          status,
          amount,
          canceled_amount: { ...amount, total: 0 },
          approved_at: "2026-11-23T10:00:00",
        }),
      );
      expect(r.ok && r.value.state, status).toBe(state);
      if (r.ok && (r.value.state === "pending" || r.value.state === "aborted" || r.value.state === "failed"))
        expect(r.value.providerStatus).toBe(status);
      if (r.ok) expect(r.log.resultCode).toBe(status);
    }
  });

  it("a charged lookup says what the approval rests on and echoes our order reference", async () => {
    const amount = { total: 1000, tax_free: 0, vat: 91, point: 0, discount: 0, green_deposit: 0 };
    const r = await lookup(
      fakeFetch(200, {
        tid: "T1",
        cid: "TC0ONETIME",
        partner_order_id: "KC-1",
        partner_user_id: "u",
        status: "SUCCESS_PAYMENT",
        payment_method_type: "MONEY",
        amount,
        canceled_amount: { ...amount, total: 0, vat: 0 },
        approved_at: "2026-11-23T10:00:00",
        payment_action_details: [{ aid: "A1", payment_action_type: "PAYMENT" }],
      }),
    );
    expect(r.ok && r.value.state).toBe("approved");
    if (r.ok && r.value.state === "approved") {
      expect(r.value.approved).toMatchObject({
        providerTxId: "T1",
        orderRef: "KC-1",
        providerApprovalId: "A1",
        method: "MONEY",
        amounts: { total: 1000 },
      });
      expect(r.value.approved.basis).toMatch(/카카오페이/);
    }
  });

  it("a charged card lookup carries the card company, BIN and installments of selected_card_info (a money one no card)", async () => {
    const amount = { total: 1000, tax_free: 0, vat: 91, point: 0, discount: 0, green_deposit: 0 };
    const body = {
      tid: "T1",
      cid: "TC0ONETIME",
      partner_order_id: "KC-1",
      partner_user_id: "u",
      status: "SUCCESS_PAYMENT",
      payment_method_type: "CARD",
      amount,
      canceled_amount: { ...amount, total: 0, vat: 0 },
      approved_at: "2026-11-23T10:00:00",
      selected_card_info: {
        card_bin: "621640",
        install_month: 3,
        installment_type: "CARD_INSTALLMENT",
        card_corp_name: "비씨카드",
        interest_free_install: "N",
      },
    };
    const r = await lookup(fakeFetch(200, body));
    expect(r.ok && r.value.state === "approved" && r.value.approved.card).toEqual({
      issuer: "비씨카드",
      bin: "621640",
      installMonth: 3,
    });
    const m = await lookup(fakeFetch(200, { ...body, payment_method_type: "MONEY", selected_card_info: undefined }));
    expect(m.ok && m.value.state === "approved" && m.value.approved.card).toBeUndefined();
  });

  it("approve: basis and orderRef on the approval", async () => {
    const body = {
      aid: "A1",
      tid: "T1",
      cid: "TC0ONETIME",
      partner_order_id: "KC-1",
      partner_user_id: "u",
      payment_method_type: "CARD",
      amount: { total: 1000, tax_free: 0, vat: 91, point: 0, discount: 0, green_deposit: 0 },
      card_info: { kakaopay_issuer_corp: "신한카드", bin: "451842", install_month: "00" },
      approved_at: "2026-11-23T10:00:00",
    };
    const r = await gw(fakeFetch(200, body)).approve({
      providerTxId: "T1",
      providerData: { pgToken: "abc" },
      orderNumber: "KC-1",
      customerRef: "u",
      expectedTotal: 1000,
    });
    expect(r.ok && r.value).toMatchObject({
      providerTxId: "T1",
      orderRef: "KC-1",
      amounts: { total: 1000, taxFree: 0, vat: 91 },
      card: { issuer: "신한카드", installMonth: 0 },
    });
    expect(r.ok && r.value.basis).toMatch(/카카오페이/);
  });

  it("approve: the card's issuer, purchaser, type, installments and approval number as KakaoPay gave them, nothing invented", async () => {
    const base = {
      aid: "A2",
      tid: "T2",
      cid: "TC0ONETIME",
      partner_order_id: "KC-2",
      partner_user_id: "u",
      payment_method_type: "CARD",
      amount: { total: 30000, tax_free: 0, vat: 2727, point: 0, discount: 0, green_deposit: 0 },
      approved_at: "2026-11-23T10:00:00",
    };
    const input = {
      providerTxId: "T2",
      providerData: { pgToken: "abc" },
      orderNumber: "KC-2",
      customerRef: "u",
      expectedTotal: 30000,
    };
    const full = {
      ...base,
      card_info: {
        kakaopay_purchase_corp: "비씨카드",
        kakaopay_purchase_corp_code: "104",
        kakaopay_issuer_corp: "카카오뱅크카드",
        kakaopay_issuer_corp_code: "113",
        bin: "536510",
        card_type: "체크",
        install_month: "03",
        approved_id: "38274619",
        card_mid: "123456789",
        interest_free_install: "N",
        installment_type: "CARD_INSTALLMENT",
        card_item_code: "",
      },
    };
    const r = await gw(fakeFetch(200, full)).approve(input);
    expect(r.ok && r.value.card).toEqual({
      issuer: "카카오뱅크카드",
      purchaser: "비씨카드",
      type: "체크",
      bin: "536510",
      installMonth: 3,
      approvalNo: "38274619",
    });
    // Older field names (issuer_corp / purchase_corp); no approved_id, no install_month → not on the card.
    const old = { ...base, card_info: { issuer_corp: "신한카드", purchase_corp: "신한카드" } };
    const r2 = await gw(fakeFetch(200, old)).approve(input);
    expect(r2.ok && r2.value.card).toEqual({ issuer: "신한카드", purchaser: "신한카드" });
    // 카카오페이머니: no card at all.
    const r3 = await gw(fakeFetch(200, { ...base, payment_method_type: "MONEY" })).approve(input);
    expect(r3.ok && r3.value.card).toBeUndefined();
  });

  it("refuses to build a ready request that breaks KakaoPay's limits", async () => {
    await expect(
      gw(fakeFetch(200, {})).initiate({
        paymentId: "p",
        orderNumber: "KC1",
        attempt: 1,
        customerRef: "c",
        itemName: "x",
        quantity: 1,
        amounts: { total: 0, taxFree: 0, vat: 0 },
        buyer: { name: "구매자" },
        device: "PC",
        returnTo: { base: "http://a/pay/kakaopay", paymentId: "p", attemptToken: "t" },
      }),
    ).rejects.toThrow();
  });

  it("reads the customer's return: approve with a pg_token, cancel, fail; anything else names no attempt", () => {
    const p = gw(fakeFetch(200, {}));
    const q = (s: string) => new URLSearchParams(s);
    expect(p.parseReturn({ step: "approve", query: q("payment=pay1&t=tok&pg_token=abc123"), body: null })).toEqual({
      ok: true,
      attempt: { paymentId: "pay1" },
      attemptToken: "tok",
      event: { kind: "approved", authorization: { pgToken: "abc123" } },
    });
    expect(p.parseReturn({ step: "cancel", query: q("payment=pay1&t=tok"), body: null })).toMatchObject({
      ok: true,
      event: { kind: "cancelled" },
    });
    expect(p.parseReturn({ step: "fail", query: q("payment=pay1"), body: null })).toMatchObject({
      ok: true,
      attemptToken: null,
      event: { kind: "failed" },
    });
    expect(
      p.parseReturn({ step: "approve", query: q("payment=pay1&t=tok&pg_token=bad%00token"), body: null }),
    ).toMatchObject({ ok: true, event: { kind: "malformed" } });
    for (const [step, query] of [
      ["approve", "payment=pay1&t=tok"],
      ["approve", "pg_token=abc"],
      ["return", "payment=pay1"],
      ["fail", `payment=${"p".repeat(41)}`],
    ])
      expect(p.parseReturn({ step: step!, query: q(query!), body: null })).toEqual({
        ok: false,
        problem: "unreadable",
      });
  });

  it("describes its own failure codes for customers (configuration codes are for staff)", () => {
    const p = gw(fakeFetch(200, {}));
    expect(p.describeFailure("-780")).toEqual({
      customerMessage: "결제 승인에 실패했습니다. 다른 결제수단으로 다시 시도해 주세요.",
      displayCode: "-780",
    });
    expect(p.describeFailure("-401").customerMessage).toBeNull();
    expect(p.describeFailure("-12345").customerMessage).toBeNull();
  });
});
