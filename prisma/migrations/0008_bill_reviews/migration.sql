-- Bills: a status per payment, and the 확인 필요 rows (BillReview). See lib/bills/state.ts and
-- lib/bills/review.ts.

-- AlterTable
ALTER TABLE "BillPayment" ADD COLUMN "status" "BillPaymentStatus" NOT NULL DEFAULT 'PAID';

UPDATE "BillPayment" SET "status" = (CASE WHEN "cancelledAmount" >= "payAmount" THEN 'CANCELLED' ELSE 'PARTIALLY_CANCELLED' END)::"BillPaymentStatus"
WHERE "cancelledAmount" > 0;

-- A payment's status always says what its amounts say.
ALTER TABLE "BillPayment" ADD CONSTRAINT "BillPayment_status_matches_amounts"
  CHECK (("status" = 'PAID' AND "cancelledAmount" = 0)
      OR ("status" = 'PARTIALLY_CANCELLED' AND "cancelledAmount" > 0 AND "cancelledAmount" < "payAmount")
      OR ("status" = 'CANCELLED' AND "cancelledAmount" = "payAmount"));

-- CreateTable
CREATE TABLE "BillReview" (
    "id" TEXT NOT NULL,
    "billId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payId" BIGINT NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "resolution" TEXT,

    CONSTRAINT "BillReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BillReview_billId_createdAt_idx" ON "BillReview"("billId", "createdAt");

-- AddForeignKey
ALTER TABLE "BillReview" ADD CONSTRAINT "BillReview_billId_fkey" FOREIGN KEY ("billId") REFERENCES "Bill"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "BillReview" ADD CONSTRAINT "BillReview_kind_valid"
  CHECK ("kind" IN ('PAID_TWICE', 'AMOUNT_MISMATCH', 'CANCEL_UNMATCHED', 'CANCEL_MISMATCH', 'CONFLICT'));
ALTER TABLE "BillReview" ADD CONSTRAINT "BillReview_resolved_complete"
  CHECK (("resolvedAt" IS NULL) = ("resolvedBy" IS NULL));

-- At most one open row per problem: redeliveries and two workers cannot list it twice.
CREATE UNIQUE INDEX "BillReview_one_open_per_kind_payId" ON "BillReview"("kind", "payId") WHERE "resolvedAt" IS NULL;
-- The admin's list (open rows, newest first) and its count.
CREATE INDEX "BillReview_open_createdAt_idx" ON "BillReview"("createdAt") WHERE "resolvedAt" IS NULL;
-- The worker's sweep: cancellations still waiting for (or not fitting) their payment.
CREATE INDEX "BillCancellation_waiting_createdAt_idx" ON "BillCancellation"("createdAt") WHERE "status" IN ('PENDING', 'UNMATCHED');

-- Backfill: problems recorded before this migration only as timeline events (same transaction →
-- same createdAt as the pay-result event that carries the pay_id).
INSERT INTO "BillReview" ("id", "billId", "kind", "payId", "code", "message", "createdAt")
SELECT DISTINCT ON (m."billId", p."data"->>'payId')
       'bf' || substr(md5(m."id"), 1, 23), m."billId",
       CASE WHEN m."message" LIKE '이미 납부된 청구서에%' THEN 'PAID_TWICE' ELSE 'AMOUNT_MISMATCH' END,
       (p."data"->>'payId')::bigint, 'OK', m."message", m."createdAt"
FROM "BillEvent" m
JOIN "BillEvent" p ON p."billId" = m."billId" AND p."createdAt" = m."createdAt" AND p."type" = 'dozn.pay-result.P'
JOIN "BillPayment" bp ON bp."payId" = (p."data"->>'payId')::bigint AND bp."status" <> 'CANCELLED'
WHERE m."type" = 'bill.payment.mismatch' AND p."data"->>'payId' IS NOT NULL
ORDER BY m."billId", p."data"->>'payId', m."createdAt"
ON CONFLICT DO NOTHING;

INSERT INTO "BillReview" ("id", "billId", "kind", "payId", "code", "message", "createdAt")
SELECT DISTINCT ON (e."data"->>'payId')
       'bf' || substr(md5(e."id"), 1, 23), e."billId", 'CONFLICT', (e."data"->>'payId')::bigint, 'E601', e."message", e."createdAt"
FROM "BillEvent" e
WHERE e."resultCode" = 'E601' AND e."data"->>'payId' IS NOT NULL
ORDER BY e."data"->>'payId', e."createdAt"
ON CONFLICT DO NOTHING;
-- (Cancellations left PENDING beside a payment they did not fit are picked up by the worker.)
