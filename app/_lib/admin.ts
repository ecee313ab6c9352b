// Staff authentication and authorisation for admin pages, actions and API routes. Every use case
// is reached through one of: requireAdmin(perm) (pages), authorize(perm) (server actions),
// withAdmin(handler, { perm }) (route handlers) — each checks the role, not only the page.
import "server-only"; // holds APP_SECRET-signed cookies / sessions: never in a client bundle (build error)
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "@/lib/env";
import { appError } from "@/lib/errors";
import { recordAudit, type AuditEntry } from "@/lib/admin/audit";
import { can, forbiddenMessage, type Permission } from "@/lib/admin/roles";
import { SESSION_COOKIE, sessionFromToken, type AdminIdentity } from "@/lib/admin/sessions";
import { errorResponse } from "./http";
import { currentIp } from "./ratelimit";

export type { AdminIdentity };

export async function currentAdmin(): Promise<AdminIdentity | null> {
  return sessionFromToken((await cookies()).get(SESSION_COOKIE)?.value);
}

/** For admin pages: redirects to the login page without a valid session, to the "no permission" page without the role. */
export async function requireAdmin(perm: Permission = "read"): Promise<AdminIdentity> {
  const admin = await currentAdmin();
  if (!admin) redirect("/admin/login");
  if (!can(admin.role, perm)) redirect(`/admin/denied?need=${encodeURIComponent(perm)}`);
  return admin;
}

export type Authorized = { ok: true; admin: AdminIdentity } | { ok: false; message: string };

/**
 * For server actions: the session, the permission and (for every mutation) the same-origin check.
 * A missing session still redirects to login; a missing permission is a message the form shows.
 */
export async function authorize(perm: Permission): Promise<Authorized> {
  const admin = await currentAdmin();
  if (!admin) redirect("/admin/login");
  if (!can(admin.role, perm)) return { ok: false, message: forbiddenMessage(perm) };
  if (perm !== "read" && !(await sameOrigin())) return { ok: false, message: "다른 사이트에서 보낸 요청은 처리하지 않습니다." };
  return { ok: true, admin };
}

/** Appends an audit row for this staff member, with the request's IP. */
export async function audit(admin: Pick<AdminIdentity, "adminId" | "email" | "merchantId">, entry: Omit<AuditEntry, "ip">) {
  await recordAudit({ adminId: admin.adminId, email: admin.email, merchantId: admin.merchantId }, { ...entry, ip: await currentIp() });
}

/**
 * Mutations from another site are refused: browsers send Origin on cross-site POSTs and
 * Sec-Fetch-Site everywhere modern; the session cookie is SameSite=Lax on top.
 */
export async function sameOrigin(): Promise<boolean> {
  const h = await headers();
  const site = h.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = h.get("origin");
  if (!origin) return true; // non-browser clients (curl) carry no ambient cookies by accident
  const host = h.get("x-forwarded-host") ?? h.get("host");
  try {
    return new URL(origin).host === host || new URL(origin).origin === new URL(env().APP_URL).origin;
  } catch {
    return false;
  }
}

/** Wraps an admin API handler: 401 without a session, 403 without the role or for cross-site mutations. */
export function withAdmin<A extends unknown[]>(handler: (admin: AdminIdentity, ...args: A) => Promise<Response>, opts: { mutation?: boolean; perm?: Permission } = {}) {
  const perm = opts.perm ?? "read";
  return async (...args: A): Promise<Response> => {
    const admin = await currentAdmin();
    if (!admin) return errorResponse(appError("UNAUTHORIZED"));
    if (!can(admin.role, perm)) return errorResponse(appError("FORBIDDEN", forbiddenMessage(perm)));
    if (opts.mutation && !(await sameOrigin())) return errorResponse(appError("FORBIDDEN", "다른 사이트에서 보낸 요청은 처리하지 않습니다."));
    return handler(admin, ...args);
  };
}

export async function setSessionCookie(token: string, expiresAt: Date) {
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().APP_URL.startsWith("https://"),
    path: "/",
    expires: expiresAt,
  });
}
