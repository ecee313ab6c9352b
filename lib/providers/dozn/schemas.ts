// Wire schemas for the three biller endpoints the Dozn agency calls on us (seed §5-§7):
//   POST /kakao/notice, POST /kakao/prepay, POST /kakao/pay-result
// Request envelope {"data": {...}}; response {"res_code", "message", "data"} with HTTP 200.
// `parseBillerRequest(endpoint, rawBody)` gives the route either the typed `data` or the res_code
// to answer, so route handlers never see the wire format rules.
import { z } from "zod";
import { DOZN_CODES, type BillerResCode, type DoznResCode } from "./codes";

// ---------------------------------------------------------------- field helpers

type CodeParams = { res_code: DoznResCode };
const e007: { params: CodeParams } = { params: { res_code: "E007" } };
const e008: { params: CodeParams } = { params: { res_code: "E008" } };

/** A real calendar date. Year 0000 is not one (the calendar goes from 1 BC to AD 1). */
function isValidDate(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const t = new Date(0);
  t.setUTCFullYear(y, m, 0); // day 0 of the next month: the last day of month m (setUTCFullYear, not Date.UTC: years 0–99 stay themselves)
  return d <= t.getUTCDate();
}
/** YYYYMM */
export const isYearMonth = (v: string) =>
  /^\d{6}$/.test(v) && Number(v.slice(4, 6)) >= 1 && Number(v.slice(4, 6)) <= 12;
/** YYYYMMDD (a real calendar date) */
export const isYmd = (v: string) =>
  /^\d{8}$/.test(v) && isValidDate(Number(v.slice(0, 4)), Number(v.slice(4, 6)), Number(v.slice(6, 8)));
/** YYYYMMDDHH24MISS */
export const isYmdHms = (v: string) =>
  /^\d{14}$/.test(v) &&
  isYmd(v.slice(0, 8)) &&
  Number(v.slice(8, 10)) < 24 &&
  Number(v.slice(10, 12)) < 60 &&
  Number(v.slice(12, 14)) < 60;

/** String with a seed "Max Length": too long → E006. */
const maxStr = (max: number) => z.string().max(max);
/** Required string: "" counts as missing (E001). */
const e001: { params: CodeParams } = { params: { res_code: "E001" } };
const nonEmpty = (v: string) => v.length > 0;
const reqStr = (max: number) => z.string().max(max).refine(nonEmpty, e001);
/** Fixed-digit fields (YYYYMM, YYYYMMDD, ...): wrong digit count or not a real date → E007. */
const digits = (check: (v: string) => boolean) => z.string().refine(check, e007);

const amountNumber = z.number().int();

/** `parameters`: key/value pairs we gave at link creation, echoed back by the agency. The seed says
 *  "String 8" but its own examples echo 10-character values, so values are accepted at any length. */
export const parametersSchema = z.record(z.string(), z.union([z.string(), z.number().transform(String)]));

// ---------------------------------------------------------------- requests (the `data` payloads)

const billKeyShape = {
  biller_user_key: reqStr(50),
  billed_year_month: digits(isYearMonth).optional(),
  ordinal: maxStr(24).optional(),
  biller_notice_key: maxStr(80).optional(),
  parameters: parametersSchema.optional(),
};

/** §5.1 청구서 조회 */
export const noticeRequestSchema = z.object({
  ...billKeyShape,
  user_birth: z
    .string()
    .refine(nonEmpty, e001)
    .refine((v) => v === "" || isYmd(v), e007),
});
export type NoticeRequest = z.output<typeof noticeRequestSchema>;

/** §6.1 납부 가능 조회 */
export const prepayRequestSchema = z.object({
  ...billKeyShape,
  amount: amountNumber,
});
export type PrepayRequest = z.output<typeof prepayRequestSchema>;

export const PAY_BY = ["CARD", "MONEY", "MONEY_TRANSFER"] as const;
export const PAY_TYPE = ["P", "C"] as const;
export const PAY_FEE_TYPE = ["BEFORE", "AFTER", "NONE"] as const;

/** §7.1 납부 결과 전달 */
export const payResultRequestSchema = z
  .object({
    ...billKeyShape,
    pay_by: z.string().refine(nonEmpty, e001).pipe(z.enum(PAY_BY)),
    pay_type: reqStr(1).pipe(z.enum(PAY_TYPE)),
    /** card BIN (first 6 digits of the card number); "" for money */
    pay_detail1: z
      .string()
      .max(6)
      .refine((v) => /^\d{6}$/.test(v), e007)
      .optional(),
    /** card company code (see CARD_COMPANIES); "" for money */
    pay_detail2: maxStr(20).optional(),
    pay_detail3: z.string().optional(),
    amount: amountNumber,
    /** P: positive amount paid; C: negative (-cancelled amount) */
    pay_amount: amountNumber,
    pay_fee_type: reqStr(10).pipe(z.enum(PAY_FEE_TYPE)),
    pay_fee: amountNumber,
    pay_fee_tax: amountNumber,
    adjust_date: digits(isYmd).optional(),
    paid_at: z
      .string()
      .refine(nonEmpty, e001)
      .refine((v) => v === "" || isYmdHms(v), e007),
    /** KakaoPay payment number */
    pay_id: z.number().int().nonnegative(),
  })
  .superRefine((v, ctx) => {
    // (may run on partially invalid input: only judge a well-formed pay_type / pay_amount pair)
    if (typeof v.pay_amount !== "number") return;
    const bad = (v.pay_type === "P" && !(v.pay_amount > 0)) || (v.pay_type === "C" && !(v.pay_amount < 0));
    if (bad)
      ctx.addIssue({
        code: "custom",
        path: ["pay_amount"],
        message: "pay_amount sign does not match pay_type",
        ...e008,
      });
  });
export type PayResultRequest = z.output<typeof payResultRequestSchema>;

export const billerRequestSchemas = {
  notice: noticeRequestSchema,
  prepay: prepayRequestSchema,
  "pay-result": payResultRequestSchema,
} as const;
export type BillerEndpoint = keyof typeof billerRequestSchemas;
export type BillerRequest<E extends BillerEndpoint> = z.output<(typeof billerRequestSchemas)[E]>;

// ---------------------------------------------------------------- validation → res_code

export type ParseResult<T> =
  | { ok: true; data: T }
  | { ok: false; res_code: Extract<BillerResCode, "E001" | "E006" | "E007" | "E008">; message: string; field?: string };

const RANK: Record<string, number> = { E008_JSON: 0, E001: 1, E008: 2, E006: 3, E007: 4 };

/** Optional fields sent as "" or null mean "absent" (the seed's own example sends pay_detail1: ""). */
function normalise(data: Record<string, unknown>, schema: z.ZodObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const shape = schema.shape as Record<string, z.ZodType>;
  for (const [k, v] of Object.entries(data)) {
    if (v === null) continue;
    const field = shape[k];
    if (v === "" && field && field.safeParse(undefined).success) continue; // optional "" → absent
    out[k] = v;
  }
  return out;
}

function issueCode(issue: z.core.$ZodIssue): "E001" | "E006" | "E007" | "E008" {
  const hasInput = "input" in issue && issue.input !== undefined;
  const custom = (issue as { params?: Partial<CodeParams> }).params?.res_code;
  if (custom === "E001" || custom === "E006" || custom === "E007" || custom === "E008") return custom;
  switch (issue.code) {
    case "invalid_type":
    case "invalid_value":
      return hasInput ? "E008" : "E001";
    case "too_big":
      return issue.origin === "string" ? "E006" : "E008";
    default:
      return "E008";
  }
}

/** Validates the `data` object of a biller endpoint request (already JSON-parsed). */
export function validateBillerData<E extends BillerEndpoint>(
  endpoint: E,
  data: unknown,
): ParseResult<BillerRequest<E>> {
  if (data === undefined || data === null) return fail("E001", "data");
  if (typeof data !== "object" || Array.isArray(data)) return fail("E008", "data");
  const schema = billerRequestSchemas[endpoint] as unknown as z.ZodType<BillerRequest<E>>;
  const normalised = normalise(
    data as Record<string, unknown>,
    billerRequestSchemas[endpoint] as unknown as z.ZodObject,
  );
  const r = schema.safeParse(normalised, { reportInput: true });
  if (r.success) return { ok: true, data: r.data };
  let best: { code: "E001" | "E006" | "E007" | "E008"; field: string } | undefined;
  for (const issue of r.error.issues) {
    const code = issueCode(issue);
    const field = issue.path.map(String).join(".");
    if (!best || RANK[code]! < RANK[best.code]!) best = { code, field };
  }
  return fail(best?.code ?? "E008", best?.field);
}

/** Parses a raw request body (string) of a biller endpoint: E008 for bad JSON, then field checks. */
export function parseBillerRequest<E extends BillerEndpoint>(
  endpoint: E,
  rawBody: string,
): ParseResult<BillerRequest<E>> {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return fail("E008");
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) return fail("E008");
  const envelope = json as Record<string, unknown>;
  let data = envelope.data;
  // lenient: an agency that double-encodes `data` as a JSON string
  if (typeof data === "string") {
    try {
      data = JSON.parse(data);
    } catch {
      return fail("E008", "data");
    }
  }
  return validateBillerData(endpoint, data);
}

function fail(
  code: "E001" | "E006" | "E007" | "E008",
  field?: string,
): { ok: false; res_code: typeof code; message: string; field?: string } {
  const base = DOZN_CODES[code].message;
  return field
    ? { ok: false, res_code: code, message: `${base} (${field})`, field }
    : { ok: false, res_code: code, message: base };
}

// ---------------------------------------------------------------- responses

/** §5.2 details[] item types */
export const keyValueItemSchema = z.object({
  title: z.string(),
  item_type: z.literal("KEY_VALUE"),
  elements: z.array(z.object({ key: z.string(), value: z.string(), level: z.number().int().min(1).max(2).optional() })),
  description: z.string().optional(),
});
export const textItemSchema = z.object({
  title: z.string(),
  item_type: z.literal("TEXT"),
  elements: z.array(z.string()),
  description: z.string().optional(),
});
export const tableItemSchema = z
  .object({
    title: z.string(),
    item_type: z.literal("TABLE"),
    elements: z.object({ head: z.array(z.string()), rows: z.array(z.array(z.string())) }),
    description: z.string().optional(),
  })
  .refine((t) => t.elements.rows.every((r) => r.length === t.elements.head.length), {
    message: "TABLE rows must have as many cells as head",
  });
export const graphItemSchema = z.object({
  title: z.string(),
  item_type: z.literal("GRAPH"),
  unit_name: z.string().optional(),
  elements: z.array(z.object({ x: z.string(), y: z.number() })).max(13),
  description: z.string().optional(),
});
export const detailItemSchema = z.union([keyValueItemSchema, textItemSchema, tableItemSchema, graphItemSchema]);
export type DetailItem = z.output<typeof detailItemSchema>;

export const bankAccountSchema = z.object({
  bank_code: z.string().min(1).max(5),
  account_no: z.string().min(1).max(50),
  holder_name: z.string().max(20).optional(),
  sender_name: z.string().max(20).optional(),
  account_type: z.enum(["NORMAL", "VIRTUAL"]),
});
export type BankAccount = z.output<typeof bankAccountSchema>;

/** §5.2 data.result */
export const noticeResultSchema = z
  .object({
    settlement_code: z.string().max(50).optional(),
    biller_user_key: z.string().min(1).max(50),
    billed_year_month: z.string().refine(isYearMonth).optional(),
    ordinal: z.string().max(24).optional(),
    biller_notice_key: z.string().max(80).optional(),
    title: z.string().min(1),
    amount: z.number().int().nonnegative(),
    tax_free_amount: z.number().int().nonnegative().optional(),
    vat_amount: z.number().int().nonnegative().optional(),
    expire_type: z.enum(["D0", "D1", "D2"]).optional(),
    pay_expire_date: z.string().refine(isYmd),
    second_pay_expire_date: z.string().refine(isYmd).optional(),
    bank_accounts: z.array(bankAccountSchema).optional(),
    details: z.array(detailItemSchema).optional(),
  })
  .refine((r) => r.expire_type !== "D2" || r.second_pay_expire_date !== undefined, {
    message: "second_pay_expire_date is required when expire_type is D2",
    path: ["second_pay_expire_date"],
  });
export type NoticeResult = z.output<typeof noticeResultSchema>;

export const responseEnvelopeSchema = z.object({
  res_code: z.string(),
  message: z.string(),
  data: z.unknown().nullable(),
});
export type DoznResponse<D = null> = { res_code: string; message: string; data: D | null };

/** Response builder: `{res_code, message, data}` (message defaults to the seed's message; data to null). */
export function respond<D = null>(res_code: BillerResCode | DoznResCode, message?: string, data?: D): DoznResponse<D> {
  return { res_code, message: message ?? DOZN_CODES[res_code].message, data: data ?? null };
}

/** OK answer to /kakao/notice; validates our own result so we never send an off-spec bill. */
export function noticeOk(result: NoticeResult): DoznResponse<{ result: NoticeResult }> {
  return respond("OK", DOZN_CODES.OK.message, { result: noticeResultSchema.parse(result) });
}

/** Error answer for a failed parse (HTTP 200, data null). */
export function respondParseError(r: Extract<ParseResult<unknown>, { ok: false }>): DoznResponse {
  return respond(r.res_code, r.message);
}

// ---------------------------------------------------------------- domain mapping helpers

/** KST (UTC+9, no DST) components of an instant. */
function kst(d: Date) {
  const t = new Date(d.getTime() + 9 * 3600_000);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return {
    ymd: `${p(t.getUTCFullYear(), 4)}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}`,
    hms: `${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}`,
  };
}
/** Date → "YYYYMMDD" in Korea time. */
export const toYmd = (d: Date) => kst(d).ymd;
/** Date → "YYYYMMDDHH24MISS" in Korea time. */
export const toYmdHms = (d: Date) => kst(d).ymd + kst(d).hms;
/** "YYYYMMDDHH24MISS" or "YYYYMMDD" (Korea time) → Date. Years 0001–0099 are those years (Date.UTC would read them as 19xx). */
export function fromKst(v: string): Date {
  const s = v.padEnd(14, "0");
  const d = new Date(0);
  d.setUTCFullYear(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8));
  d.setUTCHours(+s.slice(8, 10), +s.slice(10, 12), +s.slice(12, 14), 0);
  return new Date(d.getTime() - 9 * 3600_000);
}

/** How a bill is identified on the wire (camelCase for the domain). */
export type DoznBillKey = {
  billerUserKey: string;
  billedYearMonth?: string;
  ordinal?: string;
  billerNoticeKey?: string;
  parameters?: Record<string, string>;
};

export function billKeyOf(d: {
  biller_user_key: string;
  billed_year_month?: string;
  ordinal?: string;
  biller_notice_key?: string;
  parameters?: Record<string, string>;
}): DoznBillKey {
  return {
    billerUserKey: d.biller_user_key,
    ...(d.billed_year_month !== undefined && { billedYearMonth: d.billed_year_month }),
    ...(d.ordinal !== undefined && { ordinal: d.ordinal }),
    ...(d.biller_notice_key !== undefined && { billerNoticeKey: d.biller_notice_key }),
    ...(d.parameters !== undefined && { parameters: d.parameters }),
  };
}

export type DoznPayResult = {
  bill: DoznBillKey;
  payId: number;
  /** "P" payment, "C" cancel */
  payType: "P" | "C";
  payBy: "CARD" | "MONEY" | "MONEY_TRANSFER";
  cardBin?: string;
  cardCompany?: string;
  /** bill amount requested */
  amount: number;
  /** signed: positive for P, negative for C */
  payAmount: number;
  feeType: "BEFORE" | "AFTER" | "NONE";
  fee: number;
  feeTax: number;
  adjustDate?: string;
  paidAt: Date;
  /** idempotency key of this delivery: `${payId}:${payType}` */
  idempotencyKey: string;
};

export function payResultToDomain(d: PayResultRequest): DoznPayResult {
  return {
    bill: billKeyOf(d),
    payId: d.pay_id,
    payType: d.pay_type,
    payBy: d.pay_by,
    ...(d.pay_detail1 !== undefined && { cardBin: d.pay_detail1 }),
    ...(d.pay_detail2 !== undefined && { cardCompany: d.pay_detail2 }),
    amount: d.amount,
    payAmount: d.pay_amount,
    feeType: d.pay_fee_type,
    fee: d.pay_fee,
    feeTax: d.pay_fee_tax,
    ...(d.adjust_date !== undefined && { adjustDate: d.adjust_date }),
    paidAt: fromKst(d.paid_at),
    idempotencyKey: `${d.pay_id}:${d.pay_type}`,
  };
}

// ---- notice result from a domain bill (camelCase → wire)

export type DoznDetail =
  | { type: "KEY_VALUE"; title: string; rows: { key: string; value: string; level?: 1 | 2 }[]; description?: string }
  | { type: "TEXT"; title: string; lines: string[]; description?: string }
  | { type: "TABLE"; title: string; head: string[]; rows: string[][]; description?: string }
  | { type: "GRAPH"; title: string; unitName?: string; points: { x: string; y: number }[]; description?: string };
