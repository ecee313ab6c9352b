-- Consent states for a verify whose outcome is not known (enum values live in their own migration:
-- ADD VALUE cannot be used by later statements of the same transaction).
-- The verify call got no definite answer (timeout, 5xx, unrecognised code) while the provider's
-- 10-minute verify window may still be open: retried by the worker, never shown as failed.
ALTER TYPE "ConsentStatus" ADD VALUE IF NOT EXISTS 'VERIFY_UNKNOWN';
-- The provider used the once-only verify (a retry was answered "already verified", or its status
-- shows a verify time) but we never received the signed data: a person must look at it (확인 필요).
ALTER TYPE "ConsentStatus" ADD VALUE IF NOT EXISTS 'NEEDS_REVIEW';
