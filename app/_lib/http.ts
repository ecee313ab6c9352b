// Route-handler plumbing: one mapping from AppError to HTTP, one catch for the unexpected.
import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { appError, httpStatus, type AppError } from "@/lib/errors";
import { log } from "@/lib/log";

export function errorResponse(e: AppError) {
  return NextResponse.json({ error: { code: e.code, message: e.message } }, { status: httpStatus(e.code) });
}

/** 303 See Other to a GET page of this app (after provider returns and POST-backs). */
export function seeOther(path: string) {
  return NextResponse.redirect(new URL(path, env().APP_URL), 303);
}

export function withErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (e) {
      log.error({ err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, "unhandled route error");
      return errorResponse(appError("INTERNAL"));
    }
  };
}
