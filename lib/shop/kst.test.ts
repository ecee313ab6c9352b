import { describe, expect, it } from "vitest";
import { kstDate, kstDateTime } from "./kst";

describe("KST formatter", () => {
  it("uses 오전/오후 and a 12-hour clock in Korea's time zone", () => {
    expect(kstDateTime(new Date("2026-11-30T15:18:00Z"))).toBe("2026. 12. 1. 오전 12:18");
    expect(kstDateTime(new Date("2026-11-30T03:00:00Z"))).toBe("2026. 11. 30. 오후 12:00");
    expect(kstDateTime(new Date("2026-11-30T06:05:00Z"))).toBe("2026. 11. 30. 오후 3:05");
    expect(kstDateTime(new Date("2026-11-29T23:59:00Z"))).toBe("2026. 11. 30. 오전 8:59");
    expect(kstDate(new Date("2026-12-31T15:00:00Z"))).toBe("2027. 1. 1.");
  });
});
