// Staff authentication and authorisation for admin pages, actions and API routes. Every use case
// is reached through one of: requireAdmin(perm) (pages), withAdminAction({ perm, schema }, handler)
// (server actions), withAdmin(handler, { perm }) (route handlers) — each checks the role, not only the page.
import "server-only"; // holds APP_SECRET-signed cookies / sessions: never in a client bundle (build error)
import { cookies, headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { appError, formState, type AppError, type Result } from "@/lib/errors";
import { recordAudit, type AuditEntry } from "@/lib/admin/audit";
import { can, forbiddenMessage, type Permission } from "@/lib/admin/roles";
import { SESSION_COOKIE, sessionFromToken, type AdminIdentity } from "@/lib/admin/sessions";
import { errorResponse } from "./http";
import { formProblem } from "./input";
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

/** What an admin server action's handler gets: the staff member, the parsed input and the raw form. */
export type AdminActionContext<I> = { admin: AdminIdentity; input: I; formData: FormData };

/**
 * Wraps an admin server action (`useActionState`'s (prev, formData) => state), like withAdmin for routes:
 * 1. the session (none: redirect to the login page),
 * 2. the permission (a message the form shows) and, for every permission but "read", the same-origin check,
 * 3. the input layer (control characters and the like, app/_lib/input.ts formProblem),
 * 4. `schema` (zod) over the form's fields (`fields` picks them; default: every text field),
 * 5. the handler, which answers ok(state) or err(AppError).
 * Every refusal is one AppError (lib/errors.ts) mapped to the form's state by `state` (default formState:
 * { ok: false, code, message, fields, at }); an unexpected exception is logged (lib/log) and answered
 * as INTERNAL instead of an error page. Next's own redirect / notFound pass through.
 */
export function withAdminAction<S extends object, I = undefined>(
  opts: {
    perm: Permission;
    schema?: z.ZodType<I>;
    fields?: (formData: FormData) => Record<string, unknown>;
    /** options for the input layer (e.g. multiline fields), or false when the handler checks its own input */
    guard?: Parameters<typeof formProblem>[1] | false;
    /** the form's state for an error (default: formState) */
    state?: (e: AppError, formData: FormData) => S;
  },
  handler: (ctx: AdminActionContext<I>) => Promise<Result<S>>,
): (prev: S, formData: FormData) => Promise<S> {
  const toState = opts.state ?? ((e: AppError) => formState(e) as S);
  return async (_prev: S, formData: FormData): Promise<S> => {
    const admin = await currentAdmin();
    if (!admin) redirect("/admin/login");
    if (!can(admin.role, opts.perm)) return toState(appError("FORBIDDEN", forbiddenMessage(opts.perm)), formData);
    if (opts.perm !== "read" && !(await sameOrigin())) return toState(appError("CROSS_SITE"), formData);
    if (opts.guard !== false) {
      const bad = formProblem(formData, opts.guard ?? {});
      if (bad) return toState(appError("VALIDATION", bad.message, { field: bad.field }), formData);
    }
    let input = undefined as I;
    if (opts.schema) {
      const parsed = opts.schema.safeParse((opts.fields ?? textFields)(formData));
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const fields = Object.fromEntries(
          parsed.error.issues.filter((i) => i.path.length > 0).map((i) => [String(i.path[0]), i.message]),
        );
        return toState(appError("VALIDATION", first?.message ?? "입력을 확인해 주세요.", { fields }), formData);
      }
      input = parsed.data;
    }
    try {
      const r = await handler({ admin, input, formData });
      return r.ok ? r.value : toState(r.error, formData);
    } catch (e) {
      unstable_rethrow(e); // redirect(), notFound() and Next's other control flow
      log.error(
        { err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) },
        "unhandled admin action error",
      ); // lib/log masks personal data
      return toState(appError("INTERNAL"), formData);
    }
  };
}

/** Every text field of a form, first value per name. */
function textFields(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !(k in out)) out[k] = v;
  return out;
}

/** Appends an audit row for this staff member, with the request's IP. */
export async function audit(
  admin: Pick<AdminIdentity, "adminId" | "email" | "merchantId">,
  entry: Omit<AuditEntry, "ip">,
) {
  await recordAudit(
    { adminId: admin.adminId, email: admin.email, merchantId: admin.merchantId },
    { ...entry, ip: await currentIp() },
  );
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
export function withAdmin<A extends unknown[]>(
  handler: (admin: AdminIdentity, ...args: A) => Promise<Response>,
  opts: { mutation?: boolean; perm?: Permission } = {},
) {
  const perm = opts.perm ?? "read";
  return async (...args: A): Promise<Response> => {
    const admin = await currentAdmin();
    if (!admin) return errorResponse(appError("UNAUTHORIZED"));
    if (!can(admin.role, perm)) return errorResponse(appError("FORBIDDEN", forbiddenMessage(perm)));
    if (opts.mutation && !(await sameOrigin())) return errorResponse(appError("CROSS_SITE"));
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
