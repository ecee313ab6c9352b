// Staff side of bills against the real Dozn sandbox over HTTP: creating bills (bad input writes
// nothing), issuing links, every agency code explained in Korean with the next step, list + CSV.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { fieldErrorsOf } from "@/lib/errors";
import { createBill } from "@/lib/bills/bills";
import { issueBillLink, linkFailureOf } from "@/lib/bills/links";
import { billsCsv } from "@/lib/bills/csv";
import { listBills, billFilterSchema } from "@/lib/bills/query";
import { createDoznClient, createDoznLinkAgency } from "@/lib/providers/dozn";
import { armFault, clearFaults, sandboxUrl } from "./helpers";
import { billInput, callAgency, demoActor, newBill, payResult } from "./bills-helpers";

afterEach(clearFaults);

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000);

async function issue(billId: string, mode: "create" | "recreate", client?: ReturnType<typeof createDoznClient>) {
  const a = await demoActor();
  return issueBillLink(
    { billId, merchantId: a.merchantId, adminId: a.adminId, mode, expireAt: inAWeek() },
    client ? { agency: createDoznLinkAgency(client) } : {},
  );
}

describe("createBill", () => {
  it("refuses bad input with a Korean message per field and writes nothing", async () => {
    const actor = await demoActor();
    const before = [await db.bill.count(), await db.billedCustomer.count(), await db.billEvent.count()];
    const cases: Array<[Partial<Parameters<typeof billInput>[0]>, string, RegExp]> = [
      [{ customerKey: "010-1234-5678" }, "customerKey", /전화번호는 고객번호로 쓸 수 없습니다/],
      [{ customerKey: "X".repeat(51) }, "customerKey", /50자/],
      [{ amount: 0 }, "amount", /1원 이상/],
      [{ amount: 1.5 }, "amount", /정수/],
      [{ taxFreeAmount: 30000 }, "taxFreeAmount", /비과세 금액은 청구 금액보다 클 수 없습니다/],
      [{ billedYearMonth: "202613" }, "billedYearMonth", /YYYYMM/],
      [{ payExpireDate: "20260231" }, "payExpireDate", /올바른 날짜가 아닙니다/],
      [{ expireType: "D2" }, "secondPayExpireDate", /두 번째 납기일이 필요합니다/],
      [
        { details: [{ type: "TABLE", title: "표", head: ["a", "b"], rows: [["1"]] }] },
        "details.0.rows",
        /같은 수의 칸/,
      ],
      [
        {
          details: [
            { type: "GRAPH", title: "g", points: Array.from({ length: 14 }, (_, i) => ({ x: String(i), y: i })) },
          ],
        },
        "details.0.points",
        /13개/,
      ],
      [
        { details: [{ type: "KEY_VALUE", title: "", rows: [{ key: "a", value: "b", level: 1 }] }] },
        "details.0.title",
        /항목 제목/,
      ],
    ];
    for (const [over, field, msg] of cases) {
      const r = await createBill(billInput(over), actor);
      expect(r.ok, field).toBe(false);
      if (!r.ok) {
        expect(fieldErrorsOf(r.error)?.[field], field).toMatch(msg);
        expect(r.error.message).toMatch(/[가-힣]/);
      }
    }
    expect([await db.bill.count(), await db.billedCustomer.count(), await db.billEvent.count()]).toEqual(before);
  });

  it("refuses a duplicate notice key and a second bill with the same customer / month / ordinal", async () => {
    const actor = await demoActor();
    const first = await newBill({ billerNoticeKey: `NK-${Date.now()}` });
    const dupKey = await createBill(billInput({ billerNoticeKey: first.billerNoticeKey }), actor);
    expect(!dupKey.ok && dupKey.error.message).toMatch(/이미 사용 중인 청구서 식별 코드/);
    const dupMonth = await createBill(billInput({ customerKey: first.billerUserKey }), actor);
    expect(!dupMonth.ok && dupMonth.error.message).toMatch(/회차를 입력해 구분/);
  });
});

describe("bill links through the agency sandbox", () => {
  it("create → url stored; create again → E818 offering re-create; re-create → a new url", async () => {
    const bill = await newBill();
    const r = await issue(bill.id, "create");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.url).toContain(`${sandboxUrl()}/dozn/bill/`);
    const again = await issue(bill.id, "create");
    expect(again).toMatchObject({
      ok: false,
      error: { code: "BILL_LINK_FAILED", details: { resultCode: "E818", offer: "recreate" } },
    });
    if (!again.ok) expect(linkFailureOf(again.error)?.actionText).toContain("링크 재생성");
    const re = await issue(bill.id, "recreate");
    expect(re.ok && re.value.url !== r.value.url).toBe(true);
    const links = await db.billLink.findMany({ where: { billId: bill.id }, orderBy: { createdAt: "asc" } });
    expect(links.map((l) => l.kind)).toEqual(["CREATE", "RECREATE"]);
    const events = await db.billEvent.findMany({
      where: { billId: bill.id, type: { startsWith: "dozn.link" } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.resultCode)).toEqual(["OK", "E818", "OK"]);
  });

  it("re-create before create → E812 offering create", async () => {
    const bill = await newBill();
    const r = await issue(bill.id, "recreate");
    expect(r).toMatchObject({
      ok: false,
      error: { code: "BILL_LINK_FAILED", details: { resultCode: "E812", offer: "create" } },
    });
    if (!r.ok) expect(r.error.message).toContain("등록되지 않은 청구서");
  });

  it("every other agency code of the create / re-create tables comes back in Korean with what to do", async () => {
    const bill = await newBill();
    const wrongBiller = createDoznClient({ baseUrl: sandboxUrl(), billerCode: "NOBODY", apiKey: "x" });
    const e003 = await issue(bill.id, "create", wrongBiller);
    expect(e003).toMatchObject({ ok: false, error: { code: "BILL_LINK_FAILED", details: { resultCode: "E003" } } });
    if (!e003.ok) expect(linkFailureOf(e003.error)?.actionText).toContain("빌러 코드");
    for (const [code, text] of [
      ["E005", "청구서 식별 코드"],
      ["E101", "부가 파라미터"],
      ["E811", "새 식별 코드"],
      ["E817", "에이전시(더즌)에 문의"],
      ["E801", "잠시 후 다시"],
    ] as const) {
      await armFault({ provider: "dozn", op: "create", mode: "error", code });
      const r = await issue(bill.id, "create");
      expect(r, code).toMatchObject({ ok: false, error: { code: "BILL_LINK_FAILED", details: { resultCode: code } } });
      if (!r.ok) expect(`${r.error.message} ${linkFailureOf(r.error)?.actionText}`, code).toContain(text);
    }
    expect(await db.billLink.count({ where: { billId: bill.id } })).toBe(0);
  });

  it("an agency that does not answer in time → TIMEOUT offering re-create, which recovers the link", async () => {
    const bill = await newBill();
    await armFault({ provider: "dozn", op: "create", mode: "timeout", delayMs: 2500 });
    const r = await issue(bill.id, "create");
    expect(r).toMatchObject({
      ok: false,
      error: { code: "BILL_LINK_FAILED", details: { resultCode: "TIMEOUT", offer: "recreate" } },
    });
    expect((await issue(bill.id, "recreate")).ok).toBe(true);
  });

  it("a paid bill gets no link; an expiry in the past is refused before calling the agency", async () => {
    const bill = await newBill();
    const a = await demoActor();
    const past = await issueBillLink({
      billId: bill.id,
      merchantId: a.merchantId,
      adminId: a.adminId,
      mode: "create",
      expireAt: new Date(Date.now() - 1000),
    });
    expect(past).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect((await callAgency("pay-result", payResult(bill))).body.res_code).toBe("OK");
    expect(await issue(bill.id, "create")).toMatchObject({
      ok: false,
      error: { code: "BILL_LINK_FAILED", details: { resultCode: "NOT_PAYABLE" } },
    });
  });
});

describe("bill list and CSV", () => {
  it("filters by status, month, customer and search; CSV has the same rows", async () => {
    const a = await demoActor();
    const bill = await newBill({ billedYearMonth: "202501", title: "검색용 청구서 ZQX" });
    const f = (o: Record<string, string>) => billFilterSchema.parse(o);
    expect((await listBills(a.merchantId, f({ customer: bill.billerUserKey }))).rows.map((r) => r.id)).toEqual([
      bill.id,
    ]);
    expect((await listBills(a.merchantId, f({ month: "2025-01", q: "zqx" }))).rows.map((r) => r.id)).toEqual([bill.id]);
    expect((await listBills(a.merchantId, f({ customer: bill.billerUserKey, status: "PAID" }))).total).toBe(0);
    expect(billFilterSchema.safeParse({ month: "2025-13" }).success).toBe(false);
    let csv = "";
    for await (const line of billsCsv(a.merchantId, f({ customer: bill.billerUserKey }))) csv += line;
    const lines = csv.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(bill.billerNoticeKey);
    expect(lines[1]).toContain("미납");
  });
});
