// KakaoPay online single payment: wire schemas (open-api.kakaopay.com/online/v1/payment/*).
// Field names are KakaoPay's; nothing outside this folder sees them.
import { z } from "zod";

const amountSchema = z.object({
  total: z.number().int(),
  tax_free: z.number().int(),
  vat: z.number().int().optional().default(0),
  point: z.number().int().optional().default(0),
  discount: z.number().int().optional().default(0),
  green_deposit: z.number().int().optional().default(0),
});
export type WireAmount = z.infer<typeof amountSchema>;

export const readyRequestSchema = z.object({
  cid: z.string().length(10),
  partner_order_id: z.string().min(1).max(100),
  partner_user_id: z.string().min(1).max(100),
  item_name: z.string().min(1).max(100),
  item_code: z.string().max(100).optional(),
  quantity: z.number().int().positive(),
  total_amount: z.number().int().positive(),
  tax_free_amount: z.number().int().min(0),
  vat_amount: z.number().int().min(0).optional(),
  approval_url: z.string().url().max(255),
  cancel_url: z.string().url().max(255),
  fail_url: z.string().url().max(255),
  payment_method_type: z.enum(["CARD", "MONEY"]).optional(),
  install_month: z.number().int().min(0).max(12).optional(),
});
export type ReadyRequest = z.infer<typeof readyRequestSchema>;

export const readyResponseSchema = z.object({
  tid: z.string().min(1),
  next_redirect_app_url: z.string().optional(),
  next_redirect_mobile_url: z.string(),
  next_redirect_pc_url: z.string(),
  android_app_scheme: z.string().optional(),
  ios_app_scheme: z.string().optional(),
  created_at: z.string(),
});

const cardInfoSchema = z
  .object({
    kakaopay_purchase_corp: z.string().optional(),
    kakaopay_purchase_corp_code: z.string().optional(),
    kakaopay_issuer_corp: z.string().optional(),
    kakaopay_issuer_corp_code: z.string().optional(),
    bin: z.string().optional(),
    card_type: z.string().optional(),
    install_month: z.union([z.string(), z.number()]).optional(),
    approved_id: z.string().optional(),
    interest_free_install: z.string().optional(),
    // The names of KakaoPay's earlier public documentation (developers.kakao.com), read when the
    // kakaopay_* ones are absent.
    purchase_corp: z.string().optional(),
    issuer_corp: z.string().optional(),
  })
  .passthrough();

export const approveResponseSchema = z.object({
  aid: z.string(),
  tid: z.string(),
  cid: z.string(),
  partner_order_id: z.string(),
  partner_user_id: z.string(),
  payment_method_type: z.enum(["CARD", "MONEY"]),
  amount: amountSchema,
  card_info: cardInfoSchema.nullish(),
  item_name: z.string().optional(),
  quantity: z.number().int().optional(),
  created_at: z.string().optional(),
  approved_at: z.string(),
});
export type ApproveResponse = z.infer<typeof approveResponseSchema>;

export const statusSchema = z.enum([
  "READY",
  "SEND_TMS",
  "OPEN_PAYMENT",
  "SELECT_METHOD",
  "ARS_WAITING",
  "AUTH_PASSWORD",
  "ISSUED_SID",
  "SUCCESS_PAYMENT",
  "PART_CANCEL_PAYMENT",
  "CANCEL_PAYMENT",
  "FAIL_AUTH_PASSWORD",
  "QUIT_PAYMENT",
  "FAIL_PAYMENT",
]);
export type WireStatus = z.infer<typeof statusSchema>;

export const orderResponseSchema = z.object({
  tid: z.string(),
  cid: z.string(),
  /** Any string: a status we do not know must still be readable (and is then "pending"). */
  status: z.string().min(1),
  partner_order_id: z.string(),
  partner_user_id: z.string(),
  payment_method_type: z.enum(["CARD", "MONEY"]).nullish(),
  amount: amountSchema.nullish(),
  canceled_amount: amountSchema.nullish(),
  cancel_available_amount: amountSchema.nullish(),
  item_name: z.string().optional(),
  quantity: z.number().int().optional(),
  created_at: z.string().optional(),
  approved_at: z.string().nullish(),
  canceled_at: z.string().nullish(),
  selected_card_info: z.record(z.string(), z.unknown()).nullish(),
  payment_action_details: z
    .array(
      z
        .object({
          aid: z.string().optional(),
          approved_at: z.string().optional(),
          amount: z.number().int().optional(),
          payment_action_type: z.string(),
        })
        .passthrough(),
    )
    .optional(),
});
export type OrderResponse = z.infer<typeof orderResponseSchema>;

export const cancelResponseSchema = z.object({
  aid: z.string().optional(),
  tid: z.string(),
  cid: z.string(),
  status: z.string(),
  amount: amountSchema,
  approved_cancel_amount: amountSchema,
  canceled_amount: amountSchema,
  cancel_available_amount: amountSchema,
  canceled_at: z.string().nullish(),
});
export type CancelResponse = z.infer<typeof cancelResponseSchema>;

export const errorSchema = z.object({
  error_code: z.number().int(),
  error_message: z.string().optional().default(""),
  extras: z
    .object({ method_result_code: z.string().optional(), method_result_message: z.string().optional() })
    .passthrough()
    .nullish(),
});
