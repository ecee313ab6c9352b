import { describe, expect, it } from "vitest";
import { noticeResultOf } from "./biller";
import { DOZN_CODES } from "./codes";
import {
  fromKst,
  noticeOk,
  noticeResultSchema,
  parseBillerRequest,
  payResultToDomain,
  respond,
  toYmdHms,
  type PayResultRequest,
} from "./schemas";

const env = (data: unknown) => JSON.stringify({ data });
const notice = { biller_user_key: "0000000001", user_birth: "19900301", parameters: { some_param: "KT00000001" } };
const prepay = { biller_user_key: "0000000001", amount: 29000, parameters: { pay_rqt_seq: "KT00000001" } };
// the seed's own example (§7.1)
const payResult = {
  biller_user_key: "0000000001",
  parameters: { pay_rqt_seq: "KT00000001" },
  pay_by: "MONEY",
  pay_type: "P",
  pay_detail1: "",
  pay_detail2: "",
  amount: 20000,
  pay_amount: 20000,
  pay_fee_type: "BEFORE",
  pay_fee: 150,
  pay_fee_tax: 15,
  paid_at: "20190220161656",
  pay_id: 2748877,
};

describe("parseBillerRequest", () => {
  it("accepts the seed's examples", () => {
    expect(parseBillerRequest("notice", env(notice))).toEqual({ ok: true, data: notice });
    expect(parseBillerRequest("prepay", env(prepay))).toEqual({ ok: true, data: prepay });
    const r = parseBillerRequest("pay-result", env(payResult));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.data.pay_detail1).toBeUndefined(); // "" → absent
      expect(r.data.pay_id).toBe(2748877);
    }
  });

  it("E008 for bad JSON, non-object bodies and data as a broken string", () => {
    for (const raw of ["", "{", "[]", "null", '"x"', '{"data": "{"}']) {
      const r = parseBillerRequest("notice", raw);
      expect(r).toMatchObject({ ok: false, res_code: "E008" });
    }
    expect(parseBillerRequest("notice", JSON.stringify({ data: JSON.stringify(notice) })).ok).toBe(true);
  });

  it("E001 for missing data or any required field (empty string counts as missing)", () => {
    expect(parseBillerRequest("notice", "{}")).toMatchObject({ ok: false, res_code: "E001", field: "data" });
    for (const k of ["biller_user_key", "user_birth"]) {
      const d: Record<string, unknown> = { ...notice };
      delete d[k];
      expect(parseBillerRequest("notice", env(d))).toMatchObject({ ok: false, res_code: "E001", field: k });
      expect(parseBillerRequest("notice", env({ ...notice, [k]: "" }))).toMatchObject({ ok: false, res_code: "E001" });
    }
    expect(parseBillerRequest("prepay", env({ biller_user_key: "a" }))).toMatchObject({
      res_code: "E001",
      field: "amount",
    });
    for (const k of [
      "pay_by",
      "pay_type",
      "amount",
      "pay_amount",
      "pay_fee_type",
      "pay_fee",
      "pay_fee_tax",
      "paid_at",
      "pay_id",
    ]) {
      const d: Record<string, unknown> = { ...payResult };
      delete d[k];
      expect(parseBillerRequest("pay-result", env(d)), k).toMatchObject({ ok: false, res_code: "E001", field: k });
    }
    const r = parseBillerRequest("notice", env({ user_birth: "19900301" }));
    expect(r).toMatchObject({ message: `${DOZN_CODES.E001.message} (biller_user_key)` });
  });

  it("E006 for every max length", () => {
    const cases: [string, string, number][] = [
      ["biller_user_key", "notice", 50],
      ["ordinal", "notice", 24],
      ["biller_notice_key", "prepay", 80],
      ["pay_type", "pay-result", 1],
      ["pay_detail1", "pay-result", 6],
      ["pay_detail2", "pay-result", 20],
      ["pay_fee_type", "pay-result", 10],
    ];
    const bases = { notice, prepay, "pay-result": payResult } as const;
    for (const [field, ep, max] of cases) {
      const b = bases[ep as keyof typeof bases];
      const ok = parseBillerRequest(
        ep as "notice",
        env({
          ...b,
          [field]:
            field === "pay_detail1"
              ? "123456"
              : field === "pay_type"
                ? "P"
                : field === "pay_fee_type"
                  ? "BEFORE"
                  : "x".repeat(max),
        }),
      );
      expect(ok.ok, `${field} at max`).toBe(true);
      expect(parseBillerRequest(ep as "notice", env({ ...b, [field]: "x".repeat(max + 1) })), field).toMatchObject({
        ok: false,
        res_code: "E006",
        field,
      });
    }
  });

  it("E007 for wrong digit counts / impossible dates", () => {
    expect(parseBillerRequest("notice", env({ ...notice, user_birth: "1990031" }))).toMatchObject({
      res_code: "E007",
      field: "user_birth",
    });
    expect(parseBillerRequest("notice", env({ ...notice, user_birth: "19901301" }))).toMatchObject({
      res_code: "E007",
    });
    expect(parseBillerRequest("notice", env({ ...notice, billed_year_month: "2019011" }))).toMatchObject({
      res_code: "E007",
      field: "billed_year_month",
    });
    expect(parseBillerRequest("prepay", env({ ...prepay, billed_year_month: "201913" }))).toMatchObject({
      res_code: "E007",
    });
    expect(parseBillerRequest("pay-result", env({ ...payResult, paid_at: "2019022016165" }))).toMatchObject({
      res_code: "E007",
      field: "paid_at",
    });
    expect(parseBillerRequest("pay-result", env({ ...payResult, adjust_date: "2019022" }))).toMatchObject({
      res_code: "E007",
      field: "adjust_date",
    });
    expect(parseBillerRequest("pay-result", env({ ...payResult, pay_by: "CARD", pay_detail1: "1234" }))).toMatchObject({
      res_code: "E007",
      field: "pay_detail1",
    });
    expect(parseBillerRequest("notice", env({ ...notice, billed_year_month: "201908" })).ok).toBe(true);
  });

  it("E008 for wrong JSON types, unknown enum values and a pay_amount sign that contradicts pay_type", () => {
    expect(parseBillerRequest("prepay", env({ ...prepay, amount: "29000" }))).toMatchObject({
      res_code: "E008",
      field: "amount",
    });
    expect(parseBillerRequest("prepay", env({ ...prepay, amount: 1.5 }))).toMatchObject({ res_code: "E008" });
    expect(parseBillerRequest("notice", env({ ...notice, biller_user_key: 1 }))).toMatchObject({ res_code: "E008" });
    expect(parseBillerRequest("pay-result", env({ ...payResult, pay_by: "BITCOIN" }))).toMatchObject({
      res_code: "E008",
      field: "pay_by",
    });
    expect(parseBillerRequest("pay-result", env({ ...payResult, pay_type: "X" }))).toMatchObject({ res_code: "E008" });
    expect(parseBillerRequest("pay-result", env({ ...payResult, pay_id: "2748877" }))).toMatchObject({
      res_code: "E008",
      field: "pay_id",
    });
    expect(parseBillerRequest("pay-result", env({ ...payResult, pay_type: "C" }))).toMatchObject({
      res_code: "E008",
      field: "pay_amount",
    });
    const cancel = parseBillerRequest(
      "pay-result",
      env({ ...payResult, pay_type: "C", pay_amount: -20000, pay_fee: -150, pay_fee_tax: -15 }),
    );
    expect(cancel.ok).toBe(true);
  });

  it("priority: E001 before E008 before E006 before E007", () => {
    expect(parseBillerRequest("notice", env({ biller_user_key: "x".repeat(51), user_birth: "1" }))).toMatchObject({
      res_code: "E006",
    });
    expect(parseBillerRequest("notice", env({ biller_user_key: "x".repeat(51) }))).toMatchObject({ res_code: "E001" });
  });

  it("maps pay-result to the domain with an idempotency key on pay_id + pay_type", () => {
    const r = parseBillerRequest(
      "pay-result",
      env({ ...payResult, pay_by: "CARD", pay_detail1: "457972", pay_detail2: "KB", adjust_date: "20190222" }),
    );
    if (!r.ok) throw new Error(r.message);
    const d = payResultToDomain(r.data as PayResultRequest);
    expect(d).toMatchObject({
      payId: 2748877,
      payType: "P",
      payBy: "CARD",
      cardBin: "457972",
      cardCompany: "KB",
      payAmount: 20000,
      idempotencyKey: "2748877:P",
    });
    expect(d.paidAt.toISOString()).toBe("2019-02-20T07:16:56.000Z"); // KST
    expect(d.bill).toEqual({ billerUserKey: "0000000001", parameters: { pay_rqt_seq: "KT00000001" } });
  });
});

describe("responses", () => {
  it("respond() builds the envelope with the seed message", () => {
    expect(respond("OK")).toEqual({ res_code: "OK", message: "성공", data: null });
    expect(respond("E506")).toEqual({ res_code: "E506", message: DOZN_CODES.E506.message, data: null });
    expect(respond("E502", "custom")).toEqual({ res_code: "E502", message: "custom", data: null });
  });

  it("noticeResultOf + noticeOk produce a spec-exact notice answer with all detail types (bill details as stored)", () => {
    const result = noticeResultOf({
      settlementCode: null,
      billerUserKey: "CUST1",
      billedYearMonth: "202607",
      ordinal: null,
      billerNoticeKey: "N-1",
      title: "관리비",
      amount: 29000,
      taxFreeAmount: 0,
      vatAmount: 2636,
      expireType: "D2",
      payExpireDate: "20260731",
      secondPayExpireDate: "20260810",
      bankAccounts: [{ bank_code: "088", account_no: "123", account_type: "VIRTUAL" }],
      details: [
        {
          title: "전체",
          item_type: "KEY_VALUE",
          elements: [
            { key: "a", value: "1", level: 1 },
            { key: "b", value: "2", level: 2 },
          ],
        },
        { title: "기본", item_type: "TEXT", elements: ["x"] },
        { title: "표", item_type: "TABLE", elements: { head: ["a", "b"], rows: [["1", "2"]] } },
        { title: "추이", item_type: "GRAPH", unit_name: "원", elements: [{ x: "01", y: 1 }] },
      ],
    });
    const body = noticeOk(result);
    expect(body.res_code).toBe("OK");
    expect(body.data!.result.pay_expire_date).toBe("20260731");
    expect(body.data!.result.details![0]).toEqual({
      title: "전체",
      item_type: "KEY_VALUE",
      elements: [
        { key: "a", value: "1", level: 1 },
        { key: "b", value: "2", level: 2 },
      ],
    });
    expect(body.data!.result.bank_accounts).toEqual([{ bank_code: "088", account_no: "123", account_type: "VIRTUAL" }]);
    expect(() => noticeOk({ ...result, expire_type: "D2", second_pay_expire_date: undefined } as never)).toThrow();
    expect(
      noticeResultSchema.safeParse({
        ...result,
        details: [{ title: "t", item_type: "TABLE", elements: { head: ["a"], rows: [["1", "2"]] } }],
      }).success,
    ).toBe(false);
    expect(
      noticeResultSchema.safeParse({
        ...result,
        details: [
          { title: "g", item_type: "GRAPH", elements: Array.from({ length: 14 }, (_, i) => ({ x: String(i), y: i })) },
        ],
      }).success,
    ).toBe(false);
  });

  it("KST helpers round-trip", () => {
    const d = new Date("2020-04-09T14:59:59Z");
    expect(toYmdHms(d)).toBe("20200409235959");
    expect(fromKst("20200409235959").toISOString()).toBe(d.toISOString());
    // years 0001–0099 are themselves (Date.UTC would make 0001 into 1901)
    expect(fromKst("00010101090000").toISOString()).toBe("0001-01-01T00:00:00.000Z");
    expect(fromKst("00991231235959").toISOString()).toBe("0099-12-31T14:59:59.000Z");
  });

  it("paid_at / adjust_date must be real calendar dates (E007): no year 0000, month 13, 30 Feb, hour 24; year 0001 is one", () => {
    const pr = (over: Record<string, unknown>) => parseBillerRequest("pay-result", env({ ...payResult, ...over }));
    for (const paid_at of ["00000101000000", "20261301000000", "20260230000000", "20240101240000", "20240101006000"])
      expect(pr({ paid_at }), paid_at).toMatchObject({ ok: false, res_code: "E007" });
    for (const adjust_date of ["00000101", "20260230"])
      expect(pr({ adjust_date }), adjust_date).toMatchObject({ ok: false, res_code: "E007" });
    expect(pr({ paid_at: "00010101000000" }).ok).toBe(true);
    expect(pr({ paid_at: "20240229235959", adjust_date: "20240229" }).ok).toBe(true);
    // amounts and fees of any size up to ±2^53 are numbers the biller records (BIGINT), not refused
    expect(pr({ pay_fee: 2 ** 31, pay_amount: 2 ** 31 }).ok).toBe(true);
  });
});
