// What a first visit to a page downloads, read in Chromium from the Resource Timing entries of the
// page itself (encodedBodySize = the bytes on the wire without headers: gzip/brotli size when the
// server compressed), and its Largest Contentful Paint. Shared by `npm run bench:web`
// (scripts/bench-web.ts) and the e2e budget check (e2e/page-weight.spec.ts).
import type { BrowserContext, CDPSession, Page } from "@playwright/test";

/** Budgets of issue 11: each customer page ≤ floor + 20 kB of compressed JavaScript, fonts ≤ 120 kB. */
export const JS_BUDGET_OVER_FLOOR = 20_000;
export const FONT_BUDGET = 120_000;

export type Resource = { url: string; bytes: number; decoded: number };
export type PageWeight = {
  url: string;
  html: number;
  js: Resource[];
  jsBytes: number;
  jsDecoded: number;
  css: Resource[];
  cssBytes: number;
  /** stylesheets that held up the first paint (Resource Timing renderBlockingStatus) */
  cssBlockingBytes: number;
  fonts: Resource[];
  fontBytes: number;
  /** RSC requests (`?_rsc=`): prefetches of linked pages */
  rsc: number;
  rscBytes: number;
  images: number;
  imageBytes: number;
};

/** Network profile of the issue: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, 4× CPU slowdown. */
export const PHONE_PROFILE = {
  latency: 150,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 750_000 / 8,
  cpuRate: 4,
};

export async function throttle(context: BrowserContext, page: Page): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: PHONE_PROFILE.latency,
    downloadThroughput: PHONE_PROFILE.downloadThroughput,
    uploadThroughput: PHONE_PROFILE.uploadThroughput,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: PHONE_PROFILE.cpuRate });
  return cdp;
}

/**
 * Opens `url` (in a fresh context or with the cache off: a first visit), waits until the network is
 * quiet and weighs what came. settleMs: then wait that long and for quiet again (the bench: Next.js
 * prefetches links in view when the browser is idle, which can come after the first quiet moment).
 */
export async function weigh(
  page: Page,
  url: string,
  opts: { settleMs?: number } = {},
): Promise<PageWeight & { lcpMs: number | null }> {
  let prefetches = 0;
  const onRequest = (r: { url(): string; headers(): Record<string, string> }) => {
    if (r.headers()["next-router-prefetch"] || new URL(r.url()).searchParams.has("_rsc")) prefetches++;
  };
  page.on("request", onRequest);
  try {
    const res = await page.goto(url, { waitUntil: "load" });
    if (!res || res.status() >= 400) throw new Error(`${url} answered ${res?.status()}`);
    await page.waitForLoadState("networkidle");
    if (opts.settleMs) {
      await page.waitForTimeout(opts.settleMs);
      await page.waitForLoadState("networkidle");
    }
    // A string, not a function: tsx (the bench) wraps named arrow functions in a helper the page lacks.
    const w = (await page.evaluate(IN_PAGE)) as PageWeight & { lcpMs: number | null };
    return { ...w, rsc: Math.max(w.rsc, prefetches) };
  } finally {
    page.off("request", onRequest);
  }
}

const IN_PAGE = `(async () => {
  const entries = performance.getEntriesByType("resource");
  const nav = performance.getEntriesByType("navigation")[0];
  const pick = (re) => entries.filter((e) => re.test(new URL(e.name).pathname)).map((e) => ({ url: new URL(e.name).pathname, bytes: e.encodedBodySize, decoded: e.decodedBodySize, blocking: e.renderBlockingStatus === "blocking" }));
  const sum = (rs) => rs.reduce((s, r) => s + r.bytes, 0);
  const rscEntries = entries.filter((e) => new URL(e.name).searchParams.has("_rsc"));
  const js = pick(/\\.m?js$/);
  const css = pick(/\\.css$/);
  const fonts = pick(/\\.(woff2?|ttf|otf)$/);
  const images = pick(/\\.(svg|png|jpe?g|webp|avif|gif)$/);
  // buffered entries arrive in a task after observe(): the last one is the LCP so far
  const lcpMs = await new Promise((resolve) => {
    let last = null;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) last = e.startTime; }).observe({ type: "largest-contentful-paint", buffered: true });
    setTimeout(() => resolve(last), 50);
  });
  return {
    url: location.pathname, html: nav ? nav.encodedBodySize : 0,
    js, jsBytes: sum(js), jsDecoded: js.reduce((s, r) => s + r.decoded, 0),
    css, cssBytes: sum(css), cssBlockingBytes: sum(css.filter((c) => c.blocking)), fonts, fontBytes: sum(fonts),
    rsc: rscEntries.length, rscBytes: rscEntries.reduce((s, e) => s + e.encodedBodySize, 0),
    images: images.length, imageBytes: sum(images), lcpMs,
  };
})()`;

export const kB = (n: number) => (n / 1000).toFixed(1);
