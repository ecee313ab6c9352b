import { expect, test } from "@playwright/test";
import { adminLogin, checkoutToKakaoPay, payAtKakaoPay } from "./helpers";

test.describe("merchant admin", () => {
  test(
    "without a session: pages redirect to login, the API answers 401",
    { tag: "@desktop-only" },
    async ({ page, request }) => {
      await page.goto("/admin/orders");
      await expect(page).toHaveURL(/\/admin\/login$/);
      const list = await request.get("/api/admin/orders");
      expect(list.status()).toBe(401);
      expect((await list.json()).error.code).toBe("UNAUTHORIZED");
      const refund = await request.post("/api/admin/payments/x/refund", { data: { amount: 1 } });
      expect(refund.status()).toBe(401);
      const forged = await request.get("/api/admin/orders", { headers: { cookie: "kc_admin=forged-token" } });
      expect(forged.status()).toBe(401);
    },
  );

  test("wrong password is refused", { tag: "@desktop-only" }, async ({ page }) => {
    await page.goto("/admin/login");
    await page.getByLabel("이메일").fill("admin@kakao-checkout.test");
    await page.getByLabel("비밀번호").fill("wrong-password");
    await page.getByRole("button", { name: "로그인" }).click();
    await expect(page.getByText("이메일 또는 비밀번호가 올바르지 않습니다")).toBeVisible();
  });

  test("partial then full refund: statuses, amounts and timeline", async ({ page, browser }) => {
    const shop = await browser.newPage();
    await checkoutToKakaoPay(shop, { product: "한라봉 선물세트" });
    const orderNumber = await payAtKakaoPay(shop);

    await adminLogin(page);
    await page.getByPlaceholder("주문번호, 주문자, 이메일, 휴대폰").fill(orderNumber);
    await page.getByRole("button", { name: "검색" }).click();
    // Desktop shows a table, phones a card list.
    const list = page.locator("[data-testid=orders-table], [data-testid=orders-cards]").filter({ visible: true });
    await expect(list).toContainText("결제 완료");
    await list.getByRole("link", { name: orderNumber }).click();
    await expect(page.getByTestId("admin-order-total")).toContainText("45,000원");

    // Over the cancellable amount: refused before anything is sent.
    await page.getByLabel(/환불 금액/).fill("50000");
    await expect(page.getByText("환불 가능 금액(45,000원)을 넘을 수 없습니다.")).toBeVisible();
    await expect(page.getByTestId("refund-review")).toBeDisabled();

    await page.getByLabel(/환불 금액/).fill("15000");
    await page.getByLabel("환불 사유").fill("한라봉 3과 파손");
    await page.getByTestId("refund-review").click();
    await expect(page.getByTestId("refund-summary-amount")).toHaveText("15,000원");
    await page.getByTestId("refund-confirm").click();
    await expect(page.getByTestId("refund-result")).toContainText("환불이 완료되었습니다");
    await expect(page.locator("[data-status=PARTIALLY_REFUNDED]")).toBeVisible();
    await expect(page.getByTestId("admin-order-refunded")).toHaveText("15,000원");

    await page.getByLabel(/환불 금액/).fill("30000");
    await page.getByLabel("환불 사유").fill("고객 변심 전체 취소");
    await page.getByTestId("refund-review").click();
    await page.getByTestId("refund-confirm").click();
    await expect(page.locator("[data-status=REFUNDED]")).toBeVisible();
    await expect(page.getByTestId("admin-order-refunded")).toHaveText("45,000원");
    const timeline = page.getByTestId("timeline");
    await expect(timeline).toContainText("부분 환불 완료 15,000원");
    await expect(timeline).toContainText("전체 환불 완료 30,000원");
    await expect(timeline.getByText("kakaopay.cancel")).toHaveCount(2);

    // Refresh from provider agrees.
    await page.getByTestId("refresh-provider").click();
    await expect(page.getByTestId("refresh-result")).toContainText("변경 사항이 없습니다");

    // The customer sees the refund on their receipt.
    await shop.reload();
    await expect(shop.getByTestId("order-status")).toContainText("전액 환불된 주문입니다");
    await expect(shop.getByTestId("order-refunded")).toHaveText("-45,000원");
  });

  test(
    "PayUp (KCP) payment: the refund form shows the full amount read-only, no editable 면세 field, and refunds it all",
    { tag: "@desktop-only" },
    async ({ page, browser }) => {
      test.setTimeout(120_000); // a shop checkout through the KCP window, then the admin
      const shop = await browser.newPage();
      await checkoutToKakaoPay(shop, { product: "제주 햇감귤", method: "카카오페이 (KCP 결제창)" });
      // A desktop gets KCP's layer (an iframe) over our page (the phone's KCP refund: kcp-mobile.phone.spec.ts).
      await expect(shop).toHaveURL(/\/pay\/payup\//);
      await shop.frameLocator("iframe").getByRole("button", { name: "결제하기" }).click();
      await expect(shop.getByTestId("order-status")).toContainText("결제가 완료되었습니다", { timeout: 20_000 });
      const orderNumber = (await shop.getByTestId("order-number").textContent())!.trim();

      await adminLogin(page);
      await page.getByPlaceholder("주문번호, 주문자, 이메일, 휴대폰").fill(orderNumber);
      await page.getByRole("button", { name: "검색" }).click();
      const list = page.locator("[data-testid=orders-table], [data-testid=orders-cards]").filter({ visible: true });
      await list.getByRole("link", { name: orderNumber }).click();
      const total = (await page.getByTestId("admin-order-total").textContent())!.match(/[\d,]+원/)![0];

      const form = page.getByTestId("refund-form");
      await expect(form.getByTestId("refund-full-only")).toContainText("전체 취소만 할 수 있어");
      await expect(form.getByTestId("refund-full-amount")).toHaveText(total);
      await expect(form.getByRole("textbox", { name: /면세|비과세|환불 금액/ })).toHaveCount(0);
      await expect(form).not.toContainText("비과세");
      await page.getByLabel("환불 사유").fill("고객 요청 전체 취소");
      await page.getByTestId("refund-review").click();
      await expect(page.getByTestId("refund-summary-amount")).toHaveText(total);
      await page.getByTestId("refund-confirm").click();
      // Nothing is left to refund, so the form gives way to the refunded order.
      await expect(page.locator("[data-status=REFUNDED]")).toBeVisible();
      await expect(page.getByTestId("admin-order-refunded")).toHaveText(total);
      await expect(page.getByTestId("timeline")).toContainText(`전체 환불 완료 ${total}`);
    },
  );

  test("orders list filters, CSV export and logout", { tag: "@desktop-only" }, async ({ page }) => {
    await adminLogin(page);
    await page.getByLabel("상태").selectOption("PAID");
    await page.getByRole("button", { name: "검색" }).click();
    await expect(page).toHaveURL(/status=PAID/);
    const download = page.waitForEvent("download");
    await page.getByTestId("csv-export").click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.csv$/);
    await page.getByRole("button", { name: "로그아웃" }).click();
    await expect(page).toHaveURL(/\/admin\/login$/);
    await page.goto("/admin/orders");
    await expect(page).toHaveURL(/\/admin\/login$/);
  });
});
