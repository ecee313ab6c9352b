// Staff accounts: the first owner from the command line, invitations that expire, roles, disabling,
// password changes. Every change is audited here (so no caller can forget it).
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db as defaultDb, type Db } from "../db";
import { appError, err, ok, type Result } from "../errors";
import type { AdminRole } from "../generated/prisma/enums";
import { recordAudit } from "./audit";
import { hashPassword, verifyPassword } from "./password";
import { roleLabel, ROLES } from "./roles";
import { sha256, type AdminIdentity } from "./sessions";

export const INVITE_TTL_MS = 72 * 3600 * 1000;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .email("이메일 형식이 올바르지 않습니다.")
  .max(200, "이메일은 200자 이내입니다.");
export const nameSchema = z.string().trim().min(1, "이름을 입력해 주세요.").max(50, "이름은 50자 이내입니다.");
export const newPasswordSchema = z
  .string()
  .min(10, "비밀번호는 10자 이상이어야 합니다.")
  .max(200, "비밀번호는 200자 이내입니다.")
  .refine((p) => new Set(p).size >= 4, "같은 글자가 반복되지 않게, 더 다양한 글자로 만들어 주세요.");
export const roleSchema = z.enum(ROLES as [AdminRole, ...AdminRole[]], { message: "역할을 선택해 주세요." });

type Actor = AdminIdentity & { ip?: string | null };
const auditActor = (a: Actor) => ({ adminId: a.adminId, email: a.email, merchantId: a.merchantId });
const first = (e: z.ZodError) => e.issues[0]?.message ?? "입력값을 확인해 주세요.";

/** `npm run admin:create`: an account with a password, on an existing (or new) merchant. */
export async function createAdminAccount(
  input: { email: string; name: string; role: string; password: string; merchantCode: string; merchantName?: string },
  deps: { db?: Db } = {},
): Promise<Result<{ adminId: string; merchantId: string; createdMerchant: boolean }>> {
  const db = deps.db ?? defaultDb;
  const p = z
    .object({
      email: emailSchema,
      name: nameSchema,
      role: roleSchema,
      password: newPasswordSchema,
      merchantCode: z.string().regex(/^[A-Z]{2,4}$/, "상점 코드는 영문 대문자 2~4자입니다."),
    })
    .safeParse(input);
  if (!p.success) return err(appError("VALIDATION", first(p.error)));
  if (await db.adminUser.findUnique({ where: { email: p.data.email } }))
    return err(appError("VALIDATION", "이미 있는 계정입니다."));
  let merchant = await db.merchant.findUnique({ where: { code: p.data.merchantCode } });
  const createdMerchant = !merchant;
  if (!merchant) {
    if (!input.merchantName?.trim())
      return err(
        appError(
          "VALIDATION",
          `상점 ${p.data.merchantCode}이(가) 없습니다. --merchant-name 으로 상점 이름을 주면 만듭니다.`,
        ),
      );
    merchant = await db.merchant.create({
      data: { code: p.data.merchantCode, name: input.merchantName.trim().slice(0, 100) },
    });
  }
  const user = await db.adminUser.create({
    data: {
      merchantId: merchant.id,
      email: p.data.email,
      name: p.data.name,
      role: p.data.role,
      passwordHash: await hashPassword(p.data.password),
    },
  });
  await recordAudit(
    { adminId: null, email: "명령줄 (admin:create)", merchantId: merchant.id },
    {
      action: "staff.create",
      summary: `${p.data.email} 계정을 ${roleLabel[p.data.role]}(으)로 만듦`,
      target: { type: "admin", id: user.id },
      detail: { email: p.data.email, role: p.data.role },
    },
    { db },
  );
  return ok({ adminId: user.id, merchantId: merchant.id, createdMerchant });
}

export async function inviteStaff(
  actor: Actor,
  input: { email: unknown; role: unknown },
  deps: { db?: Db; now?: Date } = {},
): Promise<Result<{ token: string; expiresAt: Date; inviteId: string; role: AdminRole; merchantName: string }>> {
  const db = deps.db ?? defaultDb;
  if (actor.role !== "OWNER") return err(appError("FORBIDDEN", "직원 초대는 소유자만 할 수 있습니다."));
  const p = z.object({ email: emailSchema, role: roleSchema }).safeParse(input);
  if (!p.success)
    return err(
      appError("VALIDATION", first(p.error), { fields: { [String(p.error.issues[0]?.path[0])]: first(p.error) } }),
    );
  if (await db.adminUser.findUnique({ where: { email: p.data.email } }))
    return err(
      appError("VALIDATION", "이미 계정이 있는 이메일입니다.", { fields: { email: "이미 계정이 있는 이메일입니다." } }),
    );
  const now = deps.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  const invite = await db.$transaction(async (tx) => {
    // One open invitation per address: an older link stops working.
    await tx.adminInvite.updateMany({
      where: { merchantId: actor.merchantId, email: p.data.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const inv = await tx.adminInvite.create({
      data: {
        merchantId: actor.merchantId,
        email: p.data.email,
        role: p.data.role,
        tokenHash: sha256(token),
        invitedById: actor.adminId,
        expiresAt,
      },
    });
    await recordAudit(
      auditActor(actor),
      {
        action: "staff.invite",
        summary: `${p.data.email}을(를) ${roleLabel[p.data.role]}(으)로 초대`,
        target: { type: "invite", id: inv.id },
        detail: { email: p.data.email, role: p.data.role, expiresAt: expiresAt.toISOString() },
        ip: actor.ip,
      },
      { db: tx },
    );
    return inv;
  });
  const merchant = await db.merchant.findUnique({ where: { id: actor.merchantId }, select: { name: true } });
  return ok({
    token,
    expiresAt,
    inviteId: invite.id,
    role: p.data.role as AdminRole,
    merchantName: merchant?.name ?? "",
  });
}

export async function revokeInvite(actor: Actor, inviteId: string, deps: { db?: Db } = {}): Promise<Result<true>> {
  const db = deps.db ?? defaultDb;
  if (actor.role !== "OWNER") return err(appError("FORBIDDEN", "초대 취소는 소유자만 할 수 있습니다."));
  const n = await db.adminInvite.updateMany({
    where: { id: inviteId, merchantId: actor.merchantId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (n.count === 0) return err(appError("NOT_FOUND", "취소할 수 있는 초대가 아닙니다."));
  await recordAudit(
    auditActor(actor),
    {
      action: "staff.invite_revoked",
      summary: "초대를 취소함",
      target: { type: "invite", id: inviteId },
      ip: actor.ip,
    },
    { db },
  );
  return ok(true);
}

/** The invitation behind a link, if it can still be accepted. */
export async function openInvite(token: string, deps: { db?: Db; now?: Date } = {}) {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  const db = deps.db ?? defaultDb;
  const inv = await db.adminInvite.findUnique({
    where: { tokenHash: sha256(token) },
    include: { merchant: { select: { name: true } } },
  });
  if (!inv) return null;
  const now = deps.now ?? new Date();
  const state = inv.acceptedAt ? "accepted" : inv.revokedAt ? "revoked" : inv.expiresAt <= now ? "expired" : "open";
  return {
    id: inv.id,
    email: inv.email,
    role: inv.role,
    merchantName: inv.merchant.name,
    expiresAt: inv.expiresAt,
    state,
  } as const;
}

export async function acceptInvite(
  token: string,
  input: { name: unknown; password: unknown; ip?: string | null },
  deps: { db?: Db; now?: Date } = {},
): Promise<Result<{ adminId: string; email: string }>> {
  const db = deps.db ?? defaultDb;
  const now = deps.now ?? new Date();
  const inv = await openInvite(token, { db, now });
  if (!inv || inv.state !== "open")
    return err(
      appError(
        "NOT_FOUND",
        inv?.state === "expired"
          ? "초대 링크가 만료되었습니다. 소유자에게 다시 초대해 달라고 요청해 주세요."
          : "사용할 수 없는 초대 링크입니다.",
      ),
    );
  const p = z
    .object({ name: nameSchema, password: newPasswordSchema })
    .safeParse({ name: input.name, password: input.password });
  if (!p.success)
    return err(
      appError("VALIDATION", first(p.error), { fields: { [String(p.error.issues[0]?.path[0])]: first(p.error) } }),
    );
  const passwordHash = await hashPassword(p.data.password);
  const r = await db.$transaction(async (tx) => {
    // Compare-and-set: one account per invitation even if the form is sent twice.
    const claimed = await tx.adminInvite.updateMany({
      where: { id: inv.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count === 0) return null;
    if (await tx.adminUser.findUnique({ where: { email: inv.email } })) return null;
    const full = await tx.adminInvite.findUniqueOrThrow({ where: { id: inv.id } });
    const user = await tx.adminUser.create({
      data: { merchantId: full.merchantId, email: inv.email, name: p.data.name, role: inv.role, passwordHash },
    });
    await recordAudit(
      { adminId: user.id, email: user.email, merchantId: full.merchantId },
      {
        action: "staff.invite_accepted",
        summary: `${user.email}이(가) 초대를 수락해 ${roleLabel[inv.role]} 계정을 만듦`,
        target: { type: "admin", id: user.id },
        ip: input.ip,
      },
      { db: tx },
    );
    return user;
  });
  if (!r) return err(appError("NOT_FOUND", "사용할 수 없는 초대 링크입니다."));
  return ok({ adminId: r.id, email: r.email });
}

async function activeOwners(db: Db, merchantId: string) {
  return db.adminUser.count({ where: { merchantId, role: "OWNER", disabledAt: null } });
}

export async function changeRole(
  actor: Actor,
  userId: string,
  role: unknown,
  deps: { db?: Db } = {},
): Promise<Result<true>> {
  const db = deps.db ?? defaultDb;
  if (actor.role !== "OWNER") return err(appError("FORBIDDEN", "역할 변경은 소유자만 할 수 있습니다."));
  const p = roleSchema.safeParse(role);
  if (!p.success) return err(appError("VALIDATION", first(p.error)));
  if (userId === actor.adminId)
    return err(appError("VALIDATION", "자기 역할은 바꿀 수 없습니다. 다른 소유자에게 요청해 주세요."));
  const user = await db.adminUser.findFirst({ where: { id: userId, merchantId: actor.merchantId } });
  if (!user) return err(appError("NOT_FOUND", "직원을 찾을 수 없습니다."));
  if (user.role === p.data) return ok(true);
  if (user.role === "OWNER" && !user.disabledAt && (await activeOwners(db, actor.merchantId)) <= 1)
    return err(appError("VALIDATION", "마지막 소유자의 역할은 바꿀 수 없습니다."));
  await db.$transaction(async (tx) => {
    await tx.adminUser.update({ where: { id: user.id }, data: { role: p.data } });
    await recordAudit(
      auditActor(actor),
      {
        action: "staff.role",
        summary: `${user.email}의 역할: ${roleLabel[user.role]} → ${roleLabel[p.data]}`,
        target: { type: "admin", id: user.id },
        detail: { from: user.role, to: p.data },
        ip: actor.ip,
      },
      { db: tx },
    );
  });
  return ok(true);
}

/** Disabling ends the account's sessions at once (they are deleted, and sessionFromToken refuses disabled accounts). */
export async function setDisabled(
  actor: Actor,
  userId: string,
  disabled: boolean,
  deps: { db?: Db } = {},
): Promise<Result<true>> {
  const db = deps.db ?? defaultDb;
  if (actor.role !== "OWNER") return err(appError("FORBIDDEN", "계정 관리는 소유자만 할 수 있습니다."));
  if (userId === actor.adminId) return err(appError("VALIDATION", "자기 계정은 비활성화할 수 없습니다."));
  const user = await db.adminUser.findFirst({ where: { id: userId, merchantId: actor.merchantId } });
  if (!user) return err(appError("NOT_FOUND", "직원을 찾을 수 없습니다."));
  if (disabled === !!user.disabledAt) return ok(true);
  if (disabled && user.role === "OWNER" && (await activeOwners(db, actor.merchantId)) <= 1)
    return err(appError("VALIDATION", "마지막 소유자는 비활성화할 수 없습니다."));
  await db.$transaction(async (tx) => {
    await tx.adminUser.update({ where: { id: user.id }, data: { disabledAt: disabled ? new Date() : null } });
    if (disabled) await tx.adminSession.deleteMany({ where: { adminUserId: user.id } });
    await recordAudit(
      auditActor(actor),
      {
        action: disabled ? "staff.disable" : "staff.enable",
        summary: `${user.email} 계정을 ${disabled ? "비활성화" : "다시 사용하게"} 함`,
        target: { type: "admin", id: user.id },
        ip: actor.ip,
      },
      { db: tx },
    );
  });
  return ok(true);
}

/** Everyone changes their own password; their other sessions end. */
export async function changePassword(
  actor: Actor,
  input: { current: unknown; next: unknown; keepTokenHash?: string },
  deps: { db?: Db } = {},
): Promise<Result<true>> {
  const db = deps.db ?? defaultDb;
  const user = await db.adminUser.findUnique({ where: { id: actor.adminId } });
  if (!user || user.disabledAt) return err(appError("UNAUTHORIZED"));
  if (typeof input.current !== "string" || !(await verifyPassword(input.current, user.passwordHash)))
    return err(
      appError("VALIDATION", "현재 비밀번호가 올바르지 않습니다.", {
        fields: { current: "현재 비밀번호가 올바르지 않습니다." },
      }),
    );
  const p = newPasswordSchema.safeParse(input.next);
  if (!p.success) return err(appError("VALIDATION", first(p.error), { fields: { next: first(p.error) } }));
  if (p.data === input.current)
    return err(
      appError("VALIDATION", "지금과 다른 비밀번호를 입력해 주세요.", {
        fields: { next: "지금과 다른 비밀번호를 입력해 주세요." },
      }),
    );
  const passwordHash = await hashPassword(p.data);
  await db.$transaction(async (tx) => {
    await tx.adminUser.update({ where: { id: user.id }, data: { passwordHash } });
    await tx.adminSession.deleteMany({
      where: { adminUserId: user.id, ...(input.keepTokenHash && { tokenHash: { not: input.keepTokenHash } }) },
    });
    await recordAudit(
      auditActor(actor),
      {
        action: "auth.password_changed",
        summary: "비밀번호를 바꿈 (다른 세션 종료)",
        target: { type: "admin", id: user.id },
        ip: actor.ip,
      },
      { db: tx },
    );
  });
  return ok(true);
}

export async function listStaff(merchantId: string, deps: { db?: Db; now?: Date } = {}) {
  const db = deps.db ?? defaultDb;
  const now = deps.now ?? new Date();
  const [users, invites] = await Promise.all([
    db.adminUser.findMany({
      where: { merchantId },
      orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
      select: { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true },
    }),
    db.adminInvite.findMany({
      where: { merchantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  return { users, invites };
}
