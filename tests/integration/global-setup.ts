// Integration tests run against a fresh PostgreSQL database (never the dev one) and the real
// sandbox over HTTP, as a separate process.
import type { ChildProcess } from "node:child_process";
import type { TestProject } from "vitest/node";
import { ensureDatabase, freePort, startPostgres } from "../../scripts/lib/postgres.ts";
import { migrate } from "../../scripts/lib/migrate.ts";
import { startService } from "../../scripts/lib/run.ts";
import { sandboxEnv } from "../../scripts/lib/demo-env.ts";
import { seed } from "../../scripts/lib/seed.ts";

let stopPg: (() => Promise<void>) | undefined;
let sandbox: ChildProcess | undefined;

export default async function setup(project: TestProject) {
  const pgServer = await startPostgres({ dataDir: `.data/test-pg-${process.pid}`, ephemeral: true });
  stopPg = pgServer.stop;
  const dbName = `kc_it_${process.pid}_${Date.now()}`;
  await ensureDatabase(pgServer.adminUrl("postgres"), dbName, { fresh: true });
  const databaseUrl = pgServer.adminUrl(dbName);
  await migrate(databaseUrl, { quiet: true });
  await seed(databaseUrl);

  const port = await freePort();
  const sandboxUrl = `http://127.0.0.1:${port}`;
  sandbox = await startService("sandbox", process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
    env: { ...process.env, ...sandboxEnv({ port, appUrl: "http://127.0.0.1:3999" }), SANDBOX_QUIET: "1" },
    readyUrl: `${sandboxUrl}/__sandbox/health`,
    echo: false,
  });
  project.provide("databaseUrl", databaseUrl);
  project.provide("sandboxUrl", sandboxUrl);
  return async function teardown() {
    sandbox?.kill("SIGTERM");
    await stopPg?.();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    sandboxUrl: string;
  }
}
