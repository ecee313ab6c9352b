// KakaoPay through PayUp/KCP on a phone: the auto-submit EUC-KR form opens KCP's mobile window.
import { expect, test } from "@playwright/test";
import { adminLogin, checkoutToKakaoPay, query } from "./helpers";

const KCP = "카카오페이 (KCP 결제창)";

test("phone: pay in KCP's mobile window → receipt with intact Korean", async ({ page }) => {
  await checkoutToKakaoPay(page, { product: "문경 오미자청", name: "홍길동", method: KCP });
  await expect(page).toHaveURL(/\/kcp\/mobile\//);
  await expect(page.getByText("문경 오미자청 500ml")).toBeVisible(); // EUC-KR form arrived intact
  await page.getByRole("button", { name: "결제하기" }).click();
  await expect(page.getByTestId("order-status")).toContainText("결제가 완료되었습니다");
  await expect(page.getByTestId("receipt")).toContainText("(KCP)");
  await expect(page.getByText("문경 오미자청 500ml")).toBeVisible();
  await expect(page.getByTestId("receipt")).toContainText("홍*동");
});

test("phone: cancelling in the KCP window leaves the order unpaid, with a message and a retry", async ({ page }) => {
  await checkoutToKakaoPay(page, { product: "백자 머그컵", method: KCP });
  await expect(page).toHaveURL(/\/kcp\/mobile\//);
  await page.getByRole("button", { name: "취소" }).click();
  await expect(page.getByTestId("order-status")).toContainText("결제가 완료되지 않았습니다");
  await expect(page.getByTestId("order-notice")).toContainText("결제를 취소했습니다");
  await page.getByTestId("retry-payment").click();
  await expect(page).toHaveURL(/\/kcp\/mobile\//);
  await page.getByRole("button", { name: "결제하기" }).click();
  await expect(page.getByTestId("order-status")).toContainText("결제가 완료되었습니다");
});

test("phone: a tampered amount in the post-back is refused and nothing is charged", async ({ page }) => {
  await page.route("**/pay/payup/return?*", async (route) => {
    // Ret_URL carries the attempt's token (?t=…)
    const body = route
      .request()
      .postDataBuffer()!
      .toString("latin1")
      .replace(/good_mny=\d+/, "good_mny=100");
    await route.continue({ postData: Buffer.from(body, "latin1") });
  });
  await checkoutToKakaoPay(page, { product: "한라봉 선물세트", method: KCP });
  await page.getByRole("button", { name: "결제하기" }).click();
  await expect(page.getByTestId("order-notice")).toContainText("결제창에서 돌아온 금액이 주문 금액과 달라");
  const orderNumber = (await page.getByTestId("order-number").textContent())!.trim();
  const rows = await query<{ status: string; n: string }>(
    `SELECT p.status, (SELECT count(*)::text FROM "PaymentEvent" e WHERE e."paymentId" = p.id AND e.type = 'payup.pay') AS n
       FROM "Payment" p JOIN "Order" o ON o.id = p."orderId" WHERE o."orderNumber" = $1`,
    [orderNumber],
  );
  expect(rows).toEqual([{ status: "FAILED", n: "0" }]);
});

test("phone: admin cancels a KCP payment (full cancel only) and the timeline shows PayUp's codes", async ({
  page,
  browser,
}) => {
  const shop = await browser.newPage();
  await checkoutToKakaoPay(shop, { product: "지리산 아카시아 꿀", method: KCP });
  await shop.getByRole("button", { name: "결제하기" }).click();
  await expect(shop.getByTestId("order-status")).toContainText("결제가 완료되었습니다");
  const orderNumber = (await shop.getByTestId("order-number").textContent())!.trim();

  await adminLogin(page);
  await page.goto(`/admin/orders?q=${orderNumber}`);
  await page
    .locator("[data-testid=orders-cards], [data-testid=orders-table]")
    .filter({ visible: true })
    .getByRole("link", { name: orderNumber })
    .click();
  await expect(page.getByTestId("payment-card")).toContainText(/카카오페이 \(PayUp[·/]KCP\)/); // the admin spells it PayUp·KCP now
  // PayUp cancels only in full (seed 002): the amount is shown read-only, nothing to edit
  await expect(page.getByTestId("refund-full-amount")).toContainText("32,000");
  await expect(page.getByTestId("refund-full-only")).toContainText("전체 취소만 할 수 있어");
  await page.getByLabel("환불 사유").fill("품절로 주문 취소");
  await page.getByTestId("refund-review").click();
  await page.getByTestId("refund-confirm").click();
  await expect(page.locator("[data-status=REFUNDED]")).toBeVisible();
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("payup.order");
  await expect(timeline).toContainText("payup.pay");
  await expect(timeline).toContainText("payup.cancel");
  await expect(timeline.getByText("0000")).toHaveCount(3);
});
