// Request bodies for route handlers: the content type is checked first, and the body is read with
// a cap WHILE reading (a declared Content-Length over the cap is refused unread; a chunked body is
// cancelled as soon as it passes the cap), so a 20 MB upload never sits in memory.
// Refusals are AppErrors (lib/errors.ts): PAYLOAD_TOO_LARGE (413), UNSUPPORTED_MEDIA_TYPE (415),
// BAD_REQUEST (400); JSON routes answer them with errorResponse, provider-facing ones in their own format.
import { MAX_BODY_BYTES as AGENCY_MAX_BODY } from "@/lib/bills/agency-endpoint";
import { appError, fail, ok, type AppError, type Result } from "@/lib/errors";

/** The body's bytes, or why it was refused. */
export type BodyRead = Result<Buffer>;

export function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";", 1)[0]!.trim().toLowerCase();
}

/** Reads at most maxBytes of the body; `types` are the accepted media types (without parameters). */
export async function readBodyCapped(
  req: Request,
  opts: { maxBytes: number; types: readonly string[] },
): Promise<BodyRead> {
  if (!opts.types.includes(mediaType(req))) {
    await req.body?.cancel().catch(() => {});
    return fail("UNSUPPORTED_MEDIA_TYPE", `지원하지 않는 형식입니다. (${opts.types.join(", ")})`);
  }
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > opts.maxBytes) {
    await req.body?.cancel().catch(() => {});
    return fail("PAYLOAD_TOO_LARGE");
  }
  if (!req.body) return ok(Buffer.alloc(0));
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > opts.maxBytes) {
        chunks.length = 0;
        await reader.cancel().catch(() => {});
        return fail("PAYLOAD_TOO_LARGE");
      }
      chunks.push(value);
    }
  } catch {
    return fail("BAD_REQUEST", "요청 본문을 읽을 수 없습니다.");
  }
  return ok(Buffer.concat(chunks, size));
}

/** A JSON body (application/json) up to maxBytes, parsed; anything else is a clear 4xx (BAD_REQUEST when not JSON). */
export async function readJsonCapped(req: Request, maxBytes = 16 * 1024): Promise<Result<unknown>> {
  const r = await readBodyCapped(req, { maxBytes, types: ["application/json"] });
  if (!r.ok) return r;
  try {
    return ok(JSON.parse(r.value.toString("utf8")));
  } catch {
    return fail("BAD_REQUEST", "JSON 본문을 읽을 수 없습니다.");
  }
}

/** No-body POSTs (polls, buttons): a declared body is refused unread (PAYLOAD_TOO_LARGE); an undeclared one is never read. */
export function refuseBody(req: Request): AppError | null {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > 1024) {
    void req.body?.cancel().catch(() => {});
    return appError("PAYLOAD_TOO_LARGE");
  }
  return null;
}

/**
 * The agency's POST /kakao/* body, as lib/bills/agency-endpoint wants it: up to its 64 KB cap (then
 * `tooLarge`), only as JSON (the seed's Content-type application/json;charset=utf-8; anything else
 * is handed on as an empty body, which the endpoint answers in the agency's envelope after auth).
 */
export async function readAgencyBody(req: Request): Promise<{ text: string; tooLarge: boolean }> {
  const r = await readBodyCapped(req, { maxBytes: AGENCY_MAX_BODY, types: ["application/json"] });
  if (r.ok) return { text: r.value.toString("utf8"), tooLarge: false };
  return { text: "", tooLarge: r.error.code === "PAYLOAD_TOO_LARGE" };
}
