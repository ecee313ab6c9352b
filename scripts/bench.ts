// `npm run bench`: the agency-facing bill endpoints under load, on loopback only, bounded in time.
//   1. fresh PostgreSQL + migrations + demo data + bench bills (SQL), production build of the app
//      (`next build` into .next-bench; `-- --no-build` reuses it), `next start` on a free port
//   2. floor: a bare node:http server doing one pg INSERT + SELECT per request (same pool size,
//      same load), plus the raw in-process pg INSERT+SELECT round trip
//   3. autocannon: POST /kakao/notice · /kakao/pay-result (new payments on distinct bills) ·
//      /kakao/pay-result (redeliveries of one payment)
//   4. burst: 500 concurrent identical pay-results → exactly one payment, every answer OK
// Prints a table and writes JSON (default .data/bench/bench-<time>.json; `-- --out file`).
// Options: --duration 10 (s per run) --connections 50 --no-build
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { appEnv, DEMO_KEYS } from "./lib/demo-env.ts";
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
const distDir = ".next-bench";
const out = opt("out", `.data/bench/bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
const HOST = "127.0.0.1"; // loopback only

const children: ChildProcess[] = [];
const pgServer = await startPostgres({ dataDir: `.data/bench-pg-${process.pid}`, ephemeral: true });
const stamp = (d = new Date()) => new Date(d.getTime() + 9 * 3600_000).toISOString().replace(/\D/g, "").slice(0, 14);
const log = (s: string) => console.log(`[bench] ${s}`);

type Row = { name: string; requests: number; rps: number; p50: number; p90: number; p99: number; max: number; errors: number; non2xx: number; notOk: number };

async function load(name: string, url: string, o: { body?: string; setup?: (req: { body?: string }) => { body?: string }; connections?: number; duration?: number; check?: (body: string) => boolean }): Promise<Row> {
  let notOk = 0;
  const result = await autocannon({
    url,
    connections: o.connections ?? CONNECTIONS,
    duration: o.duration ?? DURATION,
    method: "POST",
    headers: { "content-type": "application/json;charset=utf-8", authorization: `Bearer ${DEMO_KEYS.doznAgencyCredential}` },
    ...(o.setup
      ? { requests: [{ method: "POST", setupRequest: (req: { body?: string }) => ({ ...req, ...o.setup!(req) }) } as never] }
      : { body: o.body ?? "" }),
    ...(o.check && {
      setupClient: (client: { on: (ev: "body", cb: (b: Buffer) => void) => void }) => client.on("body", (b: Buffer) => void (o.check!(b.toString()) || notOk++)),
    }),
  });
  return {
    name,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    notOk,
  };
}

const okBody = (b: string) => b.includes('"res_code":"OK"');

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
    { title: "전체청구금액", item_type: "KEY_VALUE", elements: [{ key: "당월 부과 금액", value: "27,800 원", level: 1 }, { key: "미납액", value: "1,200 원", level: 2 }] },
    { title: "기본정보", item_type: "TEXT", elements: ["카카오아파트", "101동 1001호"] },
    { title: "항목별부과금액", item_type: "TABLE", elements: { head: ["항목", "당월금액"], rows: [["전기료", "12,000 원"], ["수도료", "8,000 원"]] } },
    { title: "추이", item_type: "GRAPH", unit_name: "원/월", elements: [{ x: "05", y: 20000 }, { x: "06", y: 32100 }, { x: "07", y: 29000 }] },
  ]);
  const BILLS = 60_000;
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
  log(`database ready with ${BILLS + 1} bills`);

  // ---------------------------------------------------------------- raw pg round trip
  await client.query(`CREATE TABLE bench_floor (id serial PRIMARY KEY, v text NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
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
  children.push(
    await startService("floor", process.execPath, ["-e", floorSrc], { env: { ...process.env, DATABASE_URL: databaseUrl }, readyUrl: `http://${HOST}:${floorPort}/`, echo: false }),
  );

  // ---------------------------------------------------------------- the app
  if (!args.includes("--no-build") || !existsSync(path.join(distDir, "BUILD_ID"))) {
    log("next build (into .next-bench) …");
    await run("npx", ["next", "build"], { env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_SKIP_TYPECHECK: "1", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", "ignore", "inherit"] });
  }
  const appPort = await freePort();
  const appUrl = `http://${HOST}:${appPort}`;
  children.push(
    await startService("app", process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(appPort), "-H", HOST], {
      env: {
        ...process.env,
        ...appEnv({ databaseUrl, sandboxUrl: "http://127.0.0.1:9", appUrl }),
        NODE_ENV: "production",
        ALLOW_DEV_SECRET: "1",
        LOG_LEVEL: "warn",
        DB_POOL_SIZE: String(POOL),
        NEXT_DIST_DIR: distDir,
      },
      readyUrl: `${appUrl}/admin/login`,
      echo: false,
    }),
  );
  log(`app at ${appUrl}, floor at http://${HOST}:${floorPort}; ${DURATION}s per run, ${CONNECTIONS} connections, pool ${POOL}`);

  const noticeBody = JSON.stringify({ data: { biller_user_key: "BENCH0", biller_notice_key: "BN0", billed_year_month: "202607", user_birth: "19900301" } });
  const dupBody = JSON.stringify({
    data: { biller_user_key: "BENCH0", biller_notice_key: "BN0", pay_by: "MONEY", pay_type: "P", amount: 29000, pay_amount: 29000, pay_fee_type: "BEFORE", pay_fee: 218, pay_fee_tax: 21, paid_at: stamp(), pay_id: 1 },
  });
  let seq = 1;
  const newPayment = () => {
    const i = (seq = seq + 1);
    return {
      body: JSON.stringify({
        data: { biller_user_key: `BENCH${i}`, biller_notice_key: `BN${i}`, pay_by: "CARD", pay_type: "P", pay_detail1: "451842", pay_detail2: "SHINHAN", amount: 29000, pay_amount: 29000, pay_fee_type: "BEFORE", pay_fee: 522, pay_fee_tax: 52, paid_at: stamp(), pay_id: 1_000_000 + i },
      }),
    };
  };

  // warm up (JIT, route compilation, pool)
  await load("warmup", `${appUrl}/kakao/notice`, { body: noticeBody, duration: 3 });
  await load("warmup", `${appUrl}/kakao/pay-result`, { body: dupBody, duration: 2, check: okBody });
  await load("warmup", `http://${HOST}:${floorPort}/`, { body: noticeBody, duration: 2 });

  const rows: Row[] = [];
  rows.push(await load("floor: http + pg INSERT+SELECT", `http://${HOST}:${floorPort}/`, { body: noticeBody }));
  rows.push(await load("POST /kakao/notice", `${appUrl}/kakao/notice`, { body: noticeBody, check: okBody }));
  // The same route answering E008 before any database work: what Next.js + parsing cost alone.
  rows.push(await load("POST /kakao/notice (E008, no DB)", `${appUrl}/kakao/notice`, { body: "{not json", duration: Math.min(DURATION, 5) }));
  rows.push(await load("POST /kakao/pay-result (new payments)", `${appUrl}/kakao/pay-result`, { setup: newPayment, check: okBody }));
  rows.push(await load("POST /kakao/pay-result (redeliveries)", `${appUrl}/kakao/pay-result`, { body: dupBody, check: okBody }));
  if (seq > BILLS) log(`warning: more payments than bench bills (${seq}); later ones answered E502`);

  // ---------------------------------------------------------------- burst of duplicates
  const burstBody = JSON.stringify({
    data: { biller_user_key: `BENCH${BILLS}`, biller_notice_key: `BN${BILLS}`, pay_by: "MONEY", pay_type: "P", amount: 29000, pay_amount: 29000, pay_fee_type: "BEFORE", pay_fee: 218, pay_fee_tax: 21, paid_at: stamp(), pay_id: 999_999_999 },
  });
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const burstStart = performance.now();
  const answers = await Promise.all(
    Array.from(
      { length: BURST },
      () =>
        new Promise<{ status: number; body: string; ms: number }>((resolve) => {
          const t = performance.now();
          const req = http.request(`${appUrl}/kakao/pay-result`, { method: "POST", agent, headers: { "content-type": "application/json", authorization: `Bearer ${DEMO_KEYS.doznAgencyCredential}` } }, (res) => {
            let b = "";
            res.on("data", (c: Buffer) => (b += c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: b, ms: performance.now() - t }));
          });
          req.on("error", (e) => resolve({ status: 0, body: String(e), ms: performance.now() - t }));
          req.end(burstBody);
        }),
    ),
  );
  const burstMs = performance.now() - burstStart;
  const payments = Number((await client.query(`SELECT count(*) FROM "BillPayment" WHERE "payId" = 999999999`)).rows[0].count);
  const billRow = (await client.query(`SELECT status, "paidAmount" FROM "Bill" WHERE id = $1`, [`b${BILLS}`])).rows[0];
  const okCount = answers.filter((a) => a.status === 200 && okBody(a.body)).length;
  const burstLat = answers.map((a) => a.ms).sort((a, b) => a - b);
  const burst = {
    deliveries: BURST,
    answeredOk: okCount,
    paymentsRecorded: payments,
    billStatus: billRow.status,
    paidAmount: billRow.paidAmount,
    wallMs: Math.round(burstMs),
    p50: Math.round(pct(burstLat, 50)),
    p99: Math.round(pct(burstLat, 99)),
    max: Math.round(burstLat[burstLat.length - 1]!),
    otherAnswers: [...new Set(answers.filter((a) => !(a.status === 200 && okBody(a.body))).map((a) => `${a.status} ${a.body.slice(0, 80)}`))].slice(0, 5),
  };
  await client.end();

  // ---------------------------------------------------------------- report
  const floor = rows[0]!;
  const notice = rows.find((r) => r.name === "POST /kakao/notice")!;
  const goals = {
    noticeRps: { goal: ">= 1000 req/s", value: notice.rps, met: notice.rps >= 1000 },
    noticeP99: { goal: `<= 2 x floor p99 (${floor.p99} ms)`, value: notice.p99, ratio: +(notice.p99 / Math.max(floor.p99, 1)).toFixed(2), met: notice.p99 <= 2 * floor.p99 },
    burst: { goal: `${BURST} concurrent duplicates → 1 payment, all OK`, met: payments === 1 && okCount === BURST },
  };
  console.log(`\nKakao Checkout bench · ${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"} · node ${process.version}`);
  console.log(`${DURATION}s per run, ${CONNECTIONS} connections, loopback, DB pool ${POOL}\n`);
  console.table(rows.map((r) => ({ endpoint: r.name, "req/s": r.rps, requests: r.requests, "p50 ms": r.p50, "p90 ms": r.p90, "p99 ms": r.p99, "max ms": r.max, errors: r.errors, non2xx: r.non2xx, "not OK": r.notOk })));
  console.log(`raw pg INSERT+SELECT (sequential, in-process): p50 ${rawRtt.p50} ms, p99 ${rawRtt.p99} ms`);
  console.log(`burst: ${burst.deliveries} concurrent identical pay-results → ${burst.answeredOk} answered OK, ${burst.paymentsRecorded} payment recorded, bill ${burst.billStatus}; wall ${burst.wallMs} ms, p50 ${burst.p50} ms, p99 ${burst.p99} ms`);
  for (const [k, g] of Object.entries(goals)) console.log(`goal ${k}: ${g.goal} → ${"value" in g ? g.value : ""} ${g.met ? "MET" : "NOT MET"}`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    JSON.stringify({ at: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadavg: os.loadavg() }, settings: { durationS: DURATION, connections: CONNECTIONS, dbPool: POOL }, rawPgRoundTrip: rawRtt, runs: rows, burst, goals }, null, 2),
  );
  console.log(`\nwritten to ${out}`);
} catch (e) {
  console.error(e instanceof Error ? e.stack : e);
  code = 1;
} finally {
  for (const c of children) c.kill("SIGTERM");
  await pgServer.stop().catch(() => {});
}
process.exit(code);
