// KakaoPay online single payment — wire format (request schemas, error table, ids, amounts).
// Written from shared/seeds/004_* (ready) and shared/reference/provider-protocols.md §5.
import { randomBytes } from "node:crypto";
import { z } from "zod";

// ---------------------------------------------------------------------------------------------
// Errors: HTTP status + {error_code: <negative int>, error_message, extras?}. Which numbers are
// published and which are the sandbox's own choice is in README.md ("Error codes"):
//   published  -1, -2, -401   Kakao REST API common codes (developers.kakao.com/docs/latest/en/rest-api/error-code)
//              -780           approve failure by the payment method, with extras.method_result_code
//                             (Kakao's single-payment docs sample)
//   issue 10   -781           cancel failure by the payment method, with extras (UNCONFIRMED: not found in a
//                             stored copy of the docs)
//   our choice -701 … -799    the sandbox's situations the docs give no code for (UNCONFIRMED); the app must
//                             treat them as "unknown", never as a refusal.
export type KakaoError = { error_code: number; error_message: string; extras?: Record<string, unknown> };

export const ERRORS: Record<number, { http: number; message: string }> = {
  [-1]: { http: 400, message: "internal server error" },
  [-2]: { http: 400, message: "invalid request parameter" },
  [-401]: { http: 401, message: "invalid secret key" },
  [-701]: { http: 400, message: "payment(tid) already approved" },
  [-702]: { http: 400, message: "tid not found" },
  [-703]: { http: 400, message: "payment expired (tid is valid for 15 minutes after ready)" },
  [-704]: { http: 400, message: "payment not authenticated by the user yet" },
  [-705]: { http: 400, message: "payment was quit or failed by the user" },
  [-706]: { http: 400, message: "partner_order_id does not match the ready request" },
  [-707]: { http: 400, message: "partner_user_id does not match the ready request" },
  [-708]: { http: 400, message: "invalid pg_token" },
  [-709]: { http: 400, message: "total_amount does not match the ready request" },
  [-721]: { http: 400, message: "payment is not approved: nothing to cancel" },
  [-780]: { http: 400, message: "approval failure!" },
  [-781]: { http: 400, message: "cancel failure!" },
  [-797]: { http: 400, message: "cancel_available_amount does not match the remaining cancellable amount" },
  [-798]: { http: 400, message: "cancel amount exceeds the cancellable amount" },
  [-799]: { http: 400, message: "cancel not allowed" },
};

/** extras the sandbox attaches when a fault answers -780 / -781 without its own. -780's is the published sample;
 *  -781's method_result_code is the sandbox's choice (no published sample). */
export const DEFAULT_EXTRAS: Record<number, Record<string, string>> = {
  [-780]: {
    method_result_code: "USER_LOCKED",
    method_result_message: "진행중인 거래가 있습니다. 잠시 후 다시 시도해 주세요.",
  },
  [-781]: {
    method_result_code: "SANDBOX_CANCEL_REFUSED",
    method_result_message: "[샌드박스] 결제수단에서 취소를 거절했습니다.",
  },
};

export function kakaoError(
  code: number,
  message?: string,
  extras?: Record<string, unknown>,
): { status: number; body: KakaoError } {
  const known = ERRORS[code];
  const body: KakaoError = { error_code: code, error_message: message ?? known?.message ?? "error" };
  const ex = extras ?? DEFAULT_EXTRAS[code];
  if (ex) body.extras = ex;
  return { status: known?.http ?? 400, body };
}

// ---------------------------------------------------------------------------------------------
// Request schemas (zod). Types are strict (JSON numbers for amounts); unknown fields are ignored;
// null is treated as absent for optional fields.
const INT_MAX = 2_147_483_647;
const str = (max: number) => z.string().min(1).max(max);
const posInt = z.number().int().min(1).max(INT_MAX);
const nonNegInt = z.number().int().min(0).max(INT_MAX);
const httpUrl = z
  .string()
  .min(1)
  .max(255)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, "must be an absolute http(s) URL");

export const CARD_CODES = [
  "SHINHAN",
  "KB",
  "HYUNDAI",
  "LOTTE",
  "SAMSUNG",
  "NH",
  "BC",
  "HANA",
  "CITI",
  "KAKAOBANK",
  "KAKAOPAY",
  "WOORIONLY",
] as const;
export type CardCode = (typeof CARD_CODES)[number];
export const PAYMENT_METHODS = ["CARD", "MONEY"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

const common = {
  cid: z.string().length(10, "must be exactly 10 characters"),
  cid_secret: z
    .string()
    .regex(/^[0-9a-z]{24}$/, "must be 24 lowercase letters/digits")
    .nullish(),
};

export const readySchema = z
  .object({
    ...common,
    partner_order_id: str(100),
    partner_user_id: str(100),
    item_name: str(100),
    item_code: z.string().max(100).nullish(),
    quantity: posInt,
    total_amount: posInt,
    tax_free_amount: nonNegInt,
    vat_amount: nonNegInt.nullish(),
    green_deposit: nonNegInt.nullish(),
    approval_url: httpUrl,
    cancel_url: httpUrl,
    fail_url: httpUrl,
    available_cards: z.array(z.enum(CARD_CODES)).min(1).nullish(),
    payment_method_type: z.enum(PAYMENT_METHODS).nullish(),
    install_month: z.number().int().min(0).max(12).nullish(),
    use_share_installment: z.enum(["Y", "N"]).nullish(),
    custom_json: z.record(z.string(), z.string()).nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.tax_free_amount > v.total_amount)
      ctx.addIssue({ code: "custom", path: ["tax_free_amount"], message: "must not exceed total_amount" });
    else if (v.vat_amount != null && v.vat_amount > v.total_amount - v.tax_free_amount)
      ctx.addIssue({ code: "custom", path: ["vat_amount"], message: "must not exceed total_amount - tax_free_amount" });
    if (v.green_deposit != null && v.green_deposit > v.total_amount)
      ctx.addIssue({ code: "custom", path: ["green_deposit"], message: "must not exceed total_amount" });
  });
export type ReadyRequest = z.output<typeof readySchema>;

export const approveSchema = z.object({
  ...common,
  tid: str(20),
  partner_order_id: str(100),
  partner_user_id: str(100),
  pg_token: str(40),
  payload: z.string().max(200).nullish(),
  total_amount: posInt.nullish(),
});

export const orderSchema = z.object({ ...common, tid: str(20) });

export const cancelSchema = z
  .object({
    ...common,
    tid: str(20),
    cancel_amount: posInt,
    cancel_tax_free_amount: nonNegInt,
    cancel_vat_amount: nonNegInt.nullish(),
    cancel_available_amount: nonNegInt.nullish(),
    payload: z.string().max(200).nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.cancel_tax_free_amount > v.cancel_amount)
      ctx.addIssue({ code: "custom", path: ["cancel_tax_free_amount"], message: "must not exceed cancel_amount" });
    else if (v.cancel_vat_amount != null && v.cancel_vat_amount > v.cancel_amount - v.cancel_tax_free_amount)
      ctx.addIssue({
        code: "custom",
        path: ["cancel_vat_amount"],
        message: "must not exceed cancel_amount - cancel_tax_free_amount",
      });
  });

/** "invalid request parameter: quantity: Invalid input: expected number, received string; ..." */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
  return `${ERRORS[-2]!.message}: ${parts.join("; ")}`;
}

// ---------------------------------------------------------------------------------------------
// Identifiers and times.
const hex = (n: number) =>
  randomBytes(Math.ceil(n / 2))
    .toString("hex")
    .slice(0, n);
/** T + 19 hex = 20 chars, like T53d1b2051b66fd43573 */
export const newTid = () => `T${hex(19)}`;
/** A + 19 hex = 20 chars, like A53d1b3534b976a88b68 */
export const newAid = () => `A${hex(19)}`;
/** 20 hex chars, like ad950e97794abfef4ce0 */
export const newPgToken = () => hex(20);

const p2 = (n: number) => String(n).padStart(2, "0");
/** yyyy-MM-ddTHH:mm:ss in Korea time, no zone (as KakaoPay answers). */
export function kstDateTime(d: Date): string {
  const t = new Date(d.getTime() + 9 * 3600_000);
  return `${t.getUTCFullYear()}-${p2(t.getUTCMonth() + 1)}-${p2(t.getUTCDate())}T${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())}`;
}

// ---------------------------------------------------------------------------------------------
// Amounts.
export type Amount = {
  total: number;
  tax_free: number;
  vat: number;
  point: number;
  discount: number;
  green_deposit: number;
};
export const amount = (total: number, tax_free: number, vat: number, green_deposit = 0): Amount => ({
  total,
  tax_free,
  vat,
  point: 0,
  discount: 0,
  green_deposit,
});
export const ZERO: Amount = amount(0, 0, 0);
export const addAmount = (a: Amount, b: Amount): Amount => ({
  total: a.total + b.total,
  tax_free: a.tax_free + b.tax_free,
  vat: a.vat + b.vat,
  point: a.point + b.point,
  discount: a.discount + b.discount,
  green_deposit: a.green_deposit + b.green_deposit,
});
export const subAmount = (a: Amount, b: Amount): Amount => ({
  total: a.total - b.total,
  tax_free: a.tax_free - b.tax_free,
  vat: a.vat - b.vat,
  point: a.point - b.point,
  discount: a.discount - b.discount,
  green_deposit: a.green_deposit - b.green_deposit,
});
/** (amount − tax free) / 11, rounded half up (소수점 이하 반올림). */
export const defaultVat = (total: number, taxFree: number) => Math.round((total - taxFree) / 11);
export const won = (n: number) => `${n.toLocaleString("ko-KR")}원`;

// ---------------------------------------------------------------------------------------------
// Card companies shown on the payment page (codes are the seed's 카드사 코드; corp codes are sandbox values).
export type CardCompany = {
  code: CardCode;
  name: string;
  purchaseCode: string;
  issuer: string;
  issuerCode: string;
  bin: string;
  type: "신용" | "체크";
};
export const CARD_COMPANIES: CardCompany[] = [
  {
    code: "SHINHAN",
    name: "신한카드",
    purchaseCode: "106",
    issuer: "신한카드",
    issuerCode: "106",
    bin: "451842",
    type: "신용",
  },
  {
    code: "KB",
    name: "KB국민카드",
    purchaseCode: "101",
    issuer: "KB국민카드",
    issuerCode: "101",
    bin: "557042",
    type: "신용",
  },
  {
    code: "HYUNDAI",
    name: "현대카드",
    purchaseCode: "107",
    issuer: "현대카드",
    issuerCode: "107",
    bin: "433028",
    type: "신용",
  },
  {
    code: "LOTTE",
    name: "롯데카드",
    purchaseCode: "103",
    issuer: "롯데카드",
    issuerCode: "103",
    bin: "540926",
    type: "신용",
  },
  {
    code: "SAMSUNG",
    name: "삼성카드",
    purchaseCode: "105",
    issuer: "삼성카드",
    issuerCode: "105",
    bin: "536648",
    type: "신용",
  },
  {
    code: "NH",
    name: "NH농협카드",
    purchaseCode: "102",
    issuer: "NH농협카드",
    issuerCode: "102",
    bin: "524040",
    type: "체크",
  },
  {
    code: "BC",
    name: "비씨카드",
    purchaseCode: "104",
    issuer: "우리카드",
    issuerCode: "209",
    bin: "621640",
    type: "체크",
  },
  {
    code: "HANA",
    name: "하나카드",
    purchaseCode: "108",
    issuer: "하나카드",
    issuerCode: "108",
    bin: "465887",
    type: "신용",
  },
  {
    code: "CITI",
    name: "씨티카드",
    purchaseCode: "110",
    issuer: "씨티카드",
    issuerCode: "110",
    bin: "540447",
    type: "신용",
  },
  {
    code: "KAKAOBANK",
    name: "카카오뱅크카드",
    purchaseCode: "104",
    issuer: "카카오뱅크",
    issuerCode: "290",
    bin: "536181",
    type: "체크",
  },
  {
    code: "KAKAOPAY",
    name: "카카오페이카드",
    purchaseCode: "104",
    issuer: "카카오페이",
    issuerCode: "291",
    bin: "949013",
    type: "신용",
  },
  {
    code: "WOORIONLY",
    name: "우리카드",
    purchaseCode: "111",
    issuer: "우리카드",
    issuerCode: "111",
    bin: "553177",
    type: "신용",
  },
];
export const cardByCode = (code: string) => CARD_COMPANIES.find((c) => c.code === code);
