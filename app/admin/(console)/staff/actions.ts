"use server";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { fail, formState, ok, type FormState } from "@/lib/errors";
import { SESSION_COOKIE, sha256 } from "@/lib/admin/sessions";
import { mailConfigured, sendInviteMail } from "@/lib/admin/invite-mail";
import { changePassword, changeRole, inviteStaff, revokeInvite, setDisabled } from "@/lib/admin/staff";
import { withAdminAction } from "../../../_lib/admin";
import { currentIp } from "../../../_lib/ratelimit";

export type StaffState = FormState & {
  link?: string;
  mailed?: "sent" | "failed" | "not-configured";
  expiresAt?: string;
  email?: string;
};

const field = (formData: FormData, k: string) => String(formData.get(k) ?? "");

export const inviteAction = withAdminAction<StaffState>(
  { perm: "staff.manage", state: (e, formData) => ({ ...formState(e), email: field(formData, "email") }) },
  async ({ admin, formData }) => {
    const email = field(formData, "email");
    const r = await inviteStaff({ ...admin, ip: await currentIp() }, { email, role: formData.get("role") });
    if (!r.ok) return r;
    revalidatePath("/admin/staff");
    const link = `${env().APP_URL.replace(/\/$/, "")}/admin/invite/${r.value.token}`;
    const to = email.trim().toLowerCase();
    // Where SMTP is configured the link also goes by mail; the owner sees it either way.
    const mail = mailConfigured()
      ? await sendInviteMail({
          to,
          link,
          expiresAt: r.value.expiresAt,
          role: r.value.role,
          merchantName: r.value.merchantName,
          invitedBy: admin.email,
        })
      : ({ sent: false, reason: "not-configured" } as const);
    const message = mail.sent
      ? `${to}(으)로 초대 메일을 보냈습니다. 아래 링크를 직접 전달해도 됩니다.`
      : mail.reason === "failed"
        ? `${to} 초대 링크를 만들었지만 메일을 보내지 못했습니다. 아래 링크를 직접 전달해 주세요.`
        : `${to} 초대 링크를 만들었습니다. 아래 링크를 직접 전달해 주세요.`;
    return ok({
      ok: true,
      message,
      link,
      mailed: mail.sent ? "sent" : mail.reason,
      expiresAt: r.value.expiresAt.toISOString(),
      at: Date.now(),
    });
  },
);

const DONE = {
  role: "역할을 바꿨습니다.",
  disable: "계정을 비활성화했습니다. 열려 있던 세션도 끝났습니다.",
  enable: "계정을 다시 사용할 수 있게 했습니다.",
  revoke: "초대를 취소했습니다.",
} as const;

export const staffChangeAction = withAdminAction<StaffState>({ perm: "staff.manage" }, async ({ admin, formData }) => {
  const actor = { ...admin, ip: await currentIp() };
  const id = field(formData, "id");
  const op = field(formData, "op");
  if (!Object.hasOwn(DONE, op)) return fail("BAD_REQUEST", "알 수 없는 요청입니다.");
  const r =
    op === "role"
      ? await changeRole(actor, id, formData.get("role"))
      : op === "revoke"
        ? await revokeInvite(actor, id)
        : await setDisabled(actor, id, op === "disable");
  revalidatePath("/admin/staff");
  return r.ok ? ok({ ok: true, message: DONE[op as keyof typeof DONE], at: Date.now() }) : r;
});

export const changePasswordAction = withAdminAction<StaffState>({ perm: "read" }, async ({ admin, formData }) => {
  const next = field(formData, "next");
  if (next !== field(formData, "confirm"))
    return fail("VALIDATION", "새 비밀번호 두 칸이 다릅니다.", {
      fields: { confirm: "새 비밀번호와 같게 입력해 주세요." },
    });
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const r = await changePassword(
    { ...admin, ip: await currentIp() },
    { current: formData.get("current"), next, keepTokenHash: token ? sha256(token) : undefined },
  );
  if (!r.ok) return r;
  return ok({ ok: true, message: "비밀번호를 바꿨습니다. 다른 기기의 로그인은 끝났습니다.", at: Date.now() });
});
