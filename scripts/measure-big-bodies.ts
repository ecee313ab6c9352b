// `npx tsx scripts/measure-big-bodies.ts [--no-build]`: a production build under `next start`, and a
// 20 MB body (declared with Content-Length, then chunked) POSTed to every POST endpoint, a server
// action and a page; prints each answer and how much the server's resident memory grew (VmRSS from
// /proc). Everything runs on 127.0.0.1 (embedded PostgreSQL, no provider is called), bounded in count.
import http from "node:http";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { appEnv, relaxedRateLimits } from "./lib/demo-env.ts";
import { migrate } from "./lib/migrate.ts";
import { ensureDatabase, freePort, startPostgres } from "./lib/postgres.ts";
import { run, startService } from "./lib/run.ts";
import { seed } from "./lib/seed.ts";

const MB = 1024 * 1024;
const distDir = ".next-bodies";
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

function post(
  url: string,
  headers: Record<string, string>,
  total: number,
  declare: boolean,
): Promise<{ status: number; body: string; error?: string }> {
  return new Promise((resolve) => {
    const u = new URL(url);
    const req = http.request({
      host: u.hostname,
      port: u.port,
      path: u.pathname + u.search,
      method: "POST",
      headers: { ...headers, ...(declare ? { "content-length": String(total) } : {}) },
    });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    let done = false;
    const finish = (r: { status: number; body: string; error?: string }) => {
      if (done) return;
      done = true;
      resolve(r);
    };
    req.on("response", (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => finish({ status: res.statusCode ?? 0, body: body.slice(0, 160) }));
      res.on("error", (e) => finish({ status: res.statusCode ?? 0, body, error: String(e) }));
    });
    req.on("error", (e) => finish({ status: 0, body: "", error: e.message }));
    const pump = () => {
      while (sent < total && !done) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    pump();
    setTimeout(() => finish({ status: 0, body: "", error: "timeout" }), 60_000).unref();
  });
}

const pg = await startPostgres({ dataDir: `.data/bodies-${process.pid}`, ephemeral: true });
const children: Array<{ kill: (s: NodeJS.Signals) => void }> = [];
try {
  const databaseUrl = pg.adminUrl("kc_bodies");
  await ensureDatabase(pg.adminUrl("postgres"), "kc_bodies", { fresh: true });
  await migrate(databaseUrl, { quiet: true });
  await seed(databaseUrl);
  if (!process.argv.includes("--no-build") || !existsSync(`${distDir}/BUILD_ID`)) {
    const tsconfig = readFileSync("tsconfig.json", "utf8");
    await run("npx", ["next", "build"], {
      env: {
        ...process.env,
        NEXT_DIST_DIR: distDir,
        NEXT_SKIP_TYPECHECK: "1",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    }).finally(() => writeFileSync("tsconfig.json", tsconfig));
  }
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const app = await startService(
    "app",
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: {
        ...process.env,
        ...appEnv({ databaseUrl, sandboxUrl: "http://127.0.0.1:9", appUrl }),
        ...relaxedRateLimits(),
        NODE_ENV: "production",
        LOG_LEVEL: "error",
        NEXT_DIST_DIR: distDir,
      },
      readyUrl: `${appUrl}/admin/login`,
      echo: false,
    },
  );
  children.push(app);
  const pid = app.pid!;
  const json = { "content-type": "application/json" };
  const targets: Array<[string, Record<string, string>]> = [
    ["/kakao/notice", { ...json, authorization: "Bearer DEVDOZNAGENCYCREDENTIAL0001" }],
    ["/kakao/prepay", json],
    ["/kakao/pay-result", { ...json, authorization: "Bearer DEVDOZNAGENCYCREDENTIAL0001" }],
    ["/pay/payup/return", { "content-type": "application/x-www-form-urlencoded" }],
    ["/api/admin/payments/ckzzzzzzzzzzzzzzzzzzzzzzz/refund", { ...json, cookie: "kc_admin=x" }],
    ["/api/admin/payments/ckzzzzzzzzzzzzzzzzzzzzzzz/refresh", { cookie: "kc_admin=x" }],
    ["/api/consents/ckzzzzzzzzzzzzzzzzzzzzzzz/refresh", {}],
    [
      "/checkout",
      { "next-action": "0123456789abcdef0123456789abcdef01234567", "content-type": "multipart/form-data; boundary=x" },
    ],
    ["/", { "content-type": "text/plain" }],
  ];
  for (let i = 0; i < 3; i++) await fetch(`${appUrl}/`); // warm up
  const start = rssMb(pid);
  console.log(`server RSS at start: ${start.toFixed(1)} MB`);
  for (const [path, headers] of targets) {
    for (const declare of [true, false]) {
      const before = rssMb(pid);
      const r = await post(`${appUrl}${path}`, headers, 20 * MB, declare);
      const after = rssMb(pid);
      console.log(
        `${path.padEnd(56)} ${declare ? "Content-Length" : "chunked       "} → ${r.status}${r.error ? ` (${r.error})` : ""}  RSS ${before.toFixed(1)} → ${after.toFixed(1)} MB (${after - before >= 0 ? "+" : ""}${(after - before).toFixed(1)})  ${r.body.replace(/\s+/g, " ").slice(0, 70)}`,
      );
    }
  }
  console.log(
    `server RSS at end: ${rssMb(pid).toFixed(1)} MB (+${(rssMb(pid) - start).toFixed(1)} over ${targets.length * 2} × 20 MB)`,
  );
} finally {
  for (const c of children) c.kill("SIGTERM");
  await pg.stop();
}
