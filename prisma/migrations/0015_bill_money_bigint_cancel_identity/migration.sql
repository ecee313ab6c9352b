-- Bills: money reported by the agency in columns that cannot overflow, several partial cancels of
-- one pay_id, and the new 확인 필요 kinds (lib/bills/agency.ts, review.ts).
--
-- 1. Amounts and fees of pay-results are BIGINT: a schema-valid pay_fee of 2^31 must be recorded,
--    not refused (the agency redelivers a refused pay-result). The bill totals sum them.
ALTER TABLE "BillPayment" ALTER COLUMN "amount" TYPE BIGINT;
ALTER TABLE "BillPayment" ALTER COLUMN "payAmount" TYPE BIGINT;
ALTER TABLE "BillPayment" ALTER COLUMN "fee" TYPE BIGINT;
ALTER TABLE "BillPayment" ALTER COLUMN "feeTax" TYPE BIGINT;
ALTER TABLE "BillPayment" ALTER COLUMN "cancelledAmount" TYPE BIGINT;
ALTER TABLE "BillCancellation" ALTER COLUMN "amount" TYPE BIGINT;
ALTER TABLE "BillCancellation" ALTER COLUMN "fee" TYPE BIGINT;
ALTER TABLE "BillCancellation" ALTER COLUMN "feeTax" TYPE BIGINT;
ALTER TABLE "Bill" ALTER COLUMN "paidAmount" TYPE BIGINT;
ALTER TABLE "Bill" ALTER COLUMN "cancelledAmount" TYPE BIGINT;

-- 2. A cancel delivery is identified by everything it carries: pay_id, paid_at (cancelledAt) and
--    pay_amount (amount) (pay_type is always C in this table). Our reading: seed 003 does not say
--    how a partial cancel is identified (sandbox/providers/dozn/README.md). An identical repeat is a
--    duplicate, another partial cancel of the same pay_id is a new row.
DROP INDEX IF EXISTS "BillCancellation_payId_key";
CREATE UNIQUE INDEX "BillCancellation_payId_cancelledAt_amount_key" ON "BillCancellation"("payId", "cancelledAt", "amount");
CREATE INDEX "BillCancellation_payId_idx" ON "BillCancellation"("payId");

-- 3. 확인 필요 kinds: fees whose sign does not match the pay type, dates far from plausible.
ALTER TABLE "BillReview" DROP CONSTRAINT "BillReview_kind_valid";
ALTER TABLE "BillReview" ADD CONSTRAINT "BillReview_kind_valid"
  CHECK ("kind" IN ('PAID_TWICE', 'AMOUNT_MISMATCH', 'CANCEL_UNMATCHED', 'CANCEL_MISMATCH', 'CONFLICT', 'FEE_SIGN', 'DATE_IMPLAUSIBLE'));
