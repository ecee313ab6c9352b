// The admin's bill form: validation with Korean messages a staff member can act on. Pure (zod
// only) so the client form can share the types; the server is the one that enforces it.
import { z } from "zod";
import { isBankCode } from "../admin/banks";
import { detailsSchema, type Detail } from "./details";

const isRealDate = (ymd: string) => {
  if (!/^\d{8}$/.test(ymd)) return false;
  const y = +ymd.slice(0, 4);
  const m = +ymd.slice(4, 6);
  const d = +ymd.slice(6, 8);
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/** "2026-07-31" or "20260731" → "20260731" (Korea calendar day). */
const ymdField = (label: string) =>
  z
    .string({ message: `${label}을(를) 입력해 주세요.` })
    .trim()
    .transform((v) => v.replace(/-/g, ""))
    .refine((v) => v.length > 0, `${label}을(를) 입력해 주세요.`)
    .refine((v) => v.length === 0 || isRealDate(v), `${label}이(가) 올바른 날짜가 아닙니다.`);

/** Optional form field: "", null and absent all mean "not given". */
const optional = <T extends z.ZodType>(s: T) =>
  z.preprocess(
    (v) => (v === "" || v === null ? undefined : typeof v === "string" && v.trim() === "" ? undefined : v),
    s.optional(),
  );

/** A phone number is personal data and may not be a biller_user_key (seed §3.1). */
export function looksLikePhone(v: string): boolean {
  const d = v.replace(/[\s-]/g, "");
  return /^0\d{8,10}$/.test(d) || /^\+?82\d{8,10}$/.test(d);
}

export const billerUserKeySchema = z
  .string({ message: "고객번호를 입력해 주세요." })
  .trim()
  .min(1, "고객번호를 입력해 주세요.")
  .max(50, "고객번호는 50자 이내입니다.")
  .regex(/^[A-Za-z0-9_-]+$/, "고객번호는 영문, 숫자, -, _ 만 쓸 수 있습니다.")
  .refine((v) => !looksLikePhone(v), "전화번호는 고객번호로 쓸 수 없습니다. 고객번호나 계약번호를 입력해 주세요.");

export const bankAccountInputSchema = z.object({
  bankCode: z.string().trim().refine(isBankCode, "은행을 목록에서 골라 주세요."),
  accountNo: z
    .string()
    .trim()
    .min(1, "계좌번호를 입력해 주세요.")
    .max(50, "계좌번호는 50자 이내입니다.")
    .regex(/^[0-9-]+$/, "계좌번호는 숫자와 - 만 쓸 수 있습니다."),
  holderName: z
    .string()
    .trim()
    .max(20, "예금주는 20자 이내입니다.")
    .optional()
    .transform((v) => v || undefined),
  senderName: z
    .string()
    .trim()
    .max(20, "입금자명은 20자 이내입니다.")
    .optional()
    .transform((v) => v || undefined),
  accountType: z.enum(["NORMAL", "VIRTUAL"], { message: "계좌 구분을 선택해 주세요." }),
});

const won = (label: string) =>
  z.coerce
    .number({ message: `${label}을(를) 숫자로 입력해 주세요.` })
    .int(`${label}은(는) 원 단위 정수입니다.`)
    .min(0, `${label}은(는) 0원 이상입니다.`)
    .max(1_000_000_000, `${label}이(가) 너무 큽니다.`);

export const billInputSchema = z
  .object({
    customerKey: billerUserKeySchema,
    customerName: z
      .string()
      .trim()
      .min(1, "고객 이름(표시명)을 입력해 주세요.")
      .max(50, "고객 이름은 50자 이내입니다."),
    customerBirth: optional(ymdField("생년월일")),
    billedYearMonth: optional(
      z
        .string()
        .trim()
        .transform((v) => v.replace(/-/g, ""))
        .refine(
          (v) => /^\d{6}$/.test(v) && +v.slice(4) >= 1 && +v.slice(4) <= 12,
          "청구 연월은 YYYYMM 형식입니다. (예: 202607)",
        ),
    ),
    ordinal: optional(
      z
        .string()
        .trim()
        .max(24, "회차는 24자 이내입니다.")
        .regex(/^[A-Za-z0-9]+$/, "회차는 영문과 숫자만 쓸 수 있습니다."),
    ),
    billerNoticeKey: optional(
      z
        .string()
        .trim()
        .max(80, "청구서 식별 코드는 80자 이내입니다.")
        .regex(/^[A-Za-z0-9_-]+$/, "청구서 식별 코드는 영문, 숫자, -, _ 만 쓸 수 있습니다."),
    ),
    settlementCode: optional(z.string().trim().max(50, "정산 구분 코드는 50자 이내입니다.")),
    title: z.string().trim().min(1, "청구서명을 입력해 주세요.").max(100, "청구서명은 100자 이내입니다."),
    amount: won("청구 금액").refine((n) => n >= 1, "청구 금액은 1원 이상입니다."),
    taxFreeAmount: won("비과세 금액").default(0),
    vatAmount: optional(won("부가세")),
    expireType: z.enum(["D0", "D1", "D2"], { message: "납기 유형을 선택해 주세요." }),
    payExpireDate: ymdField("납기일"),
    secondPayExpireDate: optional(ymdField("두 번째 납기일")),
    bankAccounts: z.array(bankAccountInputSchema).max(5, "계좌는 5개까지 등록할 수 있습니다.").default([]),
    details: detailsSchema.default([]),
  })
  .superRefine((b, ctx) => {
    if (b.taxFreeAmount > b.amount)
      ctx.addIssue({ code: "custom", path: ["taxFreeAmount"], message: "비과세 금액은 청구 금액보다 클 수 없습니다." });
    if (b.vatAmount !== undefined && b.vatAmount > b.amount - b.taxFreeAmount)
      ctx.addIssue({
        code: "custom",
        path: ["vatAmount"],
        message: "부가세는 과세 금액(청구 금액 − 비과세)보다 클 수 없습니다.",
      });
    if (b.expireType === "D2" && !b.secondPayExpireDate)
      ctx.addIssue({
        code: "custom",
        path: ["secondPayExpireDate"],
        message: "납기 유형이 D2이면 두 번째 납기일이 필요합니다.",
      });
    if (b.secondPayExpireDate && b.secondPayExpireDate < b.payExpireDate)
      ctx.addIssue({
        code: "custom",
        path: ["secondPayExpireDate"],
        message: "두 번째 납기일은 첫 번째 납기일 이후여야 합니다.",
      });
  });

export type BillInput = z.input<typeof billInputSchema>;
export type ValidBillInput = z.output<typeof billInputSchema>;

export type FieldErrors = Record<string, string>;

/** First message per field path ("details.1.rows.0.key"), for showing errors next to inputs. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const i of error.issues) {
    const k = i.path.map(String).join(".") || "_";
    out[k] ??= i.message;
  }
  return out;
}

export type { Detail };
