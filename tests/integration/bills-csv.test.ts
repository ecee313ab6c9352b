// The bills CSV as staff open it in Excel: KST dates (a bill written at 00:24 KST on 12-01 is dated
// 12-01, not the UTC day before), Korean labels, paid and cancelled amounts with their dates, the
// payment method and card company in words — and a bad filter refused before a byte of CSV.
import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("./next-harness").then((m) => m.nextHeaders));

import { db } from "@/lib/db";
import { login } from "@/lib/admin/sessions";
import { BILL_CSV_HEADER } from "@/lib/bills/csv";
import { DEMO_ADMIN } from "@/lib/seed";
import { GET as billsExport } from "@/app/api/admin/bills/export/route";
import { callAgency, cancelOf, newBill, payResult } from "./bills-helpers";
import { dispatch, get, routeCall } from "./next-harness";

async function ownerCookie() {
  const s = await login({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password });
  if (!s.ok) throw new Error("demo owner login failed");
  return `kc_admin=${s.value.token}`;
}

/** RFC 4180 fields of one CSV line (quoted fields may hold commas). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

describe("bills CSV export", () => {
  it("is in KST with Korean labels, amounts, payment and cancel dates", async () => {
    const cookie = await ownerCookie();
    const bill = await newBill({ title: "12월 관리비, 101동", amount: 29000, taxFreeAmount: 4000 });
    // Written at 00:24:45 KST on 2026-12-01 = 15:24:45 UTC on 11-30.
    await db.bill.update({ where: { id: bill.id }, data: { createdAt: new Date("2026-11-30T15:24:45Z") } });
    const paid = payResult(bill, { paid_at: "20261201003010", pay_detail2: "SHINHAN" });
    expect((await callAgency("pay-result", paid)).body.res_code).toBe("OK");
    expect((await callAgency("pay-result", { ...cancelOf(paid, 9000), paid_at: "20261201014500" })).body.res_code).toBe(
      "OK",
    );

    const res = await dispatch(
      get(`/api/admin/bills/export?customer=${bill.billerUserKey}`, { cookie }),
      routeCall(billsExport as never),
    );
    expect(res.status, String((res.thrown as Error | undefined)?.stack ?? res.body)).toBe(200);
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines).toHaveLength(2);
    const header = fields(lines[0]!);
    expect(header).toEqual([...BILL_CSV_HEADER]);
    const row = Object.fromEntries(header.map((h, i) => [h, fields(lines[1]!)[i]]));
    expect(row).toMatchObject({
      "청구서 식별 코드": bill.billerNoticeKey,
      고객번호: bill.billerUserKey,
      청구서명: "12월 관리비, 101동",
      "청구 금액": "29000",
      비과세: "4000",
      "납부 기한": "납기일까지",
      상태: "부분 취소",
      "납부 금액": "29000",
      "최근 납부일시(KST)": "2026-12-01 00:30:10",
      결제수단: "카드",
      카드사: "신한카드",
      결제번호: String(paid.pay_id),
      "취소 금액": "9000",
      "최근 취소일시(KST)": "2026-12-01 01:45:00",
      링크: "미발급",
      "작성일시(KST)": "2026-12-01 00:24:45",
    });
    // No raw codes or UTC stamps anywhere in the row.
    expect(lines[1]).not.toMatch(/PARTIALLY_CANCELLED|\bD1\b|\bCARD\b|SHINHAN|T\d{2}:\d{2}|Z\b/);
  });

  it("refuses a reversed or impossible date range with a message, before any CSV is sent", async () => {
    const cookie = await ownerCookie();
    const reversed = await dispatch(
      get("/api/admin/bills/export?from=2026-12-02&to=2026-12-01", { cookie }),
      routeCall(billsExport as never),
    );
    expect(reversed.status, String((reversed.thrown as Error | undefined)?.stack ?? reversed.body)).toBe(400);
    expect(reversed.body).toContain("시작일이 종료일보다 늦습니다");
    expect(reversed.body).not.toContain("청구서 식별 코드");
    const impossible = await dispatch(
      get("/api/admin/bills/export?from=2026-02-31", { cookie }),
      routeCall(billsExport as never),
    );
    expect(impossible.status).toBe(400);
    expect(impossible.body).toMatch(/존재하지 않는 날짜|달력에 없는 날짜/); // the input layer (proxy) or the export's own check
    const badStatus = await dispatch(
      get("/api/admin/bills/export?status=PAYED", { cookie }),
      routeCall(billsExport as never),
    );
    expect(badStatus.status).toBe(400);
  });
});
