// Our biller endpoints as the Dozn agency calls them (seed §5-§7): every res_code in its
// situation, through the real route handlers and a real PostgreSQL.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { updateBill } from "@/lib/bills/bills";
import { handleAgencyCall, type AgencyAuthSettings } from "@/lib/bills/agency-endpoint";
import { billInput, callAgency, demoActor, keysOf, newBill, payResult } from "./bills-helpers";

const kstDay = (offsetDays: number) =>
  new Date(Date.now() + 9 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");

describe("POST /kakao/notice", () => {
  it("OK: the bill with every detail type, in the seed's field names and types (HTTP 200, JSON)", async () => {
    const bill = await newBill({
      taxFreeAmount: 1000,
      expireType: "D2",
      secondPayExpireDate: kstDay(20),
      settlementCode: "APT01",
      bankAccounts: [
        { bankCode: "088", accountNo: "562-1234-5678", holderName: "카카오아파트", accountType: "VIRTUAL" },
      ],
    });
    const r = await callAgency("notice", { ...keysOf(bill), user_birth: "19900301" });
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/application\/json/);
    expect(r.body).toMatchObject({ res_code: "OK", message: "성공" });
    const result = (r.body.data as { result: Record<string, unknown> }).result;
    expect(result).toMatchObject({
      biller_user_key: bill.billerUserKey,
      biller_notice_key: bill.billerNoticeKey,
      billed_year_month: bill.billedYearMonth,
      settlement_code: "APT01",
      title: "관리비",
      amount: 29000,
      tax_free_amount: 1000,
      vat_amount: Math.round(28000 / 11),
      expire_type: "D2",
      pay_expire_date: bill.payExpireDate,
      second_pay_expire_date: kstDay(20),
      bank_accounts: [
        { bank_code: "088", account_no: "562-1234-5678", holder_name: "카카오아파트", account_type: "VIRTUAL" },
      ],
    });
    const details = result.details as Array<Record<string, unknown>>;
    expect(details.map((d) => d.item_type)).toEqual(["KEY_VALUE", "TEXT", "TABLE", "GRAPH"]);
    expect(details[0]).toEqual({
      title: "청구 내역",
      item_type: "KEY_VALUE",
      elements: [{ key: "당월 부과", value: "29,000원", level: 1 }],
    });
    expect(details[2]).toMatchObject({ elements: { head: ["항목", "금액"], rows: [["전기료", "12,000원"]] } });
    expect(details[3]).toMatchObject({
      unit_name: "원",
      elements: [
        { x: "06", y: 25000 },
        { x: "07", y: 29000 },
      ],
    });
    expect(typeof result.amount).toBe("number");
  });

  it("E001: user_birth missing", async () => {
    const bill = await newBill();
    const r = await callAgency("notice", keysOf(bill));
    expect(r).toMatchObject({ status: 200, body: { res_code: "E001", data: null } });
    expect(r.body.message).toContain("필수 파라미터가 없습니다.");
  });

  it("E006: biller_user_key longer than 50", async () => {
    const r = await callAgency("notice", { biller_user_key: "X".repeat(51), user_birth: "19900301" });
    expect(r.body.res_code).toBe("E006");
  });

  it("E007: user_birth not 8 digits", async () => {
    const bill = await newBill();
    const r = await callAgency("notice", { ...keysOf(bill), user_birth: "900301" });
    expect(r.body.res_code).toBe("E007");
  });

  it("E008: body is not JSON", async () => {
    const r = await callAgency("notice", null, { raw: '{"data": {"biller_user_key": "A' });
    expect(r).toMatchObject({ status: 200, body: { res_code: "E008", message: "JSON 파싱 에러", data: null } });
  });

  it("E005: no notice key and the customer has two bills", async () => {
    const first = await newBill({ ordinal: "1" });
    await newBill({ customerKey: first.billerUserKey, ordinal: "2" });
    const r = await callAgency("notice", { biller_user_key: first.billerUserKey, user_birth: "19900301" });
    expect(r.body.res_code).toBe("E005");
    // naming the ordinal makes it one bill again
    const one = await callAgency("notice", {
      biller_user_key: first.billerUserKey,
      ordinal: "2",
      user_birth: "19900301",
    });
    expect(one.body.res_code).toBe("OK");
  });

  it("E502: no such bill, and a birth date that does not match the customer's", async () => {
    const r = await callAgency("notice", {
      biller_user_key: "NOBODY1",
      biller_notice_key: "NO-SUCH-KEY",
      user_birth: "19900301",
    });
    expect(r.body).toMatchObject({ res_code: "E502", message: "납부불가 - 납부 대상 없음" });
    const bill = await newBill({ customerBirth: "1985-04-12" });
    expect((await callAgency("notice", { ...keysOf(bill), user_birth: "19900301" })).body.res_code).toBe("E502");
    expect((await callAgency("notice", { ...keysOf(bill), user_birth: "19850412" })).body.res_code).toBe("OK");
    // notice key of another customer's bill
    expect(
      (await callAgency("notice", { ...keysOf(bill), biller_user_key: "SOMEONEELSE", user_birth: "19850412" })).body
        .res_code,
    ).toBe("E502");
  });

  it("seed §1.3: the seed's request (no Authorization) from an allowed IP is accepted; any other IP is refused in the envelope", async () => {
    const bill = await newBill();
    const data = { ...keysOf(bill), user_birth: "19900301" };
    // the test env: behind our proxy (TRUSTED_PROXY_IPS), agency 127.0.0.1 allowed, no credential configured
    expect((await callAgency("notice", data)).body.res_code).toBe("OK");
    expect((await callAgency("notice", data, { authorization: "Bearer anything" })).body.res_code).toBe("OK"); // not asked for, ignored
    const farAway = await callAgency("notice", data, { xff: "203.0.113.9" });
    expect(farAway).toMatchObject({ status: 403, body: { res_code: "E003", data: null } });
    // a spoofed hop to the left of an untrusted address does not help
    expect((await callAgency("notice", data, { xff: "127.0.0.1, 203.0.113.9" })).status).toBe(403);
    expect((await callAgency("notice", data, { xff: null })).status).toBe(403);
  });

  it("a refused call writes nothing (pay-result from another IP)", async () => {
    const bill = await newBill();
    const r = await callAgency("pay-result", payResult(bill), { xff: "203.0.113.9" });
    expect(r).toMatchObject({ status: 403, body: { res_code: "E003" } });
    expect(await db.billPayment.count({ where: { billId: bill.id } })).toBe(0);
    expect((await db.bill.findUniqueOrThrow({ where: { id: bill.id } })).status).toBe("UNPAID");
    expect(await db.billEvent.count({ where: { billId: bill.id } })).toBe(1); // only bill.created
  });
});

describe("agency auth settings (same pipeline as the routes, other settings)", () => {
  const call = (data: unknown, h: Record<string, string>, forwardedFor: string | null, auth: AgencyAuthSettings) =>
    handleAgencyCall(
      {
        endpoint: "notice",
        rawBody: JSON.stringify({ data }),
        header: (n) => h[n.toLowerCase()] ?? null,
        forwardedFor,
      },
      { auth },
    );

  it("with a configured credential it is required, in its header and format", async () => {
    const bill = await newBill();
    const data = { ...keysOf(bill), user_birth: "19900301" };
    const auth = {
      allowedIps: ["127.0.0.1"],
      trustedProxies: ["10.255.255.1"],
      credential: "agreed-9",
      credentialHeader: "X-Dozn-Key",
      credentialFormat: "Key {credential}",
    };
    expect((await call(data, { "x-dozn-key": "Key agreed-9" }, "127.0.0.1", auth)).body.res_code).toBe("OK");
    expect(await call(data, {}, "127.0.0.1", auth)).toMatchObject({
      status: 401,
      body: { res_code: "E003", data: null },
    });
    expect((await call(data, { "x-dozn-key": "agreed-9" }, "127.0.0.1", auth)).status).toBe(401);
    expect((await call(data, { authorization: "Key agreed-9" }, "127.0.0.1", auth)).status).toBe(401);
    expect((await call(data, { "x-dozn-key": "Key agreed-9" }, "203.0.113.9", auth)).status).toBe(403); // the IP still counts
  });

  it("Next routes without a proxy in TRUSTED_PROXY_IPS and without a credential refuse every agency call (X-Forwarded-For is the client's word)", async () => {
    const bill = await newBill();
    const data = { ...keysOf(bill), user_birth: "19900301" };
    const noProxy = { allowedIps: ["127.0.0.1"], trustedProxies: [] };
    expect(await call(data, {}, "127.0.0.1", noProxy)).toMatchObject({ status: 403, body: { res_code: "E003" } });
    // a credential makes that setup usable (then the credential decides, the forwarded IP is a second check)
    expect(
      (await call(data, { authorization: "c1" }, "127.0.0.1", { ...noProxy, credential: "c1" })).body.res_code,
    ).toBe("OK");
  });

  it("an empty allow-list refuses everything, whatever else is set", async () => {
    const bill = await newBill();
    const data = { ...keysOf(bill), user_birth: "19900301" };
    expect(
      (
        await call(data, { authorization: "c1" }, "127.0.0.1", {
          allowedIps: [],
          trustedProxies: ["10.255.255.1"],
          credential: "c1",
        })
      ).status,
    ).toBe(403);
  });
});

describe("POST /kakao/prepay", () => {
  it("OK: the payable amount of an unpaid bill", async () => {
    const bill = await newBill();
    expect((await callAgency("prepay", { ...keysOf(bill), amount: 29000 })).body).toEqual({
      res_code: "OK",
      message: "성공",
      data: null,
    });
  });

  it("E001 amount missing · E006 ordinal too long · E007 billed_year_month digits · E008 amount as a string", async () => {
    const bill = await newBill();
    expect((await callAgency("prepay", keysOf(bill))).body.res_code).toBe("E001");
    expect(
      (await callAgency("prepay", { ...keysOf(bill), ordinal: "1".repeat(25), amount: 29000 })).body.res_code,
    ).toBe("E006");
    expect(
      (await callAgency("prepay", { ...keysOf(bill), billed_year_month: "20267", amount: 29000 })).body.res_code,
    ).toBe("E007");
    expect((await callAgency("prepay", { ...keysOf(bill), amount: "29000" })).body.res_code).toBe("E008");
  });

  it("E403: already paid, and an amount that does not match the bill", async () => {
    const bill = await newBill();
    expect((await callAgency("prepay", { ...keysOf(bill), amount: 100 })).body.res_code).toBe("E403");
    expect((await callAgency("pay-result", payResult(bill))).body.res_code).toBe("OK");
    const r = await callAgency("prepay", { ...keysOf(bill), amount: 29000 });
    expect(r.body).toMatchObject({ res_code: "E403", message: "납부 가능 금액이 없습니다." });
  });

  it("E501: amount above payable after the bill was lowered; the next notice returns the new amount", async () => {
    const bill = await newBill();
    const actor = await demoActor();
    const edited = await updateBill(
      bill.id,
      billInput({
        customerKey: bill.billerUserKey,
        billerNoticeKey: bill.billerNoticeKey,
        billedYearMonth: bill.billedYearMonth!,
        amount: 25000,
      }),
      actor,
    );
    expect(edited.ok).toBe(true);
    const r = await callAgency("prepay", { ...keysOf(bill), amount: 29000 });
    expect(r.body).toMatchObject({ res_code: "E501", message: "납부불가 - 납부 가능금액 초과" });
    const again = await callAgency("notice", { ...keysOf(bill), user_birth: "19900301" });
    expect((again.body.data as { result: { amount: number } }).result.amount).toBe(25000);
    expect((await callAgency("prepay", { ...keysOf(bill), amount: 25000 })).body.res_code).toBe("OK");
  });

  it("E502: no such bill", async () => {
    expect(
      (await callAgency("prepay", { biller_user_key: "NOBODY2", biller_notice_key: "NONE", amount: 1 })).body.res_code,
    ).toBe("E502");
  });

  it("E506: past the last due date (D1 first, D2 second); D0 ignores due dates", async () => {
    const late = await newBill({ payExpireDate: kstDay(-1) });
    expect((await callAgency("prepay", { ...keysOf(late), amount: 29000 })).body).toMatchObject({ res_code: "E506" });
    const d2 = await newBill({ expireType: "D2", payExpireDate: kstDay(-3), secondPayExpireDate: kstDay(2) });
    expect((await callAgency("prepay", { ...keysOf(d2), amount: 29000 })).body.res_code).toBe("OK");
    const d2late = await newBill({ expireType: "D2", payExpireDate: kstDay(-3), secondPayExpireDate: kstDay(-1) });
    expect((await callAgency("prepay", { ...keysOf(d2late), amount: 29000 })).body.res_code).toBe("E506");
    const d0 = await newBill({ expireType: "D0", payExpireDate: kstDay(-30) });
    expect((await callAgency("prepay", { ...keysOf(d0), amount: 29000 })).body.res_code).toBe("OK");
    const today = await newBill({ payExpireDate: kstDay(0) });
    expect((await callAgency("prepay", { ...keysOf(today), amount: 29000 })).body.res_code).toBe("OK");
  });

  it("E005: ambiguous without a notice key", async () => {
    const first = await newBill({ ordinal: "1" });
    await newBill({ customerKey: first.billerUserKey, ordinal: "2" });
    expect((await callAgency("prepay", { biller_user_key: first.billerUserKey, amount: 29000 })).body.res_code).toBe(
      "E005",
    );
  });

  it("E601: the bill cannot be looked up (database failing) — answered in the envelope, not a 500", async () => {
    const failing = new Proxy({} as typeof db, {
      get: () =>
        new Proxy(() => {}, {
          get: () => () => Promise.reject(new Error("connection terminated")),
          apply: () => Promise.reject(new Error("connection terminated")),
        }),
    });
    const r = await handleAgencyCall(
      {
        endpoint: "prepay",
        rawBody: JSON.stringify({ data: { biller_user_key: "A1", biller_notice_key: "K1", amount: 1000 } }),
        header: () => null,
        forwardedFor: "127.0.0.1",
      },
      { db: failing, auth: { allowedIps: ["127.0.0.1"], trustedProxies: ["10.255.255.1"] } },
    );
    expect(r).toEqual({
      status: 200,
      body: { res_code: "E601", message: "수납처리실패 - 납부요청 정보 조회 실패", data: null },
    });
  });
});

describe("POST /kakao/pay-result", () => {
  it("OK: a payment is recorded with its fields and the bill becomes paid", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    const r = await callAgency("pay-result", p);
    expect(r).toMatchObject({ status: 200, body: { res_code: "OK", message: "성공", data: null } });
    const row = await db.billPayment.findUniqueOrThrow({ where: { payId: BigInt(p.pay_id) } });
    expect(row).toMatchObject({
      billId: bill.id,
      payBy: "CARD",
      payAmount: 29000n,
      fee: 522n,
      feeTax: 52n,
      cardBin: "451842",
      cardCompany: "SHINHAN",
      feeType: "BEFORE",
      adjustDate: p.adjust_date,
    });
    const after = await db.bill.findUniqueOrThrow({ where: { id: bill.id } });
    expect(after).toMatchObject({ status: "PAID", paidAmount: 29000n, cancelledAmount: 0n });
  });

  it("E001 pay_id missing · E006 pay_detail2 too long · E007 paid_at 13 digits · E008 sign of pay_amount against pay_type; nothing recorded", async () => {
    const bill = await newBill();
    const { pay_id: _omit, ...noId } = payResult(bill);
    expect((await callAgency("pay-result", noId)).body.res_code).toBe("E001");
    expect((await callAgency("pay-result", payResult(bill, { pay_detail2: "X".repeat(21) }))).body.res_code).toBe(
      "E006",
    );
    expect((await callAgency("pay-result", payResult(bill, { paid_at: "2026071512000" }))).body.res_code).toBe("E007");
    expect((await callAgency("pay-result", payResult(bill, { pay_amount: -29000 }))).body.res_code).toBe("E008");
    expect((await callAgency("pay-result", payResult(bill, { pay_by: "CASH" }))).body.res_code).toBe("E008");
    expect(await db.billPayment.count({ where: { billId: bill.id } })).toBe(0);
    expect((await db.bill.findUniqueOrThrow({ where: { id: bill.id } })).status).toBe("UNPAID");
    expect(await db.billEvent.count({ where: { billId: bill.id } })).toBe(1); // only bill.created
  });

  it("E502: a result for a bill we never issued", async () => {
    const r = await callAgency(
      "pay-result",
      payResult({ billerUserKey: "NOBODY3", billerNoticeKey: "NO-BILL", billedYearMonth: null, amount: 1000 }),
    );
    expect(r.body.res_code).toBe("E502");
  });

  it("E005: ambiguous without a notice key", async () => {
    const first = await newBill({ ordinal: "1" });
    await newBill({ customerKey: first.billerUserKey, ordinal: "2" });
    const { biller_notice_key: _k, billed_year_month: _m, ...keyless } = payResult(first);
    expect((await callAgency("pay-result", keyless)).body.res_code).toBe("E005");
  });

  it("the same pay_id again with a different amount is answered OK (no endless redelivery), kept in 확인 필요, the first stays", async () => {
    const bill = await newBill();
    const p = payResult(bill);
    expect((await callAgency("pay-result", p)).body.res_code).toBe("OK");
    const r = await callAgency("pay-result", { ...p, pay_amount: 1000 });
    expect(r.body.res_code).toBe("OK");
    expect((await db.billPayment.findUniqueOrThrow({ where: { payId: BigInt(p.pay_id) } })).payAmount).toBe(29000n);
    expect(await db.billReview.findMany({ where: { billId: bill.id, resolvedAt: null } })).toMatchObject([
      { kind: "CONFLICT", code: "OK", data: { payAmount: 1000 } },
    ]);
  });
});
