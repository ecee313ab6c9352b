// Runs in front of every page, route handler and server action (see `config.matcher`):
//   1. the input layer's first gate: a path or query with NUL / other control characters, a
//      malformed %-escape or an impossible date, or a server action's form field with control
//      characters, is a 400 before anything reaches a query;
//   2. a request body declared larger than any of our handlers takes is a 413 (Next.js buffers at
//      most next.config's proxyClientMaxBodySize of a body for this proxy, and the handlers cap
//      their own reads: app/_lib/body.ts);
//   3. cheap gate in front of the admin: no session cookie → login page (pages) or 401 (API); the
//      session itself is verified against the database in the layout and in every API handler;
//   4. security headers: an enforced CSP with a fresh nonce per request and 'strict-dynamic' (Next.js
//      reads the nonce from the request's CSP header and puts it on its own scripts; our plain-HTML
//      KCP page reads x-nonce), HSTS when APP_URL is https, Permissions-Policy, COOP.
// Not matched: static assets, and the POST endpoints that read their own bodies with a cap and are
// not pages (/kakao/* for the agency, /pay/payup/return for KCP): matching them would make Next.js
// buffer their bodies for the proxy first.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { ErrorCodes, httpStatus } from "@/lib/errors";
import { checkEntries, checkPath, checkQuery, MULTILINE_FIELDS, type InputProblem } from "@/lib/input/guard";
import { contentSecurityPolicy, cspSourcesFromEnv, newNonce, securityHeaders } from "@/lib/security/headers";

const SESSION_COOKIE = "kc_admin";
/** The largest body any matched path takes: server actions (Next's own 1 MB limit). */
export const MAX_PROXIED_BODY = 1024 * 1024;

function isApi(pathname: string) {
  return pathname.startsWith("/api/");
}

function withHeaders(res: NextResponse, pathname: string, csp?: string) {
  const https = env().APP_URL.startsWith("https://");
  for (const [k, v] of Object.entries(securityHeaders({ https, pathname }))) res.headers.set(k, v);
  if (csp) res.headers.set("Content-Security-Policy", csp);
  return res;
}

function refuse(req: NextRequest, code: "BAD_REQUEST" | "PAYLOAD_TOO_LARGE", message: string) {
  const { pathname } = req.nextUrl;
  const status = httpStatus(code);
  const headers = { "Cache-Control": "no-store" };
  if (isApi(pathname) || req.headers.get("next-action") || !(req.headers.get("accept") ?? "").includes("text/html")) {
    return withHeaders(NextResponse.json({ error: { code, message } }, { status, headers }), pathname);
  }
  const html = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>잘못된 요청 · 카카오 체크아웃</title></head><body style="font-family:system-ui,sans-serif;max-width:420px;margin:60px auto;padding:0 20px;text-align:center"><h1 style="font-size:20px">잘못된 요청입니다</h1><p>${message}</p><p><a href="/">처음으로</a></p></body></html>`;
  return withHeaders(
    new NextResponse(html, { status, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } }),
    pathname,
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  );
}

export function inputProblem(req: NextRequest): InputProblem | null {
  return checkPath(req.nextUrl.pathname) ?? checkQuery(req.nextUrl.search);
}

/**
 * A server action's form fields (Next.js hands the proxy a copy of the body, at most
 * proxyClientMaxBodySize): control characters and broken encodings never belong in a form, so every
 * action — including one added tomorrow — is covered here. Dates are left to the actions, which
 * answer a mistyped one in the form instead of with an error page.
 */
export async function actionBodyProblem(req: NextRequest): Promise<InputProblem | null> {
  if (req.method !== "POST" || !req.headers.get("next-action") || !req.body) return null;
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("multipart/form-data") && !type.startsWith("application/x-www-form-urlencoded")) return null;
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return null; // Next.js' own parser answers a malformed body
  }
  const entries: Array<[string, string]> = [];
  for (const [k, v] of form.entries()) entries.push([k, typeof v === "string" ? v : ""]);
  return checkEntries(entries, { multiline: MULTILINE_FIELDS, dates: false });
}

export async function proxy(req: NextRequest) {
  const { pathname } = req.nextUrl;
  const problem = inputProblem(req);
  if (problem) return refuse(req, "BAD_REQUEST", problem.message);
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (Number.isFinite(declared) && declared > MAX_PROXIED_BODY)
    return refuse(req, "PAYLOAD_TOO_LARGE", ErrorCodes.PAYLOAD_TOO_LARGE.message);
  const bodyProblem = await actionBodyProblem(req);
  if (bodyProblem) return refuse(req, "BAD_REQUEST", bodyProblem.message);

  const hasCookie = Boolean(req.cookies.get(SESSION_COOKIE)?.value);
  if (pathname.startsWith("/api/admin") && !hasCookie) {
    return withHeaders(
      NextResponse.json({ error: { code: "UNAUTHORIZED", message: "로그인이 필요합니다." } }, { status: 401 }),
      pathname,
    );
  }
  // The invitation page is for someone without an account yet (its token is the credential).
  if (
    pathname.startsWith("/admin") &&
    pathname !== "/admin/login" &&
    !pathname.startsWith("/admin/invite/") &&
    !hasCookie
  ) {
    return withHeaders(NextResponse.redirect(new URL("/admin/login", req.url)), pathname);
  }

  const e = env();
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, cspSourcesFromEnv(e), {
    dev: e.NODE_ENV === "development",
    https: e.APP_URL.startsWith("https://"),
  });
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), pathname, csp);
}

export const config = {
  matcher: [
    {
      source:
        "/((?!_next/static|_next/image|favicon\\.ico|kakao/|pay/payup/return|.*\\.(?:png|jpe?g|gif|svg|webp|avif|ico|css|js|map|txt|woff2?)$).*)",
    },
  ],
};
