import { describe, expect, it } from "vitest";
import { kstDate, kstDateKo, kstDateTime, kstDateTimeKo } from "./kst";

describe("KST formatter", () => {
  it("uses 오전/오후 and a 12-hour clock in Korea's time zone", () => {
    expect(kstDateTimeKo(new Date("2026-11-30T15:18:00Z"))).toBe("2026. 12. 1. 오전 12:18");
    expect(kstDateTimeKo(new Date("2026-11-30T03:00:00Z"))).toBe("2026. 11. 30. 오후 12:00");
    expect(kstDateTimeKo(new Date("2026-11-30T06:05:00Z"))).toBe("2026. 11. 30. 오후 3:05");
    expect(kstDateTimeKo(new Date("2026-11-29T23:59:00Z"))).toBe("2026. 11. 30. 오전 8:59");
    expect(kstDateKo(new Date("2026-12-31T15:00:00Z"))).toBe("2027. 1. 1.");
  });
});

describe("KST formatter for staff screens and exports", () => {
  it("uses a 00–23 clock, never 24", () => {
    expect(kstDateTime(new Date("2026-11-30T15:24:48Z"))).toBe("2026-12-01 00:24:48");
    expect(kstDate(new Date("2026-11-30T15:24:48Z"))).toBe("2026-12-01");
    expect(kstDateTime(new Date("2026-12-01T14:59:59Z"))).toBe("2026-12-01 23:59:59");
    expect(kstDateTime(null)).toBe("-");
    expect(kstDateTime(new Date(Number.NaN))).toBe("-");
  });
});
