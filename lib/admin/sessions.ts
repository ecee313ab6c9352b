// Staff sessions: a random token in an httpOnly cookie; only its SHA-256 is stored.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db as defaultDb, type Db } from "../db";
import { appError, err, ok, type Result } from "../errors";
import { dummyHash, hashPassword, needsRehash, verifyPassword } from "./password";

export const SESSION_COOKIE = "kc_admin";
export const SESSION_TTL_MS = 12 * 3600 * 1000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email("이메일 형식이 올바르지 않습니다.").max(200),
  password: z.string().min(1, "비밀번호를 입력해 주세요.").max(200),
});

export type AdminIdentity = { adminId: string; merchantId: string; name: string; email: string };

export async function login(input: unknown, deps: { db?: Db } = {}): Promise<Result<{ token: string; expiresAt: Date }>> {
  const db = deps.db ?? defaultDb;
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) return err(appError("VALIDATION", parsed.error.issues[0]?.message));
  const user = await db.adminUser.findUnique({ where: { email: parsed.data.email } });
  // Same work and the same message whether or not the user exists.
  const okPw = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !okPw) return err(appError("UNAUTHORIZED", "이메일 또는 비밀번호가 올바르지 않습니다."));
  // Hashes made with older parameters are upgraded now that we know the password (compare-and-set
  // on the old hash, so a concurrent password change wins).
  if (needsRehash(user.passwordHash)) {
    await db.adminUser.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash: await hashPassword(parsed.data.password) } });
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.adminSession.create({ data: { tokenHash: sha256(token), adminUserId: user.id, expiresAt } });
  await db.adminSession.deleteMany({ where: { adminUserId: user.id, expiresAt: { lt: new Date() } } });
  return ok({ token, expiresAt });
}

export async function sessionFromToken(token: string | undefined, deps: { db?: Db } = {}): Promise<AdminIdentity | null> {
  if (!token || token.length > 100) return null;
  const db = deps.db ?? defaultDb;
  const s = await db.adminSession.findUnique({ where: { tokenHash: sha256(token) }, include: { adminUser: true } });
  if (!s || s.expiresAt < new Date()) return null;
  return { adminId: s.adminUser.id, merchantId: s.adminUser.merchantId, name: s.adminUser.name, email: s.adminUser.email };
}

export async function logout(token: string | undefined, deps: { db?: Db } = {}) {
  if (!token) return;
  const db = deps.db ?? defaultDb;
  await db.adminSession.deleteMany({ where: { tokenHash: sha256(token) } });
}
