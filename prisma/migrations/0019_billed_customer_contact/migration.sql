-- Contact details of a billed customer, entered by staff when they request the customer's
-- 자동이체 출금동의 or an e-signed document from a bill (issue 12 item 6). The customer number
-- (billerUserKey) stays what it is (seed 003: never a phone number), the phone is contact data only.
-- The account number is sealed by the app (lib/security/pii.ts), only its last four digits are clear.
ALTER TABLE "BilledCustomer" ADD COLUMN "contactName" TEXT,
  ADD COLUMN "contactPhone" TEXT,
  ADD COLUMN "contactBirthDate" TEXT,
  ADD COLUMN "bankName" TEXT,
  ADD COLUMN "bankAccountNumEnc" TEXT,
  ADD COLUMN "bankAccountLast4" TEXT,
  ADD COLUMN "bankAccountName" TEXT,
  ADD COLUMN "contactUpdatedAt" TIMESTAMP(3);

ALTER TABLE "BilledCustomer" ADD CONSTRAINT "BilledCustomer_contactPhone_digits"
  CHECK ("contactPhone" IS NULL OR "contactPhone" ~ '^01[0-9]{8,9}$');
ALTER TABLE "BilledCustomer" ADD CONSTRAINT "BilledCustomer_contactBirthDate_valid"
  CHECK ("contactBirthDate" IS NULL OR "contactBirthDate" ~ '^[0-9]{8}$');
ALTER TABLE "BilledCustomer" ADD CONSTRAINT "BilledCustomer_bankAccountNumEnc_sealed"
  CHECK ("bankAccountNumEnc" IS NULL OR "bankAccountNumEnc" ~ '^pii1\.[A-Za-z0-9_-]{1,16}\.[A-Za-z0-9_-]+$');
ALTER TABLE "BilledCustomer" ADD CONSTRAINT "BilledCustomer_bankAccountLast4_digits"
  CHECK ("bankAccountLast4" IS NULL OR "bankAccountLast4" ~ '^[0-9]{1,4}$');

-- The customer page finds a person's bills by phone number.
CREATE INDEX "BilledCustomer_merchantId_contactPhone_idx" ON "BilledCustomer"("merchantId", "contactPhone");
