// Customer pages on the narrowest common phones (360 and 375 px): nothing scrolls sideways, the header
// (with a cart badge) fits, and on checkout the order total comes before the pay button.
import { expect, test, type Page } from "@playwright/test";
import { fillCheckout } from "./helpers";

async function noSideScroll(page: Page, what: string) {
  const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(sw, `${what}: scrollWidth ${sw} > innerWidth ${iw}`).toBeLessThanOrEqual(iw);
  const badge = page.getByTestId("cart-count");
  if (await badge.count()) {
    const box = (await badge.boundingBox())!;
    expect(box.x + box.width, `${what}: cart badge cut off`).toBeLessThanOrEqual(iw);
  }
}

for (const width of [360, 375]) {
  test(`${width} px: no horizontal scroll on the customer pages`, async ({ browser }) => {
    test.slow();
    const context = await browser.newContext({
      viewport: { width, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: "ko-KR",
      timezoneId: "Asia/Seoul",
    });
    const page = await context.newPage();
    await page.goto("/");
    await noSideScroll(page, "home");
    await page.goto("/products/tote");
    await page.getByLabel("수량").selectOption("9");
    await page.getByRole("button", { name: "장바구니 담기" }).click();
    await expect(page).toHaveURL(/\/cart\?added=1/);
    await page.goto("/products/mug");
    await page.getByLabel("수량").selectOption("5");
    await page.getByRole("button", { name: "장바구니 담기" }).click();
    await expect(page).toHaveURL(/\/cart\?added=1/);
    await expect(page.getByTestId("cart-count")).toHaveText("14"); // a two-digit badge
    await noSideScroll(page, "cart");
    await page.goto("/products/jeju-tangerine");
    await noSideScroll(page, "product");
    await expect(page.getByTestId("buy-bar")).toBeInViewport(); // sticky 장바구니 / 바로 구매
    await page.goto("/checkout");
    await noSideScroll(page, "checkout");
    const total = await page.getByTestId("checkout-total").boundingBox();
    const pay = await page.getByTestId("pay-button").boundingBox();
    expect(total!.y).toBeLessThan(pay!.y);
    await page.getByTestId("pay-button").click();
    await expect(page.getByTestId("checkout-error")).toBeVisible();
    await noSideScroll(page, "checkout with errors");
    await fillCheckout(page, { method: "카카오페이 (KCP 결제창)" });
    await page.getByTestId("pay-button").click();
    await expect(page).toHaveURL(/\/kcp\/mobile\//);
    await page.getByRole("button", { name: "취소" }).click();
    await expect(page.getByTestId("retry-payment")).toBeVisible();
    await noSideScroll(page, "unpaid order");
    await page.goto("/orders/lookup");
    await noSideScroll(page, "order lookup");
    await context.close();
  });
}
