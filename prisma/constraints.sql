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
