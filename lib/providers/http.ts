// The one transport of every provider client (kakaopay, payup, dozn; the Linkhub SDKs do their own
// I/O and classify into the same TransportFailure at their folder's edge, lib/providers/linkhub).
// Bytes in, bytes out: a client keeps its own encoding (PayUp's EUC-KR, JSON) and signatures in its
// folder and calls `request` (or `postJson` for JSON in both directions).
//
// One classification of what can go wrong between us and a provider:
//   timeout  nothing within timeoutMs (or the caller's signal aborted): the request was sent
//   network  no answer: refused / DNS / reset …
//   http     an answer we cannot use (a status or a body the client cannot read)
// and one rule for "may the provider have acted on it?" (`maybeReached`): false only when the request
// certainly never left us (the connection was never made: refused, no such host, unreachable) —
// everything else may have reached the provider, so its outcome is UNKNOWN, never "failed".

type FailureBase = {
  ok: false;
  message: string;
  /** The request may have reached the provider (see the rule above): unknown ≠ failed. */
  maybeReached: boolean;
};

export type TransportFailure =
  | (FailureBase & { kind: "timeout"; timeoutMs: number })
  | (FailureBase & {
      kind: "network";
      /** errno-style code when the platform gave one (ECONNREFUSED …) */ code?: string;
    })
  | (FailureBase & { kind: "http"; status: number; /** the first 500 characters of the answer */ body: string });

export type TransportFailureKind = TransportFailure["kind"];

export type HttpAnswer = {
  ok: true;
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  /** bytes as UTF-8 */ text: string;
};

export type RequestOptions = {
  method?: "POST" | "GET" | "PUT" | "DELETE";
  headers?: Record<string, string>;
  /** Sent as-is: encode it in the provider's folder (JSON, EUC-KR form …). */
  body?: string | Uint8Array;
  timeoutMs: number;
  /** The caller's abort (e.g. the request that asked for this call went away): reported as kind "timeout". */
  signal?: AbortSignal;
  /** Answers larger than this are not read further: kind "http" (default 1 MiB). */
  maxBytes?: number;
  fetchImpl?: typeof fetch;
};

const DEFAULT_MAX_BYTES = 1024 * 1024;
const SNIPPET = 500;

/** Connection-phase errors: the request never left us, so the provider cannot have acted on it. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_INVALID_URL",
]);

/** The one rule, for failures built outside `request` (the Linkhub SDK edge). */
export function maybeReachedFor(kind: TransportFailureKind, code?: string): boolean {
  if (kind !== "network") return true;
  return !(code !== undefined && NOT_SENT_CODES.has(code));
}

export function timeoutFailure(timeoutMs: number, message = `no response within ${timeoutMs}ms`): TransportFailure {
  return { ok: false, kind: "timeout", timeoutMs, message, maybeReached: true };
}

export function networkFailure(message: string, code?: string): TransportFailure {
  return {
    ok: false,
    kind: "network",
    message,
    maybeReached: maybeReachedFor("network", code),
    ...(code !== undefined && { code }),
  };
}

/** An answer the client cannot use (wrong status, unreadable body): the provider did receive the request. */
export function httpFailure(
  status: number,
  text: string,
  message = `unexpected answer (HTTP ${status})`,
): TransportFailure {
  return { ok: false, kind: "http", status, body: text.slice(0, SNIPPET), message, maybeReached: true };
}

function errorCode(e: unknown): string | undefined {
  for (
    let cur: unknown = e, depth = 0;
    cur && typeof cur === "object" && depth < 4;
    cur = (cur as { cause?: unknown }).cause, depth++
  ) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause ? `: ${String((e.cause as Error).message ?? e.cause)}` : "";
  return `${e.message}${cause}`;
}

async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** One HTTP exchange. Never throws: an answer (any status) or a TransportFailure. */
export async function request(url: string, opts: RequestOptions): Promise<HttpAnswer | TransportFailure> {
  const f = opts.fetchImpl ?? fetch;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);
  const onCallerAbort = () => controller.abort();
  if (opts.signal?.aborted) controller.abort();
  else opts.signal?.addEventListener("abort", onCallerAbort, { once: true });
  try {
    const res = await f(url, {
      method: opts.method ?? "POST",
      headers: opts.headers,
      body: opts.body as BodyInit | undefined,
      signal: controller.signal,
    });
    const bytes = await readCapped(res, opts.maxBytes ?? DEFAULT_MAX_BYTES);
    if (bytes === null)
      return httpFailure(res.status, "", `answer larger than ${opts.maxBytes ?? DEFAULT_MAX_BYTES} bytes`);
    return { ok: true, status: res.status, headers: res.headers, bytes, text: new TextDecoder().decode(bytes) };
  } catch (e) {
    if (controller.signal.aborted)
      return timedOut || !opts.signal?.aborted
        ? timeoutFailure(opts.timeoutMs)
        : timeoutFailure(opts.timeoutMs, "aborted by the caller before an answer");
    return networkFailure(errorText(e), errorCode(e));
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onCallerAbort);
  }
}

export type RawResponse = { ok: true; status: number; body: unknown; text: string };

/** JSON both ways (KakaoPay): `body` is the parsed answer, undefined when it is not JSON. */
export async function postJson(
  url: string,
  body: unknown,
  opts: { headers?: Record<string, string>; timeoutMs: number; fetchImpl?: typeof fetch; signal?: AbortSignal },
): Promise<RawResponse | TransportFailure> {
  const res = await request(url, {
    headers: { "Content-Type": "application/json", Accept: "application/json", ...opts.headers },
    body: JSON.stringify(body),
    timeoutMs: opts.timeoutMs,
    fetchImpl: opts.fetchImpl,
    signal: opts.signal,
  });
  if (!res.ok) return res;
  let parsed: unknown = undefined;
  try {
    parsed = res.text ? JSON.parse(res.text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { ok: true, status: res.status, body: parsed, text: res.text };
}
