-- New states (enum values live in their own migration: ADD VALUE cannot be used in the same transaction).
-- An order closed without payment (superseded by the buyer's newer checkout).
ALTER TYPE "OrderStatus" ADD VALUE IF NOT EXISTS 'CLOSED';
-- Money the provider captured that is not the order's payment (late capture on a paid / closed order,
-- or an amount mismatch): it is refunded automatically.
ALTER TYPE "PaymentStatus" ADD VALUE IF NOT EXISTS 'CAPTURED_UNUSED';
-- ... and that refund went through.
ALTER TYPE "PaymentStatus" ADD VALUE IF NOT EXISTS 'REFUNDED_UNUSED';
