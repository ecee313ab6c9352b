// `npm run dev`: PostgreSQL (embedded unless DATABASE_URL is set), migrations, demo data, the
// provider sandbox and the Next.js dev server — then prints where everything is.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { ensureDatabase, startPostgres } from "./lib/postgres.ts";
import { migrate } from "./lib/migrate.ts";
import { seed } from "./lib/seed.ts";
import { startService } from "./lib/run.ts";
import { appEnv, demoPiiKeys, sandboxEnv } from "./lib/demo-env.ts";
import { DEMO_ADMIN } from "../lib/seed.ts";

const appPort = Number(process.env.PORT ?? 3000);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4010);
const pgPort = Number(process.env.PG_PORT ?? 54329);
const appUrl = process.env.APP_URL ?? `http://127.0.0.1:${appPort}`;
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const billerPort = Number(process.env.BILLER_PORT ?? 3100);
const billerUrl = `http://127.0.0.1:${billerPort}`;
const children: ChildProcess[] = [];
let stopPg: (() => Promise<void>) | undefined;
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping…");
  for (const c of children) c.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await stopPg?.().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  console.log(
    process.env.DATABASE_URL ? "using DATABASE_URL" : `starting embedded PostgreSQL (.data/pg, port ${pgPort})…`,
  );
  const pgServer = await startPostgres({ dataDir: ".data/pg", port: pgPort, log: console.error });
  stopPg = pgServer.stop;
  const databaseUrl = process.env.DATABASE_URL ?? pgServer.adminUrl("kakao_checkout");
  if (!process.env.DATABASE_URL) await ensureDatabase(pgServer.adminUrl("postgres"), "kakao_checkout");
  // One secret for every process, kept across restarts so cookies (cart, order access, admin session) survive;
  // the personal-data key is derived from it (demoPiiKeys), so encrypted rows stay readable across restarts.
  const secretFile = ".data/dev-app-secret";
  if (!existsSync(secretFile)) {
    mkdirSync(".data", { recursive: true });
    writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  const appSecret = readFileSync(secretFile, "utf8").trim();
  await migrate(databaseUrl, { quiet: true, piiEnv: demoPiiKeys(appSecret) });
  await seed(databaseUrl);
  console.log("database ready (migrations applied, demo data seeded)");

  children.push(
    await startService("sandbox", process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
      env: { ...process.env, ...sandboxEnv({ port: sandboxPort, appUrl, billerUrl }), SANDBOX_QUIET: "1" },
      readyUrl: `${sandboxUrl}/__sandbox/health`,
    }),
  );
  // The agency-facing biller API (/kakao/*) as its own small process; the app serves the same routes too.
  children.push(
    await startService("biller", process.execPath, ["--import", "tsx", "scripts/biller-server.ts"], {
      env: {
        ...process.env,
        ...appEnv({ databaseUrl, sandboxUrl, appUrl, appSecret }),
        BILLER_PORT: String(billerPort),
        NODE_ENV: "development",
      },
      readyUrl: `${billerUrl}/`,
    }),
  );
  // The background worker: settles payments, refunds, consents and bills left half-done.
  children.push(
    await startService("worker", process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, ...appEnv({ databaseUrl, sandboxUrl, appUrl, appSecret }), NODE_ENV: "development" },
      readyLine: /worker ready/,
    }),
  );
  const app = await startService(
    "app",
    process.execPath,
    ["node_modules/next/dist/bin/next", "dev", "-p", String(appPort), "-H", "127.0.0.1"],
    {
      env: { ...process.env, ...appEnv({ databaseUrl, sandboxUrl, appUrl, appSecret }), NODE_ENV: "development" },
      readyUrl: `${appUrl}/admin/login`,
      timeoutMs: 180_000,
    },
  );
  children.push(app);
  for (const c of children) c.on("exit", () => void shutdown(1));
  console.log(`
──────────────────────────────────────────────
 Kakao Checkout is running
   Shop      ${appUrl}/
   Admin     ${appUrl}/admin   (${DEMO_ADMIN.email} / ${DEMO_ADMIN.password})
   Sandbox   ${sandboxUrl}/    (provider stand-ins + test controls)
   Biller    ${billerUrl}/kakao/*  (the Dozn agency's calls; the sandbox agency uses it)
   Worker    running (settles payments, refunds, consents, bills; jobs in schema "pgboss")
 Ctrl-C stops everything; data stays in .data/
──────────────────────────────────────────────`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  await shutdown(1);
}
