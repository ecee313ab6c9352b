-- Staff roles, invitations and the audit log (issue 12).
-- Existing staff accounts become owners (until now every account could do everything).
CREATE TYPE "AdminRole" AS ENUM ('OWNER', 'MANAGER', 'VIEWER');

ALTER TABLE "AdminUser" ADD COLUMN "role" "AdminRole" NOT NULL DEFAULT 'OWNER';
ALTER TABLE "AdminUser" ALTER COLUMN "role" SET DEFAULT 'VIEWER';
ALTER TABLE "AdminUser" ADD COLUMN "disabledAt" TIMESTAMP(3);

CREATE TABLE "AdminInvite" (
  "id" TEXT NOT NULL,
  "merchantId" TEXT NOT NULL,
  "email" TEXT NOT NULL,
  "role" "AdminRole" NOT NULL,
  "tokenHash" TEXT NOT NULL,
  "invitedById" TEXT NOT NULL,
  "expiresAt" TIMESTAMP(3) NOT NULL,
  "acceptedAt" TIMESTAMP(3),
  "revokedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "AdminInvite_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "AdminInvite_tokenHash_key" ON "AdminInvite"("tokenHash");
CREATE INDEX "AdminInvite_merchantId_createdAt_idx" ON "AdminInvite"("merchantId", "createdAt");
ALTER TABLE "AdminInvite" ADD CONSTRAINT "AdminInvite_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "AdminAuditLog" (
  "id" TEXT NOT NULL,
  "merchantId" TEXT,
  "actorId" TEXT,
  "actorEmail" TEXT NOT NULL,
  "action" TEXT NOT NULL,
  "targetType" TEXT,
  "targetId" TEXT,
  "summary" TEXT NOT NULL,
  "detail" JSONB,
  "ip" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "AdminAuditLog_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AdminAuditLog_merchantId_createdAt_idx" ON "AdminAuditLog"("merchantId", "createdAt");
CREATE INDEX "AdminAuditLog_merchantId_action_createdAt_idx" ON "AdminAuditLog"("merchantId", "action", "createdAt");

-- Append-only: updates and deletes of audit rows are silently dropped by the rewriter (rules, not
-- trigger functions, because this runner splits statements on semicolons).
CREATE RULE "AdminAuditLog_no_update" AS ON UPDATE TO "AdminAuditLog" DO INSTEAD NOTHING;
CREATE RULE "AdminAuditLog_no_delete" AS ON DELETE TO "AdminAuditLog" DO INSTEAD NOTHING;
