"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db";
import { fail, ok, type FormState } from "@/lib/errors";
import { resolveBillReview } from "@/lib/bills/review";
import { markConsentReviewed } from "@/lib/consents/consents";
import { resolveAttention } from "@/lib/payments/attention";
import { refreshPayment } from "@/lib/payments/refresh";
import { closeUnconfirmedRefund } from "@/lib/payments/refund";
import { closeUnconfirmedPayment } from "@/lib/payments/transaction-id";
import { audit, withAdminAction } from "../../../_lib/admin";

export type AttentionActionState = FormState;

const resolveSchema = z.object({
  source: z.enum(["payment", "bill", "consent"]),
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\w-]+$/),
  note: z.string().trim().min(1, "처리 내용을 입력해 주세요.").max(1000, "처리 내용은 1000자 이내로 입력해 주세요."),
});

// manager or owner (attention.resolve); the wrapper adds the same-origin check
export const resolveAttentionAction = withAdminAction<AttentionActionState, z.infer<typeof resolveSchema>>(
  {
    perm: "attention.resolve",
    schema: resolveSchema,
    fields: (f) => ({ source: f.get("source"), id: f.get("id"), note: f.get("note") ?? "" }),
  },
  async ({ admin, input: { source, id, note } }) => {
    const logResolution = (done: boolean) =>
      audit(admin, {
        action: "attention.resolve",
        summary: `확인 필요 처리 (${{ payment: "결제", bill: "청구서", consent: "동의" }[source]})${done ? "" : " — 이미 처리됨"}`,
        target: { type: source, id },
        detail: { note: note.slice(0, 500), done },
      });
    if (source === "consent") {
      const r = await markConsentReviewed(id, { by: admin.adminId, note, merchantId: admin.merchantId });
      await logResolution(r.ok);
      revalidatePath("/admin/attention");
      return r.ok ? ok({ ok: true, message: "확인 완료로 기록했습니다. 메모는 동의 타임라인에 남았습니다." }) : r;
    }
    if (source === "bill") {
      const r = await resolveBillReview({ reviewId: id, merchantId: admin.merchantId, adminId: admin.adminId, note });
      await logResolution(r.ok);
      revalidatePath("/admin/attention");
      return r.ok ? ok({ ok: true, message: "처리 완료로 기록했습니다." }) : r;
    }
    const done = await resolveAttention(db, id, { adminId: admin.adminId, merchantId: admin.merchantId }, note);
    await logResolution(done);
    revalidatePath("/admin/attention");
    return done
      ? ok({ ok: true, message: "처리 완료로 기록했습니다. 메모는 주문 타임라인에 남았습니다." })
      : fail("ALREADY_RESOLVED");
  },
);

export const refreshFromAttentionAction = withAdminAction<AttentionActionState>(
  { perm: "attention.resolve" },
  async ({ admin, formData }) => {
    const paymentId = String(formData.get("paymentId") ?? "");
    if (!/^[\w-]{1,64}$/.test(paymentId)) return fail("NOT_FOUND", "결제를 찾을 수 없습니다.");
    const payment = await db.payment.findFirst({
      where: { id: paymentId, order: { merchantId: admin.merchantId } },
      select: { id: true, provider: true },
    });
    if (!payment) return fail("NOT_FOUND", "결제를 찾을 수 없습니다.");
    const r = await refreshPayment(payment.id, payment.provider);
    await audit(admin, {
      action: "payment.refresh",
      summary: `확인 필요에서 결제사 상태 조회: ${r.message}`.slice(0, 300),
      target: { type: "payment", id: payment.id },
    });
    revalidatePath("/admin/attention");
    return ok({ ok: true, message: r.message });
  },
);

const closeSchema = z.object({
  what: z.enum(["payment", "refund"]),
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\w-]+$/),
  note: z
    .string()
    .trim()
    .min(1, "결제사 관리자 화면에서 확인한 내용을 입력해 주세요.")
    .max(500, "500자 이내로 입력해 주세요."),
});

/** After checking the provider's console: "nothing was charged" / "the refund did not happen". */
export const closeUnconfirmedAction = withAdminAction<AttentionActionState, z.infer<typeof closeSchema>>(
  {
    perm: "attention.resolve",
    schema: closeSchema,
    fields: (f) => ({ what: f.get("what"), id: f.get("id"), note: f.get("note") ?? "" }),
  },
  async ({ admin, input: { what, id, note } }) => {
    const actor = { adminId: admin.adminId, merchantId: admin.merchantId };
    const r =
      what === "payment"
        ? await closeUnconfirmedPayment(id, actor, note)
        : await closeUnconfirmedRefund(db, id, actor, note);
    await audit(admin, {
      action: "attention.resolve",
      summary: `${what === "payment" ? "결제 안 됨" : "환불 안 됨"}으로 확정${r.ok ? "" : " — 거절됨"}`,
      target: { type: what, id },
      detail: { note: note.slice(0, 500), done: r.ok },
    });
    revalidatePath("/admin/attention");
    if (!r.ok) return r;
    return ok({
      ok: true,
      message:
        what === "payment"
          ? "결제 안 됨으로 기록했습니다. 주문은 다시 결제할 수 있습니다."
          : "환불 안 됨으로 기록했습니다. 필요하면 주문 화면에서 다시 환불해 주세요.",
    });
  },
);
