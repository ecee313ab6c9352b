// The sandbox host: one HTTP server that plays every provider on its own paths (they don't overlap:
// KakaoPay /online/v1/..., PayUp /ep/api/..., KCP windows /kcp/..., Dozn /external/..., Linkhub
// /BAROCERT/Token, /KAKAOCERT/Token, /Time, Barocert /KAKAO/..., KakaoCert /SignToken/...).
import { Hono } from "hono";
import type { ProviderModule, SandboxContext } from "./context.ts";
import { DELAY_PROVIDERS, Faults, faultSchema } from "./faults.ts";
import { html, page } from "./html.ts";
import kakaopay from "./providers/kakaopay/index.ts";
import payup from "./providers/payup/index.ts";
import dozn from "./providers/dozn/index.ts";
import linkhub from "./providers/linkhub/index.ts";

export const providers: ProviderModule[] = [kakaopay, payup, dozn, linkhub];

export function createSandbox(opts: { publicUrl: string; log?: SandboxContext["log"] }) {
  const faults = new Faults();
  let clockOffsetMs = 0;
  const ctx: SandboxContext = {
    publicUrl: opts.publicUrl.replace(/\/$/, ""),
    faults,
    log: opts.log ?? (() => {}),
    now: () => new Date(Date.now() + clockOffsetMs),
  };
  const app = new Hono();

  // ---- test controls (not part of any provider) ----
  app.get("/__sandbox/health", (c) => c.json({ ok: true, providers: providers.map((p) => p.name) }));
  app.get("/__sandbox/faults", (c) => c.json({ faults: faults.list() }));
  app.post("/__sandbox/faults", async (c) => {
    const parsed = faultSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
    if (parsed.data.mode === "delay" && !DELAY_PROVIDERS.includes(parsed.data.provider))
      return c.json(
        { error: `mode "delay" is implemented for ${DELAY_PROVIDERS.join(", ")} only (not ${parsed.data.provider})` },
        400,
      );
    return c.json({ armed: faults.arm(parsed.data) });
  });
  app.delete("/__sandbox/faults", (c) => {
    faults.clear(c.req.query("provider") || undefined);
    return c.json({ ok: true });
  });
  // Shift the sandbox clock forward to test expiries without waiting.
  app.post("/__sandbox/clock", async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { advanceMs?: number; reset?: boolean };
    if (body.reset) clockOffsetMs = 0;
    if (typeof body.advanceMs === "number") clockOffsetMs += body.advanceMs;
    return c.json({ now: ctx.now().toISOString(), offsetMs: clockOffsetMs });
  });

  for (const p of providers) p.mount(app, ctx);

  app.get("/", (c) =>
    c.html(
      page(
        "Provider sandbox",
        html`<main><h1>Provider sandbox</h1><p class="muted">Local stand-ins for the Kakao family of providers. Test controls live under /__sandbox.</p>
        ${providers.map((p) => html`<div class="card"><b>${p.title}</b> <span class="badge">${p.name}</span></div>`)}</main>`,
      ),
    ),
  );
  app.notFound((c) => c.json({ error: "not found in sandbox", path: c.req.path }, 404));
  app.onError((err, c) => {
    ctx.log("sandbox error", { path: c.req.path, error: String(err) });
    return c.json({ error: "sandbox internal error" }, 500);
  });
  return { app, ctx };
}
