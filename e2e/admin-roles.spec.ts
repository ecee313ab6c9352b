import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { adminLogin, checkoutToKakaoPay, payAtKakaoPay } from "./helpers";

const PASSWORD = "staff-password-2026";

/** The owner invites `email` as `role`; the invitee opens the link in their own browser and sets a password. */
async function inviteAndAccept(owner: Page, browser: Browser, email: string, role: "MANAGER" | "VIEWER", name: string) {
  await owner.goto("/admin/staff");
  await owner.getByLabel("이메일").fill(email);
  await owner.getByLabel("역할").first().selectOption(role);
  await owner.getByRole("button", { name: "초대 링크 만들기" }).click();
  const link = await owner.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/admin\/invite\/[\w-]{20,}$/);
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(new URL(link).pathname);
  await expect(page.getByTestId("invite-summary")).toContainText(email);
  await page.getByLabel("이름").fill(name);
  await page.getByLabel("비밀번호", { exact: true }).fill(PASSWORD);
  await page.getByLabel("비밀번호 확인").fill(PASSWORD);
  await page.getByRole("button", { name: "계정 만들기" }).click();
  // Hashing at scrypt N=2^17 takes about a second alone, much longer on a loaded CI box.
  await expect(page).toHaveURL(/\/admin\/login\?invited=1/, { timeout: 30_000 });
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill(PASSWORD);
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page).toHaveURL(/\/admin\/orders/, { timeout: 30_000 });
  // The same link does not work twice.
  const again = await browser.newPage();
  await again.goto(new URL(link).pathname);
  await expect(again.getByTestId("invite-invalid")).toContainText("이미 사용한");
  await again.close();
  return page;
}

test(
  "owner invites a manager and a viewer; the viewer reads masked data only; the manager refunds and the audit log shows it; disabling ends the viewer's session",
  { tag: "@desktop-only" },
  async ({ page, browser }, info) => {
    test.setTimeout(180_000);
    const tag = `${info.project.name}-${randomUUID().slice(0, 6)}`;
    const managerEmail = `manager-${tag}@kakao-checkout.test`;
    const viewerEmail = `viewer-${tag}@kakao-checkout.test`;

    // A paid order to work on.
    const shop = await browser.newPage();
    await checkoutToKakaoPay(shop, { product: "한라봉 선물세트" });
    const orderNumber = await payAtKakaoPay(shop);

    await adminLogin(page);
    const manager = await inviteAndAccept(page, browser, managerEmail, "MANAGER", "김매니저");
    const viewer = await inviteAndAccept(page, browser, viewerEmail, "VIEWER", "이조회");

    // Viewer: no export, no refund, phone masked, and the API refuses too.
    await expect(viewer.getByTestId("csv-export")).toHaveCount(0);
    const exp = await viewer.request.get("/api/admin/orders/export");
    expect(exp.status()).toBe(403);
    const api = await viewer.request.get(`/api/admin/orders?q=${orderNumber}`);
    expect(api.status()).toBe(200);
    const found = (await api.json()).orders[0];
    expect(found.buyerPhone).toBe("010-****-5678");
    await viewer.getByPlaceholder("주문번호, 주문자, 이메일, 휴대폰").fill(orderNumber);
    await viewer.getByRole("button", { name: "검색" }).click();
    await viewer
      .locator("[data-testid=orders-table], [data-testid=orders-cards]")
      .filter({ visible: true })
      .getByRole("link", { name: orderNumber })
      .click();
    await expect(viewer.getByTestId("admin-order-contact")).toContainText("010-****-5678");
    await expect(viewer.getByTestId("reveal-pii")).toHaveCount(0);
    await expect(viewer.getByTestId("refund-review")).toHaveCount(0);
    const paymentId = await viewer.getByTestId("payment-card").first().getAttribute("data-payment-id");
    if (paymentId) {
      const refund = await viewer.request.post(`/api/admin/payments/${paymentId}/refund`, {
        data: { amount: 1000, reason: "x", idempotencyKey: randomUUID() },
      });
      expect(refund.status()).toBe(403);
    }

    // Manager: reveals the contact (audited) and refunds in full.
    await manager.goto(viewer.url());
    await manager.getByTestId("reveal-pii").click();
    await expect(manager.getByTestId("admin-order-contact")).toContainText("01012345678");
    await manager.getByLabel(/환불 금액/).fill("45000");
    await manager.getByLabel("환불 사유").fill("매니저 전체 환불");
    await manager.getByTestId("refund-review").click();
    await manager.getByTestId("refund-confirm").click();
    // A full refund leaves nothing to refund: the form goes and the order shows 전체 환불.
    await expect(manager.locator("[data-testid=order-status-badge][data-status=REFUNDED]")).toBeVisible();
    await expect(manager.getByTestId("admin-order-refunded")).toHaveText("45,000원");
    // A manager has no staff or audit pages.
    await manager.goto("/admin/audit");
    await expect(manager.getByTestId("denied")).toBeVisible();

    // Owner: the audit log shows the refund and the reveal by the manager.
    await page.goto(`/admin/audit?actor=${encodeURIComponent(managerEmail)}`);
    const log = page.getByTestId("audit-list");
    await expect(log.locator("[data-action='payment.refund']")).toContainText("45,000원");
    // Every page render that shows the contact in full is logged (the refund re-rendered it once more).
    await expect(log.locator("[data-action='pii.reveal']").first()).toContainText(orderNumber);

    // Owner disables the viewer: the viewer's open session stops working at the next request.
    await page.goto("/admin/staff");
    await page.locator(`[data-testid=staff-row][data-email="${viewerEmail}"]`).getByTestId("staff-disable").click();
    // Wait for the action's result (the row's button turns into 다시 활성화), not for text the button itself had.
    await expect(
      page.locator(`[data-testid=staff-row][data-email="${viewerEmail}"]`).getByTestId("staff-enable"),
    ).toBeVisible();
    await viewer.goto("/admin/orders");
    await expect(viewer).toHaveURL(/\/admin\/login$/);
    expect((await viewer.request.get("/api/admin/orders")).status()).toBe(401);
  },
);

test(
  "a reversed date range is an error; presets fill the range; the nav marks the current page",
  { tag: "@desktop-only" },
  async ({ page }) => {
    await adminLogin(page);
    await page.goto("/admin/orders?from=2026-12-01&to=2026-11-01");
    await expect(page.getByTestId("filter-error")).toContainText("시작일이 종료일보다 늦습니다");
    await expect(page.getByText("총 0건")).toHaveCount(0);
    await page.getByRole("link", { name: "1주일" }).click();
    await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    await expect(page.getByRole("link", { name: "주문", exact: true })).toHaveAttribute("aria-current", "page");
    await page.getByRole("link", { name: "청구서", exact: true }).click();
    await expect(page.getByRole("link", { name: "청구서", exact: true })).toHaveAttribute("aria-current", "page");
  },
);
