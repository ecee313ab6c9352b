import { expect, test } from "@playwright/test";
import { adminLogin, armFault, checkoutToKakaoPay, fillCheckout, payAtKakaoPay, query } from "./helpers";

test.describe("KakaoPay online checkout", () => {
  test("buy → pay at KakaoPay → paid receipt (device-specific KakaoPay page)", async ({ page }, info) => {
    await checkoutToKakaoPay(page, { name: "김카카오" });
    // PC browsers get KakaoPay's PC page, phones the mobile page.
    await expect(page).toHaveURL(info.project.name === "phone" ? /device=mobile/ : /device=pc/);
    await expect(page.getByText("12,900원").first()).toBeVisible();
    const orderNumber = await payAtKakaoPay(page);
    await expect(page.getByTestId("receipt")).toContainText("카카오페이");
    await expect(page.getByTestId("order-total")).toHaveText("12,900원");
    await expect(page.getByTestId("receipt")).toContainText("김**오 · 010-****-5678"); // masked buyer
    const rows = await query<{ status: string }>(
      `SELECT p.status FROM "Payment" p JOIN "Order" o ON o.id = p."orderId" WHERE o."orderNumber" = $1`,
      [orderNumber],
    );
    expect(rows.map((r) => r.status)).toEqual(["APPROVED"]);
  });

  test("cancel at KakaoPay → unpaid with a message → retry pays", async ({ page }) => {
    await checkoutToKakaoPay(page, { product: "백자 머그컵" });
    await page.getByRole("button", { name: "결제 취소" }).click();
    await expect(page.getByTestId("order-status")).toContainText("결제가 완료되지 않았습니다");
    await expect(page.getByTestId("order-notice")).toContainText("결제를 취소했습니다");
    await page.getByTestId("retry-payment").click();
    await expect(page).toHaveURL(/\/kakaopay\/pay\//);
    await payAtKakaoPay(page);
  });

  test(
    "reloading the approval URL, going back and a second tab never charge twice",
    { tag: "@phone-only" },
    async ({ page, context }) => {
      let approvalUrl = "";
      page.on("request", (r) => {
        if (r.url().includes("/pay/kakaopay/approve")) approvalUrl = r.url();
      });
      await checkoutToKakaoPay(page, { product: "한글 캘리그라피 에코백" });
      const orderNumber = await payAtKakaoPay(page);
      expect(approvalUrl).toContain("pg_token=");
      await page.reload();
      await expect(page.getByTestId("order-status")).toContainText("결제가 완료되었습니다");
      await page.goto(approvalUrl);
      await expect(page.getByTestId("order-status")).toContainText("결제가 완료되었습니다");
      await page.goBack();
      const second = await context.newPage();
      await second.goto(approvalUrl);
      await expect(second.getByTestId("order-status")).toContainText("결제가 완료되었습니다");
      const approvals = await query<{ n: string }>(
        `SELECT count(*)::text AS n FROM "PaymentEvent" e JOIN "Order" o ON o.id = e."orderId" WHERE o."orderNumber" = $1 AND e.type = 'kakaopay.approve'`,
        [orderNumber],
      );
      expect(approvals[0]!.n).toBe("1");
    },
  );

  test("a failed KakaoPay payment shows why and offers a retry", { tag: "@phone-only" }, async ({ page }) => {
    await checkoutToKakaoPay(page, { product: "문경 오미자청" });
    await page.getByRole("button", { name: "결제 실패 시뮬레이션" }).click();
    await expect(page.getByTestId("order-notice")).toContainText("결제가 완료되지 않았습니다");
    await expect(page.getByTestId("retry-payment")).toBeVisible();
  });

  test(
    "checkout refuses bad buyer details with clear messages and creates no order",
    { tag: "@phone-only" },
    async ({ page }) => {
      const name = `검증${Date.now() % 1_000_000}`; // only this test uses this buyer name
      await page.goto("/products/honey");
      await page.getByRole("button", { name: "바로 구매" }).click();
      await fillCheckout(page, { name });
      await page.getByLabel("휴대폰 번호").fill("02-123");
      await page.getByLabel("이메일").fill("not-an-email");
      await page.getByTestId("pay-button").click();
      await expect(page.getByText("휴대폰 번호를 정확히 입력해 주세요. (예: 010-1234-5678)")).toBeVisible();
      await expect(page.getByText("이메일 주소를 정확히 입력해 주세요.")).toBeVisible();
      await expect(page.getByTestId("checkout-error")).toHaveText("입력한 내용을 확인해 주세요. (2곳)");
      await expect(page.getByLabel("휴대폰 번호")).toBeFocused(); // the first field in error
      await expect(page).toHaveURL(/\/checkout\?buy=/);
      const rows = await query(`SELECT 1 FROM "Order" WHERE "buyerName" = $1`, [name]);
      expect(rows).toHaveLength(0);
      // The form keeps what was typed.
      await expect(page.getByLabel("이름", { exact: true })).toHaveValue(name);
      await expect(page.getByLabel("상세주소")).toHaveValue("12층");
    },
  );

  test(
    "an order page needs the buyer's browser or their phone number",
    { tag: "@phone-only" },
    async ({ page, browser }) => {
      await checkoutToKakaoPay(page, { product: "수제 모듬 떡 세트" });
      const orderNumber = await payAtKakaoPay(page);
      const stranger = await browser.newPage();
      await stranger.goto(`/orders/${orderNumber}`);
      await expect(stranger).toHaveURL(/\/orders\/lookup/);
      await stranger.getByLabel("휴대폰 번호").fill("010-9999-9999");
      await stranger.getByRole("button", { name: "조회하기" }).click();
      await expect(stranger.getByText("일치하는 주문이 없습니다")).toBeVisible();
      await stranger.getByLabel("휴대폰 번호").fill("010-1234-5678");
      await stranger.getByRole("button", { name: "조회하기" }).click();
      await expect(stranger.getByTestId("order-status")).toContainText("결제가 완료되었습니다");
    },
  );

  test(
    "KakaoPay refuses the approval with its published -780: the customer reads what to do, staff read the code's meaning",
    { tag: "@phone-only" },
    async ({ page, browser }) => {
      await checkoutToKakaoPay(page, { product: "제주 햇감귤" });
      const tid = new URL(page.url()).pathname.split("/").pop()!;
      await armFault({ provider: "kakaopay", op: "approve", mode: "error", code: "-780", match: tid });
      await page.getByRole("button", { name: /결제하기/ }).click();
      await expect(page.getByTestId("order-notice")).toContainText(
        "결제 승인에 실패했습니다. 다른 결제수단으로 다시 시도해 주세요.",
        { timeout: 20_000 },
      );
      await expect(page.getByTestId("error-code")).toContainText("-780");
      await expect(page.getByTestId("retry-payment")).toBeVisible();
      const orderNumber = (await page.getByTestId("order-number").textContent())!.trim();
      const [order] = await query<{ id: string }>(`SELECT id FROM "Order" WHERE "orderNumber" = $1`, [orderNumber]);
      const staff = await browser.newPage();
      await adminLogin(staff);
      await staff.goto(`/admin/orders/${order!.id}`);
      await expect(staff.locator("body")).toContainText("결제수단에서 승인을 거절했습니다");
      await expect(staff.locator("body")).toContainText("-780");
      await staff.close();
    },
  );

  test(
    "KakaoPay approves but answers too late: the receipt says it is checking, then settles as paid",
    { tag: "@phone-only" },
    async ({ page }) => {
      await checkoutToKakaoPay(page, { product: "제주 햇감귤" });
      // This payment's approve succeeds at KakaoPay but answers after the app's 2 s timeout.
      const tid = new URL(page.url()).pathname.split("/").pop()!;
      await armFault({ provider: "kakaopay", op: "approve", mode: "timeout", delayMs: 4000, match: tid });
      await page.getByRole("button", { name: /결제하기/ }).click();
      await expect(page.getByTestId("order-status")).toContainText("결제 결과를 확인하고 있습니다");
      await expect(page.getByTestId("order-status")).toContainText("결제가 완료되었습니다", { timeout: 20_000 });
      const orderNumber = (await page.getByTestId("order-number").textContent())!.trim();
      const rows = await query<{ status: string }>(
        `SELECT p.status FROM "Payment" p JOIN "Order" o ON o.id = p."orderId" WHERE o."orderNumber" = $1`,
        [orderNumber],
      );
      expect(rows.map((r) => r.status)).toEqual(["APPROVED"]);
    },
  );
});
