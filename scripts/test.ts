// `npm test`: unit + integration tests (vitest: real PostgreSQL, real sandbox over HTTP) with the static
// checks beside them (`npm run check`: tsc, Prettier, ESLint, dependency-cruiser), then a production build of
// the app, the real-process money scenarios and the Playwright end-to-end suite in Chromium.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { findChromium } from "./lib/chromium.ts";
import { appEnv, relaxedRateLimits, sandboxEnv } from "./lib/demo-env.ts";
import { migrate } from "./lib/migrate.ts";
import { ensureDatabase, freePort, startPostgres } from "./lib/postgres.ts";
import { run, startService } from "./lib/run.ts";
import { seed } from "./lib/seed.ts";

const started = Date.now();
// npm test                      → everything
// npm test -- unit [vitest args] → vitest only;  npm test -- e2e [playwright args] → e2e only
// npm test -- process [vitest args] → build, then the real-process money scenarios only
const only = ["unit", "e2e", "process"].includes(process.argv[2] ?? "")
  ? (process.argv[2] as "unit" | "e2e" | "process")
  : undefined;
const extra = only ? process.argv.slice(3) : [];
const chromium = findChromium();
if (!chromium && only !== "unit") {
  console.error(
    "Chromium was not found. Install it with:\n\n  sudo apt-get update && sudo apt-get install -y chromium\n\n(or set CHROMIUM_PATH). Playwright cannot download a browser on this network.",
  );
  process.exit(1);
}

const children: ChildProcess[] = [];

// Seconds the slow integration files take on an idle 2-core machine (vitest's --shard splits by count, which
// put most of them in one shard); every other file counts as 2 s.
const SLOW_INTEGRATION: Record<string, number> = {
  "hostile-input": 56,
  "consents-worker": 25,
  "admin-staff": 22,
  "orders-export-50k": 19,
  pii: 15,
  "consents-cms": 13,
  payup: 12,
  kakaopay: 11,
  "customers-bill-consent": 10,
};

/** The integration test files split into `n` groups of about the same running time (greedy, slowest first). */
function integrationShards(n: number): string[][] {
  const dir = "tests/integration";
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => ({ path: `${dir}/${f}`, weight: SLOW_INTEGRATION[f.replace(/\.test\.ts$/, "")] ?? 2 }))
    .sort((a, b) => b.weight - a.weight || a.path.localeCompare(b.path));
  const groups = Array.from({ length: n }, () => ({ files: [] as string[], total: 0 }));
  for (const f of files) {
    const g = groups.reduce((min, x) => (x.total < min.total ? x : min));
    g.files.push(f.path);
    g.total += f.weight;
  }
  return groups.map((g) => g.files);
}

/** Runs a command with its output collected (printed by the caller when it is done). */
function captured(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: opts.env ?? process.env });
    children.push(child);
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("error", (e) => resolve({ code: 1, output: output + String(e) }));
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}
class Done extends Error {}
const pgServer = await startPostgres({ dataDir: `.data/test-run-${process.pid}`, ephemeral: true });
let code = 0;
/** Busy and total CPU ticks of the machine so far (Linux /proc/stat), to print how busy each stretch kept the cores. */
function cpuTicks(): { busy: number; total: number } | null {
  try {
    const f = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - (f[3] ?? 0) - (f[4] ?? 0), total };
  } catch {
    return null;
  }
}
let lastTicks = cpuTicks();
const phase = (name: string) => {
  const now = cpuTicks();
  const busy =
    now && lastTicks && now.total > lastTicks.total
      ? `, CPU ${Math.round((100 * (now.busy - lastTicks.busy)) / (now.total - lastTicks.total))}% busy since the last line`
      : "";
  lastTicks = now;
  console.log(`\n=== ${name} (${Math.round((Date.now() - started) / 1000)}s${busy}) ===`);
};
try {
  const adminUrl = pgServer.adminUrl("postgres");
  const distDir = `.next-test-${process.pid}`;
  const buildEnv = {
    ...process.env,
    NEXT_DIST_DIR: distDir,
    NEXT_SKIP_TYPECHECK: "1",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  } as NodeJS.ProcessEnv;
  const processEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: adminUrl,
    NODE_ENV: "test",
    NEXT_DIST_DIR: distDir,
  };
  // next build adds its dist dir to tsconfig.json's include and next-env.d.ts; keep the checked-in file as it is.
  const tsconfig = readFileSync("tsconfig.json", "utf8");
  const restoreTsconfig = () => writeFileSync("tsconfig.json", tsconfig);

  // The full run: the static checks (types, Prettier, ESLint, import rules), then the production build, then the
  // real-process money scenarios, one after another *beside* the vitest phase — whose integration tests mostly
  // wait on PostgreSQL, the sandbox and the worker's polls — so the e2e phase can start as soon as vitest is done.
  // (The build waits for the checks: it rewrites next-env.d.ts and its type files while tsc would read them.)
  // Their output is printed once each is done.
  let background: Promise<{ name: string; code: number; output: string }[]> | undefined;
  if (!only) {
    background = (async () => {
      const done: { name: string; code: number; output: string }[] = [];
      const checks = await captured("npm", ["run", "-s", "check"]);
      done.push({ name: "static checks: tsc, prettier, eslint, dependency-cruiser", ...checks });
      if (checks.code !== 0) return done;
      const build = await captured("npx", ["next", "build"], { env: buildEnv }).finally(restoreTsconfig);
      done.push({ name: "next build (beside vitest)", ...build });
      if (build.code !== 0) return done;
      const proc = await captured("npx", ["vitest", "run", "--project", "process"], { env: processEnv });
      done.push({ name: "vitest: real app + worker processes (money scenarios, beside vitest)", ...proc });
      return done;
    })();
  }
  if (!only || only === "unit") {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: adminUrl, NODE_ENV: "test" };
    if (extra.length) {
      phase("vitest");
      await run("npx", ["vitest", "run", ...extra], { env });
    } else {
      // The integration files run one after another within a vitest process (they share its database and
      // sandbox, whose faults are global); two groups, each with its own PostgreSQL and sandbox (global-setup),
      // run at once beside the unit tests — most of their time is spent waiting on PostgreSQL, the sandbox
      // and the worker's polls, not on the CPU.
      phase(
        "vitest: unit, and integration in two shards beside it" +
          (background ? "; static checks, next build and the process scenarios beside them" : ""),
      );
      const shards = integrationShards(2).map((files) =>
        captured("npx", ["vitest", "run", "--project", "integration", ...files], { env }),
      );
      const unit = run("npx", ["vitest", "run", "--project", "unit"], { env }).then(
        () => 0,
        (e: unknown) => (console.error(e instanceof Error ? e.message : e), 1),
      );
      const [unitCode, ...outs] = await Promise.all([unit, ...shards]);
      outs.forEach((o, i) => {
        phase(`vitest: integration shard ${i + 1}/2 (exit ${o.code})`);
        process.stdout.write(o.output);
      });
      if (unitCode !== 0 || outs.some((o) => o.code !== 0)) throw new Error("vitest: unit or integration tests failed");
    }
  }
  if (background) {
    const done = await background;
    for (const d of done) {
      phase(`${d.name} (exit ${d.code})`);
      process.stdout.write(d.output);
      if (d.code !== 0) throw new Error(`${d.name} failed (exit ${d.code})`);
    }
    if (done.length < 3) throw new Error("the build or the process scenarios did not run");
  }
  if (only === "e2e" || only === "process") {
    phase("next build");
    await run("npx", ["next", "build"], { env: buildEnv }).finally(restoreTsconfig);
    if (only === "process") {
      phase("vitest: real app + worker processes (money scenarios)");
      await run("npx", ["vitest", "run", "--project", "process", ...extra], { env: processEnv });
      throw new Done();
    }
  }
  if (only !== "unit") {
    phase("e2e: Playwright in Chromium");
    const dbName = `kc_e2e_${Date.now()}`;
    await ensureDatabase(adminUrl, dbName, { fresh: true });
    const databaseUrl = pgServer.adminUrl(dbName);
    await migrate(databaseUrl, { quiet: true });
    await seed(databaseUrl);
    const [appPort, sandboxPort, billerPort] = [await freePort(), await freePort(), await freePort()];
    const appUrl = `http://127.0.0.1:${appPort}`;
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const billerUrl = `http://127.0.0.1:${billerPort}`;
    children.push(
      await startService("sandbox", process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
        env: { ...process.env, ...sandboxEnv({ port: sandboxPort, appUrl, billerUrl }), SANDBOX_QUIET: "1" },
        readyUrl: `${sandboxUrl}/__sandbox/health`,
        echo: false,
      }),
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...appEnv({ databaseUrl, sandboxUrl, appUrl }), // with its own random APP_SECRET (production refuses the dev one)
      ...relaxedRateLimits(),
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      PROVIDER_TIMEOUT_MS: "2000",
      NEXT_DIST_DIR: distDir,
      BENCH_FLOOR_PAGE: "1", // the empty page e2e/page-weight.phone.spec.ts measures the JS floor with
    };
    children.push(
      await startService(
        "app",
        process.execPath,
        ["node_modules/next/dist/bin/next", "start", "-p", String(appPort), "-H", "127.0.0.1"],
        {
          env,
          readyUrl: `${appUrl}/admin/login`,
          echo: process.env.E2E_ECHO_APP === "1",
        },
      ),
    );
    // The sandbox agency calls the standalone biller API, so the e2e exercises it end to end.
    children.push(
      await startService("biller", process.execPath, ["--import", "tsx", "scripts/biller-server.ts"], {
        env: { ...env, BILLER_PORT: String(billerPort) },
        readyUrl: `${billerUrl}/`,
        echo: false,
      }),
    );
    children.push(
      await startService("worker", process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
        env: { ...env, WORKER_POLL_SECONDS: "0.5" },
        readyLine: /worker ready/,
        echo: false,
      }),
    );
    await run("npx", ["playwright", "test", ...extra], {
      env: {
        ...env,
        E2E_BASE_URL: appUrl,
        E2E_SANDBOX_URL: sandboxUrl,
        E2E_DATABASE_URL: databaseUrl,
        CHROMIUM_PATH: chromium,
      },
    });
  }
} catch (e) {
  if (!(e instanceof Done)) {
    console.error(e instanceof Error ? e.message : e);
    code = 1;
  }
} finally {
  for (const c of children) c.kill("SIGTERM");
  await pgServer.stop().catch(() => {});
  rmSync(`.next-test-${process.pid}`, { recursive: true, force: true });
  phase(code === 0 ? "all tests passed" : "tests FAILED");
}
process.exit(code);
