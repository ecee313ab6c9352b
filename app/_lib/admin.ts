// Staff authentication for admin pages, actions and API routes.
import "server-only"; // holds APP_SECRET-signed cookies / sessions: never in a client bundle (build error)
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "@/lib/env";
import { appError } from "@/lib/errors";
import { SESSION_COOKIE, sessionFromToken, type AdminIdentity } from "@/lib/admin/sessions";
import { errorResponse } from "./http";

export async function currentAdmin(): Promise<AdminIdentity | null> {
  return sessionFromToken((await cookies()).get(SESSION_COOKIE)?.value);
}

/** For admin pages and server actions: redirects to the login page without a valid session. */
export async function requireAdmin(): Promise<AdminIdentity> {
  const admin = await currentAdmin();
  if (!admin) redirect("/admin/login");
  return admin;
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

/** Wraps an admin API handler: 401 without a session, 403 for cross-site mutations. */
export function withAdmin<A extends unknown[]>(handler: (admin: AdminIdentity, ...args: A) => Promise<Response>, opts: { mutation?: boolean } = {}) {
  return async (...args: A): Promise<Response> => {
    const admin = await currentAdmin();
    if (!admin) return errorResponse(appError("UNAUTHORIZED"));
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
