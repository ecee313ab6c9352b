// Real processes for the money-safety scenarios: production builds of the app (`next start` on the
// build made by `npm test`), workers (`scripts/worker.ts`), the shared sandbox and PostgreSQL from the
// integration global setup. Tests kill them with SIGKILL when the scenario is a crash.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { appEnv, relaxedRateLimits } from "../../scripts/lib/demo-env.ts";
import { freePort } from "../../scripts/lib/postgres.ts";
import { startService } from "../../scripts/lib/run.ts";

export const PROVIDER_TIMEOUT_MS = 2000;
export const APP_SECRET = randomBytes(32).toString("base64url");
const children = new Set<ChildProcess>();

export function distDir(): string {
  const d = process.env.NEXT_DIST_DIR;
  if (!d)
    throw new Error("process tests need a production build: run them through `npm test` (or `npm test -- process`)");
  return d;
}

export function stackEnv(appUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...appEnv({ databaseUrl: inject("databaseUrl"), sandboxUrl: inject("sandboxUrl"), appUrl, appSecret: APP_SECRET }),
    ...relaxedRateLimits(),
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    PROVIDER_TIMEOUT_MS: String(PROVIDER_TIMEOUT_MS),
    LATE_CHECK_SECONDS: "3",
    NEXT_DIST_DIR: distDir(),
    NEXT_TELEMETRY_DISABLED: "1",
    DB_POOL_SIZE: "20",
  };
}

export type App = { url: string; proc: ChildProcess };

export async function startApp(port?: number): Promise<App> {
  const p = port ?? (await freePort());
  const url = `http://127.0.0.1:${p}`;
  const proc = await startService(
    `app:${p}`,
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(p), "-H", "127.0.0.1"],
    {
      env: stackEnv(url),
      readyUrl: `${url}/admin/login`,
      echo: false,
      timeoutMs: 60_000,
    },
  );
  children.add(proc);
  return { url, proc };
}

export async function startWorkerProcess(): Promise<ChildProcess> {
  const proc = await startService("worker", process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...stackEnv("http://127.0.0.1:1"), WORKER_POLL_SECONDS: "0.5" },
    readyLine: /worker ready/,
    echo: false,
    timeoutMs: 60_000,
  });
  children.add(proc);
  return proc;
}

/** Ends a process and waits until it is gone (SIGKILL: a crash). */
export async function kill(proc: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise<void>((r) => proc.once("exit", () => r()));
  proc.kill(signal);
  await gone;
  children.delete(proc);
}

export async function stopAll() {
  await Promise.all([...children].map((c) => kill(c, "SIGTERM")));
}

export { until } from "../integration/helpers";
