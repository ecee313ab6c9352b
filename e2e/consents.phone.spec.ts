// Kakao consents on a phone: the customer asks, the simulated KakaoTalk (sandbox) signs or declines,
// the waiting screen follows; the admin downloads the .der file for KFTC.
import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { adminLogin, query, sandboxUrl } from "./helpers";

async function fillPerson(page: Page, p: { name: string; phone: string; birthday?: string }) {
  await page.getByLabel("이름").fill(p.name);
  await page.getByLabel("휴대폰 번호").fill(p.phone);
  await page.getByLabel("생년월일").fill(p.birthday ?? "1988-07-15");
}

async function askCmsConsent(page: Page, p: { name: string; phone: string; holder?: string }) {
  await page.goto("/");
  await page.getByTestId("consents-link").click();
  await page.getByTestId("start-cms").click();
  await expect(page).toHaveURL(/\/consents\/auto-debit$/);
  await fillPerson(page, p);
  await page.getByLabel("은행").selectOption("카카오뱅크");
  await page.getByLabel("계좌번호").fill("3333-01-2345678");
  await page.getByLabel("예금주").fill(p.holder ?? p.name);
  await page.getByTestId("cms-submit").click();
  await expect(page).toHaveURL(/\/consents\/[a-z0-9]+$/);
  await expect(page.getByTestId("consent-screen")).toHaveAttribute("data-screen", "waiting");
  await expect(page.getByRole("heading", { name: "카카오톡을 확인해 주세요" })).toBeVisible();
  await expect(page.getByTestId("time-left")).toHaveText(/^[45]:\d\d$/);
  return page.url().split("/").pop()!;
}

/** The customer's phone: KakaoTalk chat → the request card → 서명하기 / 거절. */
async function inKakaoTalk(page: Page, phone: string, action: "서명하기" | "거절") {
  const talk = await page.context().newPage();
  await talk.goto(`${sandboxUrl}/kakaotalk?phone=${phone.replace(/\D/g, "")}`);
  await talk.getByRole("link", { name: "확인하기" }).last().click();
  await expect(talk.getByText("자동이체 출금동의 요청입니다").or(talk.getByText("전자서명 요청입니다"))).toBeVisible();
  await talk.getByRole("button", { name: action }).click();
  await talk.close();
}

test.describe("Kakao consents (phone)", () => {
  // in order, one worker: the expiry test moves the sandbox clock, which would expire the others' requests
  test.describe.configure({ mode: "default", timeout: 120_000 });
  test("auto-debit consent: KakaoTalk signs → verified → the admin downloads a .der that parses", async ({
    page,
  }, info) => {
    const id = await askCmsConsent(page, { name: "박동의", phone: "010-5555-0101" });
    await inKakaoTalk(page, "010-5555-0101", "서명하기");
    await expect(page.getByTestId("consent-screen")).toHaveAttribute("data-screen", "verified", { timeout: 15_000 });
    await expect(page.getByRole("heading", { name: "자동이체 출금동의가 완료되었습니다" })).toBeVisible();
    await expect(page.getByTestId("consent-summary")).toContainText("카카오뱅크 ****5678"); // only the last four digits (the number is stored encrypted)
    const rows = await query<{ status: string; identityMatched: boolean }>(
      `SELECT status, "identityMatched" FROM "ConsentRequest" WHERE id = $1`,
      [id],
    );
    expect(rows).toEqual([{ status: "VERIFIED", identityMatched: true }]);

    await adminLogin(page);
    await page.goto("/admin/consents?q=010-5555-0101");
    await page.getByTestId("consents-cards").getByRole("link").first().click();
    await expect(page.getByTestId("identity-check")).toContainText("일치");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("der-download").click()]);
    expect(download.suggestedFilename()).toMatch(/^cms-consent-\d{32}\.der$/);
    const file = info.outputPath("consent.der");
    await download.saveAs(file);
    const parsed = execFileSync("openssl", ["asn1parse", "-inform", "DER", "-in", file], { encoding: "utf8" });
    expect(parsed).toContain("pkcs7-signedData");
    await page.reload();
    await expect(page.getByTestId("timeline")).toContainText("admin.der_download");
  });

  test("the customer e-signs the service contract app-to-app and comes back signed", async ({ page }) => {
    await page.goto("/consents");
    await page.getByTestId("start-esign").click();
    await expect(page.getByTestId("document-text")).toContainText("정기배송 서비스 이용계약서");
    await fillPerson(page, { name: "최서명", phone: "010-5555-0202" });
    await page.getByTestId("esign-submit").click();
    await expect(page.getByTestId("error-agree")).toHaveText("문서 내용을 확인하고 동의란에 체크해 주세요.");
    await page.getByLabel("위 문서 내용을 모두 확인했습니다.").check();
    await expect(page.getByLabel("카카오톡 앱에서 바로 서명")).toBeChecked();
    await page.getByTestId("esign-submit").click();
    // the KakaoTalk app (sandbox) opens for the tx_id
    await expect(page).toHaveURL(/\/kakaotalk\/app\/[0-9a-f]{32}/);
    await page.getByRole("button", { name: "서명하기" }).click();
    await expect(page).toHaveURL(/\/consents\/[a-z0-9]+$/);
    await expect(page.getByTestId("consent-screen")).toHaveAttribute("data-screen", "verified");
    await expect(page.getByTestId("consent-message")).toContainText(
      "정기배송 서비스 이용계약서 전자서명이 완료되었습니다",
    );
    const id = page.url().split("/").pop()!;
    await expect(page.getByRole("heading", { name: "전자서명이 완료되었습니다" })).toBeVisible();
    const rows = await query<{ status: string; channel: string; documentHash: string }>(
      `SELECT status, channel, "documentHash" FROM "ConsentRequest" WHERE id = $1`,
      [id],
    );
    expect(rows[0]).toMatchObject({ status: "VERIFIED", channel: "APP" });
    // The document's hash is kept for staff and evidence; the customer sees the document's title, not a hex string.
    await expect(page.getByTestId("consent-summary")).toContainText("정기배송 서비스 이용계약서");
    await expect(page.getByTestId("consent-summary")).not.toContainText(rows[0]!.documentHash);
  });

  test("declined in KakaoTalk → its own screen with a way to start again", async ({ page }) => {
    await askCmsConsent(page, { name: "정거절", phone: "010-5555-0303" });
    await inKakaoTalk(page, "010-5555-0303", "거절");
    await expect(page.getByTestId("consent-screen")).toHaveAttribute("data-screen", "rejected", { timeout: 15_000 });
    await expect(page.getByTestId("consent-message")).toHaveText(
      "카카오톡에서 자동이체 출금동의 요청을 거절했습니다. 원하시면 다시 요청할 수 있습니다.",
    );
    await page.getByTestId("consent-retry").click();
    await expect(page.getByTestId("consent-screen")).toHaveAttribute("data-screen", "waiting");
    await inKakaoTalk(page, "010-5555-0303", "서명하기");
    await expect(page.getByTestId("consent-screen")).toHaveAttribute("data-screen", "verified", { timeout: 15_000 });
  });

  test("expired → its own screen with a retry", async ({ page }) => {
    await page.goto("/consents/sign");
    await fillPerson(page, { name: "한만료", phone: "010-5555-0404" });
    await page.getByLabel("위 문서 내용을 모두 확인했습니다.").check();
    await page.getByLabel("카카오톡 메시지로 받기").check();
    await page.getByTestId("esign-submit").click();
    await expect(page.getByRole("heading", { name: "카카오톡을 확인해 주세요" })).toBeVisible();
    // five minutes pass on the provider's clock
    await fetch(`${sandboxUrl}/__sandbox/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceMs: 301_000 }),
    });
    try {
      await expect(page.getByTestId("consent-screen")).toHaveAttribute("data-screen", "expired", { timeout: 15_000 });
    } finally {
      await fetch(`${sandboxUrl}/__sandbox/clock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ reset: true }),
      });
    }
    await expect(page.getByTestId("consent-message")).toContainText("서명 가능 시간(5분)이 지나");
    await expect(page.getByTestId("consent-retry")).toBeVisible();
  });

  test("a signer who is not the account holder → mismatch screen, never a valid consent", async ({ page }) => {
    await askCmsConsent(page, { name: "윤신청", phone: "010-5555-0505", holder: "윤예금" });
    await inKakaoTalk(page, "010-5555-0505", "서명하기");
    await expect(page.getByTestId("consent-screen")).toHaveAttribute("data-screen", "mismatch", { timeout: 15_000 });
    await expect(page.getByTestId("consent-message")).toContainText("출금계좌 예금주가 달라");
    await expect(page.getByTestId("consent-restart")).toBeVisible();
    const rows = await query<{ status: string }>(
      `SELECT status::text FROM "ConsentRequest" WHERE "customerPhone" = '01055550505'`,
    );
    expect(rows.map((r) => r.status)).toEqual(["IDENTITY_MISMATCH"]);
  });

  test("bad phone / birth date / account are refused with clear messages and nothing is requested", async ({
    page,
  }) => {
    const before = await query<{ n: string }>(`SELECT count(*)::text AS n FROM "ConsentRequest"`);
    await page.goto("/consents/auto-debit");
    await fillPerson(page, { name: "오입력", phone: "02-123-4567", birthday: "1990-13-01" });
    await page.getByLabel("계좌번호").fill("12-3");
    await page.getByTestId("cms-submit").click();
    await expect(page.getByTestId("error-phone")).toHaveText("휴대폰 번호를 정확히 입력해 주세요. (예: 010-1234-5678)");
    await expect(page.getByTestId("error-birthday")).toHaveText(
      "생년월일 8자리를 정확히 입력해 주세요. (예: 19900131)",
    );
    await expect(page.getByTestId("error-accountNumber")).toHaveText(
      "계좌번호를 숫자로 정확히 입력해 주세요. (6~31자리, '-' 가능)",
    );
    await expect(page.getByTestId("error-bankName")).toHaveText("출금 은행을 선택해 주세요.");
    await expect(page.getByTestId("consent-error")).toHaveText("입력한 정보를 확인해 주세요.");
    await expect(page.getByLabel("이름")).toHaveValue("오입력");
    const after = await query<{ n: string }>(`SELECT count(*)::text AS n FROM "ConsentRequest"`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
