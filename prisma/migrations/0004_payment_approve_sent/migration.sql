-- When the provider's approve was sent for this attempt (null: claimed, not sent yet). The approve runs
-- as a worker job: this marker makes sure it is sent at most once, and tells the settle job whether the
-- provider can have charged.
ALTER TABLE "Payment" ADD COLUMN "approveSentAt" TIMESTAMP(3);
