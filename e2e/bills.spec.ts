// KakaoPay bills end to end: the admin writes a bill with all four detail types, issues its link
// through the Dozn agency sandbox, the customer opens it on a phone and pays, the sandbox later
// cancels the payment — and the admin sees each step. Real HTTP everywhere: the sandbox calls
// our /kakao/notice, /kakao/prepay and /kakao/pay-result.
import { devices, expect, test, type Page } from "@playwright/test";
import { adminLogin, query, sandboxUrl } from "./helpers";

const uniq = () => `E2E${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;

async function fillBill(page: Page, key: string) {
  await page.getByLabel("고객번호", { exact: true }).fill(key);
  await page.getByLabel("고객 이름(표시명)").fill("101동 1001호 김카카오");
  await page.getByLabel("생년월일 (선택)").fill("1990-03-01");
  await page.getByLabel("청구서명").fill("7월 아파트 관리비");
  await page.getByLabel("청구 금액 (원)").fill("35000");

  await page.getByTestId("add-KEY_VALUE").click();
  const kv = page.getByTestId("detail-KEY_VALUE");
  await kv.getByLabel("항목별 금액 제목").fill("전체청구금액");
  await kv.getByLabel("항목명").fill("당월 부과 금액");
  await kv.getByLabel("내용").fill("35,000원");

  await page.getByTestId("add-TEXT").click();
  const text = page.getByTestId("detail-TEXT");
  await text.getByLabel("안내 문구 제목").fill("기본정보");
  await text.getByLabel("텍스트 (줄마다 한 항목)").fill("카카오아파트\n101동 1001호");

  await page.getByTestId("add-TABLE").click();
  const table = page.getByTestId("detail-TABLE");
  await table.getByLabel("표 제목", { exact: true }).fill("항목별 부과 금액");
  await table.getByLabel("1행 1열").fill("전기료");
  await table.getByLabel("1행 2열").fill("21,000원");

  await page.getByTestId("add-GRAPH").click();
  const graph = page.getByTestId("detail-GRAPH");
  await graph.getByLabel("막대그래프 제목").fill("월별 관리비 추이");
  await graph.getByLabel("X축 값").fill("06");
  await graph.getByLabel("Y축 값").fill("32000");

  // The bank is picked by name from the bank-code table; the code is a small secondary label.
  await page.getByTestId("add-bank-account").click();
  const account = page.getByTestId("bank-account-0");
  await account.getByLabel("은행", { exact: true }).selectOption({ label: "신한은행" });
  await expect(account).toContainText("은행코드 088");
  await account.getByLabel("계좌번호").fill("562-1234-5678");
}

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test(
  "bill: create with all detail types → link → customer pays on a phone → admin sees paid → agency cancel → admin sees cancelled",
  { tag: "@desktop-only" },
  async ({ page, browser }) => {
    test.setTimeout(120_000); // admin, agency sandbox and a customer's phone in one story
    const key = uniq();
    await adminLogin(page);
    await page.goto("/admin/bills");
    await page.getByTestId("bill-new").click();
    await expect(page).toHaveURL(/\/admin\/bills\/new$/);

    // A bad input is refused with a clear message per field and nothing is written; the summary lists
    // every error (each a link to its field) and an error goes away as soon as its field is changed.
    await page.getByLabel("고객번호", { exact: true }).fill("010-1234-5678");
    await page.getByLabel("고객 이름(표시명)").fill("x");
    await page.getByLabel("청구 금액 (원)").fill("1000");
    await page.getByTestId("bill-save").click();
    const summary = page.getByTestId("bill-form-error");
    await expect(summary).toContainText("전화번호는 고객번호로 쓸 수 없습니다");
    await expect(summary.getByTestId("bill-form-error-link")).toHaveText(["고객번호", "청구서명"]);
    await expect(page.getByTestId("error-customerKey")).toBeVisible();
    await expect(page.getByTestId("error-title")).toBeVisible();
    await summary.getByRole("link", { name: "청구서명" }).click();
    await expect(page.getByLabel("청구서명")).toBeFocused();
    await page.getByLabel("청구서명").fill("x");
    await expect(page.getByTestId("error-title")).toHaveCount(0);
    await expect(summary.getByTestId("bill-form-error-link")).toHaveText(["고객번호"]);
    expect(await query(`SELECT 1 FROM "BilledCustomer" WHERE "billerUserKey" = '010-1234-5678'`)).toHaveLength(0);

    await fillBill(page, key);
    const preview = page.getByTestId("bill-preview");
    await expect(preview).toContainText("35,000원");
    for (const t of ["전체청구금액", "당월 부과 금액", "카카오아파트", "101동 1001호", "전기료", "월별 관리비 추이"])
      await expect(preview).toContainText(t);

    await page.getByTestId("bill-save").click();
    await expect(page).toHaveURL(/\/admin\/bills\/c[a-z0-9]+$/);
    await expect(page.locator("[data-status=UNPAID]").first()).toBeVisible();
    await expect(page.getByTestId("bill-amount")).toContainText("35,000원");

    // Issue the link. Once it exists only 재생성 is offered (a second create would always be E818);
    // the link can be copied.
    await expect(page.getByTestId("link-recreate")).toHaveCount(0);
    await page.getByTestId("link-create").click();
    await expect(page.getByTestId("link-result")).toContainText("링크를 생성했습니다");
    await expect(page.getByTestId("link-qr")).toBeVisible();
    await expect(page.getByTestId("link-create")).toHaveCount(0);
    await expect(page.getByTestId("link-recreate")).toBeVisible();
    const first = (await page.getByTestId("link-url").textContent())!.trim();
    await page.getByTestId("link-copy").click();
    await expect(page.getByTestId("link-copy-status")).toHaveText("복사했습니다");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
    await page.getByTestId("link-recreate").click();
    await expect(page.getByTestId("link-result")).toContainText("재생성");
    await expect(page.getByTestId("link-url")).not.toHaveText(first);
    const url = (await page.getByTestId("link-url").textContent())!.trim();
    expect(url).toMatch(/\/dozn\/bill\//);

    // The customer opens the link on a phone, confirms the birth date and pays by card.
    const phone = await browser.newContext({ ...devices["Pixel 7"], locale: "ko-KR", timezoneId: "Asia/Seoul" });
    const customer = await phone.newPage();
    await customer.goto(url);
    await customer.getByLabel("생년월일 8자리").fill("19900301");
    await customer.getByRole("button", { name: "확인" }).click();
    await expect(customer.getByText("7월 아파트 관리비").first()).toBeVisible();
    for (const t of ["전체청구금액", "기본정보", "항목별 부과 금액", "월별 관리비 추이"])
      await expect(customer.getByText(t).first()).toBeVisible();
    await customer.getByRole("link", { name: "35,000원 납부하기" }).click();
    await customer.locator("input[name=pay_by][value=CARD]").check();
    await customer.getByRole("button", { name: "35,000원 결제하기" }).click();
    await expect(customer.getByText("납부가 완료되었습니다")).toBeVisible();
    await expect(customer.getByText("청구기관 응답 OK")).toBeVisible();
    await phone.close();

    // The admin sees it paid: no QR and no 납부하기 any more, the preview says 납부 완료.
    await page.reload();
    await expect(page.locator("[data-status=PAID]").first()).toBeVisible();
    const payments = page
      .locator("[data-testid=bill-payments], [data-testid=bill-payments-cards]")
      .filter({ visible: true });
    await expect(payments).toContainText("35,000원");
    await expect(payments).toContainText("신한카드");
    await expect(page.getByTestId("link-paid")).toContainText("납부가 끝난 청구서입니다");
    await expect(page.getByTestId("link-qr")).toHaveCount(0);
    await expect(page.getByTestId("link-recreate")).toHaveCount(0);
    await expect(page.getByTestId("preview-settled")).toContainText("납부 완료");
    await expect(page.getByTestId("bill-preview")).not.toContainText("납부하기");
    const noticeKey = (await page.getByTestId("bill-notice-key").textContent())!.trim();
    const [row] = await query<{ payId: string }>(
      `SELECT p."payId"::text AS "payId" FROM "BillPayment" p JOIN "Bill" b ON b.id = p."billId" WHERE b."billerNoticeKey" = $1`,
      [noticeKey],
    );
    expect(row).toBeTruthy();

    // The agency cancels the payment (twice: the second delivery is a duplicate).
    for (let i = 0; i < 2; i++) {
      const r = await fetch(`${sandboxUrl}/__sandbox/dozn/${i === 0 ? "cancel" : "replay"}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(i === 0 ? { payId: Number(row!.payId) } : { payId: Number(row!.payId), payType: "C" }),
      });
      expect(((await r.json()) as { res_code: string }).res_code).toBe("OK");
    }
    await page.reload();
    await expect(page.locator("[data-status=CANCELLED]").first()).toBeVisible();
    await expect(page.getByTestId("bill-cancellations")).toContainText("35,000원");
    const timeline = page.getByTestId("timeline");
    await expect(timeline).toContainText("전체 취소 35,000원");
    await expect(timeline.getByText("dozn.pay-result.C")).toHaveCount(1);
    expect(
      await query(
        `SELECT 1 FROM "BillCancellation" c JOIN "Bill" b ON b.id = c."billId" WHERE b."billerNoticeKey" = $1`,
        [noticeKey],
      ),
    ).toHaveLength(1);

    // The list filters by customer and status (a table on a desktop, cards on a phone).
    const list = page.locator("[data-testid=bills-table], [data-testid=bills-cards]").filter({ visible: true });
    await page.goto(`/admin/bills?customer=${key}&status=CANCELLED`);
    await expect(list).toContainText("7월 아파트 관리비");
    await expect(list).toContainText("35,000원");
    await page.goto(`/admin/bills?customer=${key}&status=PAID`);
    await expect(list).toContainText("조건에 맞는 청구서가 없습니다");
  },
);
