// Rate limits from pages' server actions and route handlers (lib/ratelimit holds the counters).
import "server-only"; // holds APP_SECRET-signed cookies / sessions: never in a client bundle (build error)
import { headers } from "next/headers";
import { NextResponse } from "next/server";
import { httpStatus, type AppError } from "@/lib/errors";
import { requestIp, retryAfterOf } from "@/lib/ratelimit";

/** The client IP of the current request (X-Forwarded-For past TRUSTED_PROXY_IPS; "unknown" if none). */
export async function currentIp(): Promise<string> {
  return requestIp((await headers()).get("x-forwarded-for"));
}

export function ipOf(req: Request): string {
  return requestIp(req.headers.get("x-forwarded-for"));
}

/** A RATE_LIMITED error as 429 with its Korean message and Retry-After (route handlers). */
export function tooManyRequests(e: AppError): NextResponse {
  const retryAfterSeconds = retryAfterOf(e);
  return NextResponse.json(
    { error: { code: e.code, message: e.message, retryAfterSeconds } },
    { status: httpStatus(e.code), headers: { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" } },
  );
}
