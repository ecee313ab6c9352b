// Rate limits from pages' server actions and route handlers (lib/ratelimit holds the counters).
import "server-only"; // holds APP_SECRET-signed cookies / sessions: never in a client bundle (build error)
import { headers } from "next/headers";
import { NextResponse } from "next/server";
import { requestIp, type Verdict } from "@/lib/ratelimit";

/** The client IP of the current request (X-Forwarded-For past TRUSTED_PROXY_IPS; "unknown" if none). */
export async function currentIp(): Promise<string> {
  return requestIp((await headers()).get("x-forwarded-for"));
}

export function ipOf(req: Request): string {
  return requestIp(req.headers.get("x-forwarded-for"));
}

/** 429 with a Korean message and Retry-After (route handlers). */
export function tooManyRequests(v: Extract<Verdict, { ok: false }>): NextResponse {
  return NextResponse.json(
    { error: { code: "RATE_LIMITED", message: v.message, retryAfterSeconds: v.retryAfterSeconds } },
    { status: 429, headers: { "Retry-After": String(v.retryAfterSeconds), "Cache-Control": "no-store" } },
  );
}
