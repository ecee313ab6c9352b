import { describe, expect, it } from "vitest";
import { checkEntries, checkPath, checkQuery, checkValue, hasControlChars, isRealDate, isRealDateTime } from "./guard";

describe("input guard", () => {
  it("refuses NUL and other C0 controls; tab and newlines only in multi-line fields", () => {
    expect(hasControlChars("abc\u0000")).toBe(true);
    expect(hasControlChars("a\u0001b")).toBe(true);
    expect(hasControlChars("a\u007fb")).toBe(true);
    expect(hasControlChars("a\tb")).toBe(true);
    expect(hasControlChars("a\tb\r\nc", { multiline: true })).toBe(false);
    expect(hasControlChars("a\u0000b", { multiline: true })).toBe(true);
    expect(hasControlChars("김카카오 010-1234-5678 😀")).toBe(false);
    expect(checkValue("name", "홍길동\n")).toMatchObject({ reason: "control" });
    expect(checkValue("memo", "문 앞에\n놓아 주세요")).toBeNull();
    expect(checkValue("name", "\ud800x")).toMatchObject({ reason: "encoding" });
  });

  it("knows impossible dates", () => {
    for (const d of ["2024-02-29", "2023-12-31", "20240101", "2000-02-29"]) expect(isRealDate(d), d).toBe(true);
    for (const d of ["2024-13-01", "0000-00-00", "2023-02-29", "2024-04-31", "1900-02-29", "2024-00-10", "9999-99-99"])
      expect(isRealDate(d), d).toBe(false);
    expect(isRealDateTime("2026-01-31T23:59")).toBe(true);
    expect(isRealDateTime("2026-02-30T10:00")).toBe(false);
    expect(isRealDateTime("2026-01-01T24:00")).toBe(false);
    expect(checkValue("from", "2024-13-01")).toMatchObject({ reason: "date" });
    expect(checkValue("birthday", "19901331")).toMatchObject({ reason: "date" });
    expect(checkValue("phone", "01012345678")).toBeNull(); // 11 digits: not a date
    expect(checkValue("q", "12345678")).toBeNull(); // 8 digits in a search box: not a date
    expect(checkValue("expireAt", "2026-02-30T10:00")).toMatchObject({ reason: "date" });
  });

  it("checks URL paths, queries and form entries", () => {
    expect(checkPath("/orders/KC261123-ABC234")).toBeNull();
    expect(checkPath("/orders/KC%00")).toMatchObject({ reason: "control" });
    expect(checkPath("/orders/%E0%A4%A")).toMatchObject({ reason: "encoding" });
    expect(checkQuery("?payment=abc%00")).toMatchObject({ reason: "control" });
    expect(checkQuery("?from=2024-13-01&to=2024-01-01")).toMatchObject({ reason: "date", field: "from" });
    expect(checkQuery("?q=%ED%99%8D%EA%B8%B8%EB%8F%99&from=2024-02-29")).toBeNull();
    expect(checkQuery("?q=%E0%A4%A")).toMatchObject({ reason: "encoding" });
    expect(checkQuery("?note=a%0Ab")).toMatchObject({ reason: "control" }); // no multi-line query fields
    expect(
      checkEntries([
        ["1_name", "x"],
        ["1_memo", "a\nb"],
      ]),
    ).toBeNull();
    expect(checkEntries([["1_name", "x\u0000"]])).toMatchObject({ field: "name" });
    expect(checkEntries([["na\u0000me", "x"]])).toMatchObject({ reason: "control" });
  });
});

describe("parsed JSON", () => {
  it("finds control characters that JSON escapes hid", async () => {
    const { checkDeep } = await import("./guard");
    expect(checkDeep(JSON.parse('{"title":"a\\u0000b"}'))).toMatchObject({ reason: "control", field: "title" });
    expect(checkDeep(JSON.parse('{"details":[{"lines":["a\\nb"]}]}'), { multiline: true })).toBeNull();
    expect(checkDeep(JSON.parse('{"details":[{"lines":["a\\u0001b"]}]}'), { multiline: true })).toMatchObject({
      reason: "control",
    });
    expect(checkDeep(JSON.parse('{"payExpireDate":"2024-13-01"}'))).toMatchObject({ reason: "date" });
    expect(checkDeep(JSON.parse('{"a\\u0000":1}'))).toMatchObject({ reason: "control" });
  });
});
