import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  accountLast4,
  generateKeyEntry,
  isSealed,
  keyIdOf,
  needsReseal,
  open,
  parseKeyring,
  PiiError,
  seal,
} from "./pii-crypto";

const k = (id: string) => `${id}:${randomBytes(32).toString("base64")}`;
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof PiiError ? e.code : `not a PiiError: ${String(e)}`;
  }
  return "no error";
};

describe("PII encryption (AES-256-GCM, key id beside each value)", () => {
  const k1 = k("k1");
  const ring = parseKeyring(k1);

  it("round trip; every sealing uses a fresh IV; the value carries its key id and never the plaintext", () => {
    const a = seal(ring, "12345601234567");
    const b = seal(ring, "12345601234567");
    expect(a).not.toBe(b);
    expect(a.startsWith("pii1.k1.")).toBe(true);
    expect(a).not.toContain("12345601234567");
    expect(isSealed(a)).toBe(true);
    expect(keyIdOf(a)).toBe("k1");
    expect(open(ring, a)).toBe("12345601234567");
    expect(open(ring, seal(ring, "홍길동 1990", "name"), "name")).toBe("홍길동 1990");
    expect(open(ring, seal(ring, ""))).toBe("");
  });

  it("a value sealed under a key id the keyring does not have is refused (UNKNOWN_KEY)", () => {
    const other = parseKeyring(k("k2"));
    expect(code(() => open(ring, seal(other, "12345601234567")))).toBe("UNKNOWN_KEY");
  });

  it("the same key id with different key material does not authenticate (TAMPERED)", () => {
    expect(code(() => open(parseKeyring(k("k1")), seal(ring, "12345601234567")))).toBe("TAMPERED");
  });

  it("tampered ciphertext, tag or IV, or a value opened as another kind, is refused", () => {
    const s = seal(ring, "12345601234567");
    const [p, id, b64] = s.split(".") as [string, string, string];
    const body = Buffer.from(b64, "base64url");
    for (const at of [0, 12, body.length - 1]) {
      const t = Buffer.from(body);
      t[at] = t[at]! ^ 1;
      expect(
        code(() => open(ring, `${p}.${id}.${t.toString("base64url")}`)),
        `byte ${at}`,
      ).toBe("TAMPERED");
    }
    expect(code(() => open(ring, s, "phone"))).toBe("TAMPERED");
    expect(code(() => open(ring, `${p}.${id}.${body.subarray(0, 20).toString("base64url")}`))).toBe("MALFORMED");
    expect(code(() => open(ring, "12345601234567"))).toBe("MALFORMED");
    expect(code(() => open(ring, "pii1.k1.not base64!"))).toBe("MALFORMED");
  });

  it("rotation: with the new key current and the old one still listed, old values open and new ones use the new key", () => {
    const k2 = k("k2");
    const old = seal(ring, "11122233334444");
    const rotated = parseKeyring(`${k2},${k1}`, "k2");
    expect(open(rotated, old)).toBe("11122233334444");
    expect(needsReseal(rotated, old)).toBe(true);
    const resealed = seal(rotated, open(rotated, old));
    expect(keyIdOf(resealed)).toBe("k2");
    expect(needsReseal(rotated, resealed)).toBe(false);
    // once every row is resealed, the old key can go
    expect(open(parseKeyring(k2), resealed)).toBe("11122233334444");
    expect(code(() => open(parseKeyring(k2), old))).toBe("UNKNOWN_KEY");
  });

  it("keyring configuration errors are readable and never contain the key", () => {
    const shortKey = randomBytes(16).toString("base64");
    for (const [spec, id, re] of [
      ["", undefined, /empty/],
      [`k1:${shortKey}`, undefined, /32 bytes/],
      [`bad id:${randomBytes(32).toString("base64")}`, undefined, /id/],
      [`${k1},${k1}`, undefined, /twice/],
      [k1, "k2", /PII_KEY_ID/],
    ] as const) {
      let msg = "";
      try {
        parseKeyring(spec, id);
      } catch (e) {
        msg = (e as Error).message;
      }
      expect(msg).toMatch(re);
      expect(msg).not.toContain(shortKey);
    }
    expect(parseKeyring(`${k("a")}, ${k("b")}`).currentId).toBe("a"); // default: the first listed
    expect(parseKeyring(generateKeyEntry("k7")).currentId).toBe("k7");
    // base64url key material is accepted too
    expect(parseKeyring(`u1:${randomBytes(32).toString("base64url")}`).keys.get("u1")).toHaveLength(32);
  });

  it("last four digits", () => {
    expect(accountLast4("123456-01-234567")).toBe("4567");
  });
});
