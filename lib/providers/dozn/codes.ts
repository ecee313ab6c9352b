// Every res_code of the Dozn (KakaoPay 청구서) guide v0.1.3, with the seed's Korean messages.
// Sources: seed §2.5 (common + agency codes), §3.3 (link create), §4.3 (link re-create), §6.3 (prepay).
// The notice and pay-result sections have no table of their own; which codes we answer there is
// documented in `appliesTo` (see README-style notes on each entry).

export type DoznEndpoint = "link.create" | "link.recreate" | "notice" | "prepay" | "pay-result";

export type DoznCodeInfo = {
  /** The seed's `message` column (what goes into the response envelope). */
  message: string;
  /** The seed's `case` column. */
  when: string;
  /** Who produces it: the biller (us), the agency (Dozn) or both. */
  producedBy: "biller" | "agency" | "both";
  appliesTo: readonly DoznEndpoint[];
  /** Prepay codes: the text KakaoPay shows the customer (seed's "고객 안내 팝업 내용"). */
  customerMessage?: string;
  /** Link API codes: what the admin (merchant back office) should do next. */
  action?: DoznAdminAction;
};

export type DoznAdminAction =
  | "none"
  | "fix-request" // our request was malformed: a bug or bad input; fix and retry
  | "check-config" // biller code / API key wrong
  | "add-notice-key" // ambiguous bill: send biller_notice_key
  | "fix-parameters" // parameters key/value too long or not alnum
  | "use-new-notice-key" // notice key already used by another bill
  | "recreate" // link already created: offer "re-create link"
  | "create" // bill not registered yet: offer "create link"
  | "retry-later" // agency side transient error
  | "contact-agency"; // E817 etc.

const ALL_AGENCY_CALLS: readonly DoznEndpoint[] = ["notice", "prepay", "pay-result"];
const LINK: readonly DoznEndpoint[] = ["link.create", "link.recreate"];
const EVERYWHERE: readonly DoznEndpoint[] = [...LINK, ...ALL_AGENCY_CALLS];

export const DOZN_CODES = {
  OK: { message: "성공", when: "정상처리", producedBy: "both", appliesTo: EVERYWHERE, action: "none" },
  // ---- common (seed §2.5) ----
  E001: {
    message: "필수 파라미터가 없습니다.",
    when: "필수 파라미터가 누락된 경우",
    producedBy: "both",
    appliesTo: EVERYWHERE,
    action: "fix-request",
  },
  E006: {
    message: "파라미터의 최대 길이가 초과했습니다.",
    when: "최대길이가 지정된 파라미터의 길이가 초과하는 경우",
    producedBy: "both",
    appliesTo: EVERYWHERE,
    action: "fix-request",
  },
  E007: {
    message: "파라미터의 자리수가 맞지 않습니다.",
    when: "파라미터의 입력 자리수가 틀린 경우 (ex billed_year_month = YYYYMM = 6 자리)",
    producedBy: "both",
    appliesTo: EVERYWHERE,
    action: "fix-request",
  },
  E008: {
    message: "JSON 파싱 에러",
    when: "JSON 파싱 에러",
    producedBy: "both",
    appliesTo: EVERYWHERE,
    action: "fix-request",
  },
  // ---- link create (seed §3.3); E003/E005 are also answered by the biller endpoints ----
  E003: {
    message: "잘못된 빌러 식별 코드입니다.",
    when: "빌러 정보가 없거나 잘못된 경우",
    producedBy: "both",
    // link API: unknown biller_code / bad Authorization. Biller endpoints: the agency's request
    // does not belong to this biller (bad credential / IP not allowed, answered with HTTP 401/403).
    appliesTo: EVERYWHERE,
    action: "check-config",
  },
  E005: {
    message: "청구서 식별 코드가 필요합니다.",
    when: "청구서 식별코드 없이 조회 시, 청구서 정보가 2 개 이상 조회되는 경우",
    producedBy: "both",
    // biller endpoints: no biller_notice_key and the user key (+ year month / ordinal) matches 2+ bills
    appliesTo: ["link.create", "link.recreate", "notice", "prepay", "pay-result"],
    action: "add-notice-key",
  },
  E101: {
    message: "parameter 저장이 실패했습니다. key, value 의 길이 및 타입을 확인해주세요.",
    when: "parameter 의 key, value DB 저장 실패한 경우",
    producedBy: "agency",
    appliesTo: LINK,
    action: "fix-parameters",
  },
  E811: {
    message: "[에이전시] 청구서 식별 코드가 중복됩니다.",
    when: "청구서 식별코드가 중복되는 경우",
    producedBy: "agency",
    appliesTo: ["link.create"],
    action: "use-new-notice-key",
  },
  E818: {
    message: "[에이전시] 이미 링크 생성된 청구서입니다.",
    when: "링크 생성된 건이 요청되는 경우",
    producedBy: "agency",
    appliesTo: ["link.create"],
    action: "recreate",
  },
  // ---- link re-create (seed §4.3) ----
  E812: {
    message: "[에이전시] 등록되지 않은 청구서입니다.",
    when: "청구서가 등록되지 않은 경우",
    producedBy: "agency",
    appliesTo: ["link.recreate"],
    action: "create",
  },
  // ---- prepay (seed §6.3); E403/E502/E601 are also used by notice / pay-result (see appliesTo) ----
  E403: {
    message: "납부 가능 금액이 없습니다.",
    when: "납부 가능 금액 없음 (이미 납부 완료 포함)",
    producedBy: "both", // the agency answers it itself when it knows the bill is paid
    appliesTo: ["notice", "prepay"],
    customerMessage: "고객정보 및 금액이 일치하지 않아 납부가 불가합니다.",
  },
  E501: {
    message: "납부불가 - 납부 가능금액 초과",
    when: "납부 가능 금액 초과 (KakaoPay re-queries /kakao/notice)",
    producedBy: "biller",
    appliesTo: ["prepay", "pay-result"],
    customerMessage: "납부 금액이 변경되어 요금을 재조회합니다.",
  },
  E502: {
    message: "납부불가 - 납부 대상 없음",
    when: "납부 대상 없음 (no such bill / birth date mismatch)",
    producedBy: "biller",
    appliesTo: ["notice", "prepay", "pay-result"],
    customerMessage: "납부대상이 존재하지 않습니다.",
  },
  E506: {
    message: "납부기한이 경과하합니다.", // sic (seed)
    when: "납부기한 지나서 납부 불가",
    producedBy: "biller",
    appliesTo: ["prepay"],
    customerMessage: "납부기한이 경과하여 납부가 불가능합니다. 이용기관에 문의하세요.",
  },
  E601: {
    message: "수납처리실패 - 납부요청 정보 조회 실패",
    when: "납부 요청정보 조회 실패 (biller could not look up / record the payment request)",
    producedBy: "biller",
    appliesTo: ["prepay", "pay-result"],
    customerMessage: "수납처리실패 - 납부요청 정보 조회 실패",
  },
  // ---- agency codes (seed §2.5) ----
  E801: {
    message: "[에이전시] 내부 에러",
    when: "[에이전시] 내부 에러인 경우",
    producedBy: "agency",
    appliesTo: EVERYWHERE,
    action: "retry-later",
  },
  E806: {
    message: "[에이전시] 카카오페이에 요청 중 타임아웃 발생",
    when: "[에이전시] 요청 중 타임아웃 발생",
    producedBy: "agency",
    appliesTo: EVERYWHERE,
    action: "retry-later",
  },
  E807: {
    message: "[에이전시] 요청 데이터 JSON 파싱 에러",
    when: "[에이전시] 요청 데이터 JSON 파싱 에러",
    producedBy: "agency",
    appliesTo: EVERYWHERE,
    action: "fix-request",
  },
  E808: {
    message: "[에이전시] 응답 데이터 JSON 파싱 에러",
    when: "[에이전시] 응답 데이터 JSON 파싱 에러",
    producedBy: "agency",
    appliesTo: EVERYWHERE,
    action: "retry-later",
  },
  E809: {
    message: "[에이전시] 요청에 대한 응답 데이터를 받지 못했습니다.",
    when: "[에이전시] 응답 데이터를 받지 못한 경우",
    producedBy: "agency",
    appliesTo: EVERYWHERE,
    action: "retry-later",
  },
  E817: {
    message: "[에이전시] 오류 건으로 분류된 청구서입니다.",
    when: "오류 건으로 분류된 청구서가 요청된 경우 (에이전시에 문의)",
    producedBy: "agency",
    appliesTo: EVERYWHERE,
    action: "contact-agency",
  },
} as const satisfies Record<string, DoznCodeInfo>;

export type DoznResCode = keyof typeof DOZN_CODES;

export const isDoznResCode = (code: unknown): code is DoznResCode =>
  typeof code === "string" && Object.prototype.hasOwnProperty.call(DOZN_CODES, code);

/** Korean description of what the admin should do for a link API code. */
export const ADMIN_ACTION_TEXT: Record<DoznAdminAction, string> = {
  none: "",
  "fix-request": "요청 값을 확인한 뒤 다시 시도하세요. (연동 오류일 수 있습니다)",
  "check-config": "빌러 코드와 Authorization(API 키) 설정을 확인하세요.",
  "add-notice-key": "같은 고객번호의 청구서가 여러 건입니다. 청구서 식별 코드(biller_notice_key)를 지정하세요.",
  "fix-parameters": "부가 파라미터의 key/value 길이(8자 이하)와 형식(영문/숫자)을 확인하세요.",
  "use-new-notice-key": "다른 청구서가 이미 사용 중인 청구서 식별 코드입니다. 새 식별 코드로 생성하세요.",
  recreate: "이미 링크가 생성된 청구서입니다. '링크 재생성'을 사용하세요.",
  create: "아직 링크가 생성되지 않은 청구서입니다. '링크 생성'을 사용하세요.",
  "retry-later": "에이전시 일시 오류입니다. 잠시 후 다시 시도하세요.",
  "contact-agency": "오류 건으로 분류된 청구서입니다. 에이전시(더즌)에 문의하세요.",
};

/** The action for a code (unknown codes → contact the agency). */
export function adminActionFor(code: string): DoznAdminAction {
  if (!isDoznResCode(code)) return "contact-agency";
  const info: DoznCodeInfo = DOZN_CODES[code];
  return info.action ?? "contact-agency";
}

/** The seed's message for a code (falls back to the code itself). */
export function messageFor(code: string): string {
  return isDoznResCode(code) ? DOZN_CODES[code].message : code;
}

/** Codes a biller endpoint may answer (what our route handlers are allowed to return). */
export type BillerResCode =
  "OK" | "E001" | "E003" | "E005" | "E006" | "E007" | "E008" | "E403" | "E501" | "E502" | "E506" | "E601";

/** Link API codes (what the agency may answer our createLink / recreateLink). */
export type LinkResCode =
  | "OK"
  | "E001"
  | "E003"
  | "E005"
  | "E006"
  | "E007"
  | "E008"
  | "E101"
  | "E811"
  | "E812"
  | "E818"
  | "E801"
  | "E806"
  | "E807"
  | "E808"
  | "E809"
  | "E817";

/** Card company codes for pay_detail2 (seed, "카드사 코드(발급사 기준 영문명)"). */
export const CARD_COMPANIES = {
  BC: "비씨카드",
  BUSAN: "부산은행",
  DAEGU: "대구은행",
  DONGBUSEC: "DB금융투자",
  GWANGJU: "광주은행",
  HANA: "하나카드",
  HANABC: "하나비씨카드",
  HYUNDAI: "현대카드",
  IBK: "IBK기업은행",
  JEJU: "제주은행",
  JEONBUK: "전북은행",
  KAKAOBANK: "카카오뱅크",
  KAKAOPAY: "카카오페이",
  KB: "국민카드",
  KBANK: "케이뱅크",
  KBBC: "국민비씨카드",
  KBSEC: "KB증권",
  KDB: "산업은행",
  KYOBOSEC: "교보증권",
  KYUNGNAM: "경남은행",
  LOTTE: "롯데카드",
  MIRAESEC: "미래에셋증권",
  NH: "농협(NH)",
  NHBC: "농협비씨카드",
  POST: "우체국",
  SAEMAUL: "새마을금고",
  SAMSUNG: "삼성카드",
  SAVINGS: "저축은행",
  SC: "SC제일은행",
  SHINHAN: "신한카드",
  SHINHANBC: "신한비씨카드",
  SHINHYUP: "신용협동조합",
  SJ: "산림조합중앙회",
  SSGJBETC: "SSG카드(JB)",
  SUHYUP: "수협",
  WOORI: "우리카드",
  YUANTASEC: "유안타증권",
  UNKNOWN: "사용불가카드",
} as const;
export type CardCompanyCode = keyof typeof CARD_COMPANIES;
