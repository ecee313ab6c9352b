// KakaoPay online payment: how each error_code and order status is read. Classification by the code itself
// (never by numeric ranges): a code not in this table is "unknown" — it may or may not have happened, and
// reconciliation (order lookup) decides. See sandbox/providers/kakaopay/README.md for the sources.

export type KakaoPayErrorClass = "declined" | "config" | "unknown";

export type KakaoPayCodeInfo = {
  kind: KakaoPayErrorClass;
  /** Korean text for staff (timeline / 확인 필요). */
  staffMessage: string;
  /** Korean text for the customer, for declined codes. */
  customerMessage?: string;
  source: string;
};

const COMMON = "https://developers.kakao.com/docs/latest/en/rest-api/error-code";

export const KAKAOPAY_ERROR_CODES: Record<string, KakaoPayCodeInfo> = {
  "-1": {
    kind: "unknown",
    staffMessage: "카카오 서버 내부 오류(재시도 대상): 처리 여부를 조회로 확인합니다.",
    source: COMMON,
  },
  "-2": {
    kind: "config",
    staffMessage: "요청 파라미터 오류(필수값 누락, 형식 또는 범위 오류): 요청/설정을 확인하세요.",
    source: COMMON,
  },
  "-3": {
    kind: "config",
    staffMessage: "API 사용에 필요한 설정이 완료되지 않았습니다: 카카오페이 앱 설정을 확인하세요.",
    source: COMMON,
  },
  "-5": {
    kind: "config",
    staffMessage: "이 API를 호출할 권한이 없습니다: 카카오페이 제휴/권한을 확인하세요.",
    source: COMMON,
  },
  "-7": {
    kind: "unknown",
    staffMessage: "카카오 서비스 점검 또는 내부 문제: 처리 여부를 조회로 확인합니다.",
    source: COMMON,
  },
  "-8": {
    kind: "config",
    staffMessage: "요청 헤더가 올바르지 않습니다: Authorization 헤더 설정을 확인하세요.",
    source: COMMON,
  },
  "-9": { kind: "config", staffMessage: "제공이 종료된 API입니다: 연동 버전을 확인하세요.", source: COMMON },
  "-401": {
    kind: "config",
    staffMessage: "카카오페이 키(SECRET_KEY)가 올바르지 않습니다: KAKAOPAY_SECRET_KEY를 확인하세요.",
    source: COMMON,
  },
  "-780": {
    kind: "declined",
    staffMessage: "결제수단에서 승인을 거절했습니다(extras.method_result_code 참조).",
    customerMessage: "결제 승인에 실패했습니다. 다른 결제수단으로 다시 시도해 주세요.",
    source: "https://developers.kakao.com/docs/latest/ko/kakaopay/single-payment (승인 실패 예시)",
  },
  "-781": {
    kind: "declined",
    staffMessage: "결제수단에서 취소를 거절했습니다(extras.method_result_code 참조).",
    customerMessage: "결제 취소가 거절되었습니다. 고객센터로 문의해 주세요.",
    source: "issue 10 / developers.kakaopay.com (UNCONFIRMED in a stored copy)",
  },
};

export function describeKakaoPayError(code: string): KakaoPayCodeInfo & { known: boolean } {
  const info = KAKAOPAY_ERROR_CODES[code];
  if (info) return { ...info, known: true };
  return {
    kind: "unknown",
    staffMessage: `알 수 없는 카카오페이 오류 코드(${code}): 처리 여부를 조회로 확인해야 합니다.`,
    source: "-",
    known: false,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Order statuses. Only definite answers are terminal; anything else, including a status we have never seen,
// is "pending". FAIL_AUTH_PASSWORD is not terminal: the user can enter the password again.
export type KakaoPayStatusReading = "charged" | "aborted" | "failed" | "pending";

const reading =
  (r: KakaoPayStatusReading) =>
  (meaning: string): { reading: KakaoPayStatusReading; meaning: string } => ({ reading: r, meaning });
const [pending, charged, aborted, failed] = [
  reading("pending"),
  reading("charged"),
  reading("aborted"),
  reading("failed"),
];

export const KAKAOPAY_STATUSES: Record<string, { reading: KakaoPayStatusReading; meaning: string }> = {
  READY: pending("결제 요청"),
  SEND_TMS: pending("결제 요청 메시지(TMS) 발송 완료"),
  OPEN_PAYMENT: pending("사용자가 카카오페이 결제 화면 진입"),
  SELECT_METHOD: pending("결제 수단 선택, 인증 완료"),
  ARS_WAITING: pending("ARS 인증 진행 중"),
  AUTH_PASSWORD: pending("비밀번호 인증 완료"),
  ISSUED_SID: pending("SID 발급 완료"),
  FAIL_AUTH_PASSWORD: pending("사용자 비밀번호 인증 실패(재시도 가능)"),
  SUCCESS_PAYMENT: charged("결제 완료"),
  PART_CANCEL_PAYMENT: charged("부분 취소"),
  CANCEL_PAYMENT: charged("결제된 금액 모두 취소"),
  QUIT_PAYMENT: aborted("사용자가 결제 중단"),
  FAIL_PAYMENT: failed("결제 승인 실패"),
};

export const readKakaoPayStatus = (status: string): KakaoPayStatusReading =>
  KAKAOPAY_STATUSES[status]?.reading ?? "pending";

/** A status recorded as a timeline code: settled states are "ok", the window's own states "pending" (not FAIL_*). */
export function kakaoPayCodeTone(code: string): "ok" | "pending" | null {
  const known = KAKAOPAY_STATUSES[code];
  if (!known || code.startsWith("FAIL_")) return null;
  return known.reading === "charged" ? "ok" : known.reading === "pending" ? "pending" : null;
}
