// Pure parts of the consent domain: the state machine, the customer input rules and the signer check.
import { describe, expect, it } from "vitest";
import { identityMismatches } from "./consents";
import { maskAccount, parseCmsInput, parseESignInput } from "./input";
import type { ConsentStatus } from "../generated/prisma/enums";
import {
  canTransition,
  FINAL,
  ForbiddenConsentTransition,
  IN_FLIGHT,
  sourcesOf,
  statusFromProvider,
  transition,
  transitions,
} from "./state";

const base = {
  name: "홍길동",
  phone: "010-1234-5678",
  birthday: "1990.01.31",
  bankName: "KB국민은행",
  accountNumber: "123456-01-234567",
  accountHolder: "홍길동",
};
const now = new Date("2025-06-01T00:00:00Z");

describe("consent state machine", () => {
  it("final states never move, and a valid consent is only reached through a claimed verify", () => {
    for (const s of FINAL) expect(transitions[s]).toEqual([]);
    expect(canTransition("COMPLETED", "VERIFIED")).toBe(false);
    expect(canTransition("VERIFYING", "VERIFIED")).toBe(true);
    expect(canTransition("WAITING", "VERIFYING")).toBe(false);
    // (the provider's state numbers → these names: lib/providers/linkhub/consent.test.ts)
    expect(statusFromProvider("waiting", false)).toBe("WAITING");
    expect(statusFromProvider("waiting", true)).toBe("VIEWED");
    expect((["signed", "expired", "refused", "failed"] as const).map((n) => statusFromProvider(n, true))).toEqual([
      "COMPLETED",
      "EXPIRED",
      "REJECTED",
      "FAILED",
    ]);
    expect(statusFromProvider("unknown", false)).toBeUndefined();
  });
});

describe("consent transitions", () => {
  // a client that fails the test if the writer touches the database
  const noDb = new Proxy(
    {},
    {
      get: (_t, p) => {
        throw new Error(`database touched (${String(p)}) for a forbidden move`);
      },
    },
  ) as never;
  const event = { type: "test", message: "test" };

  it("a move the table forbids throws before anything is written", async () => {
    const forbidden: Array<[ConsentStatus, ConsentStatus]> = [
      ["COMPLETED", "VERIFIED"], // a valid consent only through a claimed verify
      ["VERIFY_UNKNOWN", "VERIFIED"], // …never without the signed data of a claimed call
      ["NEEDS_REVIEW", "VERIFIED"],
      ["FAILED", "WAITING"],
      ["VERIFIED", "FAILED"],
      ["VERIFY_UNKNOWN", "COMPLETED"],
      ["WAITING", "VERIFYING"],
    ];
    for (const [from, to] of forbidden) {
      expect(canTransition(from, to)).toBe(false);
      await expect(transition(noDb, "c1", to, { from, event })).rejects.toThrow(ForbiddenConsentTransition);
    }
    await expect(transition(noDb, "c1", "VERIFIED", { from: ["VERIFYING", "COMPLETED"], event })).rejects.toThrow(
      "COMPLETED → VERIFIED",
    );
  });

  it("unknown is not failed: a lost verify is retried or reviewed, and only a claim reaches VERIFIED", () => {
    expect(sourcesOf("VERIFIED")).toEqual(["VERIFYING"]);
    expect(sourcesOf("NEEDS_REVIEW").sort()).toEqual(["VERIFYING", "VERIFY_UNKNOWN"]);
    expect(transitions.VERIFY_UNKNOWN).toEqual(["VERIFYING", "NEEDS_REVIEW", "FAILED"]);
    expect(canTransition("VERIFYING", "VERIFY_UNKNOWN")).toBe(true);
    expect(IN_FLIGHT).toContain("VERIFY_UNKNOWN");
    expect(FINAL).toContain("NEEDS_REVIEW");
    for (const s of Object.keys(transitions) as ConsentStatus[])
      expect(FINAL.includes(s) !== IN_FLIGHT.includes(s)).toBe(true);
  });
});

describe("customer input", () => {
  it("normalises phone, birth date and account number", () => {
    expect(parseCmsInput(base, now)).toEqual({
      ok: true,
      value: { ...base, phone: "01012345678", birthday: "19900131", accountNumber: "12345601234567" },
    });
  });
  it("names every bad field in Korean", () => {
    const r = parseCmsInput(
      {
        ...base,
        phone: "1234",
        birthday: "19901301",
        accountNumber: "",
        bankName: "",
        accountHolder: "a".repeat(21),
        name: "",
      },
      now,
    );
    expect(r).toEqual({
      ok: false,
      errors: {
        name: "이름을 입력해 주세요.",
        phone: "휴대폰 번호를 정확히 입력해 주세요. (예: 010-1234-5678)",
        birthday: "생년월일 8자리를 정확히 입력해 주세요. (예: 19900131)",
        bankName: "출금 은행을 선택해 주세요.",
        accountNumber: "계좌번호를 숫자로 정확히 입력해 주세요. (6~31자리, '-' 가능)",
        accountHolder: "예금주명은 한글 또는 영문 20자 이내로 입력해 주세요.",
      },
    });
    expect(
      parseESignInput(
        { name: "홍길동", phone: "01012345678", birthday: "19900131", document: "service-contract" },
        now,
      ),
    ).toEqual({
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
  const row = {
    customerName: "홍길동",
    customerBirthday: "19900131",
    customerPhone: "01012345678",
    bankAccountName: "홍길동",
  };
  const signer = { name: "홍길동", birthday: "19900131", phone: "01012345678", gender: "MALE" };
  it("matches the customer and the account holder", () => {
    expect(identityMismatches(signer, row)).toEqual([]);
    expect(identityMismatches({ ...signer, name: "홍 길동" }, row)).toEqual([]);
  });
  it("lists every field that differs", () => {
    expect(identityMismatches({ ...signer, name: "김철수", phone: "01099998888" }, row)).toEqual([
      "name",
      "phone",
      "accountHolder",
    ]);
    expect(identityMismatches(signer, { ...row, bankAccountName: "김철수" })).toEqual(["accountHolder"]);
    expect(identityMismatches({ ...signer, birthday: "19900201" }, row)).toEqual(["birthday"]);
  });
});
