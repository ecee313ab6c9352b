"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { fail, ok, type FormState } from "@/lib/errors";
import { refreshConsent, requestFailureOf, reRequestConsent } from "@/lib/consents/consents";
import { consentStatusLabel } from "@/lib/consents/state";
import { audit, withAdminAction } from "../../../../_lib/admin";

export type ConsentActionState = FormState;

async function own(merchantId: string, id: string) {
  return db.consentRequest.findFirst({ where: { id, merchantId }, select: { id: true } });
}

const idOf = (formData: FormData) => String(formData.get("id") ?? "");

/** Re-request an expired (or declined / failed) consent: a new KakaoTalk request with the same details. */
export const reRequestAction = withAdminAction<ConsentActionState>(
  { perm: "consent.write" },
  async ({ admin, formData }) => {
    const id = idOf(formData);
    if (!(await own(admin.merchantId, id))) return fail("NOT_FOUND", "요청을 찾을 수 없습니다.");
    const r = await reRequestConsent(id, { by: admin.email, merchantId: admin.merchantId });
    await audit(admin, {
      action: "consent.rerequest",
      summary: r.ok ? "동의·서명 다시 요청" : `동의·서명 다시 요청 실패: ${r.error.message}`.slice(0, 300),
      target: { type: "consent", id },
      detail: { newId: r.ok ? r.value.id : (requestFailureOf(r.error)?.id ?? null) },
    });
    revalidatePath(`/admin/consents/${id}`);
    if (r.ok) redirect(`/admin/consents/${r.value.id}`);
    const newId = requestFailureOf(r.error)?.id;
    if (newId && newId !== id) redirect(`/admin/consents/${newId}`);
    return r;
  },
);

/** Ask the provider for the current state now (and verify once if it is signed). */
export const refreshAction = withAdminAction<ConsentActionState>(
  { perm: "consent.write" },
  async ({ admin, formData }) => {
    const id = idOf(formData);
    if (!(await own(admin.merchantId, id))) return fail("NOT_FOUND", "요청을 찾을 수 없습니다.");
    const c = await refreshConsent(id, { force: true });
    await audit(admin, {
      action: "consent.refresh",
      summary: `동의 상태 조회${c ? `: ${consentStatusLabel[c.status]}` : ""}`,
      target: { type: "consent", id },
    });
    revalidatePath(`/admin/consents/${id}`);
    return ok({ ok: true, message: c ? `현재 상태: ${consentStatusLabel[c.status]}` : "요청을 찾을 수 없습니다." });
  },
);
