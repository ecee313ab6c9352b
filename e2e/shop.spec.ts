// Issue 11: what to buy (바로 구매 vs the cart), the cart kept until a payment succeeds, switching
// method on a retry, the delivery address and agreements, back/reload after paying, refunded receipts.
import { expect, test, type Page } from "@playwright/test";
import { adminLogin, fillCheckout, payAtKakaoPay, query } from "./helpers";

const KCP = "카카오페이 (KCP 결제창)";

async function addToCart(page: Page, slug: string, quantity = 1) {
  await page.goto(`/products/${slug}`);
  await page.getByLabel("수량").selectOption(String(quantity));
  await page.getByRole("button", { name: "장바구니 담기" }).click();
  await expect(page).toHaveURL(/\/cart\?added=1/);
}

async function cartLines(page: Page) {
  await page.goto("/cart");
  const lines = page.getByTestId("cart-lines").locator("li");
  return (await lines.count()) === 0 ? [] : (await lines.allInnerTexts()).map((t) => t.replace(/\s+/g, " "));
}

test(
  "바로 구매 with a non-empty cart buys only that product and leaves the cart alone",
  { tag: "@phone-only" },
  async ({ page }) => {
    await addToCart(page, "tote");
    await page.goto("/products/green-tea");
    await page.getByLabel("수량").selectOption("2");
    await page.getByRole("button", { name: "바로 구매" }).click();
    await expect(page).toHaveURL(/\/checkout\?buy=.+&qty=2$/);
    await expect(page.getByTestId("checkout-lines")).toHaveText(/제주 유기농 녹차 티백 × 2/);
    await expect(page.getByTestId("checkout-lines")).not.toContainText("에코백");
    await expect(page.getByTestId("checkout-total")).toHaveText("25,800원");
    await fillCheckout(page);
    await page.getByTestId("pay-button").click();
    await expect(page).toHaveURL(/\/kakaopay\/pay\//);
    const orderNumber = await payAtKakaoPay(page);
    await expect(page.getByTestId("order-total")).toHaveText("25,800원");
    const items = await query<{ name: string; quantity: number }>(
      `SELECT i.name, i.quantity FROM "OrderItem" i JOIN "Order" o ON o.id = i."orderId" WHERE o."orderNumber" = $1`,
      [orderNumber],
    );
    expect(items).toEqual([{ name: "제주 유기농 녹차 티백", quantity: 2 }]);
    // The eco bag is still in the cart, alone.
    expect(await cartLines(page)).toEqual([expect.stringContaining("한글 캘리그라피 에코백")]);
    await expect(page.getByTestId("cart-count")).toHaveText("1");
  },
);

test("the cart survives a cancel and a failure; a retry can switch to the KCP window; paying empties it", async ({
  page,
}, info) => {
  test.slow(); // two provider windows and a payment
  await addToCart(page, "mug");
  await addToCart(page, "omija-syrup", 2);
  await page.getByRole("link", { name: "주문하기" }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await fillCheckout(page);
  await page.getByTestId("pay-button").click();
  await expect(page).toHaveURL(/\/kakaopay\/pay\//);
  await page.getByRole("button", { name: "결제 취소" }).click();
  await expect(page.getByTestId("order-notice")).toContainText("결제를 취소했습니다");
  const first = (await page.getByTestId("order-number").textContent())!.trim();
  expect(await cartLines(page)).toHaveLength(2);

  // Back to checkout: the unpaid order is offered; paying anew closes it. This time it fails.
  await page.goto("/checkout");
  await expect(page.getByTestId("pending-order")).toContainText(first);
  await fillCheckout(page);
  await page.getByTestId("pay-button").click();
  await page.getByRole("button", { name: "결제 실패 시뮬레이션" }).click();
  await expect(page.getByTestId("retry-payment")).toBeVisible();
  const second = (await page.getByTestId("order-number").textContent())!.trim();
  expect(second).not.toBe(first);
  expect(await cartLines(page)).toHaveLength(2);
  const closed = await query<{ status: string }>(`SELECT status FROM "Order" WHERE "orderNumber" = $1`, [first]);
  expect(closed).toEqual([{ status: "CLOSED" }]);

  // Retry the same order with the other method: the KCP window.
  await page.goto(`/orders/${second}`);
  await expect(page.locator("input[name=method][value=kakaopay]")).toBeChecked(); // the method last used
  await page.getByLabel(KCP).check();
  await page.getByTestId("retry-payment").click();
  if (info.project.name === "phone") {
    await expect(page).toHaveURL(/\/kcp\/mobile\//);
    await page.getByRole("button", { name: "결제하기" }).click();
  } else {
    await expect(page).toHaveURL(/\/pay\/payup\//);
    await page.frameLocator("iframe").getByRole("button", { name: "결제하기" }).click();
  }
  await expect(page.getByTestId("order-status")).toContainText("결제가 완료되었습니다");
  await expect(page.getByTestId("order-number")).toHaveText(second);
  await expect(page.getByTestId("receipt")).toContainText("(KCP)");
  // Paid: what the order bought has left the cart.
  expect(await cartLines(page)).toEqual([]);
  await expect(page.getByTestId("cart-count")).toHaveCount(0);
});

test(
  "address and agreements: every missing field is named, focus moves to the first, nothing is written",
  { tag: "@phone-only" },
  async ({ page }) => {
    const name = `주소${Date.now() % 1_000_000}`;
    await page.goto("/products/honey");
    await page.getByRole("button", { name: "바로 구매" }).click();
    await page.getByTestId("pay-button").click();
    await expect(page.getByTestId("checkout-error")).toHaveText("입력한 내용을 확인해 주세요. (10곳)");
    for (const [id, text] of [
      ["name", "이름을 입력해 주세요."],
      ["recipientName", "받는 분 이름을 입력해 주세요."],
      ["recipientPhone", "받는 분 연락처를 정확히 입력해 주세요."],
      ["postcode", "우편번호를 입력해 주세요."],
      ["address1", "주소를 입력해 주세요."],
      ["address2", "상세주소를 입력해 주세요."],
      ["agreePrivacy", "개인정보 수집·이용에 동의해 주세요."],
      ["agreeThirdParty", "개인정보 제3자 제공에 동의해 주세요."],
    ]) {
      await expect(page.getByTestId(`error-${id}`)).toContainText(text!);
    }
    await expect(page.getByLabel("이름", { exact: true })).toBeFocused();
    await expect(page.getByLabel("이름", { exact: true })).toHaveAttribute("aria-describedby", "name-error");

    // Buyer filled, 주문자와 동일, agreements ticked — but no address: focus lands on 우편번호.
    await page.getByLabel("이름", { exact: true }).fill(name);
    await page.getByLabel("휴대폰 번호").fill("010-2222-3333");
    await page.getByLabel("이메일").fill("a@example.com");
    await page.getByLabel("주문자와 동일").check();
    await expect(page.getByLabel("받는 분")).toHaveValue(name);
    await page.getByLabel("[필수] 개인정보 수집·이용 동의").check();
    await page.getByTestId("pay-button").click();
    await expect(page.getByTestId("checkout-error")).toHaveText("입력한 내용을 확인해 주세요. (4곳)");
    await expect(page.getByLabel("우편번호")).toBeFocused();
    await expect(page.getByTestId("error-agreeThirdParty")).toBeVisible();
    await page.getByLabel("우편번호").fill("1234");
    await page.getByLabel("주소", { exact: true }).fill("부산 해운대구 센텀중앙로 55");
    await page.getByLabel("상세주소").fill("101동 202호");
    await page.getByTestId("pay-button").click();
    await expect(page.getByTestId("error-postcode")).toHaveText("우편번호 5자리를 입력해 주세요.");
    expect(await query(`SELECT 1 FROM "Order" WHERE "buyerName" = $1`, [name])).toHaveLength(0);

    // Manual entry (the postcode search cannot load here) is enough; what was agreed is stored with the time.
    await expect(page.getByTestId("postcode-hint")).toHaveCount(0); // an error is shown in its place
    await page.getByLabel("우편번호").fill("48058");
    await page.getByLabel("[필수] 개인정보 제3자 제공 동의").check();
    await page.getByLabel("배송 메모 (선택)").fill("경비실에 맡겨 주세요");
    await page.getByTestId("pay-button").click();
    await expect(page).toHaveURL(/\/kakaopay\/pay\//);
    const [o] = await query<{
      recipientName: string;
      recipientPhone: string;
      postcode: string;
      address1: string;
      address2: string;
      deliveryMemo: string;
      agreements: Array<{ key: string; version: string; text: string }>;
      agreedAt: Date;
    }>(
      `SELECT "recipientName", "recipientPhone", postcode, address1, address2, "deliveryMemo", agreements, "agreedAt" FROM "Order" WHERE "buyerName" = $1`,
      [name],
    );
    expect(o).toMatchObject({
      recipientName: name,
      recipientPhone: "01022223333",
      postcode: "48058",
      address1: "부산 해운대구 센텀중앙로 55",
      address2: "101동 202호",
      deliveryMemo: "경비실에 맡겨 주세요",
    });
    expect(o!.agreements.map((a) => a.key)).toEqual(["privacy", "thirdParty"]);
    expect(o!.agreements[0]!.text).toContain("수집 항목");
    expect(Date.now() - new Date(o!.agreedAt).getTime()).toBeLessThan(120_000);
  },
);

test(
  "back and reload after paying land on the receipt; back from KakaoPay offers the unpaid order",
  { tag: "@phone-only" },
  async ({ page }) => {
    await page.goto("/products/rice-cake");
    await page.getByRole("button", { name: "바로 구매" }).click();
    await fillCheckout(page);
    await page.getByTestId("pay-button").click();
    await expect(page).toHaveURL(/\/kakaopay\/pay\//);
    // Back from the provider's page: our checkout, with the unpaid order and a way to pay it.
    await page.goBack();
    await expect(page).toHaveURL(/\/checkout\?buy=/);
    const pending = page.getByTestId("pending-order");
    await expect(pending).toBeVisible();
    await pending.getByRole("link", { name: "그 주문 결제하기" }).click();
    await expect(page.getByTestId("order-status")).toContainText("아직 결제하지 않은 주문입니다");
    await page.getByTestId("retry-payment").click();
    await expect(page).toHaveURL(/\/kakaopay\/pay\//);
    const orderNumber = await payAtKakaoPay(page);
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.reload();
    await expect(page.getByTestId("order-status")).toContainText("결제가 완료되었습니다");
    await page.goto("/checkout");
    await expect(page.getByTestId("pending-order")).toHaveCount(0); // nothing left hanging
    await page.goBack();
    await expect(page.getByTestId("order-number")).toHaveText(orderNumber);
    expect(dialogs).toBe(0);
  },
);

test(
  "refunded receipts: partial then full, with amounts and dates, no success tick or upsell",
  { tag: "@phone-only" },
  async ({ page, browser }) => {
    test.slow();
    const admin = await browser.newPage();
    await page.goto("/products/hallabong-gift");
    await page.getByRole("button", { name: "바로 구매" }).click();
    await fillCheckout(page);
    await page.getByTestId("pay-button").click();
    await expect(page).toHaveURL(/\/kakaopay\/pay\//);
    const orderNumber = await payAtKakaoPay(page);
    await expect(page.getByTestId("order-consents")).toBeVisible();

    await adminLogin(admin);
    await admin.goto(`/admin/orders?q=${orderNumber}`);
    await admin
      .locator("[data-testid=orders-cards], [data-testid=orders-table]")
      .filter({ visible: true })
      .getByRole("link", { name: orderNumber })
      .click();
    const refund = async (amount: string) => {
      await admin.getByLabel(/환불 금액/).fill(amount);
      await admin.getByLabel("환불 사유").fill("고객 요청");
      await admin.getByTestId("refund-review").click();
      await admin.getByTestId("refund-confirm").click();
    };
    await refund("15000");
    await expect(admin.locator("[data-status=PARTIALLY_REFUNDED]")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("order-status")).toContainText("일부 환불된 주문입니다");
    await expect(page.getByTestId("refund-summary")).toContainText("45,000원 중 15,000원이 환불되었습니다");
    await expect(page.getByTestId("order-net")).toHaveText("30,000원");
    await expect(page.getByTestId("refunds")).toContainText(
      /\d{4}\. \d{1,2}\. \d{1,2}\. 오[전후] \d{1,2}:\d{2} 환불 완료/,
    );

    await refund("30000");
    await expect(admin.locator("[data-status=REFUNDED]")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("order-status")).toContainText("전액 환불된 주문입니다");
    await expect(page.getByTestId("refund-summary")).toContainText(
      /오[전후] \d{1,2}:\d{2}에 45,000원이 결제수단으로 환불되었습니다/,
    );
    await expect(page.getByTestId("order-status")).not.toContainText("✓");
    await expect(page.getByTestId("order-status")).not.toContainText("결제가 완료되었습니다");
    await expect(page.getByTestId("order-consents")).toHaveCount(0); // no upsell
    await expect(page.getByTestId("refunds").locator("li")).toHaveCount(2);
    await expect(page.getByTestId("order-refunded")).toHaveText("-45,000원");
  },
);
