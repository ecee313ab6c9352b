// Zod wire schemas for PayUp's three JSON calls (seed §3.1, §3.3, §3.4; provider-protocols.md §6) and for the
// fields KCP's window posts back to the merchant's browser/server (mobile Ret_URL POST, PC order_info form).
// Requests: every value is a string (seed 3.0). Responses: numeric-looking fields may arrive as strings or
// numbers (real captures came from Java maps), so they are accepted either way.
import { z } from "zod";

const str = z.string();
/** string | number → string */
const stringish = z.union([z.string(), z.number()]).transform((v) => String(v));
/** non-negative integer KRW given as "15000" or 15000 */
const won = z.union([z.string().regex(/^\d{1,12}$/), z.number().int().nonnegative()]).transform((v) => Number(v));
const stamp = z.string().regex(/^\d{14}$/);

// ---------------------------------------------------------------- requests (what we send)
export const orderRequestWire = z.object({
  orderNumber: str.min(1).max(20),
  userAgent: z.enum(["WM", "WP"]).optional(),
  appUrl: str.max(128).optional(),
  amount: str.regex(/^\d{1,12}$/),
  itemName: str.min(1).max(100),
  userName: str.min(1).max(50),
  returnUrl: str.min(1).max(200),
  userEmail: str.max(50).optional(),
  signature: str.regex(/^[0-9a-f]{64}$/),
  timestamp: stamp,
  cashbillYn: z.enum(["Y", "N"]).optional(),
  mobileNumber: str.regex(/^\d{10,11}$/).optional(),
});
export type OrderRequestWire = z.infer<typeof orderRequestWire>;

/** Exactly the seed's six fields (§3.3), all taken from the window untouched. tran_cd and card_pay_method are always
 *  sent (empty when the window did not give them: PayUp then answers for itself — card_pay_method is required). */
export const payRequestWire = z.object({
  res_cd: str,
  enc_info: str.min(1),
  enc_data: str.min(1),
  tran_cd: str,
  card_pay_method: str,
  ordr_idxx: str.min(1),
});
export type PayRequestWire = z.infer<typeof payRequestWire>;
export const PAY_REQUEST_FIELDS = [
  "res_cd",
  "enc_info",
  "enc_data",
  "tran_cd",
  "card_pay_method",
  "ordr_idxx",
] as const;

export const cancelRequestWire = z.object({
  transactionId: str.min(1).max(20),
  cancelReason: str.max(256),
  signature: str.regex(/^[0-9a-f]{64}$/),
});
export type CancelRequestWire = z.infer<typeof cancelRequestWire>;

// ---------------------------------------------------------------- responses (what PayUp answers)
/** Every PayUp answer: branch on responseCode, never on the HTTP status. */
export const responseEnvelopeWire = z.looseObject({
  responseCode: stringish,
  responseMsg: stringish.optional(),
});

export const orderResponseWire = z.looseObject({
  responseCode: z.literal("0000"),
  responseMsg: stringish.optional(),
  good_mny: won,
  site_cd: str.min(1),
  Ret_URL: str,
  buyr_name: str,
  ordr_idxx: str.min(1),
  good_name: str,
  /** Mobile (WM) only in practice, although the seed labels them "PC(WP)" (provider-protocols.md §6.3). */
  approval_key: str.min(1).optional(),
  pay_url: str.min(1).optional(),
  affiliaterCode: stringish.optional(),
});
export type OrderResponseWire = z.infer<typeof orderResponseWire>;

export const payMethodWire = z.enum(["KAKAO_MONEY", "KAKAO_CARD"]);

/** Seed §3.3: transactionId, orderNumber and type are optional (N); amount is required for a KakaoPay money payment
 *  and optional for a card payment. An empty string counts as absent. */
const optionalText = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v));
export const payResponseWire = z
  .looseObject({
    responseCode: z.literal("0000"),
    responseMsg: stringish.optional(),
    transactionId: optionalText,
    orderNumber: optionalText,
    type: z
      .union([payMethodWire, z.literal("")])
      .optional()
      .transform((v) => (v === "" ? undefined : v)),
    authDateTime: stamp.optional(),
    amount: won.optional(),
    cashReceipt: won.optional(),
    authNumber: stringish.optional(),
    cardName: stringish.optional(),
    cardNo: stringish.optional(),
    quota: z
      .union([z.string().regex(/^\d{1,2}$/), z.number().int().nonnegative()])
      .transform((v) => Number(v))
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.type === "KAKAO_MONEY" && v.amount === undefined)
      ctx.addIssue({ code: "custom", path: ["amount"], message: "required for a KakaoPay money payment" });
  });
export type PayResponseWire = z.infer<typeof payResponseWire>;

export const cancelResponseWire = z.looseObject({
  responseCode: z.literal("0000"),
  responseMsg: stringish.optional(),
  cancelDateTime: stamp.optional(),
  transactionId: stringish.optional(),
});
export type CancelResponseWire = z.infer<typeof cancelResponseWire>;

// ---------------------------------------------------------------- KCP window result (browser POST)
/** Fields KCP hands back: mobile posts them to Ret_URL; PC fills them into order_info (GetField) and the page
 *  posts the form. Everything is a string; unknown fields are kept. */
export const kcpReturnWire = z.looseObject({
  res_cd: str.min(1),
  res_msg: str.optional(),
  req_tx: str.optional(),
  ordr_idxx: str.optional(),
  good_name: str.optional(),
  good_mny: str.optional(),
  buyr_name: str.optional(),
  site_cd: str.optional(),
  enc_info: str.optional(),
  enc_data: str.optional(),
  tran_cd: str.optional(),
  use_pay_method: str.optional(),
  ret_pay_method: str.optional(),
  card_pay_method: str.optional(),
  ordr_chk: str.optional(),
  param_opt_1: str.optional(),
  param_opt_2: str.optional(),
  param_opt_3: str.optional(),
});
export type KcpReturnWire = z.infer<typeof kcpReturnWire>;

/** What the window authenticated, ready to be forwarded untouched to PayUp's pay API. Treat as opaque. */
export type PayUpAuthorization = {
  readonly ordrIdxx: string;
  /** good_mny as the window returned it (the app must still compare it with its own order). */
  readonly amount?: number;
  readonly method?: "KAKAO_MONEY" | "KAKAO_CARD";
  /** The pay request body, built from the window's values only. */
  readonly payFields: Readonly<PayRequestWire>;
};

export type KcpReturn =
  | { ok: true; outcome: "authenticated"; authorization: PayUpAuthorization; paramOpts: [string, string, string] }
  | {
      ok: true;
      outcome: "cancelled";
      resCd: string;
      resMsg: string;
      ordrIdxx?: string;
      paramOpts: [string, string, string];
    }
  | {
      ok: true;
      outcome: "failed";
      resCd: string;
      resMsg: string;
      ordrIdxx?: string;
      paramOpts: [string, string, string];
    }
  | { ok: false; outcome: "invalid"; issues: string[] };

const nonEmpty = (v: string | undefined) => (v && v.length > 0 ? v : undefined);

/** Reads the decoded POST body KCP's window produced (see parseEucKrForm). */
export function parseKcpReturn(fields: Record<string, string | undefined>): KcpReturn {
  const parsed = kcpReturnWire.safeParse(fields);
  if (!parsed.success)
    return {
      ok: false,
      outcome: "invalid",
      issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    };
  const f = parsed.data;
  const paramOpts: [string, string, string] = [f.param_opt_1 ?? "", f.param_opt_2 ?? "", f.param_opt_3 ?? ""];
  const ordrIdxx = nonEmpty(f.ordr_idxx);
  if (f.res_cd !== "0000") {
    const resMsg = f.res_msg ?? "";
    return f.res_cd === "3001"
      ? { ok: true, outcome: "cancelled", resCd: f.res_cd, resMsg, ...(ordrIdxx && { ordrIdxx }), paramOpts }
      : { ok: true, outcome: "failed", resCd: f.res_cd, resMsg, ...(ordrIdxx && { ordrIdxx }), paramOpts };
  }
  const missing = (["enc_info", "enc_data", "ordr_idxx"] as const).filter((k) => !nonEmpty(f[k]));
  if (missing.length)
    return { ok: false, outcome: "invalid", issues: missing.map((k) => `${k}: required when res_cd is 0000`) };
  if (f.good_mny !== undefined && f.good_mny !== "" && !/^\d{1,12}$/.test(f.good_mny))
    return { ok: false, outcome: "invalid", issues: ["good_mny: not an amount"] };
  const method =
    f.card_pay_method === "KAKAO_MONEY" || f.card_pay_method === "KAKAO_CARD" ? f.card_pay_method : undefined;
  // Exactly the seed's six fields, always all six (good_mny stays ours: it is compared with the order, not sent).
  const payFields: PayRequestWire = {
    res_cd: f.res_cd,
    enc_info: f.enc_info!,
    enc_data: f.enc_data!,
    tran_cd: f.tran_cd ?? "",
    card_pay_method: f.card_pay_method ?? "",
    ordr_idxx: f.ordr_idxx!,
  };
  return {
    ok: true,
    outcome: "authenticated",
    authorization: {
      ordrIdxx: f.ordr_idxx!,
      ...(nonEmpty(f.good_mny) && { amount: Number(f.good_mny) }),
      ...(method && { method }),
      payFields,
    },
    paramOpts,
  };
}
