-- Bank account numbers encrypted at rest (issue 9 item 6).
-- SQL cannot encrypt with the app's key (PII_KEYS), so the plain column is only renamed here and
-- emptied by the data step that runs right after the SQL migrations (lib/security/pii-backfill.ts,
-- called by scripts/lib/migrate.ts: `npm run db:migrate`): it seals each value into
-- "bankAccountNumEnc", keeps the last four digits in "bankAccountLast4" and sets the plain one to NULL.
-- The app never reads or writes "bankAccountNumPlaintext" (it is not in the Prisma schema). A later
-- migration drops it once every deployment has run the data step.
ALTER TABLE "ConsentRequest" RENAME COLUMN "bankAccountNum" TO "bankAccountNumPlaintext";

ALTER TABLE "ConsentRequest" ADD COLUMN "bankAccountNumEnc" TEXT,
  ADD COLUMN "bankAccountLast4" TEXT;

-- A CMS request carries its account: sealed, or (until the data step has run) in the old plain column.
ALTER TABLE "ConsentRequest" DROP CONSTRAINT "ConsentRequest_kind_fields";
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_kind_fields"
  CHECK (("kind" = 'CMS' AND "bankName" IS NOT NULL AND ("bankAccountNumEnc" IS NOT NULL OR "bankAccountNumPlaintext" IS NOT NULL)
          AND "bankAccountName" IS NOT NULL AND "requestCorp" IS NOT NULL AND "bankServiceType" IN ('CMS', 'FIRM', 'GIRO'))
      OR ("kind" = 'ESIGN' AND "documentText" IS NOT NULL AND "documentHash" ~ '^[0-9a-f]{64}$'));

-- Only sealed values go into the encrypted column, and the last four are four digits.
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_bankAccountNumEnc_sealed"
  CHECK ("bankAccountNumEnc" IS NULL OR "bankAccountNumEnc" ~ '^pii1\.[A-Za-z0-9_-]{1,16}\.[A-Za-z0-9_-]+$');
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_bankAccountLast4_digits"
  CHECK ("bankAccountLast4" IS NULL OR "bankAccountLast4" ~ '^[0-9]{1,4}$');

-- Key rotation finds rows sealed with an older key by the prefix
CREATE INDEX "ConsentRequest_bankAccountNumEnc_keyid_idx" ON "ConsentRequest" ((split_part("bankAccountNumEnc", '.', 2))) WHERE "bankAccountNumEnc" IS NOT NULL;
