// Pure parts of the consent domain: the state machine, the customer input rules and the signer check.
import { describe, expect, it } from "vitest";
import { identityMismatches } from "./consents";
import { maskAccount, parseCmsInput, parseESignInput } from "./input";
import { canTransition, FINAL, statusFromProvider, transitions } from "./state";

const base = { name: "홍길동", phone: "010-1234-5678", birthday: "1990.01.31", bankName: "KB국민은행", accountNumber: "123456-01-234567", accountHolder: "홍길동" };
const now = new Date("2025-06-01T00:00:00Z");

describe("consent state machine", () => {
  it("final states never move, and a valid consent is only reached through a claimed verify", () => {
    for (const s of FINAL) expect(transitions[s]).toEqual([]);
    expect(canTransition("COMPLETED", "VERIFIED")).toBe(false);
    expect(canTransition("VERIFYING", "VERIFIED")).toBe(true);
    expect(canTransition("WAITING", "VERIFYING")).toBe(false);
    expect(statusFromProvider(0, false)).toBe("WAITING");
    expect(statusFromProvider(0, true)).toBe("VIEWED");
    expect([1, 2, 3, 4].map((n) => statusFromProvider(n, true))).toEqual(["COMPLETED", "EXPIRED", "REJECTED", "FAILED"]);
    expect(statusFromProvider(9, false)).toBeUndefined();
  });
});

describe("customer input", () => {
  it("normalises phone, birth date and account number", () => {
    expect(parseCmsInput(base, now)).toEqual({ ok: true, value: { ...base, phone: "01012345678", birthday: "19900131", accountNumber: "12345601234567" } });
  });
  it("names every bad field in Korean", () => {
    const r = parseCmsInput({ ...base, phone: "1234", birthday: "19901301", accountNumber: "", bankName: "", accountHolder: "a".repeat(21), name: "" }, now);
    expect(r).toEqual({
      ok: false,
      errors: {
        name: "이름을 입력해 주세요.",
        phone: "휴대폰 번호를 정확히 입력해 주세요. (예: 010-1234-5678)",
        birthday: "생년월일 8자리를 정확히 입력해 주세요. (예: 19900131)",
        bankName: "출금 은행을 선택해 주세요.",
        accountNumber: "계좌번호를 숫자로 정확히 입력해 주세요. (6~20자리, '-' 가능)",
        accountHolder: "예금주명은 한글 또는 영문 20자 이내로 입력해 주세요.",
      },
    });
    expect(parseESignInput({ name: "홍길동", phone: "01012345678", birthday: "19900131", document: "service-contract" }, now)).toEqual({
      ok: false,
      errors: { agree: "문서 내용을 확인하고 동의란에 체크해 주세요." },
    });
  });
  it("masks account numbers", () => {
    expect(maskAccount("12345601234567")).toBe("123********567");
    expect(maskAccount("123456")).toBe("12****");
  });
});

describe("signer check", () => {
  const row = { customerName: "홍길동", customerBirthday: "19900131", customerPhone: "01012345678", bankAccountName: "홍길동" };
  const signer = { name: "홍길동", birthday: "19900131", phone: "01012345678", gender: "MALE" };
  it("matches the customer and the account holder", () => {
    expect(identityMismatches(signer, row)).toEqual([]);
    expect(identityMismatches({ ...signer, name: "홍 길동" }, row)).toEqual([]);
  });
  it("lists every field that differs", () => {
    expect(identityMismatches({ ...signer, name: "김철수", phone: "01099998888" }, row)).toEqual(["name", "phone", "accountHolder"]);
    expect(identityMismatches(signer, { ...row, bankAccountName: "김철수" })).toEqual(["accountHolder"]);
    expect(identityMismatches({ ...signer, birthday: "19900201" }, row)).toEqual(["birthday"]);
  });
});
