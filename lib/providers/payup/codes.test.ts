import { describe, expect, it } from "vitest";
import {
  GENERIC_CUSTOMER_MESSAGE,
  PAYUP_CODES,
  PAYUP_CODE_LIST,
  customerMessageFor,
  describePayUpCode,
  kcpAlertText,
  readResendAnswer,
} from "./codes";

const SEED_TABLE: Record<string, string> = {
  "0000": "성공",
  "1001": "등록되지 않은 서비스아이디 입니다.",
  "1002": "제휴사 프로세스 생성 오류",
  "1003": "정산 대상 금액 부족으로 취소가 불가 합니다.",
  "1004": "취소 대상건이 없습니다.",
  "1005": "취소 가능 상태가 아닙니다.",
  "1006": "취소 update 에러!",
  "2001": "전문 검증에러!(관리자에게 문의 부탁드립니다.)",
  "5001": "결제 금액이 최소 결제 금액 보다 작습니다.",
  "5002": "결제 금액이 최대 결제 금액 보다 큼니다.",
  "5003": "가맹점 일한도 초과! 관리자에게 문의 부탁드립니다.",
  "5004": "가맹점 월한도 초과! 관리자에게 문의 부탁드립니다.",
  "5005": "이행보증보험 한도 초과! 관리자에게 문의 부탁드립니다.",
  "6001": "{파라미터명}은 필수입니다.",
  "6002": "{파라미터명}이 잘못되었습니다.",
  "6003": "파라미터를 확인해주세요.",
  "8001": "주문정보가 없습니다.",
  "8002": "결제가 진행된 주문입니다.",
  "9001": "관리자에게 문의해주세요.",
  "9002": "결과코드(res_cd)가 0000이 아닙니다.",
};

describe("PAYUP_CODES", () => {
  it("is exactly the seed's table with the seed's messages", () => {
    expect([...PAYUP_CODE_LIST].sort()).toEqual(Object.keys(SEED_TABLE).sort());
    for (const [code, msg] of Object.entries(SEED_TABLE))
      expect(PAYUP_CODES[code as keyof typeof PAYUP_CODES].seedMessage).toBe(msg);
  });

  it("every code has a Korean message, an audience and a decision", () => {
    for (const code of PAYUP_CODE_LIST) {
      const c = PAYUP_CODES[code];
      expect(c.message).toMatch(/[가-힣]/);
      expect(["customer", "admin"]).toContain(c.audience);
      expect(["ok", "retry", "fail", "reconcile"]).toContain(c.decision);
    }
  });

  it("decisions: success, reconciliation when PayUp's state may differ, fail otherwise", () => {
    const by = (d: string) => PAYUP_CODE_LIST.filter((c) => PAYUP_CODES[c].decision === d).sort();
    expect(by("ok")).toEqual(["0000"]);
    expect(by("retry")).toEqual(["1002"]);
    expect(by("reconcile")).toEqual(["1004", "1005", "1006", "8002", "9001"]);
    expect(by("fail")).toEqual([
      "1001",
      "1003",
      "2001",
      "5001",
      "5002",
      "5003",
      "5004",
      "5005",
      "6001",
      "6002",
      "6003",
      "8001",
      "9002",
    ]);
    expect(describePayUpCode("9001", "order").decision).toBe("retry");
    expect(describePayUpCode("9001", "pay").decision).toBe("reconcile");
    expect(describePayUpCode("8002", "order").decision).toBe("reconcile");
  });

  it("codes outside the table are KCP payment/authentication errors: customer, fail, PayUp's text", () => {
    expect(describePayUpCode("C123", "pay", "한도초과 카드")).toMatchObject({
      known: false,
      audience: "customer",
      decision: "fail",
      message: "카카오페이 결제가 승인되지 않았습니다: 한도초과 카드",
    });
    expect(customerMessageFor("2001")).toBe(GENERIC_CUSTOMER_MESSAGE);
    expect(customerMessageFor("5001")).toBe(PAYUP_CODES["5001"].message);
    expect(kcpAlertText("3001", "사용자 취소")).toBe("[ 3001 ] 사용자 취소");
  });

  it("a re-sent authorization: 8002 approved, 2001 / 8001 / 9002 uncertain, 9001 pending, seed refusals and unknown codes failed", () => {
    expect(readResendAnswer("8002")).toBe("approved");
    for (const c of ["2001", "8001", "9002"]) expect(readResendAnswer(c), c).toBe("uncertain");
    expect(readResendAnswer("9001")).toBe("pending");
    for (const c of ["5001", "5005", "6001", "6003"]) expect(readResendAnswer(c), c).toBe("failed");
    expect(readResendAnswer("C123")).toBe("failed");
    expect(readResendAnswer("1001")).toBe("config");
    expect(describePayUpCode("1003", "pay").decision).toBe("reconcile");
    expect(describePayUpCode("1003", "cancel").decision).toBe("fail");
  });
});
