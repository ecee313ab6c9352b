// Staff passwords are hashed at OWASP's scrypt parameters; an account still on the old ones is
// upgraded at its next successful login, and only then.
import { randomBytes, randomUUID, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { login } from "@/lib/admin/sessions";

const oldHash = (pw: string) => {
  const salt = randomBytes(16);
  return `scrypt$16384$8$1$${salt.toString("base64")}$${scryptSync(pw, salt, 32, { N: 16384, r: 8, p: 1 }).toString("base64")}`;
};

describe("admin password hashes", () => {
  it("an N=2^14 hash still logs in and is rehashed to N=2^17; a wrong password changes nothing", async () => {
    const merchant = await db.merchant.findUniqueOrThrow({ where: { code: "KC" } });
    const email = `old-${randomUUID().slice(0, 8)}@kakao-checkout.test`;
    const stored = oldHash("old-password-1");
    await db.adminUser.create({ data: { merchantId: merchant.id, email, name: "옛 관리자", passwordHash: stored } });

    expect((await login({ email, password: "wrong" })).ok).toBe(false);
    expect((await db.adminUser.findUniqueOrThrow({ where: { email } })).passwordHash).toBe(stored);

    expect((await login({ email, password: "old-password-1" })).ok).toBe(true);
    const upgraded = (await db.adminUser.findUniqueOrThrow({ where: { email } })).passwordHash;
    expect(upgraded.startsWith("scrypt$131072$8$1$")).toBe(true);
    expect((await login({ email, password: "old-password-1" })).ok).toBe(true);
    expect((await db.adminUser.findUniqueOrThrow({ where: { email } })).passwordHash).toBe(upgraded); // not again
  });
});
