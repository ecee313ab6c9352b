// Starts the provider sandbox: `npm run sandbox` (npm run dev starts it for you).
import { serve } from "@hono/node-server";
import { createSandbox } from "./app.ts";

const port = Number(process.env.SANDBOX_PORT ?? 4010);
const publicUrl = process.env.SANDBOX_PUBLIC_URL ?? `http://127.0.0.1:${port}`;
const { app } = createSandbox({
  publicUrl,
  log: (msg, data) => {
    if (process.env.SANDBOX_QUIET !== "1") console.log(JSON.stringify({ msg, ...data }));
  },
});
const server = serve({ fetch: app.fetch, port, hostname: process.env.SANDBOX_HOST ?? "127.0.0.1" }, () => {
  console.log(`sandbox listening on ${publicUrl}`);
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
