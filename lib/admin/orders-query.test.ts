import { describe, expect, it } from "vitest";
import { csvCell, orderFilterSchema, whereFor } from "./orders-query";

describe("admin order filters", () => {
  it("parses query strings with defaults and rejects bad values", () => {
    expect(orderFilterSchema.parse({})).toMatchObject({ page: 1, pageSize: 20 });
    expect(orderFilterSchema.parse({ status: "", from: "" })).toMatchObject({ status: undefined, from: undefined });
    expect(orderFilterSchema.safeParse({ status: "HACKED" }).success).toBe(false);
    expect(orderFilterSchema.safeParse({ from: "2026/11/01" }).success).toBe(false);
    expect(orderFilterSchema.safeParse({ pageSize: 1000 }).success).toBe(false);
  });
  it("refuses dates that match the pattern but are not days, and control characters in the search", () => {
    for (const d of ["2024-13-01", "0000-00-00", "2023-02-29", "2024-04-31"])
      expect(orderFilterSchema.safeParse({ from: d }).success, d).toBe(false);
    expect(orderFilterSchema.safeParse({ to: "2024-02-29" }).success).toBe(true);
    expect(orderFilterSchema.safeParse({ q: "KC\u0000" }).success).toBe(false);
  });
  it("filters by KST day boundaries", () => {
    const w = whereFor("m1", orderFilterSchema.parse({ from: "2026-11-23", to: "2026-11-23" }));
    expect(w.createdAt).toEqual({ gte: new Date("2026-11-22T15:00:00Z"), lt: new Date("2026-11-23T15:00:00Z") });
  });
  it("escapes CSV cells and defuses formulas", () => {
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell(1000)).toBe("1000");
    expect(csvCell(new Date("2026-11-23T15:30:05Z"))).toBe("2026-11-24 00:30:05"); // KST
  });
});

describe("admin order display and ranges", () => {
  it("tells unpaid orders apart by their latest attempt", async () => {
    const { orderDisplay } = await import("./order-display");
    const labels = new Set(
      ([null, "READY", "ABORTED", "FAILED", "EXPIRED", "UNKNOWN"] as const).map(
        (p) => orderDisplay("PENDING", p).label,
      ),
    );
    labels.add(orderDisplay("CLOSED", "ABORTED").label);
    expect(labels.size).toBe(7);
    expect(orderDisplay("PENDING", null).label).toBe("결제 대기");
    expect(orderDisplay("PAID", "APPROVED").label).toBe("결제 완료");
  });
  it("a reversed date range is an error, not an empty list", () => {
    const r = orderFilterSchema.safeParse({ from: "2026-12-01", to: "2026-11-01" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain("시작일이 종료일보다 늦습니다");
  });
});
