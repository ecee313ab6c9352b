-- Consents: verify retries and the 확인 필요 review.
-- How many verify calls we made for the request (the provider allows one successful call).
ALTER TABLE "ConsentRequest" ADD COLUMN "verifyAttempts" INTEGER NOT NULL DEFAULT 0;
-- App-to-app e-sign: the signature KakaoTalk handed back, kept only until the verify settles so the
-- worker can retry a verify whose answer was lost (the customer's browser will not bring it again).
ALTER TABLE "ConsentRequest" ADD COLUMN "appSignature" TEXT;
-- A person looked at a consent in 확인 필요 (the note goes to the timeline).
ALTER TABLE "ConsentRequest" ADD COLUMN "reviewedAt" TIMESTAMP(3);
ALTER TABLE "ConsentRequest" ADD COLUMN "reviewedBy" TEXT;

-- A consent in review always says why (provider code / our code), and only it can be marked reviewed.
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_review_has_reason"
  CHECK ("status" <> 'NEEDS_REVIEW' OR "failureCode" IS NOT NULL);
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_reviewed_only_in_review"
  CHECK ("reviewedAt" IS NULL OR "status" = 'NEEDS_REVIEW');
-- The app-to-app signature never outlives the verify (kept from the return page until it settles).
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_signature_only_while_verifying"
  CHECK ("appSignature" IS NULL OR "status" IN ('COMPLETED', 'VERIFYING', 'VERIFY_UNKNOWN'));
-- VERIFY_UNKNOWN is only reachable after a verify call.
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_unknown_after_verify_call"
  CHECK ("status" <> 'VERIFY_UNKNOWN' OR ("verifyAttempts" > 0 AND "receiptId" IS NOT NULL));

-- The worker's sweep: requests still in flight.
CREATE INDEX "ConsentRequest_in_flight" ON "ConsentRequest" ("createdAt")
  WHERE "status" IN ('REQUESTING', 'WAITING', 'VIEWED', 'COMPLETED', 'VERIFYING', 'VERIFY_UNKNOWN');
