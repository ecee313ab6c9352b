// Linkhub family (Barocert Kakao CMS, legacy KakaoCert): every error code the app reads, looked up by the
// exact code, never by numeric ranges or suffixes. A code not in these tables is "unknown": for a verify
// that means "it may have happened, ask again / 확인 필요", for a request "refused, nothing to look up".
//
// Sources (see sandbox/providers/linkhub/README.md):
//  - Linkhub auth codes (-100000NN) are published for Linkhub's sister product Popbill, which uses the same
//    Linkhub auth service: https://docs.popbill.com/en/closedown/exception/java ("-100* … service error").
//    That Barocert's and KakaoCert's token endpoints answer the same numbers is likely (same auth server)
//    but UNCONFIRMED; the meanings below are the published ones.
//  - Barocert Kakao CMS (-401000NN) and KakaoCert (-310000NN) numbers are NOT published where we could read
//    them (Barocert publishes per-product pages, e.g. Toss identity -463…, but the Kakao CMS page was not
//    retrievable). They are the sandbox's choices, marked UNCONFIRMED: against the real providers they will
//    simply be unknown codes, which the app treats safely (never as success, never as a definite refusal
//    of a verify).

export type LinkhubCodeKind =
  /** wrong keys / LinkID / client code / environment: retrying with the same configuration cannot succeed */
  | "config"
  /** the auth server does not know our session token (e.g. expired): drop the SDK's token cache, retry once */
  | "token_rejected"
  /** our request was malformed (a bug or bad input) — nothing was performed */
  | "invalid_request"
  | "receipt_unknown"
  | "verify_not_complete"
  | "verify_used"
  | "verify_late"
  | "request_expired"
  | "request_declined"
  | "request_failed"
  | "signature_required"
  | "signature_mismatch"
  | "signature_unexpected";

export type LinkhubCodeInfo = {
  kind: LinkhubCodeKind;
  /** Korean explanation for staff (timeline, 확인 필요). */
  staff: string;
  /** Korean text and next step for the customer, for codes a customer can trigger. */
  customer?: string;
  source: string;
  confirmed: boolean;
};

const POPBILL_COMMON = "published: https://docs.popbill.com/en/closedown/exception/java (Linkhub common -100* codes)";
const OURS = "our choice (sandbox; the real number is UNCONFIRMED)";
const CONFIG_CUSTOMER =
  "지금은 카카오톡 인증을 요청할 수 없습니다. 잠시 후 다시 시도하시거나 고객센터로 문의해 주세요.";

const published = (kind: LinkhubCodeKind, staff: string): LinkhubCodeInfo => ({
  kind,
  staff,
  customer: kind === "config" ? CONFIG_CUSTOMER : undefined,
  source: POPBILL_COMMON,
  confirmed: true,
});
const ours = (kind: LinkhubCodeKind, staff: string, customer?: string): LinkhubCodeInfo => ({
  kind,
  staff,
  customer,
  source: OURS,
  confirmed: false,
});

/** Linkhub auth (token) codes — the same for both services. */
export const LINKHUB_AUTH_CODES: Readonly<Record<number, LinkhubCodeInfo>> = {
  [-10000010]: published("config", "연동 정보(LinkID)가 존재하지 않습니다: LINKHUB_LINK_ID를 확인하세요."),
  [-10000011]: published("config", "연동 사용자 정보가 존재하지 않습니다: 링크허브 계정/이용기관 등록을 확인하세요."),
  [-10000012]: published(
    "config",
    "LinkID와 사업자번호에 해당하는 관리자 계정이 없습니다: 링크허브 계정을 확인하세요.",
  ),
  [-10000014]: published("config", "사업자번호에 해당하는 사용자가 없습니다: 이용기관 등록을 확인하세요."),
  [-10000015]: published("config", "사업자번호(이용기관 정보)가 입력되지 않았습니다: 이용기관 코드 설정을 확인하세요."),
  [-10000018]: published("config", "사용 중지된 아이디입니다: 링크허브에 문의하세요."),
  [-10000019]: published("config", "휴면 아이디입니다: 링크허브에 문의하세요."),
  [-10000020]: published("config", "삭제된 아이디입니다: 링크허브에 문의하세요."),
  [-10000021]: published("config", "사용 중지된 아이디입니다: 링크허브에 문의하세요."),
  [-10000029]: published("config", "접속 IP 정보가 없습니다: 링크허브에 등록한 허용 IP를 확인하세요."),
  [-10000032]: published("config", "인증 토큰 생성에 실패했습니다: 키(SecretKey)와 서버 시간을 확인하세요."),
  [-10000033]: published(
    "token_rejected",
    "인증 토큰을 해석하지 못했습니다(만료 등): 토큰을 새로 받아 다시 요청합니다.",
  ),
  [-10000034]: published("token_rejected", "인증 토큰이 없습니다: 토큰을 새로 받아 다시 요청합니다."),
  // Situations the published table has no code for: the sandbox's choices (numbers outside the published list).
  [-10000091]: ours("config", "Authorization 헤더 형식 또는 x-lh-version 오류: SDK/연동 설정을 확인하세요."),
  [-10000092]: ours("config", "토큰 요청 서명(HMAC) 불일치: LINKHUB_SECRET_KEY를 확인하세요."),
  [-10000093]: ours("config", "x-lh-date 누락 또는 서버 시간 차이 10분 초과: 서버 시간을 확인하세요."),
  [-10000094]: ours("config", "토큰 요청 본문 또는 scope 오류: SDK 버전/설정을 확인하세요."),
  [-10000095]: ours("config", "등록되지 않은 이용기관 코드(access_id): KAKAOCERT_CLIENT_CODE를 확인하세요."),
};

/** Per-service situations (the same situations for both services, each with its own number). */
const SERVICE_SITUATIONS: ReadonlyArray<[nn: number, info: LinkhubCodeInfo]> = [
  [1, ours("config", "x-bc-auth / x-kc-auth 서명 불일치(SecretKey 또는 LinkID 오류): 키 설정을 확인하세요.")],
  [2, ours("config", "x-bc-* / x-kc-* 헤더 누락 또는 시간 차이: 서버 시간과 SDK 설정을 확인하세요.")],
  [3, ours("config", "등록되지 않은 이용기관 코드: 이용기관 코드 설정을 확인하세요.")],
  [4, ours("invalid_request", "요청 본문이 JSON 객체가 아닙니다(연동 오류).")],
  [5, ours("invalid_request", "필수 항목 누락(연동 오류).", "입력한 정보를 확인한 뒤 다시 요청해 주세요.")],
  [6, ours("config", "암호화된 항목을 복호화하지 못했습니다: SecretKey를 확인하세요.")],
  [
    7,
    ours(
      "invalid_request",
      "항목 형식 오류(휴대폰번호, 생년월일, 만료시간, 길이 등).",
      "입력한 휴대폰번호·생년월일·계좌 정보를 확인한 뒤 다시 요청해 주세요.",
    ),
  ],
  [8, ours("invalid_request", "앱투앱 요청에 복귀 URL이 없습니다(연동 오류).")],
  [10, ours("receipt_unknown", "접수번호를 찾을 수 없습니다.")],
  [11, ours("verify_not_complete", "서명이 완료되지 않아 검증할 수 없습니다.")],
  [12, ours("verify_used", "이미 검증된 요청입니다(검증은 1회만 가능).")],
  [
    13,
    ours(
      "verify_late",
      "서명 완료 후 10분이 지나 검증할 수 없습니다.",
      "인증 확인 시간이 지났습니다. 처음부터 다시 요청해 주세요.",
    ),
  ],
  [14, ours("request_expired", "만료된 요청입니다.", "요청 시간이 지났습니다. 다시 요청해 주세요.")],
  [
    15,
    ours(
      "request_declined",
      "고객이 거절한 요청입니다.",
      "카카오톡에서 요청을 거절하셨습니다. 필요하면 다시 요청해 주세요.",
    ),
  ],
  [16, ours("request_failed", "제공자에서 처리에 실패한 요청입니다.", "인증 처리에 실패했습니다. 다시 요청해 주세요.")],
  [17, ours("signature_required", "앱투앱 요청을 서명값 없이 검증했습니다(연동 오류).")],
  [
    18,
    ours("signature_mismatch", "앱투앱 서명값이 일치하지 않습니다.", "카카오톡에서 인증을 마친 뒤 다시 돌아와 주세요."),
  ],
  [19, ours("signature_unexpected", "톡메시지 요청에 서명값을 보냈습니다(연동 오류).")],
];

export type LinkhubService = "barocert" | "kakaocert";
const SERVICE_BASE: Record<LinkhubService, number> = { barocert: -40100000, kakaocert: -31000000 };

function serviceTable(service: LinkhubService): Readonly<Record<number, LinkhubCodeInfo>> {
  return Object.fromEntries(SERVICE_SITUATIONS.map(([nn, info]) => [SERVICE_BASE[service] - nn, info]));
}
/** Barocert Kakao CMS codes (sandbox choices, UNCONFIRMED). */
export const BAROCERT_CODES = serviceTable("barocert");
/** Legacy KakaoCert codes (sandbox choices, UNCONFIRMED). */
export const KAKAOCERT_CODES = serviceTable("kakaocert");

/** The code's reading for that service, or undefined when we do not know the code. */
export function linkhubCode(service: LinkhubService, code: number): LinkhubCodeInfo | undefined {
  return LINKHUB_AUTH_CODES[code] ?? (service === "barocert" ? BAROCERT_CODES : KAKAOCERT_CODES)[code];
}

/** Any service's reading (for callers that do not know which service answered, e.g. the shared SDK runner). */
export function anyLinkhubCode(code: number): LinkhubCodeInfo | undefined {
  return LINKHUB_AUTH_CODES[code] ?? BAROCERT_CODES[code] ?? KAKAOCERT_CODES[code];
}
