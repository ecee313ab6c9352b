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

-- consents ---------------------------------------------------------------------------------------
-- Each kind carries what it needs: the debited account (CMS) or the exact signed text and its hash (ESIGN).
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_kind_fields"
  CHECK (("kind" = 'CMS' AND "bankName" IS NOT NULL AND "bankAccountNum" IS NOT NULL AND "bankAccountName" IS NOT NULL
          AND "requestCorp" IS NOT NULL AND "bankServiceType" IN ('CMS', 'FIRM', 'GIRO'))
      OR ("kind" = 'ESIGN' AND "documentText" IS NOT NULL AND "documentHash" ~ '^[0-9a-f]{64}$'));
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_expire_in_range" CHECK ("expireInSec" BETWEEN 1 AND 1000);
-- Past REQUESTING every live request has the provider's receipt id (only a failed request may lack one).
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_receipt_when_requested"
  CHECK ("receiptId" IS NOT NULL OR "status" IN ('REQUESTING', 'FAILED'));
-- A valid consent has its signedData, and a CMS consent is valid only when the signer matched.
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_verified_valid"
  CHECK ("status" <> 'VERIFIED' OR ("signedData" IS NOT NULL AND "verifiedAt" IS NOT NULL AND ("kind" <> 'CMS' OR "identityMatched" = true)));
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_mismatch_flagged"
  CHECK ("status" <> 'IDENTITY_MISMATCH' OR "identityMatched" = false);
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_app_has_tx" CHECK ("channel" <> 'APP' OR "txId" IS NOT NULL OR "status" IN ('REQUESTING', 'FAILED'));
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_billId_fkey" FOREIGN KEY ("billId") REFERENCES "Bill"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_previousId_fkey" FOREIGN KEY ("previousId") REFERENCES "ConsentRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The consent timeline is append-only, like PaymentEvent.
CREATE RULE "ConsentEvent_no_update" AS ON UPDATE TO "ConsentEvent" DO INSTEAD NOTHING;
CREATE RULE "ConsentEvent_no_delete" AS ON DELETE TO "ConsentEvent" DO INSTEAD NOTHING;
