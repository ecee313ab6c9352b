// Shared transport for provider clients: JSON over fetch with a hard timeout, and a classification
// of every failure so callers can decide between "failed", "retry" and "needs reconciliation".

export type TransportFailure =
  | { ok: false; kind: "timeout"; message: string }
  | { ok: false; kind: "network"; message: string }
  | { ok: false; kind: "http"; status: number; message: string; body?: unknown };

export type RawResponse = { ok: true; status: number; body: unknown; text: string };

export async function postJson(
  url: string,
  body: unknown,
  opts: { headers?: Record<string, string>; timeoutMs: number; fetchImpl?: typeof fetch },
): Promise<RawResponse | TransportFailure> {
  const f = opts.fetchImpl ?? fetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  try {
    const res = await f(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...opts.headers },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { ok: true, status: res.status, body: parsed, text };
  } catch (e) {
    if (controller.signal.aborted) return { ok: false, kind: "timeout", message: `no response within ${opts.timeoutMs}ms` };
    return { ok: false, kind: "network", message: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}
