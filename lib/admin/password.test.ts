import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, SCRYPT, verifyPassword } from "./password";

describe("admin passwords", () => {
  it("hashes with a salt at N=2^17, r=8, p=1 and verifies", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct");
    expect(a.startsWith(`scrypt$${2 ** 17}$8$1$`)).toBe(true);
    expect(SCRYPT).toMatchObject({ N: 131072, r: 8, p: 1 });
    expect(await verifyPassword("correct horse", a)).toBe(true);
    expect(await verifyPassword("wrong", a)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
    expect(needsRehash(a)).toBe(false);
  }, 30_000); // four scrypt runs at 128 MiB each: ~1 s apiece alone, several on a shared 2-core box

  it("still verifies an old N=2^14 hash and says it needs a rehash", async () => {
    const salt = randomBytes(16);
    const old = `scrypt$16384$8$1$${salt.toString("base64")}$${scryptSync("old pw", salt, 32, { N: 16384, r: 8, p: 1 }).toString("base64")}`;
    expect(await verifyPassword("old pw", old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  }, 30_000);

  it("refuses forged parameters instead of computing them", async () => {
    const salt = Buffer.alloc(16).toString("base64");
    const hash = Buffer.alloc(32).toString("base64");
    for (const bad of [
      `scrypt$${2 ** 30}$8$1$${salt}$${hash}`,
      `scrypt$1000$8$1$${salt}$${hash}`,
      `scrypt$16384$999$1$${salt}$${hash}`,
      `scrypt$16384$8$1$$${hash}`,
    ]) {
      expect(await verifyPassword("x", bad)).toBe(false);
    }
  });
});
