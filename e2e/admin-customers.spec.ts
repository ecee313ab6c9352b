// A consent requested from a bill appears on the bill once verified, and the bill joins the customer's
// page: the owner fills 성명 · 휴대폰 · 생년월일 on the bill, the customer signs in (the sandbox's)
// KakaoTalk, the worker verifies, the bill shows 검증 완료, and the customer page lists the bill and the
// e-signed document on one timeline with the phone masked.
import { randomUUID } from "node:crypto";
import { expect, test, type TestInfo } from "@playwright/test";
import { DEMO_ADMIN, query, sandboxUrl } from "./helpers";

/** Screenshots for people to look at: E2E_SCREENSHOT_DIR when set, else the test's output folder. */
const shot = (info: TestInfo, name: string) =>
  process.env.E2E_SCREENSHOT_DIR ? `${process.env.E2E_SCREENSHOT_DIR}/${name}` : info.outputPath(name);

test(
  "consent requested from a bill: verified by the worker, shown on the bill and on the customer page",
  { tag: "@desktop-only" },
  async ({ page }, info) => {
    test.setTimeout(120_000);
    const tag = randomUUID().slice(0, 8);
    const [m] = await query<{ merchantId: string }>(
      `SELECT "merchantId" FROM "AdminUser" WHERE email = 'admin@kakao-checkout.test'`,
    );
    const key = `E2E${tag}`;
    await query(
      `INSERT INTO "BilledCustomer" (id, "merchantId", "billerUserKey", name, "updatedAt") VALUES ($1, $2, $3, '102동 803호', now())`,
      [`e2e-c-${tag}`, m!.merchantId, key],
    );
    await query(
      `INSERT INTO "Bill" (id, "merchantId", "customerId", "billerUserKey", "billedYearMonth", "billerNoticeKey", title, amount, "vatAmount", "payExpireDate", "updatedAt")
     VALUES ($1, $2, $3, $4, '202612', $5, '12월 관리비', 98000, 0, '20261231', now())`,
      [`e2ebill${tag}`.padEnd(24, "x"), m!.merchantId, `e2e-c-${tag}`, key, `E2E-${tag}`],
    );
    const billId = `e2ebill${tag}`.padEnd(24, "x");
    const phone = `010${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;

    // Log in (scrypt N=2^17 on a shared CPU: allow time) as the demo owner.
    await page.goto("/admin/login");
    await page.getByLabel("이메일").fill(DEMO_ADMIN.email);
    await page.getByLabel("비밀번호").fill(DEMO_ADMIN.password);
    await page.getByRole("button", { name: "로그인" }).click();
    await expect(page).toHaveURL(/\/admin(\/orders)?(\?|$)/, { timeout: 30_000 });
    await page.goto(`/admin/bills/${billId}`);
    const panel = page.getByTestId("bill-consents");
    await expect(panel).toContainText("이 청구서에서 요청한 동의·서명이 없습니다.");
    if (info.project.name === "desktop") {
      for (const w of [360, 390, 1280]) {
        await page.setViewportSize({ width: w, height: 900 });
        await panel.scrollIntoViewIfNeeded();
        await page.screenshot({ path: shot(info, `bill-consent-form-${w}.png`), fullPage: true });
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
          `no sideways scroll at ${w}px`,
        ).toBeLessThanOrEqual(0);
      }
    }
    const form = page.getByTestId("bill-consent-form");
    await form.getByLabel("전자서명 문서").check();
    await form.getByLabel("성명").fill("이청구");
    await form.getByLabel("휴대폰").fill("010-12"); // wrong first: a field message, nothing sent
    await form.getByLabel("생년월일").fill("19870512");
    await form.getByTestId("bill-consent-submit").click();
    await expect(form.getByTestId("bc-error-phone")).toContainText("휴대폰 번호");
    await form.getByLabel("휴대폰").fill(`${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`);
    await form.getByTestId("bill-consent-submit").click();
    await expect(page.getByTestId("bill-consent-message")).toContainText("카카오톡으로 요청을 보냈습니다");

    // The customer signs in KakaoTalk (the sandbox's sheet); the worker verifies without anyone clicking.
    const [c] = await query<{ id: string; receiptId: string }>(
      `SELECT id, "receiptId" FROM "ConsentRequest" WHERE "billId" = $1`,
      [billId],
    );
    expect((await fetch(`${sandboxUrl}/kakaotalk/r/${c!.receiptId}`)).ok).toBe(true);
    const sign = await fetch(`${sandboxUrl}/kakaotalk/r/${c!.receiptId}/sign`, {
      method: "POST",
      body: new URLSearchParams({}),
      redirect: "manual",
    });
    expect(sign.status).toBe(303);
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("bill-consent-verified")).toContainText("전자서명 검증 완료", { timeout: 1_000 });
    }).toPass({ timeout: 45_000 });
    await expect(page.getByTestId("bill-consent-list")).toContainText("정기배송 서비스 이용계약서");
    await expect(page.getByTestId("bill-customer-contact")).toContainText(`010-****-${phone.slice(-4)}`);
    await expect(page.getByTestId("bill-customer-contact")).not.toContainText(phone.slice(3, 7));

    if (info.project.name === "desktop") {
      for (const w of [360, 390, 1280]) {
        await page.setViewportSize({ width: w, height: 900 });
        await page.getByTestId("bill-consents").scrollIntoViewIfNeeded();
        await page.screenshot({ path: shot(info, `bill-consent-verified-${w}.png`), fullPage: true });
      }
    }

    // The bill joins that customer's page.
    await page.getByTestId("bill-customer-link").click();
    await expect(page).toHaveURL(new RegExp(`/admin/customers/b-${billId}$`));
    await expect(page.getByTestId("customer-phone")).toHaveText(`010-****-${phone.slice(-4)}`);
    const timeline = page.getByTestId("customer-timeline");
    await expect(timeline.locator('[data-type="bill"]')).toContainText("12월 관리비");
    await expect(timeline.locator('[data-type="ESIGN"]')).toContainText("정기배송 서비스 이용계약서");
    await expect(timeline.locator('[data-type="ESIGN"]')).toContainText("검증 완료");
    if (info.project.name === "desktop") {
      for (const w of [360, 390, 1280]) {
        await page.setViewportSize({ width: w, height: 900 });
        await page.screenshot({ path: shot(info, `customer-${w}.png`), fullPage: true });
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
          `no sideways scroll at ${w}px`,
        ).toBeLessThanOrEqual(0);
      }
    }
    // Revealing the number is the owner's choice, and recorded.
    await page.getByTestId("reveal-pii").click();
    await expect(page.getByTestId("customer-phone")).toHaveText(
      `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`,
    );
    const audit = await query(
      `SELECT 1 FROM "AdminAuditLog" WHERE action = 'pii.reveal' AND "targetType" = 'customer' AND "createdAt" > now() - interval '5 minutes'`,
    );
    expect(audit.length).toBeGreaterThan(0);
  },
);
