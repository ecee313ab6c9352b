"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { refreshConsent, reRequestConsent } from "@/lib/consents/consents";
import { consentStatusLabel } from "@/lib/consents/state";
import { audit, authorize } from "../../../../_lib/admin";
import { formProblem } from "../../../../_lib/input";

export type ConsentActionState = { message?: string; ok?: boolean };

async function own(merchantId: string, id: string) {
  return db.consentRequest.findFirst({ where: { id, merchantId }, select: { id: true } });
}

/** Re-request an expired (or declined / failed) consent: a new KakaoTalk request with the same details. */
export async function reRequestAction(_prev: ConsentActionState, formData: FormData): Promise<ConsentActionState> {
  const auth = await authorize("consent.write");
  if (!auth.ok) return { ok: false, message: auth.message };
  const admin = auth.admin;
  const id = String(formData.get("id") ?? "");
  if (formProblem(formData)) return { ok: false, message: "입력값에 사용할 수 없는 문자가 있습니다." };
  if (!(await own(admin.merchantId, id))) return { ok: false, message: "요청을 찾을 수 없습니다." };
  const r = await reRequestConsent(id, { by: admin.email, merchantId: admin.merchantId });
  await audit(admin, { action: "consent.rerequest", summary: r.ok ? "동의·서명 다시 요청" : `동의·서명 다시 요청 실패: ${r.message}`.slice(0, 300), target: { type: "consent", id }, detail: { newId: r.ok ? r.id : r.kind === "failed" ? (r.id ?? null) : null } });
  revalidatePath(`/admin/consents/${id}`);
  if (r.ok) redirect(`/admin/consents/${r.id}`);
  if (r.kind === "failed" && r.id && r.id !== id) redirect(`/admin/consents/${r.id}`);
  return { ok: false, message: r.message };
}

/** Ask the provider for the current state now (and verify once if it is signed). */
export async function refreshAction(_prev: ConsentActionState, formData: FormData): Promise<ConsentActionState> {
  const auth = await authorize("consent.write");
  if (!auth.ok) return { ok: false, message: auth.message };
  const admin = auth.admin;
  const id = String(formData.get("id") ?? "");
  if (formProblem(formData)) return { ok: false, message: "입력값에 사용할 수 없는 문자가 있습니다." };
  if (!(await own(admin.merchantId, id))) return { ok: false, message: "요청을 찾을 수 없습니다." };
  const c = await refreshConsent(id, { force: true });
  await audit(admin, { action: "consent.refresh", summary: `동의 상태 조회${c ? `: ${consentStatusLabel[c.status]}` : ""}`, target: { type: "consent", id } });
  revalidatePath(`/admin/consents/${id}`);
  return { ok: true, message: c ? `현재 상태: ${consentStatusLabel[c.status]}` : "요청을 찾을 수 없습니다." };
}
