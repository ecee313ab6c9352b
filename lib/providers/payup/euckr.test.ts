import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeEucKr, encodeEucKr, encodeEucKrForm, isEucKrEncodable, parseEucKrForm, toEucKrSafe } from "./euckr";

describe("EUC-KR", () => {
  it("round-trips Korean product and buyer names through a form body", () => {
    const fields = {
      good_name: "제주 감귤 5kg 외 2건",
      buyr_name: "홍길동",
      res_msg: "정상처리",
      note: "a+b=c & 100%",
    };
    const wire = encodeEucKrForm(fields);
    expect(wire).toContain("buyr_name=%C8%AB%B1%E6%B5%BF"); // 홍길동
    expect(wire).toContain("res_msg=%C1%A4%BB%F3%C3%B3%B8%AE"); // 정상처리
    expect(wire).toContain("note=a%2Bb%3Dc+%26+100%25");
    expect(parseEucKrForm(Buffer.from(wire, "latin1"))).toEqual(fields);
    expect(parseEucKrForm(wire)).toEqual(fields);
  });

  it("handles CP949 extension syllables (똠, 햏) and raw EUC-KR bytes", () => {
    const name = "똠양꿍 햏 세트";
    expect(isEucKrEncodable(name)).toBe(true);
    expect(decodeEucKr(encodeEucKr(name))).toBe(name);
    const raw = Buffer.concat([Buffer.from("good_name="), iconv.encode(name, "euc-kr"), Buffer.from("&x=1")]);
    expect(parseEucKrForm(raw)).toEqual({ good_name: name, x: "1" });
  });

  it("decodes the numeric references browsers send for characters outside EUC-KR", () => {
    expect(parseEucKrForm("good_name=%B0%A8%B1%D6%26%23127818%3B")).toEqual({ good_name: "감귤🍊" });
    expect(isEucKrEncodable("감귤🍊")).toBe(false);
    expect(toEucKrSafe("감귤🍊 세트")).toBe("감귤  세트");
  });

  it("ignores empty parts, keeps the first of repeated names, accepts Uint8Array / ArrayBuffer", () => {
    const u8 = new TextEncoder().encode("a=1&&a=2&b=&c");
    expect(parseEucKrForm(u8)).toEqual({ a: "1", b: "", c: "" });
    expect(parseEucKrForm(u8.buffer as ArrayBuffer)).toEqual({ a: "1", b: "", c: "" });
  });
});
