import { describe, expect, it } from "vitest";
import { subjectParticle } from "./view";

describe("subjectParticle", () => {
  it("puts 가 after a vowel and 이 after a final consonant", () => {
    expect(subjectParticle("자동이체 출금동의")).toBe("자동이체 출금동의가");
    expect(subjectParticle("전자서명")).toBe("전자서명이");
    expect(subjectParticle("이용계약서")).toBe("이용계약서가");
  });
  it("falls back to 이(가) after a non-Hangul ending", () => {
    expect(subjectParticle("CMS")).toBe("CMS이(가)");
  });
});
