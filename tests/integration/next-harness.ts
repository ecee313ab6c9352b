// Runs our pages, route handlers and server actions in-process, as `next start` would: the request
// passes proxy.ts first (its refusals and redirects are the answer; its header overrides reach the
// handler), then the handler runs inside a request scope that `next/headers` (mocked in the test
// file with `vi.mock("next/headers", () => import("./next-harness").then((m) => m.nextHeaders))`)
// reads. Next's control-flow throws (redirect, notFound) become the status Next.js would send; any
// other throw is a 500 — what the hostile-input suite must never see.
import { AsyncLocalStorage } from "node:async_hooks";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";

type Scope = { headers: Headers; jar: Map<string, string>; setCookies: Map<string, string | null> };
const als = new AsyncLocalStorage<Scope>();

function scope(): Scope {
  const s = als.getStore();
  if (!s) throw new Error("next/headers used outside a request scope");
  return s;
}

function parseCookies(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    let value = part.slice(i + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      /* Next keeps undecodable values as they are */
    }
    if (name && !jar.has(name)) jar.set(name, value);
  }
  return jar;
}

/** The `next/headers` module as our code uses it. */
export const nextHeaders = {
  headers: async () => scope().headers,
  cookies: async () => {
    const s = scope();
    return {
      get: (name: string) => (s.jar.has(name) ? { name, value: s.jar.get(name)! } : undefined),
      getAll: () => [...s.jar].map(([name, value]) => ({ name, value })),
      has: (name: string) => s.jar.has(name),
      set: (name: string, value: string) => {
        s.jar.set(name, value);
        s.setCookies.set(name, value);
      },
      delete: (name: string) => {
        s.jar.delete(name);
        s.setCookies.set(name, null);
      },
    };
  },
  draftMode: async () => ({ isEnabled: false, enable() {}, disable() {} }),
};

export type Outcome = {
  status: number;
  location?: string;
  /** Text of a Response body, or the JSON of an action's returned state. */
  body: string;
  setCookies: Map<string, string | null>;
  /** Set when something other than Next's control flow was thrown (a 500 in `next start`). */
  thrown?: unknown;
};

/** What Next.js answers for an error thrown by a page or action: redirect / notFound / 500. */
function fromThrow(e: unknown): Pick<Outcome, "status" | "location" | "thrown"> {
  const digest = (e as { digest?: unknown } | null)?.digest;
  if (typeof digest === "string") {
    if (digest.startsWith("NEXT_REDIRECT;")) {
      const [, , url, code] = digest.split(";");
      return { status: Number(code) || 307, location: url };
    }
    const m = /^NEXT_HTTP_ERROR_FALLBACK;(\d{3})$/.exec(digest);
    if (m) return { status: Number(m[1]) };
  }
  return { status: 500, thrown: e };
}

export type Call = (req: Request) => Promise<unknown>;

/**
 * One request through proxy.ts (unless `proxied: false`, as for paths its matcher leaves out) and
 * then `call` in a request scope. A Response result is read to the end (a stream that errors is a
 * connection reset: reported as status 0 with `thrown`).
 */
export async function dispatch(req: Request, call: Call, opts: { proxied?: boolean } = {}): Promise<Outcome> {
  let forHandler = req;
  if (opts.proxied !== false) {
    // Next.js gives the proxy a copy of the body (server actions' forms are checked there).
    const copy = req.body && req.headers.has("next-action") ? await req.clone().arrayBuffer() : undefined;
    const res = await proxy(new NextRequest(req.url, { method: req.method, headers: req.headers, body: copy }));
    if (res.headers.get("x-middleware-next") !== "1") {
      return {
        status: res.status,
        location: res.headers.get("location") ?? undefined,
        body: await res.text(),
        setCookies: new Map(),
      };
    }
    const overridden = res.headers.get("x-middleware-override-headers");
    if (overridden) {
      const h = new Headers();
      for (const name of overridden.split(",")) {
        const v = res.headers.get(`x-middleware-request-${name}`);
        if (v !== null) h.set(name, v);
      }
      forHandler = new Request(req, { headers: h });
    }
  }
  const s: Scope = {
    headers: forHandler.headers,
    jar: parseCookies(forHandler.headers.get("cookie")),
    setCookies: new Map(),
  };
  return als.run(s, async () => {
    let result: unknown;
    try {
      result = await call(forHandler);
    } catch (e) {
      return { ...fromThrow(e), body: "", setCookies: s.setCookies };
    }
    if (result instanceof Response) {
      try {
        const body = await result.text();
        return {
          status: result.status,
          location: result.headers.get("location") ?? undefined,
          body,
          setCookies: s.setCookies,
        };
      } catch (e) {
        return { status: 0, body: "", setCookies: s.setCookies, thrown: e };
      }
    }
    let body = "";
    try {
      body = JSON.stringify(result ?? null) ?? "";
    } catch {
      body = String(result);
    }
    return { status: 200, body, setCookies: s.setCookies };
  });
}

/** A page: its component called with params and searchParams as Next.js passes them. */
export function pageCall(Page: (props: never) => unknown, params: Record<string, string> = {}): Call {
  return async (req) => {
    const sp = Object.fromEntries(new URL(req.url).searchParams);
    return Page({ params: Promise.resolve(params), searchParams: Promise.resolve(sp), children: null } as never);
  };
}

/** A route handler: called with the request and its params. */
export function routeCall(
  handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
  params: Record<string, string> = {},
): Call {
  return (req) => handler(req, { params: Promise.resolve(params) });
}

/** A server action: FormData from the request body, with useActionState's previous state when given. */
export function actionCall(action: (...args: never[]) => Promise<unknown>, opts: { prevState?: unknown } = {}): Call {
  return async (req) => {
    const form = await req.formData();
    return "prevState" in opts
      ? (action as (p: unknown, f: FormData) => Promise<unknown>)(opts.prevState, form)
      : (action as (f: FormData) => Promise<unknown>)(form);
  };
}

export const BASE = "http://127.0.0.1:3999";

export function get(path: string, headers: Record<string, string> = {}) {
  return new Request(`${BASE}${path}`, { headers: { accept: "text/html", ...headers } });
}

export function postForm(
  path: string,
  fields: Record<string, string> | Array<[string, string]>,
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [k, v] of Array.isArray(fields) ? fields : Object.entries(fields)) form.append(k, v);
  return new Request(`${BASE}${path}`, { method: "POST", body: form, headers: { "next-action": "test", ...headers } });
}

export function postRaw(
  path: string,
  body: string | Uint8Array | ReadableStream<Uint8Array> | null,
  headers: Record<string, string> = {},
) {
  return new Request(`${BASE}${path}`, {
    method: "POST",
    body,
    headers,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}
