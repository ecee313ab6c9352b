// Route-handler plumbing: one mapping from AppError to HTTP, one catch for the unexpected.
import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { appError, httpStatus, type AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { badInputJson, requestProblem } from "./input";

export function errorResponse(e: AppError) {
  return NextResponse.json({ error: { code: e.code, message: e.message } }, { status: httpStatus(e.code) });
}

/** 303 See Other to a GET page of this app (after provider returns and POST-backs). */
export function seeOther(path: string) {
  return NextResponse.redirect(new URL(path, env().APP_URL), 303);
}

/**
 * Every route handler's outer layer: the input layer first (route params and query: control
 * characters, malformed escapes, impossible dates → 400 before the handler runs — proxy.ts already
 * checks the URL; this holds for direct calls too), then one catch for the unexpected.
 */
export function withErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      const [req, ctx] = args as unknown as [
        unknown,
        { params?: Promise<Record<string, string | string[]>> } | undefined,
      ];
      if (req instanceof Request) {
        const params = ctx?.params ? await ctx.params : {};
        const problem = requestProblem(req, params);
        if (problem) return badInputJson(problem);
      }
      return await handler(...args);
    } catch (e) {
      log.error(
        { err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) },
        "unhandled route error",
      );
      return errorResponse(appError("INTERNAL"));
    }
  };
}

/**
 * Streams CSV rows from an async generator as a dated (KST) download (UTF-8; the generator writes the
 * BOM). The filter is validated by the caller before this; here the header line AND the first rows
 * are produced before the response starts, so a query that fails at once is an error response, not a
 * 200 cut short. A failure later in the stream ends the file with a line saying it is incomplete and
 * closes it cleanly (never a connection reset).
 */
export async function csvResponse(rows: AsyncGenerator<string>, name: string): Promise<Response> {
  const encoder = new TextEncoder();
  const first: string[] = [];
  for (let i = 0; i < 2; i++) {
    const { value, done } = await rows.next(); // throws → withErrors answers (nothing streamed yet)
    if (done) break;
    first.push(value);
  }
  let finished = first.length < 2;
  const stream = new ReadableStream({
    async pull(controller) {
      if (first.length) {
        controller.enqueue(encoder.encode(first.shift()!));
        if (!first.length && finished) controller.close();
        return;
      }
      if (finished) return controller.close();
      try {
        const { value, done } = await rows.next();
        if (done) {
          finished = true;
          controller.close();
        } else controller.enqueue(encoder.encode(value));
      } catch (e) {
        log.error({ err: e instanceof Error ? e.message : String(e), name }, "CSV export failed mid-stream");
        finished = true;
        controller.enqueue(
          encoder.encode("\n# 오류로 내보내기가 중단되었습니다. 이 파일은 완전하지 않습니다. 다시 내려받아 주세요.\n"),
        );
        controller.close();
      }
    },
    async cancel() {
      await rows.return(undefined);
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
