"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { login, logout, SESSION_COOKIE } from "@/lib/admin/sessions";
import { setSessionCookie } from "../_lib/admin";

export type LoginState = { error?: string; email?: string };

export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const email = String(formData.get("email") ?? "");
  const r = await login({ email, password: String(formData.get("password") ?? "") });
  if (!r.ok) return { error: r.error.message, email };
  await setSessionCookie(r.value.token, r.value.expiresAt);
  redirect("/admin/orders");
}

export async function logoutAction() {
  const jar = await cookies();
  await logout(jar.get(SESSION_COOKIE)?.value);
  jar.delete(SESSION_COOKIE);
  redirect("/admin/login");
}
