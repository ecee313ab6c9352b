// Staff sessions: a random token in an httpOnly cookie; only its SHA-256 is stored.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db as defaultDb, type Db } from "../db";
import { appError, err, ok, type Result } from "../errors";
import type { AdminRole } from "../generated/prisma/enums";
import { dummyHash, hashPassword, needsRehash, verifyPassword } from "./password";

export const SESSION_COOKIE = "kc_admin";
export const SESSION_TTL_MS = 12 * 3600 * 1000;

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email("이메일 형식이 올바르지 않습니다.").max(200),
  password: z.string().min(1, "비밀번호를 입력해 주세요.").max(200),
});

export type AdminIdentity = { adminId: string; merchantId: string; name: string; email: string; role: AdminRole };

export type LoginResult = { token: string; expiresAt: Date; admin: AdminIdentity };

/** On failure the error's details carry `{ adminId, merchantId }` when the e-mail belongs to an account (for the audit log). */
export async function login(input: unknown, deps: { db?: Db } = {}): Promise<Result<LoginResult>> {
  const db = deps.db ?? defaultDb;
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) return err(appError("VALIDATION", parsed.error.issues[0]?.message));
  const user = await db.adminUser.findUnique({ where: { email: parsed.data.email } });
  // Same work and the same message whether or not the user exists (or is disabled).
  const okPw = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !okPw || user.disabledAt) {
    return err(
      appError(
        "UNAUTHORIZED",
        "이메일 또는 비밀번호가 올바르지 않습니다.",
        user ? { adminId: user.id, merchantId: user.merchantId, disabled: !!user.disabledAt } : undefined,
      ),
    );
  }
  // Hashes made with older parameters are upgraded now that we know the password (compare-and-set
  // on the old hash, so a concurrent password change wins).
  if (needsRehash(user.passwordHash)) {
    await db.adminUser.updateMany({
      where: { id: user.id, passwordHash: user.passwordHash },
      data: { passwordHash: await hashPassword(parsed.data.password) },
    });
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.adminSession.create({ data: { tokenHash: sha256(token), adminUserId: user.id, expiresAt } });
  await db.adminSession.deleteMany({ where: { adminUserId: user.id, expiresAt: { lt: new Date() } } });
  return ok({
    token,
    expiresAt,
    admin: { adminId: user.id, merchantId: user.merchantId, name: user.name, email: user.email, role: user.role },
  });
}

/** The session's staff member, read fresh each request: a role change applies at once, a disabled account has no session. */
export async function sessionFromToken(
  token: string | undefined,
  deps: { db?: Db } = {},
): Promise<AdminIdentity | null> {
  if (!token || token.length > 100) return null;
  const db = deps.db ?? defaultDb;
  const s = await db.adminSession.findUnique({ where: { tokenHash: sha256(token) }, include: { adminUser: true } });
  if (!s || s.expiresAt < new Date() || s.adminUser.disabledAt) return null;
  const u = s.adminUser;
  return { adminId: u.id, merchantId: u.merchantId, name: u.name, email: u.email, role: u.role };
}

export async function logout(token: string | undefined, deps: { db?: Db } = {}) {
  if (!token) return;
  const db = deps.db ?? defaultDb;
  await db.adminSession.deleteMany({ where: { tokenHash: sha256(token) } });
}
