// The Dozn guide's wire rules as the sandbox agency reads them (independent of the app's lib/).
export const MESSAGES: Record<string, string> = {
  OK: "성공",
  E001: "필수 파라미터가 없습니다.",
  E003: "잘못된 빌러 식별 코드입니다.",
  E005: "청구서 식별 코드가 필요합니다.",
  E006: "파라미터의 최대 길이가 초과했습니다.",
  E007: "파라미터의 자리수가 맞지 않습니다.",
  E008: "JSON 파싱 에러",
  E101: "parameter 저장이 실패했습니다. key, value 의 길이 및 타입을 확인해주세요.",
  E403: "납부 가능 금액이 없습니다.",
  E501: "납부불가 - 납부 가능금액 초과",
  E502: "납부불가 - 납부 대상 없음",
  E506: "납부기한이 경과하합니다.",
  E601: "수납처리실패 - 납부요청 정보 조회 실패",
  E801: "[에이전시] 내부 에러",
  E806: "[에이전시] 카카오페이에 요청 중 타임아웃 발생",
  E807: "[에이전시] 요청 데이터 JSON 파싱 에러",
  E808: "[에이전시] 응답 데이터 JSON 파싱 에러",
  E809: "[에이전시] 요청에 대한 응답 데이터를 받지 못했습니다.",
  E811: "[에이전시] 청구서 식별 코드가 중복됩니다.",
  E812: "[에이전시] 등록되지 않은 청구서입니다.",
  E817: "[에이전시] 오류 건으로 분류된 청구서입니다.",
  E818: "[에이전시] 이미 링크 생성된 청구서입니다.",
};

/** What KakaoPay shows the customer for a biller's answer (seed §6.3 "고객 안내 팝업 내용"). */
export const CUSTOMER_MESSAGES: Record<string, string> = {
  E403: "고객정보 및 금액이 일치하지 않아 납부가 불가합니다.",
  E501: "납부 금액이 변경되어 요금을 재조회합니다.",
  E502: "납부대상이 존재하지 않습니다.",
  E506: "납부기한이 경과하여 납부가 불가능합니다. 이용기관에 문의하세요.",
  E601: "수납처리실패 - 납부요청 정보 조회 실패",
  E005: "청구서를 특정할 수 없습니다. 이용기관에 문의하세요.",
  E001: "청구서 정보를 불러오지 못했습니다. 잠시 후 다시 시도해 주세요.",
  E006: "청구서 정보를 불러오지 못했습니다. 잠시 후 다시 시도해 주세요.",
  E007: "청구서 정보를 불러오지 못했습니다. 잠시 후 다시 시도해 주세요.",
  E008: "청구서 정보를 불러오지 못했습니다. 잠시 후 다시 시도해 주세요.",
  E003: "이용기관 연결에 실패했습니다. 이용기관에 문의하세요.",
  E808: "이용기관의 응답을 해석하지 못했습니다. 잠시 후 다시 시도해 주세요.",
  E809: "이용기관이 응답하지 않습니다. 잠시 후 다시 시도해 주세요.",
};

export const envelope = (res_code: string, message?: string, data: unknown = null) => ({
  res_code,
  message: message ?? MESSAGES[res_code] ?? res_code,
  data,
});

/** Card company codes (seed, 발급사 기준 영문명). */
export const CARD_COMPANIES: [code: string, name: string][] = [
  ["BC", "비씨카드"],
  ["BUSAN", "부산은행"],
  ["DAEGU", "대구은행"],
  ["DONGBUSEC", "DB금융투자"],
  ["GWANGJU", "광주은행"],
  ["HANA", "하나카드"],
  ["HANABC", "하나비씨카드"],
  ["HYUNDAI", "현대카드"],
  ["IBK", "IBK기업은행"],
  ["JEJU", "제주은행"],
  ["JEONBUK", "전북은행"],
  ["KAKAOBANK", "카카오뱅크"],
  ["KAKAOPAY", "카카오페이"],
  ["KB", "국민카드"],
  ["KBANK", "케이뱅크"],
  ["KBBC", "국민비씨카드"],
  ["KBSEC", "KB증권"],
  ["KDB", "산업은행"],
  ["KYOBOSEC", "교보증권"],
  ["KYUNGNAM", "경남은행"],
  ["LOTTE", "롯데카드"],
  ["MIRAESEC", "미래에셋증권"],
  ["NH", "농협(NH)"],
  ["NHBC", "농협비씨카드"],
  ["POST", "우체국"],
  ["SAEMAUL", "새마을금고"],
  ["SAMSUNG", "삼성카드"],
  ["SAVINGS", "저축은행"],
  ["SC", "SC제일은행"],
  ["SHINHAN", "신한카드"],
  ["SHINHANBC", "신한비씨카드"],
  ["SHINHYUP", "신용협동조합"],
  ["SJ", "산림조합중앙회"],
  ["SSGJBETC", "SSG카드(JB)"],
  ["SUHYUP", "수협"],
  ["WOORI", "우리카드"],
  ["YUANTASEC", "유안타증권"],
  ["UNKNOWN", "사용불가카드"],
];
export const CARD_NAME = new Map(CARD_COMPANIES);

/** Plausible (fake) BINs per card company for pay_detail1. */
export const CARD_BIN: Record<string, string> = {
  BC: "945212",
  HANA: "532092",
  HYUNDAI: "433028",
  KB: "457972",
  LOTTE: "467309",
  NH: "546112",
  SAMSUNG: "536148",
  SHINHAN: "451842",
  WOORI: "558526",
  KAKAOBANK: "536510",
  IBK: "944541",
};

export const BANK_NAMES: Record<string, string> = {
  "002": "산업은행",
  "003": "IBK기업은행",
  "004": "KB국민은행",
  "007": "수협은행",
  "011": "NH농협은행",
  "012": "지역농축협",
  "020": "우리은행",
  "023": "SC제일은행",
  "027": "한국씨티은행",
  "031": "대구은행",
  "032": "부산은행",
  "034": "광주은행",
  "035": "제주은행",
  "037": "전북은행",
  "039": "경남은행",
  "045": "새마을금고",
  "048": "신협",
  "071": "우체국",
  "081": "하나은행",
  "088": "신한은행",
  "089": "케이뱅크",
  "090": "카카오뱅크",
  "092": "토스뱅크",
};

// ---- time (Korea time, UTC+9, no DST)

const p2 = (n: number) => String(n).padStart(2, "0");
export function kstStamp(d: Date): string {
  const t = new Date(d.getTime() + 9 * 3600_000);
  return `${t.getUTCFullYear()}${p2(t.getUTCMonth() + 1)}${p2(t.getUTCDate())}${p2(t.getUTCHours())}${p2(t.getUTCMinutes())}${p2(t.getUTCSeconds())}`;
}
export const kstYmd = (d: Date) => kstStamp(d).slice(0, 8);
export function parseKst(v: string): Date {
  const s = v.padEnd(14, "0");
  return new Date(
    Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(8, 10), +s.slice(10, 12), +s.slice(12, 14)) -
      9 * 3600_000,
  );
}
function validDate(y: number, m: number, d: number) {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}
export const isYm = (v: string) => /^\d{6}$/.test(v) && +v.slice(4) >= 1 && +v.slice(4) <= 12;
export const isYmd = (v: string) => /^\d{8}$/.test(v) && validDate(+v.slice(0, 4), +v.slice(4, 6), +v.slice(6, 8));
export const isStamp = (v: string) =>
  /^\d{14}$/.test(v) && isYmd(v.slice(0, 8)) && +v.slice(8, 10) < 24 && +v.slice(10, 12) < 60 && +v.slice(12, 14) < 60;
/** "20190801" → "2019.08.01" */
export const dotted = (ymd: string) =>
  /^\d{8}/.test(ymd) ? `${ymd.slice(0, 4)}.${ymd.slice(4, 6)}.${ymd.slice(6, 8)}` : ymd;
export const won = (n: number) => `${Math.round(n).toLocaleString("ko-KR")}원`;

// ---- link API request (seed §3.1 / §4.1)

export type LinkRequest = {
  biller_user_key: string;
  billed_year_month?: string;
  ordinal?: string;
  biller_notice_key?: string;
  expire_at: string;
  parameters?: Record<string, string>;
};

export type Checked<T> = { ok: true; value: T } | { ok: false; code: string; field?: string };

/** Validates a link create / re-create body in the order E008 → E001 → E008(type) → E006 → E007 → E101. */
export function checkLinkRequest(raw: string): Checked<LinkRequest> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, code: "E008" };
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) return { ok: false, code: "E008" };
  const data = (json as Record<string, unknown>).data;
  if (data === undefined || data === null) return { ok: false, code: "E001", field: "data" };
  if (typeof data !== "object" || Array.isArray(data)) return { ok: false, code: "E008", field: "data" };
  const d = data as Record<string, unknown>;
  const present = (k: string) => d[k] !== undefined && d[k] !== null && d[k] !== "";
  for (const k of ["biller_user_key", "expire_at"]) if (!present(k)) return { ok: false, code: "E001", field: k };
  for (const k of ["biller_user_key", "billed_year_month", "ordinal", "biller_notice_key", "expire_at"]) {
    if (present(k) && typeof d[k] !== "string") return { ok: false, code: "E008", field: k };
  }
  if (present("parameters") && (typeof d.parameters !== "object" || Array.isArray(d.parameters)))
    return { ok: false, code: "E008", field: "parameters" };
  const max: [string, number][] = [
    ["biller_user_key", 50],
    ["ordinal", 24],
    ["biller_notice_key", 80],
  ];
  for (const [k, n] of max) if (present(k) && (d[k] as string).length > n) return { ok: false, code: "E006", field: k };
  if (present("billed_year_month") && !isYm(d.billed_year_month as string))
    return { ok: false, code: "E007", field: "billed_year_month" };
  if (!isStamp(d.expire_at as string)) return { ok: false, code: "E007", field: "expire_at" };
  let parameters: Record<string, string> | undefined;
  if (present("parameters")) {
    parameters = {};
    for (const [k, v] of Object.entries(d.parameters as Record<string, unknown>)) {
      if (!/^[A-Za-z0-9_]{1,50}$/.test(k) || typeof v !== "string" || v.length > 8 || !/^[A-Za-z0-9]*$/.test(v)) {
        return { ok: false, code: "E101", field: `parameters.${k}` };
      }
      parameters[k] = v;
    }
  }
  const value: LinkRequest = { biller_user_key: d.biller_user_key as string, expire_at: d.expire_at as string };
  if (present("billed_year_month")) value.billed_year_month = d.billed_year_month as string;
  if (present("ordinal")) value.ordinal = d.ordinal as string;
  if (present("biller_notice_key")) value.biller_notice_key = d.biller_notice_key as string;
  if (parameters && Object.keys(parameters).length > 0) value.parameters = parameters;
  return { ok: true, value };
}

/** Lenient read of a biller's /kakao/notice result (accepts the seed example's `itemType` and string `level`). */
export type Detail =
  | { kind: "KEY_VALUE"; title: string; rows: { key: string; value: string; level: number }[]; description?: string }
  | { kind: "TEXT"; title: string; lines: string[]; description?: string }
  | { kind: "TABLE"; title: string; head: string[]; rows: string[][]; description?: string }
  | { kind: "GRAPH"; title: string; unit?: string; points: { x: string; y: number }[]; description?: string }
  | { kind: "UNKNOWN"; title: string; raw: unknown };

export type Bill = {
  title: string;
  amount: number;
  taxFree?: number;
  vat?: number;
  expireType: string;
  payExpireDate?: string;
  secondPayExpireDate?: string;
  billerUserKey?: string;
  billedYearMonth?: string;
  bankAccounts: { bankCode: string; accountNo: string; holder?: string; sender?: string; type: string }[];
  details: Detail[];
  warnings: string[];
};

const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
const num = (v: unknown) =>
  typeof v === "number"
    ? v
    : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))
      ? Number(v)
      : undefined;

export function readBill(result: unknown): Bill | undefined {
  if (!result || typeof result !== "object") return undefined;
  const r = result as Record<string, unknown>;
  const amount = num(r.amount);
  if (typeof r.title !== "string" || amount === undefined) return undefined;
  const warnings: string[] = [];
  if (typeof r.amount !== "number") warnings.push("amount is not a JSON number");
  if (r.pay_expire_date === undefined) warnings.push("pay_expire_date (required) is missing");
  const details: Detail[] = [];
  for (const item of Array.isArray(r.details) ? r.details : []) {
    if (!item || typeof item !== "object") continue;
    const it = item as Record<string, unknown>;
    const type = str(it.item_type ?? it.itemType);
    if (it.item_type === undefined && it.itemType !== undefined)
      warnings.push("details[].itemType used instead of item_type");
    const title = str(it.title) ?? "";
    const description = str(it.description);
    const desc = description !== undefined ? { description } : {};
    const el = it.elements;
    if (type === "KEY_VALUE" && Array.isArray(el)) {
      details.push({
        kind: "KEY_VALUE",
        title,
        ...desc,
        rows: el.map((e) => {
          const o = (e ?? {}) as Record<string, unknown>;
          return {
            key: str(o.key) ?? "",
            value: str(o.value) ?? "",
            level: Math.min(2, Math.max(1, num(o.level) ?? 1)),
          };
        }),
      });
    } else if (type === "TEXT" && Array.isArray(el)) {
      details.push({ kind: "TEXT", title, lines: el.map((x) => str(x) ?? ""), ...desc });
    } else if (type === "TABLE" && el && typeof el === "object" && !Array.isArray(el)) {
      const t = el as Record<string, unknown>;
      const head = Array.isArray(t.head) ? t.head.map((x) => str(x) ?? "") : [];
      const rows = Array.isArray(t.rows)
        ? t.rows.map((row) => (Array.isArray(row) ? row.map((x) => str(x) ?? "") : []))
        : [];
      if (rows.some((row) => row.length !== head.length))
        warnings.push(`TABLE "${title}": a row's cell count differs from head`);
      details.push({ kind: "TABLE", title, head, rows, ...desc });
    } else if (type === "GRAPH" && Array.isArray(el)) {
      if (el.length > 13) warnings.push(`GRAPH "${title}": more than 13 elements (only 13 shown)`);
      const points = el.slice(0, 13).map((e) => {
        const o = (e ?? {}) as Record<string, unknown>;
        return { x: str(o.x) ?? "", y: num(o.y) ?? 0 };
      });
      const unit = str(it.unit_name);
      details.push({ kind: "GRAPH", title, points, ...(unit !== undefined && { unit }), ...desc });
    } else {
      warnings.push(`details[]: unsupported item_type ${JSON.stringify(type)}`);
      details.push({ kind: "UNKNOWN", title, raw: item });
    }
  }
  const bankAccounts = (Array.isArray(r.bank_accounts) ? r.bank_accounts : []).flatMap((a) => {
    if (!a || typeof a !== "object") return [];
    const o = a as Record<string, unknown>;
    const holder = str(o.holder_name);
    const sender = str(o.sender_name);
    return [
      {
        bankCode: str(o.bank_code) ?? "",
        accountNo: str(o.account_no) ?? "",
        type: str(o.account_type) ?? "NORMAL",
        ...(holder && { holder }),
        ...(sender && { sender }),
      },
    ];
  });
  const bill: Bill = {
    title: r.title,
    amount,
    expireType: str(r.expire_type) ?? "D1",
    bankAccounts,
    details,
    warnings,
  };
  const tf = num(r.tax_free_amount);
  const vat = num(r.vat_amount);
  if (tf !== undefined) bill.taxFree = tf;
  if (vat !== undefined) bill.vat = vat;
  const d1 = str(r.pay_expire_date);
  const d2 = str(r.second_pay_expire_date);
  if (d1) bill.payExpireDate = d1;
  if (d2) bill.secondPayExpireDate = d2;
  const uk = str(r.biller_user_key);
  const ym = str(r.billed_year_month);
  if (uk) bill.billerUserKey = uk;
  if (ym) bill.billedYearMonth = ym;
  return bill;
}
