// Accessibility of every customer page with axe-core (WCAG 2.0/2.1 A and AA rules): no serious or
// critical violation, and nothing scrolls sideways (scrollWidth <= innerWidth). The customer pages are scanned
// on the 390 px phone (where most customers pay; the 360 px project checks their layout in shop-layout), the
// KCP PC window page on the desktop and the phone widths. Also: checkout and consent errors take the focus to the first
// invalid field, which names its error through aria-describedby; the receipt shows the card's details.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { adminLogin, armFault, checkoutToKakaoPay, payAtKakaoPay, sandboxUrl } from "./helpers";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Runs axe on the page as it is now (scanned again when the page reloaded during the scan). */
async function scan(page: Page, what: string, info: TestInfo) {
  let result: Awaited<ReturnType<AxeBuilder["analyze"]>> | undefined;
  const deadline = Date.now() + 20_000;
  while (!result) {
    try {
      await page.waitForLoadState("load");
      const before = await page.evaluate(() => performance.timeOrigin);
      const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      const after = await page.evaluate(() => performance.timeOrigin);
      if (after !== before) continue; // reloaded while scanning: scan the new document
      result = r;
    } catch (e) {
      // "Execution context was destroyed": the page navigated (meta refresh) during the scan.
      if (Date.now() > deadline || !/context|navigat|detached/i.test(String(e))) throw e;
    }
  }
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const all = result.violations.map((v) => `${v.id}(${v.impact},${v.nodes.length})`);
  await info.attach(`axe ${what}`, {
    body: JSON.stringify({ url: page.url(), violations: all }, null, 1),
    contentType: "application/json",
  });
  if (process.env.E2E_AXE_LOG) console.log(`[axe] ${info.project.name} ${what}: ${all.join(" ") || "none"}`);
  // E2E_SHOTS=<dir>: a full-page screenshot of every scanned screen, to look at each width by eye.
  if (process.env.E2E_SHOTS)
    await page.screenshot({
      path: `${process.env.E2E_SHOTS}/${info.project.name}-${what.replace(/[^\w가-힣]+/g, "_")}.png`,
      fullPage: true,
    });
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `${what}: serious/critical axe violations`,
  ).toEqual([]);
  const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(sw, `${what}: scrollWidth ${sw} > innerWidth ${iw} (the page scrolls sideways)`).toBeLessThanOrEqual(iw);
}

/** The focused element is the field, marked invalid, and its description is the error message. */
async function expectFocusOnError(page: Page, id: string, message: RegExp) {
  const field = page.locator(`#${id}`);
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(message);
}

// Each project uses its own phone numbers at the sandbox's KakaoTalk (tests of the three projects run at once).
const phoneFor = (info: TestInfo, n: number) =>
  `010-7${{ desktop: 1, phone: 2, "phone-360": 3 }[info.project.name] ?? 4}${n}0-${String(1000 + info.workerIndex).slice(-4)}`;

test.describe("accessibility (axe) and no sideways scroll on customer pages", () => {
  test("shop, cart, checkout (empty, filled, with errors)", { tag: "@phone-only" }, async ({ page }, info) => {
    test.setTimeout(240_000);
    await page.goto("/");
    await scan(page, "home", info);
    await page.goto("/cart");
    await scan(page, "cart (empty)", info);
    await page.goto("/checkout");
    await expect(page.getByText("주문할 상품이 없습니다.")).toBeVisible();
    await scan(page, "checkout (empty)", info);

    await page.goto("/products/jeju-tangerine");
    await scan(page, "product", info);
    await page.getByLabel("수량").selectOption("2");
    await page.getByRole("button", { name: "장바구니 담기" }).click();
    await expect(page).toHaveURL(/\/cart\?added=1/);
    await scan(page, "cart (with items)", info);

    await page.goto("/checkout");
    await scan(page, "checkout", info);
    // Submitted empty: the server names each field; the focus is on the first, which names its error.
    await page.getByTestId("pay-button").click();
    await expect(page.getByTestId("checkout-error")).toBeVisible();
    await expectFocusOnError(page, "name", /이름/);
    await expect(page.locator("#email")).toHaveAttribute("aria-invalid", "true");
    await scan(page, "checkout (with errors)", info);
    // Fixing the name moves the first error (and the focus) to the next field.
    await page.getByLabel("이름", { exact: true }).fill("김접근");
    await page.getByTestId("pay-button").click();
    await expectFocusOnError(page, "phone", /휴대폰/);
  });

  test("order lookup and the not-found pages", { tag: "@phone-only" }, async ({ page }, info) => {
    test.slow();
    await page.goto("/orders/lookup");
    await scan(page, "order lookup", info);
    await page.getByLabel("주문번호").fill("KC000000-AAAAAA");
    await page.getByLabel("휴대폰 번호").fill("010-0000-0000");
    await page.getByRole("button", { name: "조회하기" }).click();
    await expect(page.getByText("일치하는 주문이 없습니다.")).toBeVisible();
    await scan(page, "order lookup (not found)", info);

    const missing = await page.goto("/no-such-page");
    expect(missing!.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "페이지를 찾을 수 없습니다" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "상점 메뉴" })).toBeVisible();
    await scan(page, "404 (unknown address)", info);
    const gone = await page.goto("/products/no-such-product");
    expect(gone!.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "페이지를 찾을 수 없습니다" })).toBeVisible();
    await scan(page, "404 (unknown product)", info);
  });

  test(
    "receipts: paid by card (with the card's details), 결제 확인 중, unpaid, refunded",
    { tag: "@phone-only" },
    async ({ page, browser }, info) => {
      test.setTimeout(300_000);
      // Paid by card, 3 months: the receipt shows 카드사, 할부, 승인번호 and 승인 일시 from KakaoPay's answer.
      await checkoutToKakaoPay(page, { product: "제주 햇감귤" });
      await page.locator("#m-CARD").check();
      await page.getByLabel("카드사").selectOption("BC");
      await page.getByLabel("할부").selectOption("3");
      const orderNumber = await payAtKakaoPay(page);
      const receipt = page.getByTestId("receipt");
      await expect(receipt).toContainText("카카오페이 카드");
      await expect(page.getByTestId("receipt-card-issuer")).toHaveText("우리카드 (체크)");
      await expect(page.getByTestId("receipt-card-install")).toHaveText("3개월");
      await expect(page.getByTestId("receipt-card-approval")).toHaveText(/^[0-9A-Z]{8}$/);
      await expect(page.getByTestId("receipt-approved-at")).toHaveText(
        /^\d{4}\. \d{1,2}\. \d{1,2}\. 오[전후] \d{1,2}:\d{2}$/,
      );
      await scan(page, "receipt (paid)", info);

      // Refunded in full by the shop: the receipt says so.
      const admin = await browser.newPage();
      await adminLogin(admin);
      await admin.goto(`/admin/orders?q=${orderNumber}`);
      await admin
        .locator("[data-testid=orders-cards], [data-testid=orders-table]")
        .filter({ visible: true })
        .getByRole("link", { name: orderNumber })
        .click();
      const max = (await admin.getByText(/환불 금액 \(최대/).textContent())!.replace(/[^\d]/g, "");
      await admin.getByLabel(/환불 금액/).fill(max);
      await admin.getByLabel("환불 사유").fill("고객 요청");
      await admin.getByTestId("refund-review").click();
      await admin.getByTestId("refund-confirm").click();
      await expect(admin.locator("[data-status=REFUNDED]")).toBeVisible({ timeout: 20_000 });
      await admin.close();
      await page.reload();
      await expect(page.getByTestId("order-status")).toContainText("전액 환불된 주문입니다");
      await scan(page, "receipt (refunded)", info);

      // KakaoPay is slow to approve (the app gives up waiting after 2 s): 결제 확인 중. That page reloads itself
      // every second or three until the approval is known — too often for a scan under load — so its HTML,
      // as the server sends it while checking, is scanned in a copy without the reload (and without scripts),
      // with the app's own stylesheets.
      await checkoutToKakaoPay(page, { product: "수제 모듬 떡 세트" });
      const tid = new URL(page.url()).pathname.split("/").pop()!;
      await armFault({ provider: "kakaopay", op: "approve", mode: "delay", delayMs: 12_000, match: tid });
      await page.getByRole("button", { name: /결제하기/ }).click();
      await expect(page.getByTestId("order-status")).toContainText("결제 결과를 확인하고 있습니다");
      const html = await (await page.request.get(page.url())).text();
      expect(html).toContain("결제 결과를 확인하고 있습니다");
      const copy = await page.context().newPage();
      const origin = new URL(page.url()).origin;
      await copy.setContent(
        html
          .replace(/<meta[^>]*http-equiv="refresh"[^>]*>/gi, "")
          .replace(/<script\b[\s\S]*?<\/script>/gi, "")
          .replace(/<head>/i, `<head><base href="${origin}/">`),
        { waitUntil: "load" },
      );
      await expect(copy.getByTestId("order-status")).toContainText("결제 결과를 확인하고 있습니다");
      await scan(copy, "receipt (결제 확인 중)", info);
      await copy.close();
      await expect(page.getByTestId("order-status")).toContainText("결제가 완료되었습니다", { timeout: 60_000 });

      // Cancelled at KakaoPay: the unpaid order with 다시 결제하기.
      await checkoutToKakaoPay(page, { product: "제주 유기농 녹차 티백" });
      await page.getByRole("button", { name: "취소" }).click();
      await expect(page.getByTestId("retry-payment")).toBeVisible();
      await expect(page.getByTestId("order-notice")).not.toContainText(/\[\s*-?\d+\s*\]/);
      await scan(page, "order (unpaid, cancelled)", info);
    },
  );

  test(
    "consent pages: forms (empty, with errors), waiting, declined, signed",
    { tag: "@phone-only" },
    async ({ page }, info) => {
      test.setTimeout(240_000);
      await page.goto("/consents");
      await scan(page, "consents home", info);
      await page.goto("/consents/sign");
      await scan(page, "e-sign form", info);
      await expect(page.getByText(/SHA-256/)).toHaveCount(0);
      await page.getByTestId("esign-submit").click();
      await expect(page.getByTestId("error-name")).toBeVisible();
      // The agreement comes first on this form (under the document), then the signer's name.
      await expectFocusOnError(page, "agree", /문서 내용을 확인하고/);
      await expect(page.locator("#name")).toHaveAttribute("aria-invalid", "true");
      await scan(page, "e-sign form (with errors)", info);

      await page.goto("/consents/auto-debit");
      await scan(page, "CMS form", info);
      await page.getByTestId("cms-submit").click();
      await expect(page.getByTestId("error-name")).toBeVisible();
      await expectFocusOnError(page, "name", /이름/);
      await scan(page, "CMS form (with errors)", info);

      const phone = phoneFor(info, 1);
      await page.getByLabel("이름").fill("한접근");
      await page.getByLabel("휴대폰 번호").fill(phone);
      await page.getByLabel("생년월일").fill("1988-07-15");
      await page.getByLabel("은행").selectOption("카카오뱅크");
      await page.getByLabel("계좌번호").fill("3333-01-2345678");
      await page.getByLabel("예금주").fill("한접근");
      await page.getByTestId("cms-submit").click();
      await expect(page).toHaveURL(/\/consents\/[a-z0-9]+$/);
      await expect(page.getByTestId("consent-screen")).toHaveAttribute("data-screen", "waiting");
      await scan(page, "consent (waiting)", info);

      await inKakaoTalk(page, phone, "거절");
      await expect(page.getByTestId("consent-screen")).toHaveAttribute("data-screen", /rejected|expired/, {
        timeout: 20_000,
      });
      await scan(page, "consent (declined)", info);
      await page.getByTestId("consent-retry").click();
      await expect(page.getByTestId("consent-screen")).toHaveAttribute("data-screen", "waiting");
      await inKakaoTalk(page, phone, "서명하기");
      // Another spec may move the sandbox's clock (expiry test): any final screen is a screen to check.
      await expect(page.getByTestId("consent-screen")).toHaveAttribute("data-screen", /verified|expired/, {
        timeout: 20_000,
      });
      if ((await page.getByTestId("consent-screen").getAttribute("data-screen")) === "verified") {
        await expect(page.getByRole("heading", { name: "자동이체 출금동의가 완료되었습니다" })).toBeVisible();
      }
      await scan(page, "consent (final)", info);
    },
  );

  test("the KCP window page (PC): shop header, a cancel in plain Korean", async ({ browser }, info) => {
    test.slow();
    const page = await desktopPage(browser, info);
    await checkoutToKakaoPay(page, { product: "수제 모듬 떡 세트", method: "카카오페이 (KCP 결제창)" });
    await expect(page).toHaveURL(/\/pay\/payup\//);
    await expect(page.getByRole("navigation", { name: "상점 메뉴" })).toBeVisible();
    await page.frameLocator("iframe").getByRole("button", { name: "취소" }).click();
    await expect(page.locator("iframe")).toHaveCount(0);
    const alert = page.getByRole("alert").filter({ hasText: "결제를 취소했습니다" });
    await expect(alert).toBeVisible();
    await expect(alert).not.toContainText("3001");
    await scan(page, "KCP PC window page (after a cancel)", info);
    await page.context().close();
  });
});

/** The KCP PC page is what a desktop browser gets: a desktop user agent at this project's width. */
async function desktopPage(browser: Browser, info: TestInfo) {
  const viewport = info.project.use.viewport ?? { width: 1280, height: 800 };
  const context = await browser.newContext({
    baseURL: info.project.use.baseURL,
    viewport,
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
    userAgent:
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  });
  return context.newPage();
}

/** The customer's KakaoTalk (sandbox): open the newest request card and sign or decline it. */
async function inKakaoTalk(page: Page, phone: string, action: "서명하기" | "거절") {
  const talk = await page.context().newPage();
  await talk.goto(`${sandboxUrl}/kakaotalk?phone=${phone.replace(/\D/g, "")}`);
  await talk.getByRole("link", { name: "확인하기" }).last().click();
  await talk.getByRole("button", { name: action }).click();
  await talk.close();
}
