-- Bills: the states the bill state machines were missing (lib/bills/state.ts). Enum values only:
-- ADD VALUE cannot be used by later statements of the same migration (0008 uses them).

-- A cancellation parked before its payment that is still alone after the parking time, and one
-- whose payment came but does not fit it: both are listed for staff (BillReview, 0008).
ALTER TYPE "BillCancellationStatus" ADD VALUE IF NOT EXISTS 'UNMATCHED';
ALTER TYPE "BillCancellationStatus" ADD VALUE IF NOT EXISTS 'MISMATCHED';

-- Each payment's own status (it was implicit in cancelledAmount).
CREATE TYPE "BillPaymentStatus" AS ENUM ('PAID', 'PARTIALLY_CANCELLED', 'CANCELLED');
