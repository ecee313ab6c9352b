// PayUp wire details (seed 002 "카카오페이 KCP 규격서" v1.1.3 + provider-protocols.md §6), written from the spec.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import iconv from "iconv-lite";

// ---------------------------------------------------------------------------------------------
// Response codes (seed §4.1). Messages are the seed's, verbatim (typos included: "큼니다").
export const CODES = {
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
} as const;
export type Code = keyof typeof CODES;
export const isCode = (c: string): c is Code => Object.hasOwn(CODES, c);

export type PayUpBody = { responseCode: string; responseMsg: string } & Record<string, unknown>;

export function payupError(
  code: string,
  opts: { param?: string; message?: string; extra?: Record<string, unknown> } = {},
): PayUpBody {
  let msg: string = opts.message ?? (isCode(code) ? CODES[code] : "결제/인증 오류");
  if (opts.param && !opts.message) msg = msg.replace("{파라미터명}", opts.param);
  return { responseCode: code, responseMsg: msg, ...opts.extra };
}

// ---------------------------------------------------------------------------------------------
// Signatures (seed 참고 3.1.1 / 4.2.1): lowercase hex SHA-256 of UTF-8 fields joined by "|", 공백제거.
export function sha256Hex(s: string): string {
  return createHash("sha256").update(s.replace(/\s+/g, ""), "utf8").digest("hex");
}
export const orderSignature = (
  merchantId: string,
  orderNumber: string,
  amount: string,
  apiCertKey: string,
  timestamp: string,
) => sha256Hex([merchantId, orderNumber, amount, apiCertKey, timestamp].join("|"));
export const cancelSignature = (merchantId: string, transactionId: string, apiCertKey: string) =>
  sha256Hex([merchantId, transactionId, apiCertKey].join("|"));

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// ---------------------------------------------------------------------------------------------
// Time: PayUp stamps are Korea time yyyyMMddHHmmss.
export function kstStamp(d: Date): string {
  return new Date(d.getTime() + 9 * 3600_000).toISOString().replace(/\D/g, "").slice(0, 14);
}
/** Parses yyyyMMddHHmmss (KST). Overflowing parts roll over (the seed's own vector uses second 60). */
export function parseKstStamp(s: string): Date | undefined {
  if (!/^\d{14}$/.test(s)) return undefined;
  const [y, mo, d, h, mi, se] = [
    s.slice(0, 4),
    s.slice(4, 6),
    s.slice(6, 8),
    s.slice(8, 10),
    s.slice(10, 12),
    s.slice(12, 14),
  ].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return undefined;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, se) - 9 * 3600_000);
}

let seq = Math.floor(Math.random() * 10_000);
/** PayUp numbers: yyyyMMddHHmmss + "KK" + 4 digits (ordr_idxx and transactionId alike). */
export function newPayUpNumber(now: Date): string {
  seq = (seq + 1) % 10_000;
  return `${kstStamp(now)}KK${String(seq).padStart(4, "0")}`;
}
export const newApprovalKey = () => randomBytes(24).toString("base64url");
export const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join("");

// ---------------------------------------------------------------------------------------------
// EUC-KR (KCP's windows and their browser POSTs). iconv-lite's "euc-kr" is the CP949 superset.
export function decodeEucKrForm(body: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const text = Buffer.from(body).toString("latin1");
  for (const part of text.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const k = eucKrComponent(eq < 0 ? part : part.slice(0, eq));
    const v = eucKrComponent(eq < 0 ? "" : part.slice(eq + 1));
    if (!Object.hasOwn(out, k)) out[k] = v;
  }
  return out;
}
function eucKrComponent(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === "+") bytes.push(0x20);
    else if (ch === "%" && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0) & 0xff);
  }
  // Browsers send characters EUC-KR cannot encode as HTML numeric references ("&#127818;"). KCP reads EUC-KR
  // bytes; whether it turns such references back into characters is UNCONFIRMED, so the sandbox keeps them
  // literally (and shows them in the window) instead of hiding the problem: the merchant must send EUC-KR-safe text.
  return iconv.decode(Buffer.from(bytes), "euc-kr");
}
export function encodeEucKrForm(fields: Record<string, string>): string {
  const enc = (s: string) =>
    Array.from(iconv.encode(s, "euc-kr"), (b) =>
      (b >= 0x30 && b <= 0x39) ||
      (b >= 0x41 && b <= 0x5a) ||
      (b >= 0x61 && b <= 0x7a) ||
      b === 0x2d ||
      b === 0x2e ||
      b === 0x5f ||
      b === 0x2a
        ? String.fromCharCode(b)
        : b === 0x20
          ? "+"
          : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    ).join("");
  return Object.entries(fields)
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .join("&");
}
/** Encodes an HTML page as EUC-KR; characters outside EUC-KR become numeric references. */
export function eucKrHtml(page: string): Buffer {
  let safe = "";
  for (const ch of page) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) safe += ch;
    else {
      const round = iconv.decode(iconv.encode(ch, "euc-kr"), "euc-kr");
      safe += round === ch ? ch : `&#${cp};`;
    }
  }
  return iconv.encode(safe, "euc-kr");
}

// ---------------------------------------------------------------------------------------------
// The window's opaque authentication result. Real KCP enc_info / enc_data are encrypted blobs the merchant
// forwards untouched; ours are base64url(JSON) + "." + HMAC, alphabet [A-Za-z0-9._-] like KCP's.
export type PayMethod = "KAKAO_MONEY" | "KAKAO_CARD";
export type EncData = {
  v: 1;
  o: string; // ordr_idxx
  m: number; // amount
  n: string; // nonce shared with enc_info
  pm: PayMethod;
  card?: string; // card code
  q?: number; // quota
  at: string; // auth time (KST stamp)
};
export type EncInfo = { v: 1; o: string; n: string; t: string /* tran_cd */ };

export function seal(secret: string, kind: "info" | "data", payload: object): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  const mac = createHmac("sha256", secret).update(`${kind}.${body}`).digest("base64url");
  return `${body}.${mac}`;
}
export function unseal<T>(secret: string, kind: "info" | "data", token: string): T | undefined {
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return undefined;
  const body = token.slice(0, dot);
  const mac = createHmac("sha256", secret).update(`${kind}.${body}`).digest("base64url");
  if (!safeEqual(mac, token.slice(dot + 1))) return undefined;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as T;
  } catch {
    return undefined;
  }
}

export const TRAN_CD = "00100000";
export const USE_PAY_METHOD = "100000000000";
export const USER_CANCEL = "3001";
/** Sandbox-invented window failure (KCP's real authentication error codes are not in the seed). */
export const AUTH_FAIL = "3999";

export type Card = { code: string; name: string; bin: string };
export const CARDS: Card[] = [
  { code: "KAKAOBANK", name: "카카오뱅크카드", bin: "536510" },
  { code: "SHINHAN", name: "신한카드", bin: "451842" },
  { code: "HYUNDAI", name: "현대카드", bin: "949094" },
  { code: "SAMSUNG", name: "삼성카드", bin: "531070" },
  { code: "KB", name: "KB국민카드", bin: "457973" },
];
export const cardByCode = (code: string | undefined) => CARDS.find((c) => c.code === code);
