"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { recordAudit } from "@/lib/admin/audit";
import { login, logout, SESSION_COOKIE } from "@/lib/admin/sessions";
import { checkLock, clearFailures, recordFailure, retryAfterOf } from "@/lib/ratelimit";
import { audit, currentAdmin, setSessionCookie } from "../_lib/admin";
import { formProblem } from "../_lib/input";
import { currentIp } from "../_lib/ratelimit";

export type LoginState = { error?: string; email?: string };

const LOCKED = "로그인에 여러 번 실패해 잠시 로그인할 수 없습니다.";
const lockedMessage = (s: number) =>
  `${LOCKED} ${s < 60 ? `${s}초` : `${Math.ceil(s / 60)}분`} 후에 다시 시도해 주세요.`;

export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const email = String(formData.get("email") ?? "");
  const bad = formProblem(formData, { multiline: new Set() });
  if (bad) return { error: bad.message };
  // Lockout per account + IP (so nobody can lock the owner out from elsewhere) and a looser one per
  // IP across accounts — both checked BEFORE the password is hashed; only failures count.
  const ip = await currentIp();
  const account = `${email.trim().toLowerCase()}|${ip}`;
  for (const v of [await checkLock("loginPerAccountIp", account, LOCKED), await checkLock("loginPerIp", ip, LOCKED)]) {
    if (!v.ok) return { error: lockedMessage(retryAfterOf(v.error)), email };
  }
  const r = await login({ email, password: String(formData.get("password") ?? "") });
  if (!r.ok) {
    if (r.error.code !== "UNAUTHORIZED") return { error: r.error.message, email };
    const known = r.error.details as { adminId: string; merchantId: string; disabled: boolean } | undefined;
    await recordAudit(
      {
        adminId: known?.adminId ?? null,
        email: email.trim().toLowerCase().slice(0, 200),
        merchantId: known?.merchantId ?? null,
      },
      {
        action: "auth.login_failed",
        summary: known?.disabled ? "비활성화된 계정으로 로그인 시도" : "로그인 실패 (이메일 또는 비밀번호 불일치)",
        ip,
      },
    );
    const [a, b] = [await recordFailure("loginPerAccountIp", account), await recordFailure("loginPerIp", ip)];
    const locked = !a.ok ? a : !b.ok ? b : null;
    return { error: locked ? lockedMessage(retryAfterOf(locked.error)) : r.error.message, email };
  }
  await clearFailures("loginPerAccountIp", account);
  await setSessionCookie(r.value.token, r.value.expiresAt);
  await recordAudit(
    { adminId: r.value.admin.adminId, email: r.value.admin.email, merchantId: r.value.admin.merchantId },
    { action: "auth.login", summary: "로그인", ip },
  );
  redirect("/admin/orders"); // the e2e helpers expect the orders list after login; the dashboard is /admin (홈)
}

export async function logoutAction() {
  const jar = await cookies();
  const admin = await currentAdmin();
  if (admin) await audit(admin, { action: "auth.logout", summary: "로그아웃" });
  await logout(jar.get(SESSION_COOKIE)?.value);
  jar.delete(SESSION_COOKIE);
  redirect("/admin/login");
}
