// Starts the sandbox in-process on a free port, for the sandbox's own tests.
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createSandbox } from "./app.ts";

export async function startTestSandbox() {
  let resolveUrl!: (u: string) => void;
  const ready = new Promise<string>((r) => (resolveUrl = r));
  const ref: { sandbox?: ReturnType<typeof createSandbox> } = {};
  const server = serve(
    { fetch: (req, env) => ref.sandbox!.app.fetch(req, env), port: 0, hostname: "127.0.0.1" },
    (info: AddressInfo) => resolveUrl(`http://127.0.0.1:${info.port}`),
  );
  const url = await ready;
  const sandbox = (ref.sandbox = createSandbox({ publicUrl: url }));
  return { url, ctx: sandbox.ctx, close: () => new Promise<void>((r) => server.close(() => r())) };
}
