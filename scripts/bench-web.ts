// `npm run bench:web`: what a phone downloads and how soon it paints, per customer page, next to the
// floor — an empty page of the same production build (app/bench-floor, served only with
// BENCH_FLOOR_PAGE=1), measured in the same run.
//   1. fresh PostgreSQL + migrations + demo data; production build into .next-bench-web
//      (`-- --no-build` reuses it; tsconfig.json restored afterwards), then the sandbox, `next start`
//      and the worker on free loopback ports
//   2. one real checkout paid through the KakaoPay sandbox (the receipt page), an item in the cart
//   3. per page, in Chromium (a fresh context = a cold cache, phone viewport): compressed JavaScript
//      (bytes, files), fonts, CSS, HTML and RSC prefetches from the page's Resource Timing, once
//      unthrottled; then Largest Contentful Paint, `--runs` (5) times with the phone profile of
//      issue 11 (4× CPU slowdown, 150 ms round trip, 1.6 Mbit/s down, over CDP), median
// Prints the table and the budgets (JS ≤ floor + 20 kB, fonts ≤ 120 kB, LCP ≤ 2.0 s); writes JSON to
// .data/bench/web-<time>.json (or `-- --out file`). Options: --no-build --runs 5 --only /cart,/checkout
// --glyphs scripts/fonts/glyphs.json [--glyphs-only]: record which characters the pages draw at which
// weight (phone and desktop, every product) for scripts/make-fonts.ts --hold: keep the stack running
import type { ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import zlib from "node:zlib";
import path from "node:path";
import { chromium, devices, type Browser } from "@playwright/test";
import { findChromium } from "./lib/chromium.ts";
import { appEnv, relaxedRateLimits, sandboxEnv } from "./lib/demo-env.ts";
import { migrate } from "./lib/migrate.ts";
import { FONT_BUDGET, JS_BUDGET_OVER_FLOOR, kB, throttle, weigh, type PageWeight } from "./lib/page-weight.ts";
import { ensureDatabase, freePort, startPostgres } from "./lib/postgres.ts";
import { run, startService } from "./lib/run.ts";
import { seed } from "./lib/seed.ts";

const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : def;
};
const RUNS = Math.min(15, Math.max(1, Number(opt("runs", "5"))));
const ONLY = opt("only", "").split(",").filter(Boolean);
const distDir = ".next-bench-web";
const out = opt("out", `.data/bench/web-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
const log = (s: string) => console.log(`[bench:web] ${s}`);
const LCP_BUDGET_MS = 2000;
// --glyphs file: also write which characters each page draws at which font weight (input for subsetting)
const GLYPHS = opt("glyphs", "");
const GLYPHS_IN_PAGE = `(() => {
  const m = {};
  const add = (el, text) => {
    const cs = getComputedStyle(el);
    if (cs.display === "none" || !text) return;
    m[cs.fontWeight] = (m[cs.fontWeight] || "") + text;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) { const n = walker.currentNode; if (n.parentElement && n.parentElement.closest("script,style,noscript,template") === null) add(n.parentElement, n.textContent); }
  for (const el of document.querySelectorAll("input,textarea,select")) { add(el, el.placeholder || ""); add(el, el.value || ""); }
  for (const k of Object.keys(m)) m[k] = [...new Set(m[k])].sort().join("");
  return m;
})()`;
const glyphs: Record<string, Record<string, string>> = {};

const chromiumPath = findChromium();
if (!chromiumPath) {
  console.error("Chromium was not found (set CHROMIUM_PATH).");
  process.exit(1);
}

const children: ChildProcess[] = [];
const pgDataDir = `.data/bench-web-pg-${process.pid}`;
const pgServer = await startPostgres({ dataDir: pgDataDir, ephemeral: true });
let browser: Browser | undefined;
let code = 0;
class Held extends Error {}

type Measured = PageWeight & { name: string; lcpRuns: (number | null)[]; lcpMedian: number | null; jsBrotli: number };
// What a brotli-compressing proxy would send instead of Next's gzip: each script fetched uncompressed
// and compressed at quality 5 (on-the-fly levels of nginx/Caddy are 4–6).
const brotliCache = new Map<string, number>();
async function brotliSize(base: string, file: string): Promise<number> {
  if (!brotliCache.has(file)) {
    const body = Buffer.from(
      await (await fetch(base + file, { headers: { "accept-encoding": "identity" } })).arrayBuffer(),
    );
    brotliCache.set(
      file,
      zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }).length,
    );
  }
  return brotliCache.get(file)!;
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : null;
};

try {
  const dbName = `kc_bench_web_${Date.now()}`;
  await ensureDatabase(pgServer.adminUrl("postgres"), dbName, { fresh: true });
  const databaseUrl = pgServer.adminUrl(dbName);
  await migrate(databaseUrl, { quiet: true });
  await seed(databaseUrl);

  if (!args.includes("--no-build")) {
    log(`next build → ${distDir} (a few minutes on 2 shared cores)`);
    const tsconfig = readFileSync("tsconfig.json", "utf8");
    await run("node_modules/.bin/next", ["build"], {
      env: {
        ...process.env,
        NEXT_DIST_DIR: distDir,
        NEXT_SKIP_TYPECHECK: "1",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    }).finally(() => writeFileSync("tsconfig.json", tsconfig));
  }

  const [appPort, sandboxPort] = [await freePort(), await freePort()];
  const appUrl = `http://127.0.0.1:${appPort}`;
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  children.push(
    await startService("sandbox", process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
      env: { ...process.env, ...sandboxEnv({ port: sandboxPort, appUrl }), SANDBOX_QUIET: "1" },
      readyUrl: `${sandboxUrl}/__sandbox/health`,
      echo: false,
    }),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...appEnv({ databaseUrl, sandboxUrl, appUrl }),
    ...relaxedRateLimits(),
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    NEXT_DIST_DIR: distDir,
    BENCH_FLOOR_PAGE: "1",
  };
  children.push(
    await startService("app", "node_modules/.bin/next", ["start", "-p", String(appPort), "-H", "127.0.0.1"], {
      env,
      readyUrl: `${appUrl}/admin/login`,
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

  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const phone = { ...devices["Pixel 7"], baseURL: appUrl, locale: "ko-KR", timezoneId: "Asia/Seoul" };
  // A busy machine (other builds on 2 cores) can take long to answer: generous timeouts, not failures.
  const newPage = async (ctx: Awaited<ReturnType<Browser["newContext"]>>) => {
    const p = await ctx.newPage();
    p.setDefaultTimeout(120_000);
    return p;
  };

  // ------------------------------------------------------------ a paid order and a filled cart
  log("paying one order through the KakaoPay sandbox (for the receipt page)");
  process.env.E2E_SANDBOX_URL = sandboxUrl;
  // The e2e helper fills the form; the waits are the bench's own (generous: the machine may be busy).
  const { fillCheckout } = await import("../e2e/helpers.ts");
  const setup = await browser.newContext(phone);
  const sp = await setup.newPage();
  sp.setDefaultTimeout(60_000);
  await sp.goto("/products/green-tea");
  await sp.getByRole("button", { name: "바로 구매" }).click();
  await sp.waitForURL(/\/checkout\?buy=/);
  await fillCheckout(sp);
  await sp.getByTestId("pay-button").click();
  await sp.waitForURL(/\/kakaopay\/pay\//);
  await sp.getByRole("button", { name: /결제하기/ }).click();
  await sp
    .getByTestId("order-status")
    .filter({ hasText: "결제가 완료되었습니다" })
    .waitFor()
    .catch(async (e) => {
      await sp.screenshot({ path: ".data/bench-web-payment.png" }).catch(() => {});
      throw new Error(
        `the sandbox payment did not complete (page: .data/bench-web-payment.png): ${(e as Error).message}`,
      );
    });
  const orderNumber = (await sp.getByTestId("order-number").textContent())!.trim();
  await sp.goto("/");
  const productHref = (await sp.getByTestId("product-list").getByRole("link").first().getAttribute("href"))!;
  await sp.goto(productHref);
  await sp.getByRole("button", { name: "장바구니 담기" }).click();
  await sp.waitForURL(/\/cart/);
  const storageState = await setup.storageState();
  await setup.close();

  if (args.includes("--hold")) {
    // --hold: keep the stack up to look at the production build by hand (Ctrl-C ends it)
    writeFileSync(".data/bench-web-state.json", JSON.stringify(storageState));
    log(`holding: ${appUrl} (order ${orderNumber}, cookies in .data/bench-web-state.json); Ctrl-C to stop`);
    log(`for Playwright: E2E_BASE_URL=${appUrl} E2E_SANDBOX_URL=${sandboxUrl} E2E_DATABASE_URL=${databaseUrl}`);
    await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()).once("SIGTERM", () => resolve()));
    throw new Held();
  }
  const pages: [string, string][] = [
    ["floor (empty page)", "/bench-floor"],
    ["home", "/"],
    ["product", productHref],
    ["cart", "/cart"],
    ["checkout", "/checkout"],
    ["order receipt", `/orders/${orderNumber}`],
    ["order lookup", "/orders/lookup"],
    ["consents", "/consents"],
    ["consent: auto-debit", "/consents/auto-debit"],
    ["consent: e-sign", "/consents/sign"],
  ];
  if (GLYPHS) {
    // Which characters each page draws at which weight, on a phone and on a desktop (some text shows
    // on one only), on every product page (product names and descriptions are the shop's data).
    const products = new Set<string>();
    const home = await (await browser.newContext(phone)).newPage();
    await home.goto("/");
    for (const a of await home.getByTestId("product-list").getByRole("link").all())
      products.add((await a.getAttribute("href"))!);
    await home.context().close();
    for (const view of [phone, { baseURL: appUrl, viewport: { width: 1280, height: 800 }, locale: "ko-KR" }]) {
      const c = await browser.newContext({ ...view, storageState });
      const p = await c.newPage();
      for (const url of [...pages.map(([, u]) => u).filter((u) => u !== "/bench-floor"), ...products]) {
        await p.goto(url);
        await p.waitForLoadState("networkidle");
        const seen = (await p.evaluate(GLYPHS_IN_PAGE)) as Record<string, string>;
        const key = url.startsWith("/orders/KC") ? "/orders/[orderNumber]" : url;
        const into = (glyphs[key] ??= {});
        for (const [w, chars] of Object.entries(seen)) into[w] = [...new Set((into[w] ?? "") + chars)].sort().join("");
      }
      await c.close();
    }
    writeFileSync(GLYPHS, JSON.stringify(glyphs, null, 1) + "\n");
    log(`glyphs: ${GLYPHS} (then: npx tsx scripts/make-fonts.ts)`);
    if (args.includes("--glyphs-only")) throw new Held();
  }
  const results: Measured[] = [];
  for (const [name, url] of pages) {
    if (ONLY.length && url !== "/bench-floor" && !ONLY.includes(url) && !ONLY.includes(name)) continue;
    // weights: one unthrottled cold load
    const ctx = await browser.newContext({ ...phone, storageState });
    const w = await weigh(await newPage(ctx), url, { settleMs: 2000 });
    await ctx.close();
    // LCP: cold loads on the phone profile
    const lcpRuns: (number | null)[] = [];
    for (let i = 0; i < RUNS; i++) {
      const c = await browser.newContext({ ...phone, storageState });
      const p = await newPage(c);
      await throttle(c, p);
      lcpRuns.push((await weigh(p, url, { settleMs: 0 })).lcpMs);
      await c.close();
    }
    const lcpMedian = median(lcpRuns.filter((x): x is number => x !== null));
    let jsBrotli = 0;
    for (const j of w.js) jsBrotli += await brotliSize(appUrl, j.url);
    results.push({ ...w, name, lcpRuns, lcpMedian, jsBrotli });
    log(
      `${name.padEnd(20)} JS ${kB(w.jsBytes)} kB in ${w.js.length} files · fonts ${kB(w.fontBytes)} kB (${w.fonts.length}) · LCP ${lcpRuns.map((x) => x?.toFixed(0)).join(" / ")} ms`,
    );
  }

  // ------------------------------------------------------------ report
  const floor = results.find((r) => r.url === "/bench-floor")!;
  const jsLimit = floor.jsBytes + JS_BUDGET_OVER_FLOOR;
  const head = [
    "page",
    "JS gz kB",
    "over floor",
    "files",
    "JS br kB",
    "fonts kB",
    "files",
    "CSS kB (blocking)",
    "HTML kB",
    "RSC prefetch",
    "LCP median",
    "budgets",
  ];
  const rows = results.map((r) => {
    const isFloor = r === floor;
    const ok = [
      isFloor || r.jsBytes <= jsLimit ? "" : "JS",
      r.fontBytes <= FONT_BUDGET ? "" : "fonts",
      isFloor || (r.lcpMedian !== null && r.lcpMedian <= LCP_BUDGET_MS) ? "" : "LCP",
    ].filter(Boolean);
    return [
      r.name,
      kB(r.jsBytes),
      isFloor ? "—" : `+${kB(r.jsBytes - floor.jsBytes)}`,
      String(r.js.length),
      kB(r.jsBrotli),
      kB(r.fontBytes),
      String(r.fonts.length),
      `${kB(r.cssBytes)} (${kB(r.cssBlockingBytes)})`,
      kB(r.html),
      String(r.rsc),
      r.lcpMedian === null ? "n/a" : `${(r.lcpMedian / 1000).toFixed(2)} s`,
      ok.length ? `over: ${ok.join(", ")}` : "ok",
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    "| " +
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join(" | ") +
    " |";
  console.log("");
  console.log(line(head));
  console.log(
    "|" +
      widths
        .map((w, i) => (i === 0 || i === widths.length - 1 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":"))
        .join("|") +
      "|",
  );
  for (const r of rows) console.log(line(r));
  console.log(
    `\nBudgets (issue 11): JS ≤ floor + ${kB(JS_BUDGET_OVER_FLOOR)} kB = ${kB(jsLimit)} kB · fonts ≤ ${kB(FONT_BUDGET)} kB · LCP ≤ ${LCP_BUDGET_MS / 1000} s (median of ${RUNS}, ` +
      `4× CPU, 150 ms RTT, 1.6 Mbit/s down). kB = 1000 bytes of the compressed body (Resource Timing encodedBodySize; ` +
      `JS br = the same scripts brotli-compressed at quality 5, what a brotli proxy would send). ` +
      `Load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")} on ${os.cpus().length} cores.`,
  );
  const overJs = results.filter((r) => r !== floor && r.jsBytes > jsLimit);
  for (const r of overJs)
    console.log(`  ${r.name}: ${r.js.map((j) => `${path.basename(j.url)} ${kB(j.bytes)}`).join(", ")}`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    JSON.stringify(
      { at: new Date().toISOString(), loadavg: os.loadavg(), runs: RUNS, floor: floor.jsBytes, jsLimit, results },
      null,
      2,
    ),
  );
  log(`JSON: ${out}`);
} catch (e) {
  if (!(e instanceof Held)) {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    code = 1;
  }
} finally {
  await browser?.close().catch(() => {});
  // SIGTERM, then SIGKILL for whatever has not exited within 10 s (next start's graceful shutdown can
  // hang: seen leaving next-server processes behind).
  const alive = children.filter((c) => c.pid && c.exitCode === null && c.signalCode === null);
  const exited = alive.map((c) => new Promise<void>((r) => c.once("exit", () => r())));
  for (const c of alive) {
    try {
      process.kill(c.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  await Promise.race([Promise.all(exited), new Promise((r) => setTimeout(r, 10_000))]);
  for (const c of alive) {
    if (c.exitCode === null && c.signalCode === null) {
      try {
        process.kill(c.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }
  }
  await pgServer.stop().catch(() => {});
  rmSync(pgDataDir, { recursive: true, force: true });
}
process.exit(code);
