import { describe, expect, it } from "vitest";
import type {
  PayUpCancelResult,
  PayUpClient,
  PayUpOrderData,
  PayUpOrderInput,
  PayUpPayData,
  PayUpPayResult,
  PayUpProviderFailure,
} from "./client";
import { describePayUpCode, PAYUP_CODE_LIST } from "./codes";
import { encodeEucKrForm } from "./euckr";
import { createPayUpGateway, type PayUpProviderData } from "./gateway";
import type { PayUpAuthorization } from "./schemas";

const NOW = new Date("2026-01-01T03:00:00Z");
const authorization: PayUpAuthorization = {
  ordrIdxx: "20260101120000KK0001",
  amount: 21000,
  method: "KAKAO_CARD",
  payFields: {
    res_cd: "0000",
    enc_info: "i",
    enc_data: "d",
    tran_cd: "00100000",
    card_pay_method: "KAKAO_CARD",
    ordr_idxx: "20260101120000KK0001",
  },
};
const windowData: PayUpOrderData = {
  ordrIdxx: "20260101120000KK0001",
  siteCd: "A8QOB",
  amount: 21000,
  itemName: "감귤",
  buyerName: "홍길동",
  returnUrl: "http://shop/return",
  device: "mobile",
  payUrl: "https://testsmpay.kcp.co.kr/pay/mobileGW.kcp",
  approvalKey: "AK-1",
  responseMessage: "성공",
};
const providerData: PayUpProviderData = {
  window: windowData,
  reference: "KC100-01",
  signedAmount: 21000,
  authorization,
};

function failure(code: string, extra: Partial<PayUpProviderFailure> = {}): PayUpProviderFailure {
  const d = describePayUpCode(code, "pay", "msg");
  return {
    ok: false,
    kind: "provider",
    op: "pay",
    code,
    message: d.message,
    responseMsg: "msg",
    audience: d.audience,
    decision: d.decision,
    known: d.known,
    httpStatus: 200,
    ...extra,
  };
}

function stubClient(
  over: { pay?: PayUpPayResult; cancel?: PayUpCancelResult; onOrder?: (i: PayUpOrderInput) => void } = {},
): PayUpClient {
  return {
    async order(input) {
      over.onOrder?.(input);
      return { ok: true, data: { ...windowData, itemName: input.itemName, buyerName: input.buyerName } };
    },
    async pay() {
      return over.pay ?? { ok: true, data: { responseMessage: "정상처리" } };
    },
    async cancel() {
      return over.cancel ?? { ok: true, data: { transactionId: "T", responseMessage: "성공" } };
    },
  };
}
const gw = (c: PayUpClient) => createPayUpGateway(c, { now: () => NOW });
const approve = (c: PayUpClient, data: unknown = providerData) =>
  gw(c).approve({
    providerTxId: null,
    providerData: data,
    orderNumber: "KC100",
    customerRef: "c",
    expectedTotal: 21000,
  });
const lookup = (c: PayUpClient, data: unknown = providerData) =>
  gw(c).lookup({ providerTxId: null, providerData: data, expectedTotal: 21000 });

const full: PayUpPayData = {
  transactionId: "20260101120001KK0002",
  orderNumber: "KC100-01",
  method: "CARD",
  amount: 21000,
  approvedAt: new Date("2026-01-01T03:00:05Z"),
  card: { authNumber: "12345678", cardName: "신한카드", cardNo: "451842******1234", installmentMonths: 0 },
  responseMessage: "정상처리",
};

describe("PayUp gateway: approve", () => {
  it("a full answer: PayUp's transaction and amount, the orderNumber matches our reference (no orderRef)", async () => {
    const r = await approve(stubClient({ pay: { ok: true, data: full } }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      providerTxId: "20260101120001KK0002",
      amounts: { total: 21000 },
      method: "CARD",
      providerApprovalId: "12345678",
      card: { issuer: "신한카드" },
    });
    expect(r.value.orderRef).toBeUndefined();
    expect(r.value.basis).toContain("PayUp 승인 금액 21,000원");
    expect(r.value.basis).toContain("주문번호 일치");
  });

  it("no amount, no transactionId, no orderNumber, no type: rests on the signed order amount, providerTxId null, method from the window", async () => {
    const r = await approve(stubClient({ pay: { ok: true, data: { responseMessage: "정상처리" } } }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.providerTxId).toBeNull();
    expect(r.value.amounts.total).toBe(21000);
    expect(r.value.method).toBe("CARD");
    expect(r.value.approvedAt).toEqual(NOW);
    expect(r.value.basis).toContain("서명한 주문 요청 금액 21,000원");
    expect(r.value.basis).toContain("거래번호 응답 없음");
    expect(r.value.basis).toContain("주문번호 응답 없음");
    expect(r.log.detail).toMatchObject({ transactionId: null });
  });

  it("the signed amount, not the order's current total, is what an amount-less approval rests on", async () => {
    const r = await approve(stubClient({ pay: { ok: true, data: { responseMessage: "정상처리" } } }), {
      ...providerData,
      signedAmount: 20000,
    });
    expect(r.ok && r.value.amounts.total).toBe(20000);
  });

  it("a different orderNumber is passed on as orderRef so the payment logic can refuse it", async () => {
    const r = await approve(stubClient({ pay: { ok: true, data: { ...full, orderNumber: "KC999-01" } } }));
    expect(r.ok && r.value.orderRef).toBe("KC999-01");
    expect(r.ok && r.value.basis).toContain("주문번호 불일치");
  });

  it("a different amount is reported as approved with PayUp's amount (the payment logic refunds it)", async () => {
    const r = await approve(
      stubClient({
        pay: {
          ok: false,
          kind: "amount_mismatch",
          op: "pay",
          expected: 21000,
          actual: 100,
          data: { ...full, amount: 100 },
          decision: "reconcile",
        },
      }),
    );
    expect(r.ok && r.value.amounts.total).toBe(100);
    expect(r.ok && r.log.resultCode).toBe("AMOUNT_MISMATCH");
  });

  it("refusals: 1001 config, seed refusals and codes outside the table declined, 8002 / 9001 / timeouts unknown", async () => {
    const kind = async (p: PayUpPayResult) => {
      const r = await approve(stubClient({ pay: p }));
      return r.ok ? "ok" : r.failure.kind;
    };
    expect(await kind(failure("1001"))).toBe("config");
    expect(await kind(failure("5001"))).toBe("declined");
    expect(await kind(failure("C123"))).toBe("declined");
    expect(await kind(failure("8002"))).toBe("unknown");
    expect(await kind(failure("9001"))).toBe("unknown");
    expect(await kind(failure("1003"))).toBe("unknown");
    expect(
      await kind({
        ok: false,
        kind: "timeout",
        op: "pay",
        timeoutMs: 10,
        message: "no response within 10ms",
        maybeReached: true,
        decision: "reconcile",
      }),
    ).toBe("unknown");
  });
});

describe("PayUp gateway: lookup (re-sent authorization)", () => {
  it("8002 → approved at the signed order amount, without a transaction id when PayUp gave none", async () => {
    const r = await lookup(stubClient({ pay: failure("8002") }));
    expect(r.ok && r.value.state).toBe("approved");
    if (!r.ok || r.value.state !== "approved") return;
    expect(r.value.approved.providerTxId).toBeNull();
    expect(r.value.approved.amounts.total).toBe(21000);
    expect(r.value.approved.method).toBe("CARD");
    expect(r.value.approved.basis).toContain("8002");
    expect(r.value.approved.basis).toContain("거래번호 미확인");
  });

  it("8002 with a transactionId (when PayUp includes one) keeps it", async () => {
    const r = await lookup(stubClient({ pay: failure("8002", { transactionId: "20260101120001KK0002" }) }));
    expect(r.ok && r.value.state === "approved" && r.value.approved.providerTxId).toBe("20260101120001KK0002");
  });

  it("0000 → approved like approve", async () => {
    const r = await lookup(stubClient({ pay: { ok: true, data: full } }));
    expect(r.ok && r.value.state === "approved" && r.value.approved.providerTxId).toBe(full.transactionId);
  });

  it("every code of the seed's table, and one outside it, reaches its reading", async () => {
    const expected: Record<string, string> = {
      "2001": "uncertain",
      "8001": "uncertain",
      "9002": "uncertain",
      "9001": "pending",
      "1002": "pending",
      "1001": "config",
      "5001": "failed",
      "5002": "failed",
      "5003": "failed",
      "5004": "failed",
      "5005": "failed",
      "6001": "failed",
      "6002": "failed",
      "6003": "failed",
      "1003": "uncertain",
      "1004": "uncertain",
      "1005": "uncertain",
      "1006": "uncertain",
      "8002": "approved",
      C123: "failed",
    };
    expect(
      Object.keys(expected)
        .filter((c) => c !== "C123")
        .sort(),
    ).toEqual(PAYUP_CODE_LIST.filter((c) => c !== "0000").sort());
    for (const [code, reading] of Object.entries(expected)) {
      const r = await lookup(stubClient({ pay: failure(code) }));
      const got = r.ok ? r.value.state : r.failure.kind;
      expect(got, code).toBe(reading);
      if (r.ok && (r.value.state === "uncertain" || r.value.state === "pending" || r.value.state === "failed"))
        expect(r.value.providerStatus, code).toBe(code);
      if (r.ok && r.value.state === "uncertain") expect(r.value.message).toMatch(/[가-힣]/);
    }
  });

  it("a timeout is a failed lookup (unknown), never a state; no authorization yet → pending", async () => {
    const r = await lookup(
      stubClient({
        pay: {
          ok: false,
          kind: "timeout",
          op: "pay",
          timeoutMs: 10,
          message: "no response within 10ms",
          maybeReached: true,
          decision: "reconcile",
        },
      }),
    );
    expect(!r.ok && r.failure.kind).toBe("unknown");
    const none = await lookup(stubClient(), { window: windowData });
    expect(none.ok && none.value.state).toBe("pending");
  });
});

describe("PayUp gateway: cancel", () => {
  const base = {
    providerTxId: "20260101120001KK0002",
    amount: 21000,
    taxFree: 0,
    vat: 1909,
    remainingBefore: 21000,
    reason: "고객 요청",
    mode: "refund" as const,
  };
  const refused1005: PayUpCancelResult = { ...failure("1005"), op: "cancel", decision: "reconcile" };

  it("1005 to a first cancel is not a success; to a re-sent one (mode reconcile) it is; the reason is sent as written", async () => {
    const first = await gw(stubClient({ cancel: refused1005 })).cancel(base);
    expect(!first.ok && first.failure.kind).toBe("unknown");
    const resent = await gw(stubClient({ cancel: refused1005 })).cancel({ ...base, mode: "reconcile" });
    expect(resent.ok && resent.value.remaining).toBe(0);
    // A reason is only a reason: text that looks like a mode changes nothing.
    const prefixed = await gw(stubClient({ cancel: refused1005 })).cancel({ ...base, reason: "reconcile: 고객 요청" });
    expect(prefixed.ok).toBe(false);
  });

  it("no transaction id: refused before PayUp is asked; partial: refused", async () => {
    let asked = false;
    const c = {
      ...stubClient(),
      cancel: async () => (
        (asked = true),
        { ok: true, data: { transactionId: "x", responseMessage: "" } } as PayUpCancelResult
      ),
    };
    const r = await gw(c).cancel({ ...base, providerTxId: "" });
    expect(!r.ok && r.failure).toMatchObject({ kind: "config", code: "NO_TRANSACTION_ID" });
    expect(asked).toBe(false);
    const partial = await gw(c).cancel({ ...base, amount: 1000 });
    expect(!partial.ok && partial.failure.code).toBe("PARTIAL_NOT_SUPPORTED");
  });
});

describe("PayUp gateway: initiate", () => {
  const input = (
    over: { itemName?: string; buyerName?: string; total?: number; attempt?: number; device?: "PC" | "MOBILE" } = {},
  ) => ({
    paymentId: "pay1",
    orderNumber: "KC100",
    attempt: over.attempt ?? 1,
    customerRef: "c",
    itemName: over.itemName ?? "감귤",
    quantity: 1,
    amounts: { total: over.total ?? 21000, taxFree: 0, vat: 1909 },
    buyer: { name: over.buyerName ?? "홍길동" },
    device: over.device ?? ("MOBILE" as const),
    returnTo: { base: "http://shop/pay/payup", paymentId: "pay1", attemptToken: "tok" },
  });

  it("names reach PayUp (and KCP's EUC-KR window) without characters EUC-KR cannot carry; the signed request is kept", async () => {
    let sent: PayUpOrderInput | undefined;
    const r = await gw(stubClient({ onOrder: (i) => (sent = i) })).initiate(
      input({ itemName: "감귤🍊 세트 외 1건", buyerName: "홍길동😀" }),
    );
    expect(sent?.itemName).toBe("감귤 세트 외 1건");
    expect(sent?.buyerName).toBe("홍길동");
    expect(sent?.orderNumber).toBe("KC100-01");
    expect(sent?.returnUrl).toBe("http://shop/pay/payup/return?t=tok");
    expect(r.ok && r.value.providerData).toMatchObject({ reference: "KC100-01", signedAmount: 21000 });
    expect(r.ok && r.value.providerOrderRef).toBe(windowData.ordrIdxx);
    const emojiOnly = await gw(stubClient({ onOrder: (i) => (sent = i) })).initiate(
      input({ itemName: "🍊🍊", buyerName: "😀", total: 1000, attempt: 2, device: "PC" }),
    );
    expect(emojiOnly.ok).toBe(true);
    expect(sent).toMatchObject({ orderNumber: "KC100-02", itemName: "주문 상품", buyerName: "구매자" });
  });

  it("the next step is KCP's window form: mobile auto-submits to pay_url, PC hands order_info to KCP's script posting to Ret_URL", async () => {
    const mobile = await gw(stubClient()).initiate(input());
    expect(mobile.ok && mobile.value.next).toMatchObject({
      kind: "form",
      form: { acceptCharset: "euc-kr", action: windowData.payUrl, open: { kind: "auto" } },
    });
    const pc = await gw({
      ...stubClient(),
      order: async () => ({ ok: true, data: { ...windowData, device: "pc" } }),
    }).initiate(input({ device: "PC" }));
    expect(pc.ok && pc.value.next).toMatchObject({
      kind: "form",
      form: { name: "order_info", action: "http://shop/pay/payup/return?t=tok", open: { kind: "script" } },
    });
    const broken = await gw({
      ...stubClient(),
      order: async () => ({ ok: true, data: { ...windowData, payUrl: undefined } }),
    }).initiate(input());
    expect(!broken.ok && broken.failure).toMatchObject({ kind: "config", code: "NO_WINDOW" });
  });
});

describe("PayUp gateway: parseReturn (KCP's EUC-KR POST to Ret_URL)", () => {
  const p = gw(stubClient());
  const post = (fields: Record<string, string>, query = "t=tok") =>
    p.parseReturn({
      step: "return",
      query: new URLSearchParams(query),
      body: new Uint8Array(Buffer.from(encodeEucKrForm(fields), "latin1")),
    });
  const ok = {
    res_cd: "0000",
    ordr_idxx: "20260101120000KK0001",
    enc_info: "i",
    enc_data: "d",
    tran_cd: "00100000",
    card_pay_method: "KAKAO_CARD",
    good_mny: "21000",
    buyr_name: "홍길동",
  };

  it("an authenticated window: approved with the authorization to forward and the amount the form carried", () => {
    const r = post(ok);
    expect(r).toMatchObject({
      ok: true,
      attempt: { providerOrderRef: "20260101120000KK0001" },
      attemptToken: "tok",
      event: { kind: "approved", postedAmount: 21000 },
    });
    if (r.ok && r.event.kind === "approved")
      expect((r.event.authorization.authorization as PayUpAuthorization).payFields.enc_data).toBe("d");
  });

  it("3001 is the customer's cancel, another res_cd a failure with KCP's code; a 0000 without enc_data is malformed", () => {
    expect(post({ res_cd: "3001", res_msg: "사용자 취소", ordr_idxx: "O1" })).toMatchObject({
      ok: true,
      event: { kind: "cancelled", message: "[3001] 사용자 취소" },
    });
    expect(post({ res_cd: "8105", res_msg: "x", ordr_idxx: "O1" })).toMatchObject({
      ok: true,
      event: { kind: "failed", code: "KCP_8105" },
    });
    expect(post({ res_cd: "0000", ordr_idxx: "O1" })).toMatchObject({
      ok: true,
      attempt: { providerOrderRef: "O1" },
      event: { kind: "malformed" },
    });
  });

  it("nothing that names an attempt, control characters, another step or no body: unreadable, nothing decided", () => {
    expect(post({ res_cd: "0000", enc_info: "i", enc_data: "d" })).toEqual({ ok: false, problem: "unreadable" });
    expect(post({ ...ok, buyr_name: "a\u0001b" })).toEqual({ ok: false, problem: "bad_characters" });
    expect(p.parseReturn({ step: "approve", query: new URLSearchParams(), body: null })).toEqual({
      ok: false,
      problem: "unreadable",
    });
    expect(p.parseReturn({ step: "return", query: new URLSearchParams("t=tok"), body: null })).toEqual({
      ok: false,
      problem: "unreadable",
    });
  });

  it("describes its codes for customers: PayUp's own table, KCP window codes, the code as a short line", () => {
    expect(p.describeFailure("KCP_3999")).toEqual({
      customerMessage: "결제창에서 카카오페이 인증이 끝나지 않아 결제되지 않았습니다. 아래에서 다시 결제해 주세요.",
      displayCode: "3999",
    });
    expect(p.describeFailure("1001").customerMessage).toBeNull(); // configuration: staff only
  });
});
