// The admin home's numbers against rows seeded in the e2e database around the KST day boundaries of
// today / 7 days / 30 days, for a merchant of its own (other specs' orders do not move its numbers).
// The expected numbers are computed here, from the seeded rows and KST calendar days, not by the app's
// code. Each number links to the list behind it; the lists' totals match. No layout shift on a phone.
import { randomUUID } from "node:crypto";
import { expect, test, type TestInfo, type Page } from "@playwright/test";
import { DEMO_ADMIN, query } from "./helpers";

/** Screenshots for people to look at: E2E_SCREENSHOT_DIR when set, else the test's output folder. */
const shot = (info: TestInfo, name: string) =>
  process.env.E2E_SCREENSHOT_DIR ? `${process.env.E2E_SCREENSHOT_DIR}/${name}` : info.outputPath(name);

const DAY = 86_400_000;
const KST = 9 * 3600_000;
/** Midnight KST of today + offset days, as an instant. */
const kstMidnight = (now: number, offset = 0) => Math.floor((now + KST) / DAY) * DAY - KST + offset * DAY;
const kstDayString = (t: number) => new Date(t + KST).toISOString().slice(0, 10);
const won = (n: number) => `${n.toLocaleString("en-US")}원`;
const count = (n: number) => `${n.toLocaleString("en-US")}건`;

type Seeded = {
  merchantId: string;
  email: string;
  now: number;
  payments: { at: number; amount: number; status: string }[];
  failedAttempts: { at: number }[];
  refunds: { at: number; amount: number; done: boolean }[];
  bills: { createdAt: number; amount: number; paidAt?: number; paidAmount?: number }[];
  consents: { createdAt: number; verifiedAt?: number; status: string }[];
};

async function seed(): Promise<Seeded> {
  const now = Date.now();
  const today = kstMidnight(now);
  // Just inside / outside each boundary (never in the future, even right after midnight).
  const inToday = today + Math.min(60_000, Math.floor((now - today) / 2));
  const points = {
    today: inToday,
    yesterdayLate: today - 30_000, // 7d, 30d
    day6Early: kstMidnight(now, -6) + 30_000, // 7d, 30d (first day of the 7)
    day7Late: kstMidnight(now, -6) - 30_000, // 30d only
    day29Early: kstMidnight(now, -29) + 30_000, // 30d (first day of the 30)
    day30Late: kstMidnight(now, -29) - 30_000, // none
  };
  const tag = randomUUID().slice(0, 8);
  const code = `D${String.fromCharCode(65 + Math.floor(Math.random() * 26))}${String.fromCharCode(65 + Math.floor(Math.random() * 26))}${String.fromCharCode(65 + Math.floor(Math.random() * 26))}`;
  const merchantId = `dash-m-${tag}`;
  await query(`INSERT INTO "Merchant" (id, code, name) VALUES ($1, $2, '대시보드 상점')`, [merchantId, code]);
  // An owner of that merchant with the demo admin's password (same hash).
  const email = `dash-${tag}@kakao-checkout.test`;
  await query(
    `INSERT INTO "AdminUser" (id, "merchantId", email, name, "passwordHash", role) SELECT $1, $2, $3, '대시보드 소유자', "passwordHash", 'OWNER' FROM "AdminUser" WHERE email = $4`,
    [`dash-a-${tag}`, merchantId, email, DEMO_ADMIN.email],
  );

  const s: Seeded = { merchantId, email, now, payments: [], failedAttempts: [], refunds: [], bills: [], consents: [] };
  const at = (t: number) => new Date(t).toISOString();
  let i = 0;
  async function paidOrder(t: number, amount: number, refunds: { at: number; amount: number; done: boolean }[] = []) {
    i++;
    const orderId = `dash-o-${tag}-${i}`;
    const refunded = refunds.filter((r) => r.done).reduce((a, r) => a + r.amount, 0);
    const status = refunded ? "PARTIALLY_REFUNDED" : "PAID";
    await query(
      `INSERT INTO "Order" (id, "orderNumber", "merchantId", status, "buyerName", "buyerPhone", "buyerEmail", "itemSummary", "totalQuantity", "totalAmount", "taxFreeAmount", "vatAmount", "refundedAmount", "paidAt", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4::"OrderStatus", '대시보드', '01000000000', 'dash@example.com', '녹차', 1, $5, 0, 0, $6, $7, $8, now())`,
      [
        orderId,
        `${code}${String(i).padStart(6, "0")}-${tag.slice(0, 6).toUpperCase()}`,
        merchantId,
        status,
        amount,
        refunded,
        at(t),
        at(t - 120_000),
      ],
    );
    const payStatus = refunded ? "PARTIALLY_CANCELLED" : "APPROVED";
    await query(
      `INSERT INTO "Payment" (id, "orderId", provider, status, tid, "totalAmount", "taxFreeAmount", "vatAmount", "cancelledAmount", "approvedAt", "statusAt", "createdAt", "updatedAt")
       VALUES ($1, $2, 'KAKAOPAY', $3::"PaymentStatus", $4, $5, 0, 0, $6, $7, $7, $8, now())`,
      [`dash-p-${tag}-${i}`, orderId, payStatus, `TDASH${tag}${i}`, amount, refunded, at(t), at(t - 60_000)],
    );
    s.payments.push({ at: t, amount, status: payStatus });
    for (const [j, r] of refunds.entries()) {
      await query(
        `INSERT INTO "Refund" (id, "paymentId", "idempotencyKey", status, amount, "taxFreeAmount", "vatAmount", reason, "requestedBy", "createdAt", "completedAt")
         VALUES ($1, $2, $1, $3::"RefundStatus", $4, 0, 0, '고객 요청', 'dash@kakao-checkout.test', $5, $6)`,
        [
          `dash-r-${tag}-${i}-${j}`,
          `dash-p-${tag}-${i}`,
          r.done ? "DONE" : "REQUESTED",
          r.amount,
          at(r.at - 1000),
          r.done ? at(r.at) : null,
        ],
      );
      s.refunds.push(r);
    }
  }
  await paidOrder(points.today, 12_300);
  await paidOrder(points.yesterdayLate, 45_600);
  await paidOrder(points.day6Early, 78_900, [{ at: points.today, amount: 3_000, done: true }]);
  await paidOrder(points.day7Late, 11_100);
  await paidOrder(points.day29Early, 22_200, [
    { at: points.day7Late, amount: 2_200, done: true },
    { at: points.today, amount: 1_000, done: false },
  ]);
  await paidOrder(points.day30Late, 99_900);
  // An attempt that reached KakaoPay's window today and failed (success rate today: 1 of 2).
  i++;
  await query(
    `INSERT INTO "Order" (id, "orderNumber", "merchantId", status, "buyerName", "buyerPhone", "buyerEmail", "itemSummary", "totalQuantity", "totalAmount", "taxFreeAmount", "vatAmount", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, 'PENDING', '대시보드', '01000000000', 'dash@example.com', '녹차', 1, 5000, 0, 0, $4, now())`,
    [
      `dash-o-${tag}-${i}`,
      `${code}${String(i).padStart(6, "0")}-${tag.slice(0, 6).toUpperCase()}`,
      merchantId,
      at(points.today),
    ],
  );
  await query(
    `INSERT INTO "Payment" (id, "orderId", provider, status, tid, "totalAmount", "taxFreeAmount", "vatAmount", "failureCode", "statusAt", "createdAt", "updatedAt")
     VALUES ($1, $2, 'KAKAOPAY', 'FAILED', $3, 5000, 0, 0, '-780', $4, $4, now())`,
    [`dash-p-${tag}-${i}`, `dash-o-${tag}-${i}`, `TDASH${tag}${i}`, at(points.today)],
  );
  s.failedAttempts.push({ at: points.today });

  // Bills: one billed customer, bills created / paid across the boundaries.
  const customerId = `dash-c-${tag}`;
  await query(
    `INSERT INTO "BilledCustomer" (id, "merchantId", "billerUserKey", name, "updatedAt") VALUES ($1, $2, $3, '101동 1001호', now())`,
    [customerId, merchantId, `DASH${tag}`],
  );
  const bills: Seeded["bills"] = [
    { createdAt: points.today, amount: 50_000 },
    { createdAt: points.day6Early, amount: 30_000, paidAt: points.yesterdayLate, paidAmount: 30_000 },
    { createdAt: points.day30Late, amount: 70_000, paidAt: points.day29Early, paidAmount: 70_000 },
    { createdAt: points.day7Late, amount: 8_000 },
  ];
  for (const [j, b] of bills.entries()) {
    await query(
      `INSERT INTO "Bill" (id, "merchantId", "customerId", "billerUserKey", "billedYearMonth", ordinal, "billerNoticeKey", title, amount, "vatAmount", "payExpireDate", status, "paidAmount", "paidAt", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, '202611', $5, $6, '관리비', $7, 0, '20261231', $8::"BillStatus", $9, $10, $11, now())`,
      [
        `dash-b-${tag}-${j}`,
        merchantId,
        customerId,
        `DASH${tag}`,
        String(j + 1),
        `DASH-${tag}-${j}`,
        b.amount,
        b.paidAt ? "PAID" : "UNPAID",
        b.paidAmount ?? 0,
        b.paidAt ? at(b.paidAt) : null,
        at(b.createdAt),
      ],
    );
  }
  s.bills = bills;

  // Consents (e-sign): requested across the boundaries, one verified yesterday, one signed by someone else.
  const consents: Seeded["consents"] = [
    { createdAt: points.today, status: "WAITING" },
    { createdAt: points.day6Early, verifiedAt: points.yesterdayLate, status: "VERIFIED" },
    { createdAt: points.day7Late, verifiedAt: points.day7Late, status: "IDENTITY_MISMATCH" },
    { createdAt: points.day30Late, verifiedAt: points.day29Early, status: "VERIFIED" },
  ];
  for (const [j, c] of consents.entries()) {
    await query(
      `INSERT INTO "ConsentRequest" (id, "merchantId", kind, status, "receiptId", "customerName", "customerPhone", "customerBirthday", title, "expireInSec", "documentText", "documentHash", "signedData", "verifiedAt", "identityMatched", "createdAt", "updatedAt")
       VALUES ($1, $2, 'ESIGN', $3::"ConsentStatus", $4, '대시보드', '01000000000', '19900101', '약관 동의', 300, '약관', repeat('a', 64), $5, $6, $7, $8, now())`,
      [
        `dash-k-${tag}-${j}`,
        merchantId,
        c.status,
        `DASH${tag}${j}`,
        c.verifiedAt ? "MIIB" : null,
        c.verifiedAt ? at(c.verifiedAt) : null,
        c.status === "VERIFIED" ? true : c.status === "IDENTITY_MISMATCH" ? false : null,
        at(c.createdAt),
      ],
    );
  }
  s.consents = consents;
  return s;
}

/** What the dashboard must show, computed from the seeded rows (KST calendar days, period ends now). */
function expected(s: Seeded, days: number) {
  const from = kstMidnight(s.now, -(days - 1));
  const inP = (t?: number) => t !== undefined && t >= from && t <= s.now;
  const sales = s.payments.filter((p) => inP(p.at));
  const refunds = s.refunds.filter((r) => r.done && inP(r.at));
  const attempts =
    s.payments.filter((p) => inP(p.at - 60_000)).length + s.failedAttempts.filter((a) => inP(a.at)).length;
  return {
    sales: sales.reduce((a, p) => a + p.amount, 0),
    salesCount: sales.length,
    refunds: refunds.reduce((a, r) => a + r.amount, 0),
    refundCount: refunds.length,
    paidOrders: sales.length,
    attempts,
    approved: s.payments.filter((p) => inP(p.at - 60_000)).length,
    billsIssued: s.bills.filter((b) => inP(b.createdAt)),
    billsPaid: s.bills.filter((b) => inP(b.paidAt)),
    billsOutstanding: s.bills.filter((b) => !b.paidAt),
    consentsRequested: s.consents.filter((c) => inP(c.createdAt)).length,
    consentsVerified: s.consents.filter((c) => c.status === "VERIFIED" && inP(c.verifiedAt)).length,
    fromDay: kstDayString(from),
    toDay: kstDayString(s.now),
  };
}

async function login(page: Page, email: string) {
  await page.goto("/admin/login");
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill(DEMO_ADMIN.password);
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page).toHaveURL(/\/admin(\/orders)?(\?|$)/, { timeout: 30_000 });
}

const sum = (list: { amount: number }[]) => list.reduce((a, b) => a + b.amount, 0);
const sumPaid = (list: { paidAmount?: number }[]) => list.reduce((a, b) => a + (b.paidAmount ?? 0), 0);

test("dashboard: today / 7 days / 30 days equal the seeded rows in KST, each number links to its list", async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  const s = await seed();
  await login(page, s.email);

  for (const [key, days, label] of [
    ["today", 1, "오늘"],
    ["7d", 7, "7일"],
    ["30d", 30, "30일"],
  ] as const) {
    await page.goto(`/admin?period=${key}`);
    await expect(page.getByRole("tab", { name: label })).toHaveAttribute("aria-selected", "true");
    const e = expected(s, days);
    await expect(
      page.getByText(e.fromDay === e.toDay ? e.toDay : `${e.fromDay} ~ ${e.toDay}`, { exact: false }).first(),
    ).toBeVisible();
    const value = (id: string) => page.getByTestId(id).locator("[data-value]");
    await expect(value("dash-sales"), `${key} 매출`).toHaveText(won(e.sales));
    await expect(page.getByTestId("dash-sales")).toContainText(count(e.salesCount));
    await expect(value("dash-refunds"), `${key} 환불`).toHaveText(won(e.refunds));
    await expect(page.getByTestId("dash-refunds")).toContainText(count(e.refundCount));
    await expect(value("dash-net"), `${key} 순매출`).toHaveText(won(e.sales - e.refunds));
    await expect(value("dash-paid-orders"), `${key} 결제 완료 주문`).toHaveText(count(e.paidOrders));
    await expect(page.getByTestId("dash-success"), `${key} 성공률`).toContainText(`(${e.approved}/${e.attempts})`);
    await expect(value("dash-bills-issued"), `${key} 청구서 발행`).toHaveText(
      `${count(e.billsIssued.length)} · ${won(sum(e.billsIssued))}`,
    );
    await expect(value("dash-bills-paid"), `${key} 청구서 납부`).toHaveText(
      `${count(e.billsPaid.length)} · ${won(sumPaid(e.billsPaid))}`,
    );
    await expect(value("dash-bills-outstanding")).toHaveText(
      `${count(e.billsOutstanding.length)} · ${won(sum(e.billsOutstanding))}`,
    );
    await expect(value("dash-consents-requested"), `${key} 동의 요청`).toHaveText(count(e.consentsRequested));
    await expect(value("dash-consents-verified"), `${key} 동의 검증`).toHaveText(count(e.consentsVerified));
    await expect(value("dash-attention")).toHaveText(count(0));
  }

  // The definitions are on the page.
  const basis = page.getByTestId("dash-basis");
  await basis.locator("summary").click();
  await expect(basis).toContainText("한국 시간");
  await expect(basis).toContainText("결제 성공률");
  await expect(basis).toContainText("미납은 기간과 관계없이");

  // Numbers are links to the lists behind them, and the lists' totals match.
  const e7 = expected(s, 7);
  await page.goto("/admin?period=7d");
  await page.getByTestId("dash-paid-orders").click();
  await expect(page).toHaveURL(/\/admin\/orders\?basis=paid&from=/);
  await expect(page.getByText(`총 ${e7.paidOrders.toLocaleString("en-US")}건`)).toBeVisible();
  await expect(page.getByTestId("orders-basis")).toHaveValue("paid");
  await page.goto("/admin?period=7d");
  await page.getByTestId("dash-refunds").click();
  await expect(page.getByText(`총 ${e7.refundCount}건`)).toBeVisible(); // one refund per order here
  await page.goto("/admin?period=30d");
  await page.getByTestId("dash-bills-issued").click();
  await expect(page).toHaveURL(/\/admin\/bills\?from=/);
  await expect(page.getByText(`총 ${expected(s, 30).billsIssued.length}건`)).toBeVisible();
  await page.goto("/admin?period=30d");
  await page.getByTestId("dash-consents-verified").click();
  await expect(page.getByText(`총 ${expected(s, 30).consentsVerified}건`)).toBeVisible();
  await page.goto("/admin?period=30d");
  await page.getByTestId("dash-bills-outstanding").click();
  await expect(page.getByText(`총 ${expected(s, 30).billsOutstanding.length}건`)).toBeVisible();

  // No layout shift while the page loads and renders (the chart has a fixed size on every width).
  await page.goto("/admin?period=30d");
  await page.waitForLoadState("networkidle");
  const cls = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
            if (!e.hadRecentInput) total += e.value;
        }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => resolve(total), 500);
      }),
  );
  expect(cls, "cumulative layout shift").toBeLessThan(0.01);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "no sideways scroll").toBeLessThanOrEqual(0);

  if (info.project.name === "desktop") {
    for (const w of [360, 390, 1280]) {
      await page.setViewportSize({ width: w, height: 900 });
      await page.screenshot({ path: shot(info, `dashboard-${w}.png`), fullPage: true });
    }
  }
});
