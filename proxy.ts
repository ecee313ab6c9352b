// Cheap gate in front of the admin: no session cookie → login page (pages) or 401 (API).
// The session itself is verified against the database in the layout and in every API handler.
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIE = "kc_admin";

export function proxy(req: NextRequest) {
  const { pathname } = req.nextUrl;
  const hasCookie = Boolean(req.cookies.get(SESSION_COOKIE)?.value);
  if (pathname.startsWith("/api/admin")) {
    if (!hasCookie) return NextResponse.json({ error: { code: "UNAUTHORIZED", message: "로그인이 필요합니다." } }, { status: 401 });
    return NextResponse.next();
  }
  if (pathname.startsWith("/admin") && pathname !== "/admin/login" && !hasCookie) {
    return NextResponse.redirect(new URL("/admin/login", req.url));
  }
  return NextResponse.next();
}

export const config = { matcher: ["/admin/:path*", "/api/admin/:path*"] };
