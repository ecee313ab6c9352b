"use server";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { SESSION_COOKIE, sha256 } from "@/lib/admin/sessions";
import { mailConfigured, sendInviteMail } from "@/lib/admin/invite-mail";
import { changePassword, changeRole, inviteStaff, revokeInvite, setDisabled } from "@/lib/admin/staff";
import { authorize } from "../../../_lib/admin";
import { formProblem } from "../../../_lib/input";
import { currentIp } from "../../../_lib/ratelimit";

export type StaffState = { ok?: boolean; message?: string; link?: string; mailed?: "sent" | "failed" | "not-configured"; expiresAt?: string; fields?: Record<string, string>; email?: string; at?: number };

const fieldsOf = (details: unknown) => (details as { fields?: Record<string, string> } | undefined)?.fields;

export async function inviteAction(_prev: StaffState, formData: FormData): Promise<StaffState> {
  const auth = await authorize("staff.manage");
  if (!auth.ok) return { ok: false, message: auth.message };
  const bad = formProblem(formData);
  if (bad) return { ok: false, message: bad.message };
  const email = String(formData.get("email") ?? "");
  const r = await inviteStaff({ ...auth.admin, ip: await currentIp() }, { email, role: formData.get("role") });
  if (!r.ok) return { ok: false, message: r.error.message, fields: fieldsOf(r.error.details), email, at: Date.now() };
  revalidatePath("/admin/staff");
  const link = `${env().APP_URL.replace(/\/$/, "")}/admin/invite/${r.value.token}`;
  const to = email.trim().toLowerCase();
  // Where SMTP is configured the link also goes by mail; the owner sees it either way.
  const mail = mailConfigured()
    ? await sendInviteMail({ to, link, expiresAt: r.value.expiresAt, role: r.value.role, merchantName: r.value.merchantName, invitedBy: auth.admin.email })
    : ({ sent: false, reason: "not-configured" } as const);
  const message = mail.sent
    ? `${to}(으)로 초대 메일을 보냈습니다. 아래 링크를 직접 전달해도 됩니다.`
    : mail.reason === "failed"
      ? `${to} 초대 링크를 만들었지만 메일을 보내지 못했습니다. 아래 링크를 직접 전달해 주세요.`
      : `${to} 초대 링크를 만들었습니다. 아래 링크를 직접 전달해 주세요.`;
  return { ok: true, message, link, mailed: mail.sent ? "sent" : mail.reason, expiresAt: r.value.expiresAt.toISOString(), at: Date.now() };
}

export async function staffChangeAction(_prev: StaffState, formData: FormData): Promise<StaffState> {
  const auth = await authorize("staff.manage");
  if (!auth.ok) return { ok: false, message: auth.message };
  const bad = formProblem(formData);
  if (bad) return { ok: false, message: bad.message };
  const actor = { ...auth.admin, ip: await currentIp() };
  const id = String(formData.get("id") ?? "");
  const op = String(formData.get("op") ?? "");
  const r =
    op === "role"
      ? await changeRole(actor, id, formData.get("role"))
      : op === "disable" || op === "enable"
        ? await setDisabled(actor, id, op === "disable")
        : op === "revoke"
          ? await revokeInvite(actor, id)
          : null;
  if (!r) return { ok: false, message: "알 수 없는 요청입니다." };
  revalidatePath("/admin/staff");
  return r.ok ? { ok: true, message: { role: "역할을 바꿨습니다.", disable: "계정을 비활성화했습니다. 열려 있던 세션도 끝났습니다.", enable: "계정을 다시 사용할 수 있게 했습니다.", revoke: "초대를 취소했습니다." }[op], at: Date.now() } : { ok: false, message: r.error.message, at: Date.now() };
}

export async function changePasswordAction(_prev: StaffState, formData: FormData): Promise<StaffState> {
  const auth = await authorize("read");
  if (!auth.ok) return { ok: false, message: auth.message };
  const bad = formProblem(formData);
  if (bad) return { ok: false, message: bad.message };
  const next = String(formData.get("next") ?? "");
  if (next !== String(formData.get("confirm") ?? "")) return { ok: false, message: "새 비밀번호 두 칸이 다릅니다.", fields: { confirm: "새 비밀번호와 같게 입력해 주세요." }, at: Date.now() };
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const r = await changePassword({ ...auth.admin, ip: await currentIp() }, { current: formData.get("current"), next, keepTokenHash: token ? sha256(token) : undefined });
  if (!r.ok) return { ok: false, message: r.error.message, fields: fieldsOf(r.error.details), at: Date.now() };
  return { ok: true, message: "비밀번호를 바꿨습니다. 다른 기기의 로그인은 끝났습니다.", at: Date.now() };
}
