// The staff audit log: append-only (the table's rules drop UPDATE and DELETE). One row per staff
// action that moves money, changes staff or reads personal data in bulk.
import { db as defaultDb, type Db, type Prisma, type Tx } from "../db";
import { batchesOf, pageOf } from "../paging";

export const AUDIT_ACTIONS = {
  "auth.login": "로그인",
  "auth.login_failed": "로그인 실패",
  "auth.logout": "로그아웃",
  "auth.password_changed": "비밀번호 변경",
  "payment.refund": "환불",
  "payment.refresh": "결제 상태 조회",
  "payment.tid": "거래번호 입력",
  "attention.resolve": "확인 필요 처리",
  "bill.create": "청구서 작성",
  "bill.update": "청구서 수정",
  "bill.link": "청구서 링크 발급",
  "consent.request": "동의·서명 요청 (청구서)",
  "consent.rerequest": "동의 재요청",
  "consent.refresh": "동의 상태 조회",
  "consent.der": ".der 내려받기",
  "export.orders": "주문 CSV",
  "export.bills": "청구서 CSV",
  "export.consents": "동의 CSV",
  "export.audit": "감사 로그 CSV",
  "pii.reveal": "개인정보 보기",
  "staff.invite": "직원 초대",
  "staff.invite_revoked": "초대 취소",
  "staff.invite_accepted": "초대 수락",
  "staff.role": "역할 변경",
  "staff.disable": "계정 비활성화",
  "staff.enable": "계정 다시 사용",
  "staff.create": "계정 생성 (명령줄)",
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const isAuditAction = (s: string): s is AuditAction => Object.hasOwn(AUDIT_ACTIONS, s);

export type AuditActor = { adminId: string | null; email: string; merchantId: string | null };

export type AuditEntry = {
  action: AuditAction;
  summary: string;
  target?: { type: string; id: string };
  detail?: Record<string, unknown>;
  ip?: string | null;
};

/** Writes one audit row (inside the caller's transaction when given one). */
export async function recordAudit(actor: AuditActor, e: AuditEntry, deps: { db?: Db | Tx } = {}) {
  const db = deps.db ?? defaultDb;
  await db.adminAuditLog.create({
    data: {
      merchantId: actor.merchantId,
      actorId: actor.adminId,
      actorEmail: actor.email.slice(0, 200),
      action: e.action,
      summary: e.summary.slice(0, 500),
      targetType: e.target?.type ?? null,
      targetId: e.target?.id ?? null,
      detail: (e.detail ?? undefined) as Prisma.InputJsonValue | undefined,
      ip: e.ip ? e.ip.slice(0, 64) : null,
    },
  });
}

export type AuditFilter = { action?: string; actor?: string; from?: Date; to?: Date };

function whereFor(merchantId: string, f: AuditFilter): Prisma.AdminAuditLogWhereInput {
  return {
    merchantId,
    ...(f.action && { action: f.action }),
    ...(f.actor && { actorEmail: { contains: f.actor.toLowerCase() } }),
    ...((f.from || f.to) && { createdAt: { ...(f.from && { gte: f.from }), ...(f.to && { lt: f.to }) } }),
  };
}

export async function listAudit(
  merchantId: string,
  f: AuditFilter & { page: number; pageSize: number },
  deps: { db?: Db } = {},
) {
  const db = deps.db ?? defaultDb;
  const where = whereFor(merchantId, f);
  return pageOf(
    f,
    () => db.adminAuditLog.count({ where }),
    (window) =>
      db.adminAuditLog.findMany({
        where,
        ...window,
      }),
  );
}

export async function* auditRows(merchantId: string, f: AuditFilter, deps: { db?: Db } = {}) {
  const db = deps.db ?? defaultDb;
  const where = whereFor(merchantId, f);
  const batches = batchesOf((window) =>
    db.adminAuditLog.findMany({
      where,
      ...window,
    }),
  );
  for await (const batch of batches) {
    yield* batch;
  }
}
