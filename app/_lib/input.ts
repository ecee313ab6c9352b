// The input layer as route handlers and server actions use it (lib/input/guard.ts holds the rules;
// proxy.ts applies them to every path and query first). Form fields and route params are checked
// here before any query: NUL and other control characters, impossible dates, lone surrogates.
import { NextResponse } from "next/server";
import { checkEntries, checkQuery, checkValue, MULTILINE_FIELDS, type InputProblem } from "@/lib/input/guard";

/**
 * Server-action forms: every text field (names too); File entries are checked by name only.
 * Dates are checked only when asked (`dates: true`): a form's own validation answers a mistyped
 * date next to its field, which a generic refusal here would hide.
 */
export function formProblem(
  formData: FormData,
  opts: { multiline?: ReadonlySet<string>; maxLength?: number; dates?: boolean } = {},
): InputProblem | null {
  const entries: Array<[string, string]> = [];
  for (const [k, v] of formData.entries()) entries.push([k, typeof v === "string" ? v : ""]);
  return checkEntries(entries, {
    multiline: opts.multiline ?? MULTILINE_FIELDS,
    maxLength: opts.maxLength ?? 100_000,
    dates: opts.dates ?? false,
  });
}

/** Route params (already decoded by Next.js) and the query, for handlers that are also called directly. */
export function requestProblem(
  req: Request,
  params: Record<string, string | string[] | undefined> = {},
): InputProblem | null {
  for (const [k, v] of Object.entries(params)) {
    for (const one of Array.isArray(v) ? v : [v ?? ""]) {
      const p = checkValue(k, one, { multiline: false, maxLength: 300 });
      if (p) return p;
    }
  }
  return checkQuery(new URL(req.url).search);
}

export function badInputJson(p: InputProblem | { message: string }, status = 400): NextResponse {
  return NextResponse.json(
    { error: { code: "VALIDATION", message: p.message } },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}
