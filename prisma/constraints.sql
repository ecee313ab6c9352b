-- Constraints Prisma's schema language cannot express. Appended to the initial migration by
-- scripts/make-migration.ts. They are the last line of defence against double charges.

-- At most one payment per order that has been (or is being) charged.
CREATE UNIQUE INDEX "Payment_one_charge_per_order" ON "Payment" ("orderId")
  WHERE "status" IN ('APPROVING', 'APPROVED', 'PARTIALLY_CANCELLED', 'CANCELLED', 'UNKNOWN');

-- At most one refund in flight per payment.
CREATE UNIQUE INDEX "Refund_one_in_flight_per_payment" ON "Refund" ("paymentId") WHERE "status" = 'REQUESTED';

-- Money is never negative and never over-refunded.
ALTER TABLE "Order" ADD CONSTRAINT "Order_amounts_valid"
  CHECK ("totalAmount" > 0 AND "taxFreeAmount" >= 0 AND "taxFreeAmount" <= "totalAmount" AND "vatAmount" >= 0
         AND "refundedAmount" >= 0 AND "refundedAmount" <= "totalAmount");
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_amounts_valid"
  CHECK ("totalAmount" > 0 AND "cancelledAmount" >= 0 AND "cancelledAmount" <= "totalAmount"
         AND "cancelledTaxFree" >= 0 AND "cancelledTaxFree" <= "taxFreeAmount");
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_amount_positive" CHECK ("amount" > 0 AND "taxFreeAmount" >= 0 AND "taxFreeAmount" <= "amount");
ALTER TABLE "OrderItem" ADD CONSTRAINT "OrderItem_quantity_positive" CHECK ("quantity" > 0 AND "unitPrice" >= 0);

-- The timeline is append-only: updates and deletes are silently discarded. (A raising trigger
-- would need a dollar-quoted function body, which the adapter's migration runner splits apart.)
CREATE RULE "PaymentEvent_no_update" AS ON UPDATE TO "PaymentEvent" DO INSTEAD NOTHING;
CREATE RULE "PaymentEvent_no_delete" AS ON DELETE TO "PaymentEvent" DO INSTEAD NOTHING;

-- bills ------------------------------------------------------------------------------------------
-- Amounts are integer KRW and never negative, and settled cancellations never exceed what was paid.
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_amounts_valid"
  CHECK ("amount" > 0 AND "taxFreeAmount" >= 0 AND "taxFreeAmount" <= "amount" AND "vatAmount" >= 0
         AND "paidAmount" >= 0 AND "cancelledAmount" >= 0 AND "cancelledAmount" <= "paidAmount");
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_expire_type_valid"
  CHECK ("expireType" IN ('D0', 'D1', 'D2') AND ("expireType" <> 'D2' OR "secondPayExpireDate" IS NOT NULL));
ALTER TABLE "BillPayment" ADD CONSTRAINT "BillPayment_amounts_valid"
  CHECK ("payType" = 'P' AND "payAmount" > 0 AND "cancelledAmount" >= 0 AND "cancelledAmount" <= "payAmount");
ALTER TABLE "BillCancellation" ADD CONSTRAINT "BillCancellation_amount_positive" CHECK ("amount" > 0);
-- One bill per (customer, year-month, ordinal), absent parts included: the agency can always tell
-- bills apart by these keys (seed: ordinal distinguishes several bills of one month).
CREATE UNIQUE INDEX "Bill_one_per_keys" ON "Bill" ("merchantId", "billerUserKey", "billedYearMonth", "ordinal") NULLS NOT DISTINCT;

-- The bill timeline is append-only, like PaymentEvent.
CREATE RULE "BillEvent_no_update" AS ON UPDATE TO "BillEvent" DO INSTEAD NOTHING;
CREATE RULE "BillEvent_no_delete" AS ON DELETE TO "BillEvent" DO INSTEAD NOTHING;
