// KakaoPay through PayUp/KCP on a desktop: payplus_web.jsp opens KCP's layer over our page; on
// res_cd 0000 m_Completepayment posts the filled form to our server.
import { expect, test } from "@playwright/test";
import { checkoutToKakaoPay } from "./helpers";

const KCP = "카카오페이 (KCP 결제창)";

test("desktop: pay in the KCP layer → our page posts the form → receipt", async ({ page }) => {
  await checkoutToKakaoPay(page, { product: "제주 햇감귤", name: "김카카오", method: KCP });
  await expect(page).toHaveURL(/\/pay\/payup\//);
  const layer = page.frameLocator("iframe");
  await expect(layer.getByText("제주 햇감귤 3kg")).toBeVisible();
  await layer.getByRole("button", { name: "결제하기" }).click();
  await expect(page.getByTestId("order-status")).toContainText("결제가 완료되었습니다");
  await expect(page.getByText("제주 햇감귤 3kg")).toBeVisible();
  await expect(page.getByTestId("receipt")).toContainText("(KCP)");
});

test("desktop: cancelling in the KCP layer says so in plain Korean and closes it; paying again works", async ({
  page,
}) => {
  await checkoutToKakaoPay(page, { product: "수제 모듬 떡 세트", method: KCP });
  // The window page is part of the shop: its header and menu are there.
  await expect(
    page.getByRole("navigation", { name: "상점 메뉴" }).getByRole("link", { name: "장바구니" }),
  ).toBeVisible();
  const layer = page.frameLocator("iframe");
  await layer.getByRole("button", { name: "취소" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "결제를 취소했습니다" });
  await expect(alert).toContainText("다시 결제하려면 '결제창 열기'를 누르세요.");
  await expect(alert).not.toContainText("3001");
  await expect(page.locator("iframe")).toHaveCount(0);
  await page.getByRole("button", { name: "결제창 열기" }).click();
  await page.frameLocator("iframe").getByRole("button", { name: "결제하기" }).click();
  await expect(page.getByTestId("order-status")).toContainText("결제가 완료되었습니다");
});
