// 확인 필요: what staff must look at, with what happened in Korean and the actions (refresh, mark handled).
import { expect, test } from "@playwright/test";
import { adminLogin, checkoutToKakaoPay, payAtKakaoPay, query } from "./helpers";

test(
  "a 확인 필요 item is listed with its story, counted in the nav, and marked handled with a note that lands in the timeline",
  { tag: "@desktop-only" },
  async ({ page, browser }, info) => {
    const shop = await browser.newPage({ viewport: page.viewportSize() ?? undefined });
    await checkoutToKakaoPay(shop);
    const orderNumber = await payAtKakaoPay(shop);
    const [row] = await query<{ orderId: string; paymentId: string }>(
      `SELECT o.id AS "orderId", p.id AS "paymentId" FROM "Order" o JOIN "Payment" p ON p."orderId" = o.id WHERE o."orderNumber" = $1 AND p.status = 'APPROVED'`,
      [orderNumber],
    );
    // What the worker raises when a payment's outcome stays unknown (fixture: the raise itself is tested in the integration suite).
    const message = `결제 결과를 6번 확인했지만 아직 알 수 없음 (${info.project.name})`;
    await query(
      `INSERT INTO "Attention" ("id", "kind", "orderId", "paymentId", "code", "message") VALUES ($1, 'PAYMENT_UNKNOWN', $2, $3, 'TIMEOUT', $4)`,
      [`att_e2e_${Date.now()}_${info.project.name}`, row!.orderId, row!.paymentId, message],
    );

    await adminLogin(page);
    await expect(page.getByTestId("nav-attention")).toContainText(/\d+/);
    await page.getByTestId("nav-attention").click();
    await expect(page.getByRole("heading", { name: "확인 필요", level: 1 })).toBeVisible();
    const item = page.getByTestId("attention-item").filter({ hasText: message });
    await expect(item).toContainText("결제 결과 미확인");
    await expect(item).toContainText(orderNumber);
    await expect(item).toContainText("결제 완료");
    await page.screenshot({ path: test.info().outputPath(`attention-${info.project.name}.png`), fullPage: true });

    await item.getByTestId("attention-refresh").click();
    await expect(item.getByRole("status").first()).toBeVisible();
    const note = `카카오페이 관리자 화면에서 승인 확인 (${info.project.name})`;
    await item.getByPlaceholder("처리 내용 (타임라인에 남습니다)").fill(note);
    await item.getByTestId("attention-resolve").click();
    await expect(page.getByTestId("attention-item").filter({ hasText: message })).toHaveCount(0);

    await page.goto(`/admin/orders/${row!.orderId}`);
    await expect(page.getByTestId("timeline")).toContainText(note);
  },
);
