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

/** Streams CSV rows from an async generator as a dated download (UTF-8; the generator writes the BOM). */
export function csvResponse(rows: AsyncGenerator<string>, name: string): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async pull(controller) {
      const { value, done } = await rows.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
  });
  const day = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10); // KST date
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
