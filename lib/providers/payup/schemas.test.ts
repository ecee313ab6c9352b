import { describe, expect, it } from "vitest";
import { parseKcpReturn } from "./schemas";

describe("parseKcpReturn", () => {
  const filled = {
    ordr_idxx: "20230601144727KK0615",
    good_mny: "100",
    site_cd: "A8QOB",
    req_tx: "pay",
    pay_method: "100000000000",
    currency: "410",
    kakaopay_direct: "Y",
    module_type: "01",
    ordr_chk: "20230601144727KK0615|100",
    res_cd: "0000",
    res_msg: "정상처리",
    enc_info: "abc._-",
    enc_data: "def._-",
    ret_pay_method: "CARD",
    tran_cd: "00100000",
    use_pay_method: "100000000000",
    card_pay_method: "KAKAO_MONEY",
  };

  it("a real-shaped PC form → authorization with the pay fields untouched", () => {
    const r = parseKcpReturn(filled);
    expect(r).toEqual({
      ok: true,
      outcome: "authenticated",
      paramOpts: ["", "", ""],
      authorization: {
        ordrIdxx: "20230601144727KK0615",
        amount: 100,
        method: "KAKAO_MONEY",
        // exactly the seed's six pay fields: good_mny is kept as `amount` for our own check, not sent
        payFields: {
          res_cd: "0000",
          enc_info: "abc._-",
          enc_data: "def._-",
          tran_cd: "00100000",
          card_pay_method: "KAKAO_MONEY",
          ordr_idxx: "20230601144727KK0615",
        },
      },
    });
  });

  it("tran_cd / card_pay_method are always forwarded (empty when the window did not post them)", () => {
    const { tran_cd: _t, card_pay_method: _c, ...bare } = filled;
    const r = parseKcpReturn(bare);
    expect(r.ok && r.outcome === "authenticated" && r.authorization.payFields).toEqual({
      res_cd: "0000",
      enc_info: "abc._-",
      enc_data: "def._-",
      tran_cd: "",
      card_pay_method: "",
      ordr_idxx: "20230601144727KK0615",
    });
  });

  it("3001 → cancelled, other codes → failed, 0000 without enc_* → invalid, no res_cd → invalid", () => {
    expect(parseKcpReturn({ res_cd: "3001", res_msg: "사용자 취소", ordr_idxx: "O" })).toMatchObject({
      ok: true,
      outcome: "cancelled",
      resCd: "3001",
      resMsg: "사용자 취소",
      ordrIdxx: "O",
    });
    expect(parseKcpReturn({ res_cd: "8128", res_msg: "인증 실패", ordr_idxx: "" })).toEqual({
      ok: true,
      outcome: "failed",
      resCd: "8128",
      resMsg: "인증 실패",
      paramOpts: ["", "", ""],
    });
    expect(parseKcpReturn({ ...filled, enc_data: "" })).toMatchObject({
      ok: false,
      outcome: "invalid",
      issues: ["enc_data: required when res_cd is 0000"],
    });
    expect(parseKcpReturn({ ordr_idxx: "O" })).toMatchObject({ ok: false, outcome: "invalid" });
    expect(parseKcpReturn({ ...filled, good_mny: "1,000" })).toMatchObject({ ok: false, outcome: "invalid" });
  });
});
