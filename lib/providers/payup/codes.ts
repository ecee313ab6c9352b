// The whole responseCode table of the PayUp KakaoPay/KCP spec (seed §4.1), as one typed map.
//   seedMessage : the seed's text, verbatim (what PayUp puts in responseMsg)
//   message     : Korean text for the audience (customer-facing screens, or the admin console)
//   audience    : who the message is for; admin codes show the customer GENERIC_CUSTOMER_MESSAGE
//   decision    : what the caller does next
//                 ok        — success
//                 retry     — nothing happened at PayUp; the same call may be tried again
//                 fail      — definitive refusal; no money moved (order/pay) or nothing was cancelled
//                 reconcile — PayUp's state differs from ours or is unknown: check before acting again
// "위 응답코드 외 오류는 결제/인증 오류입니다": any other code is a payment/authentication error passed through
// from KCP/KakaoPay (card refused, ...): customer-facing, fail, and PayUp's responseMsg is shown.

export type PayUpDecision = "ok" | "retry" | "fail" | "reconcile";
export type PayUpAudience = "customer" | "admin";
export type PayUpOp = "order" | "pay" | "cancel";

export type PayUpCodeInfo = { seedMessage: string; message: string; audience: PayUpAudience; decision: PayUpDecision };

export const PAYUP_CODES = {
  "0000": { seedMessage: "성공", message: "정상 처리되었습니다.", audience: "customer", decision: "ok" },
  "1001": {
    seedMessage: "등록되지 않은 서비스아이디 입니다.",
    message: "PayUp에 등록되지 않은 가맹점 아이디입니다. PAYUP_MERCHANT_ID 설정과 서버 IP 등록을 확인하세요.",
    audience: "admin",
    decision: "fail",
  },
  "1002": {
    seedMessage: "제휴사 프로세스 생성 오류",
    message: "PayUp 제휴사(KCP) 처리 생성 중 오류가 발생했습니다. 잠시 후 다시 시도하세요.",
    audience: "admin",
    decision: "retry",
  },
  "1003": {
    seedMessage: "정산 대상 금액 부족으로 취소가 불가 합니다.",
    message: "정산 대상 금액이 부족해 취소할 수 없습니다. PayUp 담당자에게 문의하세요.",
    audience: "admin",
    decision: "fail",
  },
  "1004": {
    seedMessage: "취소 대상건이 없습니다.",
    message: "PayUp에 취소할 거래가 없습니다. 거래번호와 PayUp 관리자 화면의 거래 상태를 확인하세요.",
    audience: "admin",
    decision: "reconcile",
  },
  "1005": {
    seedMessage: "취소 가능 상태가 아닙니다.",
    message: "취소할 수 없는 상태의 거래입니다(이미 취소되었을 수 있습니다). PayUp 관리자 화면에서 상태를 확인하세요.",
    audience: "admin",
    decision: "reconcile",
  },
  "1006": {
    seedMessage: "취소 update 에러!",
    message: "PayUp 취소 처리 중 오류가 발생했습니다. 취소 여부가 불확실하니 PayUp에서 확인한 뒤 처리하세요.",
    audience: "admin",
    decision: "reconcile",
  },
  "2001": {
    seedMessage: "전문 검증에러!(관리자에게 문의 부탁드립니다.)",
    message: "PayUp 전문 검증 오류입니다(서명값, 인증키 또는 결제창 인증 데이터 불일치). 설정과 요청을 확인하세요.",
    audience: "admin",
    decision: "fail",
  },
  "5001": {
    seedMessage: "결제 금액이 최소 결제 금액 보다 작습니다.",
    message: "결제 금액이 카카오페이 최소 결제 금액보다 작습니다.",
    audience: "customer",
    decision: "fail",
  },
  "5002": {
    seedMessage: "결제 금액이 최대 결제 금액 보다 큼니다.",
    message: "결제 금액이 카카오페이 최대 결제 금액을 초과했습니다.",
    audience: "customer",
    decision: "fail",
  },
  "5003": {
    seedMessage: "가맹점 일한도 초과! 관리자에게 문의 부탁드립니다.",
    message: "가맹점 일 결제 한도를 초과했습니다. PayUp에 한도 증액을 요청하세요.",
    audience: "admin",
    decision: "fail",
  },
  "5004": {
    seedMessage: "가맹점 월한도 초과! 관리자에게 문의 부탁드립니다.",
    message: "가맹점 월 결제 한도를 초과했습니다. PayUp에 한도 증액을 요청하세요.",
    audience: "admin",
    decision: "fail",
  },
  "5005": {
    seedMessage: "이행보증보험 한도 초과! 관리자에게 문의 부탁드립니다.",
    message: "이행보증보험 한도를 초과했습니다. PayUp에 문의하세요.",
    audience: "admin",
    decision: "fail",
  },
  "6001": {
    seedMessage: "{파라미터명}은 필수입니다.",
    message: "PayUp 요청에 필수 파라미터가 빠졌습니다.",
    audience: "admin",
    decision: "fail",
  },
  "6002": {
    seedMessage: "{파라미터명}이 잘못되었습니다.",
    message: "PayUp 요청 파라미터 값이 잘못되었습니다.",
    audience: "admin",
    decision: "fail",
  },
  "6003": {
    seedMessage: "파라미터를 확인해주세요.",
    message: "PayUp 요청 형식이 잘못되었습니다.",
    audience: "admin",
    decision: "fail",
  },
  "8001": {
    seedMessage: "주문정보가 없습니다.",
    message: "결제 요청 정보가 없거나 만료되었습니다. 처음부터 다시 결제해 주세요.",
    audience: "customer",
    decision: "fail",
  },
  "8002": {
    seedMessage: "결제가 진행된 주문입니다.",
    message: "이미 결제가 진행된 주문입니다. PayUp 거래와 주문 상태를 대조하세요.",
    audience: "admin",
    decision: "reconcile",
  },
  "9001": {
    seedMessage: "관리자에게 문의해주세요.",
    message: "PayUp 내부 오류입니다. 처리 여부를 PayUp에서 확인하세요.",
    audience: "admin",
    decision: "reconcile",
  },
  "9002": {
    seedMessage: "결과코드(res_cd)가 0000이 아닙니다.",
    message: "카카오페이 인증이 완료되지 않았습니다. 다시 결제해 주세요.",
    audience: "customer",
    decision: "fail",
  },
} as const satisfies Record<string, PayUpCodeInfo>;

export type PayUpCode = keyof typeof PAYUP_CODES;
export const PAYUP_CODE_LIST = Object.keys(PAYUP_CODES) as PayUpCode[];
export const isPayUpCode = (code: string): code is PayUpCode => Object.hasOwn(PAYUP_CODES, code);

/** What customers see for admin-audience codes. */
export const GENERIC_CUSTOMER_MESSAGE =
  "결제를 처리하지 못했습니다. 잠시 후 다시 시도하시거나 고객센터로 문의해 주세요.";

// Where the same code means something else per call: an order that fails moved no money, so a
// "state unknown" code there is retryable rather than a reconciliation.
const OP_OVERRIDES: Partial<Record<PayUpOp, Partial<Record<PayUpCode, PayUpDecision>>>> = {
  order: { "9001": "retry", "1006": "retry" },
  // cancel codes are not expected from pay: look before acting again
  pay: { "1003": "reconcile" },
};

export type PayUpCodeDescription = PayUpCodeInfo & { code: string; known: boolean };

/** Describes any responseCode, including the pass-through payment/authentication errors outside the table. */
export function describePayUpCode(code: string, op?: PayUpOp, responseMsg?: string): PayUpCodeDescription {
  if (isPayUpCode(code)) {
    const info: PayUpCodeInfo = PAYUP_CODES[code];
    const decision = (op && OP_OVERRIDES[op]?.[code]) ?? info.decision;
    return { code, known: true, ...info, decision };
  }
  const msg = responseMsg?.trim() || "결제/인증 오류";
  return {
    code,
    known: false,
    seedMessage: msg,
    message: `카카오페이 결제가 승인되지 않았습니다: ${msg}`,
    audience: "customer",
    decision: "fail",
  };
}

/** Text to show the customer for a code (admin codes get the generic text). */
export function customerMessageFor(code: string, responseMsg?: string): string {
  const d = describePayUpCode(code, undefined, responseMsg);
  return d.audience === "customer" ? d.message : GENERIC_CUSTOMER_MESSAGE;
}

// KCP window result codes (res_cd of the browser POST / m_Completepayment), not PayUp's table.
export const KCP_RES_OK = "0000";
/** The customer closed / cancelled the KCP window. */
export const KCP_RES_USER_CANCEL = "3001";

/** What the PC page shows for a non-0000 window result: `[res_cd] res_msg` (seed 3.2.2). */
export const kcpAlertText = (resCd: string, resMsg: string) => `[ ${resCd} ] ${resMsg}`;

// What an answer to a RE-SENT authorization (PayUp has no lookup API: `lookup` re-sends the stored window
// authorization to pay) says about the first attempt. See sandbox/providers/payup/README.md "Terminal answers".
//   approved  — 0000 (charged now) or 8002 "결제가 진행된 주문입니다" (charged before)
//   uncertain — proves nothing either way: a person must look (확인 필요)
//   pending   — no answer yet: ask again later
//   failed    — the identical request is refused: nothing was charged
//   config    — our merchant configuration is wrong
export type PayUpResendReading = "approved" | "uncertain" | "pending" | "failed" | "config";

const RESEND_READINGS: Record<PayUpCode, PayUpResendReading> = {
  "0000": "approved",
  "8002": "approved",
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
};

/** Codes outside the seed's table are payment/authentication errors (seed §4.1): a definite refusal. */
export const readResendAnswer = (code: string): PayUpResendReading =>
  isPayUpCode(code) ? RESEND_READINGS[code] : "failed";

/** PayUp's and KCP's success code is "ok" on a staff timeline; PayUp reports no in-window states. */
export const payUpCodeTone = (code: string): "ok" | null => (code === "0000" ? "ok" : null);
