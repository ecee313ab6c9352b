-- "확인 필요": what a person must look at (payments still unknown after the worker's retries, late
-- captures and their refunds, amount mismatches, stuck refunds …). One open item per (kind, subject).
CREATE TABLE "Attention" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "orderId" TEXT,
    "paymentId" TEXT,
    "refundId" TEXT,
    "code" TEXT,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "resolutionNote" TEXT,
    CONSTRAINT "Attention_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Attention_one_open_per_subject" ON "Attention" ("kind", COALESCE("paymentId", ''), COALESCE("refundId", ''), COALESCE("orderId", ''))
  WHERE "resolvedAt" IS NULL;
CREATE INDEX "Attention_open" ON "Attention" ("createdAt") WHERE "resolvedAt" IS NULL;
ALTER TABLE "Attention" ADD CONSTRAINT "Attention_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Attention" ADD CONSTRAINT "Attention_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Attention" ADD CONSTRAINT "Attention_refundId_fkey" FOREIGN KEY ("refundId") REFERENCES "Refund"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Orders: when and why an unpaid order was closed.
ALTER TABLE "Order" ADD COLUMN "closedAt" TIMESTAMP(3);
ALTER TABLE "Order" ADD COLUMN "closedReason" TEXT;

-- Refunds: when the cancel was sent to the provider (null: not sent yet, the worker sends it),
-- automatic refunds (late capture / amount mismatch) are marked by their kind.
ALTER TABLE "Refund" ADD COLUMN "sentAt" TIMESTAMP(3);
ALTER TABLE "Refund" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'STAFF';
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_kind_valid" CHECK ("kind" IN ('STAFF', 'LATE_CAPTURE', 'AMOUNT_MISMATCH'));

-- Payments: when the current status was entered (the worker's "is the approve call still running" test).
ALTER TABLE "Payment" ADD COLUMN "statusAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- A closed order has a reason.
ALTER TABLE "Order" ADD CONSTRAINT "Order_closed_has_reason" CHECK ("status" <> 'CLOSED' OR ("closedAt" IS NOT NULL AND "closedReason" IS NOT NULL));
