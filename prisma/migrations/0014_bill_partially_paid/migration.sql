-- Bills: PARTIALLY_PAID, a bill whose payments (net of cancellations) hold money but less than
-- the bill amount (e.g. a 1-won payment of a 29,000-won bill). A bill is PAID only when what was
-- paid covers it (lib/bills/state.ts). Enum value only: later migrations may use it.
ALTER TYPE "BillStatus" ADD VALUE IF NOT EXISTS 'PARTIALLY_PAID';
