import { expect, type Page } from "@playwright/test";
import pg from "pg";

export const sandboxUrl = process.env.E2E_SANDBOX_URL ?? "http://127.0.0.1:4010";
export const DEMO_ADMIN = { email: "admin@kakao-checkout.test", password: "demo-admin-1234" };

/** Reads the app's database directly, to check what a person cannot see (e.g. no second charge). */
export async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function armFault(fault: Record<string, unknown>) {
  const r = await fetch(`${sandboxUrl}/__sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fault),
  });
  expect(r.ok).toBe(true);
}

/** Shop → product → buy now → checkout form → KakaoPay page. Returns the order number shown later. */
export async function checkoutToKakaoPay(page: Page, opts: { product?: string; name?: string; method?: string } = {}) {
  await page.goto("/");
  await page
    .getByRole("link", { name: new RegExp(opts.product ?? "제주 유기농 녹차 티백") })
    .first()
    .click();
  await page.getByRole("button", { name: "바로 구매" }).click();
  await expect(page).toHaveURL(/\/checkout\?buy=/);
  await fillCheckout(page, opts);
  await page.getByTestId("pay-button").click();
  if (!opts.method) await expect(page).toHaveURL(/\/kakaopay\/pay\//);
}

export async function payAtKakaoPay(page: Page) {
  await page.getByRole("button", { name: /결제하기/ }).click();
  // The return answers at once with 결제 확인 중 while the worker approves; the page moves on by itself.
  try {
    await expect(page.getByTestId("order-status")).toContainText("결제가 완료되었습니다", { timeout: 20_000 });
  } catch (e) {
    // Say what the database knows: a failure here is otherwise only "the page said something else".
    const orderNumber = (
      await page
        .getByTestId("order-number")
        .textContent()
        .catch(() => "")
    )?.trim();
    const rows = await query(
      `SELECT p.id, p.status, p."failureCode", p."failureMessage", p."approveSentAt", p."createdAt" FROM "Payment" p JOIN "Order" o ON o.id = p."orderId" WHERE o."orderNumber" = $1 ORDER BY p."createdAt"`,
      [orderNumber],
    );
    const events = await query(
      `SELECT e.type, e.message, e."resultCode" FROM "PaymentEvent" e JOIN "Order" o ON o.id = e."orderId" WHERE o."orderNumber" = $1 ORDER BY e."createdAt"`,
      [orderNumber],
    );
    throw new Error(`${(e as Error).message}\npayments: ${JSON.stringify(rows)}\ntimeline: ${JSON.stringify(events)}`);
  }
  return (await page.getByTestId("order-number").textContent())!.trim();
}

export async function adminLogin(page: Page) {
  await page.goto("/admin/login");
  await page.getByLabel("이메일").fill(DEMO_ADMIN.email);
  await page.getByLabel("비밀번호").fill(DEMO_ADMIN.password);
  await page.getByRole("button", { name: "로그인" }).click();
  // scrypt (N=2^17) under the load of a full run can take a while
  await expect(page).toHaveURL(/\/admin\/orders/, { timeout: 30_000 });
}

/** Fills the checkout form: buyer, 주문자와 동일 delivery address typed by hand, both agreements, method. */
export async function fillCheckout(page: Page, opts: { name?: string; method?: string } = {}) {
  await page.getByLabel("이름", { exact: true }).fill(opts.name ?? "김카카오");
  await page.getByLabel("휴대폰 번호").fill("010-1234-5678");
  await page.getByLabel("이메일").fill("buyer@example.com");
  await page.getByLabel("주문자와 동일").check();
  await page.getByLabel("우편번호").fill("06236");
  await page.getByLabel("주소", { exact: true }).fill("서울 강남구 테헤란로 152");
  await page.getByLabel("상세주소").fill("12층");
  await page.getByLabel("주문 내용 확인 및 전체 동의").check();
  if (opts.method) await page.getByLabel(opts.method).check();
}
