// The one input check every request passes before anything reaches a query: no NUL or other C0
// control characters (tab, CR and LF only in fields that are multi-line by nature: a delivery
// memo, a bill's TEXT item, the bill editor's JSON payload), no DEL, no lone UTF-16 surrogates
// (PostgreSQL refuses them as it refuses NUL), and every YYYY-MM-DD / YYYYMMDD date a real
// calendar day. Pure functions: proxy.ts, route handlers and server actions call them.

/** C0 controls except TAB (09), LF (0A), CR (0D); plus DEL. */
const CONTROL_STRICT = /[\u0000-\u001f\u007f]/;
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type InputProblem = { field: string; reason: "control" | "date" | "encoding" | "length"; message: string };

export const INPUT_MESSAGE = "입력값에 사용할 수 없는 문자가 있습니다.";
export const DATE_MESSAGE = "존재하지 않는 날짜입니다.";

/** Field names whose values may span lines (tab, CR, LF allowed). */
export const MULTILINE_FIELDS: ReadonlySet<string> = new Set([
  "memo",
  "deliveryMemo",
  "message",
  "lines",
  "text",
  "payload",
  "details",
  "reason",
  "documentText",
  "note",
]);

export function hasControlChars(value: string, opts: { multiline?: boolean } = {}): boolean {
  return (opts.multiline ? CONTROL_MULTILINE : CONTROL_STRICT).test(value);
}

export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

/** A real calendar day (proleptic Gregorian, year 1000–9999), from YYYY-MM-DD or YYYYMMDD. */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
    mo - 1
  ]!;
  return d <= days;
}

/** A real local date-time from <input type="datetime-local"> (YYYY-MM-DDTHH:MM[:SS]). */
export function isRealDateTime(value: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  return Boolean(m && isRealDate(m[1]!) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4] ?? 0) < 60);
}

/** Values that claim to be a date (YYYY-MM-DD[THH:MM], or an 8-digit value in a date-named field). */
const DATE_SHAPED = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_SHAPED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const DATE_FIELD = /(date|day|from|to|birth|at)$/i;

export function checkValue(
  field: string,
  value: string,
  opts: { multiline?: boolean; maxLength?: number } = {},
): InputProblem | null {
  if (hasControlChars(value, { multiline: opts.multiline ?? MULTILINE_FIELDS.has(field) }))
    return { field, reason: "control", message: INPUT_MESSAGE };
  if (hasLoneSurrogate(value)) return { field, reason: "encoding", message: INPUT_MESSAGE };
  if (opts.maxLength !== undefined && value.length > opts.maxLength)
    return { field, reason: "length", message: "입력값이 너무 깁니다." };
  if ((DATE_SHAPED.test(value) || (/^\d{8}$/.test(value) && DATE_FIELD.test(field))) && !isRealDate(value))
    return { field, reason: "date", message: DATE_MESSAGE };
  if (DATETIME_SHAPED.test(value) && !isRealDateTime(value)) return { field, reason: "date", message: DATE_MESSAGE };
  return null;
}

/** Checks every (name, value) pair; names are checked as strictly as values. First problem wins. */
export function checkEntries(
  entries: Iterable<[string, string]>,
  opts: { multiline?: ReadonlySet<string>; maxLength?: number; dates?: boolean } = {},
): InputProblem | null {
  const multiline = opts.multiline ?? MULTILINE_FIELDS;
  for (const [name, value] of entries) {
    const n = checkValue("(name)", name, { multiline: false, maxLength: 200 });
    if (n) return { ...n, field: name.replace(CONTROL_STRICT, "?").slice(0, 40) };
    const bare = name.replace(/^\d+_/, ""); // server actions prefix fields with "1_"
    const v = checkValue(bare, value, { multiline: multiline.has(bare), maxLength: opts.maxLength });
    if (v && (v.reason !== "date" || opts.dates !== false)) return v;
  }
  return null;
}

/** Decodes a URL path segment by segment; a malformed %-escape is itself a problem. */
export function checkPath(pathname: string): InputProblem | null {
  for (const seg of pathname.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(seg);
    } catch {
      return { field: "(path)", reason: "encoding", message: INPUT_MESSAGE };
    }
    const p = checkValue("(path)", decoded, { multiline: false, maxLength: 300 });
    if (p) return p;
  }
  return null;
}

/** The query string as the handler will see it (URLSearchParams decoding), checked entry by entry. */
export function checkQuery(search: string): InputProblem | null {
  if (search.length > 8192) return { field: "(query)", reason: "length", message: "요청 주소가 너무 깁니다." };
  // URLSearchParams turns malformed escapes into U+FFFD silently; decodeURIComponent tells.
  for (const part of search.replace(/^\?/, "").split("&")) {
    try {
      decodeURIComponent(part.replace(/\+/g, " "));
    } catch {
      return { field: "(query)", reason: "encoding", message: INPUT_MESSAGE };
    }
  }
  return checkEntries(new URLSearchParams(search).entries(), { maxLength: 2000, multiline: new Set() });
}

/**
 * Every string (and key) inside parsed JSON: a JSON escape such as "\u0000" becomes a NUL only after
 * parsing, so bodies are checked again here. Tab and newlines are allowed when `multiline`.
 */
export function checkDeep(
  value: unknown,
  opts: { multiline?: boolean; maxDepth?: number; dates?: boolean } = {},
  path = "(body)",
  depth = 0,
): InputProblem | null {
  if (depth > (opts.maxDepth ?? 20))
    return { field: path, reason: "length", message: "입력값의 구조가 너무 깊습니다." };
  if (typeof value === "string") {
    const p = checkValue(path, value, { multiline: opts.multiline ?? false });
    return p && (p.reason !== "date" || opts.dates !== false) ? p : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = checkDeep(value[i], opts, `${path}[${i}]`, depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (hasControlChars(k) || hasLoneSurrogate(k)) return { field: path, reason: "control", message: INPUT_MESSAGE };
      const p = checkDeep(v, opts, k, depth + 1);
      if (p) return p;
    }
  }
  return null;
}
