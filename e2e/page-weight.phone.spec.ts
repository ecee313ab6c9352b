import { expect, test } from "@playwright/test";
import { FONT_BUDGET, JS_BUDGET_OVER_FLOOR, kB, weigh } from "../scripts/lib/page-weight";
import { checkoutToKakaoPay, payAtKakaoPay } from "./helpers";

// Budgets of issue 11, read from what Chromium actually received (Resource Timing, compressed bytes):
// every customer page ships at most 20 kB more compressed JavaScript than an empty page of the same
// build (app/bench-floor, served because npm test sets BENCH_FLOOR_PAGE=1), and at most 120 kB of
// fonts on a first visit. Largest Contentful Paint is measured by `npm run bench:web` only (too noisy
// on shared CI cores). Every load runs with the browser cache off, so each one is a first visit.
test("customer pages stay within the JavaScript and font budgets on a first visit", async ({ page }) => {
  test.setTimeout(180_000);
  await checkoutToKakaoPay(page);
  const orderNumber = await payAtKakaoPay(page);
  await page.goto("/");
  const productHrefs: string[] = [];
  for (const a of await page.getByTestId("product-list").getByRole("link").all())
    productHrefs.push((await a.getAttribute("href"))!);
  expect(productHrefs.length).toBeGreaterThan(0);
  await page.goto(productHrefs[0]!);
  await page.getByRole("button", { name: "장바구니 담기" }).click();
  await expect(page).toHaveURL(/\/cart/);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });

  const floor = await weigh(page, "/bench-floor");
  expect(floor.jsBytes, "the floor page ships the framework's JavaScript").toBeGreaterThan(10_000);
  const pages = [
    "/",
    ...productHrefs, // every product: names and descriptions must be in the preloaded font files too
    "/cart",
    "/checkout",
    `/orders/${orderNumber}`,
    "/orders/lookup",
    "/consents",
    "/consents/auto-debit",
    "/consents/sign",
  ];
  const over: string[] = [];
  for (const url of pages) {
    const w = await weigh(page, url);
    const files = (rs: { url: string; bytes: number }[]) =>
      rs.map((r) => `${r.url.split("/").pop()} ${kB(r.bytes)}`).join(", ");
    if (w.jsBytes > floor.jsBytes + JS_BUDGET_OVER_FLOOR)
      over.push(
        `${url}: JS ${kB(w.jsBytes)} kB > floor ${kB(floor.jsBytes)} + ${kB(JS_BUDGET_OVER_FLOOR)} kB (${files(w.js)})`,
      );
    if (w.fontBytes > FONT_BUDGET)
      over.push(`${url}: fonts ${kB(w.fontBytes)} kB > ${kB(FONT_BUDGET)} kB (${files(w.fonts)})`);
  }
  expect(over, "pages over budget").toEqual([]);
});
