// Structured logs (pino). Personal data and secrets are redacted at ANY depth: pino's `redact`
// paths cannot say "any depth", so every logged object is walked (formatters.log) and every value
// under a sensitive key name is replaced; phone numbers, e-mail addresses and resident numbers
// inside strings (the message too) are masked. Callers should still not log them in the first place.
import pino from "pino";

const CENSOR = "[redacted]";
const MAX_DEPTH = 8;

/** Key names (lower-cased, without `_`/`-`) whose values never reach a log line. */
const SENSITIVE_KEY =
  /(secret|password|passwd|passphrase|token|authorization|cookie|credential|certkey|apikey|privatekey|signeddata|signature|phone|mobile|email|birth|accountnum|accountno|acctno|bankaccount|cardno|cardnumber|rrn|ssn|residentnumber|buyername|customername|holdername|accountholder|accountname|username|receivername|recipientname|address|ci$|^ci|^di$)/;
/** `…key` names are secrets (apiKey, resultKey, hmacKey…) except these identifiers. */
const NON_SECRET_KEYS = new Set([
  "idempotencykey",
  "billernoticekey",
  "jobkey",
  "dedupekey",
  "queuekey",
  "sortkey",
  "documentkey",
  "itemkey",
]);

const normKey = (k: string) => k.toLowerCase().replace(/[^a-z0-9]/g, "");

export function isSensitiveKey(key: string): boolean {
  const k = normKey(key);
  if (!k) return false;
  if (SENSITIVE_KEY.test(k)) return true;
  // …key / …keys (apiKey, resultKey, PII_KEYS) are secrets, except identifiers such as idempotencyKey
  return (k.endsWith("key") || k.endsWith("keys")) && k !== "key" && k !== "keys" && !NON_SECRET_KEYS.has(k);
}

const PATTERNS: Array<[RegExp, string]> = [
  [/(?<!\d)01[016789][-\s.]?\d{3,4}[-\s.]?\d{4}(?!\d)/g, "[phone]"],
  [/(?<!\d)\d{6}-?[1-8]\d{6}(?!\d)/g, "[rrn]"],
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, "[email]"],
];

/** Masks phone numbers, resident registration numbers and e-mail addresses inside free text. */
export function scrubString(s: string): string {
  let out = s;
  for (const [re, repl] of PATTERNS) out = out.replace(re, repl);
  return out;
}

/** A copy of `value` with every sensitive key's value censored and every string scrubbed, at any depth. */
export function redactDeep(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === "string") return scrubString(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[depth]";
  seen.add(value);
  if (value instanceof Error) {
    const out: Record<string, unknown> = { type: value.name, message: scrubString(value.message) };
    if (value.stack) out.stack = scrubString(value.stack);
    for (const [k, v] of Object.entries(value)) out[k] = isSensitiveKey(k) ? CENSOR : redactDeep(v, depth + 1, seen);
    return out;
  }
  if (value instanceof Date) return value;
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (value instanceof Map) return redactDeep(Object.fromEntries(value), depth, seen);
  if (value instanceof Set) return redactDeep([...value], depth, seen);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSensitiveKey(k) ? CENSOR : redactDeep(v, depth + 1, seen);
  return out;
}

export type LogOptions = { level?: string; destination?: pino.DestinationStream };

/** A pino logger with the redaction above (tests pass their own destination). */
export function createLogger(opts: LogOptions = {}): pino.Logger {
  const options: pino.LoggerOptions = {
    level: opts.level ?? process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
    base: { app: "kakao-checkout" },
    formatters: { log: (obj) => redactDeep(obj) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        // The message and its printf arguments are scrubbed too (objects are walked by formatters.log).
        const scrubbed = args.map((a) => (typeof a === "string" ? scrubString(a) : a)) as Parameters<typeof method>;
        return method.apply(this, scrubbed);
      },
    },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

export const log = createLogger();
