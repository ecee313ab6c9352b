// `npm run bench`: the agency-facing bill endpoints under load, on loopback only, bounded in time.
//   1. fresh PostgreSQL + migrations + demo data + bench bills (SQL), production build of the app
//      (`next build` into .next-bench, tsconfig.json restored afterwards; `-- --no-build` reuses
//      it), `next start` and the standalone biller API (scripts/biller-server.ts) on free ports
//   2. floor: a bare node:http server doing one pg INSERT + SELECT per request (same pool size,
//      same load), plus the raw in-process pg INSERT+SELECT round trip
//   3. autocannon, in a child process (scripts/lib/bench-load.ts) so it shares no event loop with
//      anything measured, against both servers: POST /kakao/notice · notice answering E008 (no
//      database work: the server's own cost) · /kakao/pay-result new payments on distinct bills ·
//      /kakao/pay-result redeliveries of one payment. CPU used by the server, PostgreSQL and the
//      load generator is sampled from /proc for every run: on 2 cores it shows what limits.
//   4. burst, per server: 500 concurrent identical pay-results → exactly one payment, every answer OK
// Prints the tables and the goals for both servers; writes JSON (.data/bench/bench-<time>.json or
// `-- --out file`). Options: --duration 10 (s per run) --connections 50 --no-build
// --only next|standalone (skip the other server) --profile (CPU profile of the standalone server
// into .data/bench/profile).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { LoadResult, LoadSpec } from "./lib/bench-load.ts";
import { randomBytes } from "node:crypto";
import { appEnv, DEMO_KEYS, relaxedRateLimits } from "./lib/demo-env.ts";
import { migrate } from "./lib/migrate.ts";
import { ensureDatabase, freePort, startPostgres } from "./lib/postgres.ts";
import { run, startService } from "./lib/run.ts";
import { seed } from "./lib/seed.ts";

const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : def;
};
const DURATION = Math.min(60, Math.max(3, Number(opt("duration", "10"))));
const CONNECTIONS = Math.min(500, Math.max(1, Number(opt("connections", "50"))));
const POOL = Number(process.env.DB_POOL_SIZE ?? 10);
const BURST = 500;
const ONLY = opt("only", "");
const distDir = ".next-bench";
const out = opt("out", `.data/bench/bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
const HOST = "127.0.0.1"; // loopback only
// The Next routes cannot see the socket, so without a proxy they take agency calls only with a
// configured credential (lib/providers/dozn/auth.ts): the bench configures one on both servers.
const AUTH = DEMO_KEYS.doznAgencyCredential;

const children: ChildProcess[] = [];
const pgDataDir = `.data/bench-pg-${process.pid}`;
const pgServer = await startPostgres({ dataDir: pgDataDir, ephemeral: true });
const stamp = (d = new Date()) => new Date(d.getTime() + 9 * 3600_000).toISOString().replace(/\D/g, "").slice(0, 14);
const log = (s: string) => console.log(`[bench] ${s}`);
const loadAtStart = os.loadavg();

// ------------------------------------------------------------------ CPU accounting (/proc, Linux)
const CLK_TCK = 100;
function procTable(): Map<number, { ppid: number; ticks: number }> {
  const m = new Map<number, { ppid: number; ticks: number }>();
  if (!existsSync("/proc")) return m;
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from 3 (state) on
      m.set(Number(d), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) }); // utime + stime
    } catch {
      /* gone */
    }
  }
  return m;
}
/** CPU ticks used so far by every process of each root's tree (root and descendants), per pid. */
function treeTicks(roots: Record<string, number | undefined>): Record<string, Map<number, number>> {
  const table = procTable();
  const kids = new Map<number, number[]>();
  for (const [pid, p] of table) kids.set(p.ppid, [...(kids.get(p.ppid) ?? []), pid]);
  const res: Record<string, Map<number, number>> = {};
  for (const [name, root] of Object.entries(roots)) {
    if (!root || !table.has(root)) continue;
    const m = new Map<number, number>();
    const stack = [root];
    while (stack.length) {
      const pid = stack.pop()!;
      m.set(pid, table.get(pid)?.ticks ?? 0);
      stack.push(...(kids.get(pid) ?? []));
    }
    res[name] = m;
  }
  return res;
}
/** Ticks used between two samples (processes that exited in between are not counted). */
function ticksBetween(
  before: Map<number, number> | undefined,
  after: Map<number, number> | undefined,
): number | undefined {
  if (!before || !after) return undefined;
  let sum = 0;
  for (const [pid, t] of after) sum += t - (before.get(pid) ?? 0);
  return sum;
}
const postmasterPid = () => {
  try {
    return Number(readFileSync(path.join(pgDataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return undefined; // external DATABASE_URL
  }
};

// ------------------------------------------------------------------ load runs
type Server = "floor" | "next" | "standalone";
type Row = LoadResult & { scenario: string; server: Server; serverCores?: number; pgCores?: number };

async function load(
  scenario: string,
  server: Server,
  serverPid: number | undefined,
  spec: Omit<LoadSpec, "connections" | "duration" | "authorization"> & { connections?: number; duration?: number },
): Promise<Row> {
  const full: LoadSpec = { connections: CONNECTIONS, duration: DURATION, authorization: AUTH, ...spec };
  const before = treeTicks({ server: serverPid, pg: postmasterPid() });
  const t0 = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/lib/bench-load.ts"], {
    env: { ...process.env, BENCH_LOAD: JSON.stringify(full) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const killer = setTimeout(() => child.kill("SIGKILL"), (full.duration + 60) * 1000);
  let stdout = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c));
  await new Promise((r) => child.on("exit", r));
  clearTimeout(killer);
  const wallS = (performance.now() - t0) / 1000;
  const after = treeTicks({ server: serverPid, pg: postmasterPid() });
  const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`load generator failed for ${scenario} (${server})`);
  const r = JSON.parse(line.slice(7)) as LoadResult;
  // The child's wall time includes its ~1 s start; the load ran for `duration` of it.
  const cores = (k: string) => {
    const t = ticksBetween(before[k], after[k]);
    return t === undefined ? undefined : +(t / CLK_TCK / Math.min(wallS, full.duration + 0.5)).toFixed(2);
  };
  return { scenario, server, ...r, serverCores: cores("server"), pgCores: cores("pg") };
}

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

let code = 0;
try {
  // ---------------------------------------------------------------- database
  const dbName = `kc_bench_${Date.now()}`;
  await ensureDatabase(pgServer.adminUrl("postgres"), dbName, { fresh: true });
  const databaseUrl = pgServer.adminUrl(dbName);
  await migrate(databaseUrl, { quiet: true });
  await seed(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const merchantId = (await client.query(`SELECT id FROM "Merchant" WHERE code = 'KC'`)).rows[0].id as string;
  const due = stamp(new Date(Date.now() + 30 * 86_400_000)).slice(0, 8);
  const details = JSON.stringify([
    {
      title: "전체청구금액",
      item_type: "KEY_VALUE",
      elements: [
        { key: "당월 부과 금액", value: "27,800 원", level: 1 },
        { key: "미납액", value: "1,200 원", level: 2 },
      ],
    },
    { title: "기본정보", item_type: "TEXT", elements: ["카카오아파트", "101동 1001호"] },
    {
      title: "항목별부과금액",
      item_type: "TABLE",
      elements: {
        head: ["항목", "당월금액"],
        rows: [
          ["전기료", "12,000 원"],
          ["수도료", "8,000 원"],
        ],
      },
    },
    {
      title: "추이",
      item_type: "GRAPH",
      unit_name: "원/월",
      elements: [
        { x: "05", y: 20000 },
        { x: "06", y: 32100 },
        { x: "07", y: 29000 },
      ],
    },
  ]);
  const BILLS = 100_000;
  await client.query(
    `INSERT INTO "BilledCustomer" (id, "merchantId", "billerUserKey", name, "updatedAt")
     SELECT 'bc' || i, $1, 'BENCH' || i, '벤치 ' || i, now() FROM generate_series(0, $2) i`,
    [merchantId, BILLS],
  );
  await client.query(
    `INSERT INTO "Bill" (id, "merchantId", "customerId", "billerUserKey", "billedYearMonth", "billerNoticeKey", title, amount, "vatAmount", "expireType", "payExpireDate", details, "updatedAt")
     SELECT 'b' || i, $1, 'bc' || i, 'BENCH' || i, '202607', 'BN' || i, '벤치 관리비', 29000, 2636, 'D1', $2, $3::jsonb, now() FROM generate_series(0, $4) i`,
    [merchantId, due, details, BILLS],
  );
  await client.query(`ANALYZE`);
  log(`database ready with ${BILLS + 1} bills`);

  // ---------------------------------------------------------------- raw pg round trip
  await client.query(
    `CREATE TABLE bench_floor (id serial PRIMARY KEY, v text NOT NULL, at timestamptz NOT NULL DEFAULT now())`,
  );
  const raw: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const t = performance.now();
    const { rows } = await client.query(`INSERT INTO bench_floor (v) VALUES ($1) RETURNING id`, [`r${i}`]);
    await client.query(`SELECT id, v, at FROM bench_floor WHERE id = $1`, [rows[0].id]);
    if (i >= 500) raw.push(performance.now() - t);
  }
  raw.sort((a, b) => a - b);
  const rawRtt = { p50: +pct(raw, 50).toFixed(3), p99: +pct(raw, 99).toFixed(3) };
  log(`raw pg INSERT+SELECT (sequential, in-process): p50 ${rawRtt.p50} ms, p99 ${rawRtt.p99} ms`);

  // ---------------------------------------------------------------- floor server (separate process)
  const floorPort = await freePort();
  const floorUrl = `http://${HOST}:${floorPort}`;
  const floorSrc = `
    const http = require("node:http"); const pg = require("pg");
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: ${POOL} });
    http.createServer(async (req, res) => {
      let body = ""; for await (const c of req) body += c;
      try {
        const { rows } = await pool.query("INSERT INTO bench_floor (v) VALUES ($1) RETURNING id", [body.slice(0, 40)]);
        const r = await pool.query("SELECT id, v, at FROM bench_floor WHERE id = $1", [rows[0].id]);
        res.writeHead(200, { "content-type": "application/json" }); res.end(JSON.stringify({ res_code: "OK", message: "성공", data: { id: r.rows[0].id } }));
      } catch (e) { res.writeHead(500); res.end(String(e)); }
    }).listen(${floorPort}, "${HOST}", () => console.log("floor ready"));`;
  const floor = await startService("floor", process.execPath, ["-e", floorSrc], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    readyUrl: `${floorUrl}/`,
    echo: false,
  });
  children.push(floor);

  const benchSecret = randomBytes(32).toString("base64url"); // one for every server of this run
  const serverEnv = (appUrl: string): NodeJS.ProcessEnv => ({
    ...process.env,
    ...appEnv({ databaseUrl, sandboxUrl: "http://127.0.0.1:9", appUrl, appSecret: benchSecret }),
    ...relaxedRateLimits(),
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    DB_POOL_SIZE: String(POOL),
    DOZN_AGENCY_CREDENTIAL: DEMO_KEYS.doznAgencyCredential,
  });
  const servers: { name: Exclude<Server, "floor">; url: string; pid: number | undefined }[] = [];

  // ---------------------------------------------------------------- the Next.js app
  if (ONLY !== "standalone") {
    if (!args.includes("--no-build") || !existsSync(path.join(distDir, "BUILD_ID"))) {
      log("next build (into .next-bench) …");
      // next build adds its dist dir's types to tsconfig.json's include: keep the checked-in file.
      const tsconfig = readFileSync("tsconfig.json", "utf8");
      await run("npx", ["next", "build"], {
        env: {
          ...process.env,
          NEXT_DIST_DIR: distDir,
          NEXT_SKIP_TYPECHECK: "1",
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
        },
        stdio: ["ignore", "ignore", "inherit"],
      }).finally(() => writeFileSync("tsconfig.json", tsconfig));
    }
    const appPort = await freePort();
    const appUrl = `http://${HOST}:${appPort}`;
    const app = await startService(
      "app",
      process.execPath,
      ["node_modules/next/dist/bin/next", "start", "-p", String(appPort), "-H", HOST],
      {
        env: { ...serverEnv(appUrl), NEXT_DIST_DIR: distDir },
        readyUrl: `${appUrl}/admin/login`,
        echo: false,
      },
    );
    children.push(app);
    servers.push({ name: "next", url: appUrl, pid: app.pid });
  }

  // ---------------------------------------------------------------- the standalone biller API
  if (ONLY !== "next") {
    const billerPort = await freePort();
    const billerUrl = `http://${HOST}:${billerPort}`;
    const prof = args.includes("--profile") ? ["--cpu-prof", "--cpu-prof-dir", ".data/bench/profile"] : [];
    const biller = await startService(
      "biller",
      process.execPath,
      [...prof, "--import", "tsx", "scripts/biller-server.ts"],
      {
        env: { ...serverEnv(billerUrl), BILLER_PORT: String(billerPort), BILLER_HOST: HOST },
        readyUrl: `${billerUrl}/`,
        echo: false,
      },
    );
    children.push(biller);
    servers.push({ name: "standalone", url: billerUrl, pid: biller.pid });
  }
  log(
    `${servers.map((s) => `${s.name} at ${s.url}`).join(", ")}, floor at ${floorUrl}; ${DURATION}s per run, ${CONNECTIONS} connections, pool ${POOL}`,
  );

  const noticeBody = JSON.stringify({
    data: { biller_user_key: "BENCH0", biller_notice_key: "BN0", billed_year_month: "202607", user_birth: "19900301" },
  });
  const dupBody = JSON.stringify({
    data: {
      biller_user_key: "BENCH0",
      biller_notice_key: "BN0",
      pay_by: "MONEY",
      pay_type: "P",
      amount: 29000,
      pay_amount: 29000,
      pay_fee_type: "BEFORE",
      pay_fee: 218,
      pay_fee_tax: 21,
      paid_at: stamp(),
      pay_id: 1,
    },
  });
  let seq = 1; // bench bills BENCH2 … for new payments
  const rows: Row[] = [];

  await load("warmup", "floor", floor.pid, { url: `${floorUrl}/`, body: noticeBody, duration: 3 });
  rows.push(
    await load("floor: http + pg INSERT+SELECT", "floor", floor.pid, { url: `${floorUrl}/`, body: noticeBody }),
  );

  for (const s of servers) {
    log(`measuring ${s.name} …`);
    // warm up (JIT, route compilation, pool)
    await load("warmup", s.name, s.pid, { url: `${s.url}/kakao/notice`, body: noticeBody, duration: 3 });
    await load("warmup", s.name, s.pid, {
      url: `${s.url}/kakao/pay-result`,
      body: dupBody,
      duration: 2,
      checkOk: true,
    });
    rows.push(
      await load("POST /kakao/notice", s.name, s.pid, {
        url: `${s.url}/kakao/notice`,
        body: noticeBody,
        checkOk: true,
      }),
    );
    // The same endpoint answering E008 before any database work: the server's own cost.
    rows.push(
      await load("POST /kakao/notice (E008, no DB)", s.name, s.pid, {
        url: `${s.url}/kakao/notice`,
        body: "{not json",
        duration: Math.min(DURATION, 5),
      }),
    );
    const np = await load("POST /kakao/pay-result (new payments)", s.name, s.pid, {
      url: `${s.url}/kakao/pay-result`,
      newPayments: { from: seq + 1, paidAt: stamp() },
      checkOk: true,
    });
    seq = np.lastSeq;
    rows.push(np);
    rows.push(
      await load("POST /kakao/pay-result (redeliveries)", s.name, s.pid, {
        url: `${s.url}/kakao/pay-result`,
        body: dupBody,
        checkOk: true,
      }),
    );
  }
  if (seq > BILLS - servers.length) log(`warning: more payments than bench bills (${seq}); later ones answered E502`);

  // ---------------------------------------------------------------- burst of duplicates, per server
  type Burst = {
    server: Server;
    deliveries: number;
    answeredOk: number;
    paymentsRecorded: number;
    billStatus: string;
    paidAmount: number;
    wallMs: number;
    p50: number;
    p99: number;
    max: number;
    otherAnswers: string[];
  };
  const bursts: Burst[] = [];
  for (const [k, s] of servers.entries()) {
    const i = BILLS - k;
    const payId = 999_999_000 + k;
    const burstBody = JSON.stringify({
      data: {
        biller_user_key: `BENCH${i}`,
        biller_notice_key: `BN${i}`,
        pay_by: "MONEY",
        pay_type: "P",
        amount: 29000,
        pay_amount: 29000,
        pay_fee_type: "BEFORE",
        pay_fee: 218,
        pay_fee_tax: 21,
        paid_at: stamp(),
        pay_id: payId,
      },
    });
    const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
    const burstStart = performance.now();
    const answers = await Promise.all(
      Array.from(
        { length: BURST },
        () =>
          new Promise<{ status: number; body: string; ms: number }>((resolve) => {
            const t = performance.now();
            const req = http.request(
              `${s.url}/kakao/pay-result`,
              {
                method: "POST",
                agent,
                timeout: 30_000,
                headers: { "content-type": "application/json", authorization: AUTH },
              },
              (res) => {
                let b = "";
                res.on("data", (c: Buffer) => (b += c));
                res.on("end", () => resolve({ status: res.statusCode ?? 0, body: b, ms: performance.now() - t }));
              },
            );
            req.on("timeout", () => req.destroy(new Error("timeout")));
            req.on("error", (e) => resolve({ status: 0, body: String(e), ms: performance.now() - t }));
            req.end(burstBody);
          }),
      ),
    );
    const wallMs = performance.now() - burstStart;
    agent.destroy();
    const payments = Number(
      (await client.query(`SELECT count(*) FROM "BillPayment" WHERE "payId" = $1`, [payId])).rows[0].count,
    );
    const billRow = (await client.query(`SELECT status, "paidAmount" FROM "Bill" WHERE id = $1`, [`b${i}`])).rows[0];
    const ok = (a: { status: number; body: string }) => a.status === 200 && a.body.includes('"res_code":"OK"');
    const lat = answers.map((a) => a.ms).sort((a, b) => a - b);
    bursts.push({
      server: s.name,
      deliveries: BURST,
      answeredOk: answers.filter(ok).length,
      paymentsRecorded: payments,
      billStatus: billRow.status,
      paidAmount: Number(billRow.paidAmount), // BIGINT since migration 0015: pg returns int8 as a string
      wallMs: Math.round(wallMs),
      p50: Math.round(pct(lat, 50)),
      p99: Math.round(pct(lat, 99)),
      max: Math.round(lat[lat.length - 1]!),
      otherAnswers: [...new Set(answers.filter((a) => !ok(a)).map((a) => `${a.status} ${a.body.slice(0, 80)}`))].slice(
        0,
        5,
      ),
    });
  }
  await client.end();

  // ---------------------------------------------------------------- report
  const floorRow = rows.find((r) => r.server === "floor")!;
  const find = (server: Server, scenario: string) => rows.find((r) => r.server === server && r.scenario === scenario);
  const goals = Object.fromEntries(
    servers.map((s) => {
      const notice = find(s.name, "POST /kakao/notice")!;
      const burst = bursts.find((b) => b.server === s.name)!;
      return [
        s.name,
        {
          noticeRps: { goal: ">= 1000 req/s", value: notice.rps, met: notice.rps >= 1000 },
          noticeP99: {
            goal: `<= 2 x floor p99 (${floorRow.p99} ms)`,
            value: notice.p99,
            ratio: +(notice.p99 / Math.max(floorRow.p99, 1)).toFixed(2),
            met: notice.p99 <= 2 * floorRow.p99,
          },
          burst: {
            goal: `${BURST} concurrent duplicates → 1 payment, all OK`,
            value: `${burst.paymentsRecorded} payment, ${burst.answeredOk} OK`,
            met: burst.paymentsRecorded === 1 && burst.answeredOk === BURST,
          },
        },
      ];
    }),
  );
  const loadAtEnd = os.loadavg();
  const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
  console.log(
    `\nKakao Checkout bench · ${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"} · node ${process.version}`,
  );
  console.log(
    `${DURATION}s per run, ${CONNECTIONS} connections, loopback, DB pool ${POOL} per server; load average at start ${fmtLoad(loadAtStart)}, at end ${fmtLoad(loadAtEnd)}\n`,
  );
  console.log(
    "Every run (cores = CPU used during the run by the server / PostgreSQL / the load generator; 2 cores in all):",
  );
  console.table(
    rows.map((r) => ({
      server: r.server,
      endpoint: r.scenario,
      "req/s": r.rps,
      "p50 ms": r.p50,
      "p90 ms": r.p90,
      "p99 ms": r.p99,
      "max ms": r.max,
      "err/non2xx/notOK": `${r.errors}/${r.non2xx}/${r.notOk}`,
      "cores srv/pg/load": `${r.serverCores ?? "-"}/${r.pgCores ?? "-"}/${r.loadCores}`,
    })),
  );
  console.log("Side by side (req/s · p50 · p99 ms):");
  const cell = (r: Row | undefined) => (r ? `${r.rps} · ${r.p50} · ${r.p99}` : "-");
  console.table([
    { endpoint: "floor: http + pg INSERT+SELECT", "Next route": "-", standalone: "-", floor: cell(floorRow) },
    ...[
      "POST /kakao/notice",
      "POST /kakao/notice (E008, no DB)",
      "POST /kakao/pay-result (new payments)",
      "POST /kakao/pay-result (redeliveries)",
    ].map((sc) => ({
      endpoint: sc,
      "Next route": cell(find("next", sc)),
      standalone: cell(find("standalone", sc)),
      floor: "",
    })),
  ]);
  console.log(`raw pg INSERT+SELECT (sequential, in-process): p50 ${rawRtt.p50} ms, p99 ${rawRtt.p99} ms`);
  for (const b of bursts) {
    console.log(
      `burst (${b.server}): ${b.deliveries} concurrent identical pay-results → ${b.answeredOk} answered OK, ${b.paymentsRecorded} payment recorded, bill ${b.billStatus}; wall ${b.wallMs} ms, p50 ${b.p50} ms, p99 ${b.p99} ms${b.otherAnswers.length ? `; other answers: ${b.otherAnswers.join(" | ")}` : ""}`,
    );
  }
  for (const [server, g] of Object.entries(goals)) {
    for (const [k, v] of Object.entries(g))
      console.log(
        `goal ${server} ${k}: ${v.goal} → ${v.value}${"ratio" in v ? ` (${v.ratio}× floor)` : ""} ${v.met ? "MET" : "NOT MET"}`,
      );
  }
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          model: os.cpus()[0]?.model,
          node: process.version,
          loadavgStart: loadAtStart,
          loadavgEnd: loadAtEnd,
        },
        settings: { durationS: DURATION, connections: CONNECTIONS, dbPool: POOL },
        rawPgRoundTrip: rawRtt,
        runs: rows,
        bursts,
        goals,
      },
      null,
      2,
    ),
  );
  console.log(`\nwritten to ${out}`);
} catch (e) {
  console.error(e instanceof Error ? e.stack : e);
  code = 1;
} finally {
  for (const c of children) c.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 300));
  await pgServer.stop().catch(() => {});
}
process.exit(code);
