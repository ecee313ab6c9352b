"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db";
import { resolveBillReview } from "@/lib/bills/review";
import { markConsentReviewed } from "@/lib/consents/consents";
import { resolveAttention } from "@/lib/payments/attention";
import { refreshPayment } from "@/lib/payments/refresh";
import { requireAdmin, sameOrigin } from "../../../_lib/admin";

export type AttentionActionState = { ok?: boolean; message?: string };

const resolveSchema = z.object({
  source: z.enum(["payment", "bill", "consent"]),
  id: z.string().min(1).max(64).regex(/^[\w-]+$/),
  note: z.string().trim().min(1, "처리 내용을 입력해 주세요.").max(1000, "처리 내용은 1000자 이내로 입력해 주세요."),
});

export async function resolveAttentionAction(_prev: AttentionActionState, formData: FormData): Promise<AttentionActionState> {
  const admin = await requireAdmin();
  if (!(await sameOrigin())) return { ok: false, message: "다른 사이트에서 보낸 요청은 처리하지 않습니다." };
  const parsed = resolveSchema.safeParse({ source: formData.get("source"), id: formData.get("id"), note: formData.get("note") ?? "" });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "입력을 확인해 주세요." };
  const { source, id, note } = parsed.data;
  if (source === "consent") {
    const r = await markConsentReviewed(id, { by: admin.adminId, note, merchantId: admin.merchantId });
    revalidatePath("/admin/attention");
    return r.ok ? { ok: true, message: "확인 완료로 기록했습니다. 메모는 동의 타임라인에 남았습니다." } : { ok: false, message: r.message };
  }
  if (source === "bill") {
    const r = await resolveBillReview({ reviewId: id, merchantId: admin.merchantId, adminId: admin.adminId, note });
    revalidatePath("/admin/attention");
    return r.ok ? { ok: true, message: "처리 완료로 기록했습니다." } : { ok: false, message: r.error.message };
  }
  const done = await resolveAttention(db, id, { adminId: admin.adminId, merchantId: admin.merchantId }, note);
  revalidatePath("/admin/attention");
  return done ? { ok: true, message: "처리 완료로 기록했습니다. 메모는 주문 타임라인에 남았습니다." } : { ok: false, message: "이미 처리되었거나 찾을 수 없는 항목입니다." };
}

export async function refreshFromAttentionAction(_prev: AttentionActionState, formData: FormData): Promise<AttentionActionState> {
  const admin = await requireAdmin();
  if (!(await sameOrigin())) return { ok: false, message: "다른 사이트에서 보낸 요청은 처리하지 않습니다." };
  const paymentId = String(formData.get("paymentId") ?? "");
  if (!/^[\w-]{1,64}$/.test(paymentId)) return { ok: false, message: "결제를 찾을 수 없습니다." };
  const payment = await db.payment.findFirst({ where: { id: paymentId, order: { merchantId: admin.merchantId } }, select: { id: true, provider: true } });
  if (!payment) return { ok: false, message: "결제를 찾을 수 없습니다." };
  const r = await refreshPayment(payment.id, payment.provider);
  revalidatePath("/admin/attention");
  return { ok: true, message: r.message };
}
