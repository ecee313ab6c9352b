-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "BillStatus" AS ENUM ('UNPAID', 'PAID', 'PARTIALLY_CANCELLED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "BillCancellationStatus" AS ENUM ('PENDING', 'APPLIED');

-- CreateEnum
CREATE TYPE "ConsentKind" AS ENUM ('CMS', 'ESIGN');

-- CreateEnum
CREATE TYPE "ConsentChannel" AS ENUM ('TALK', 'APP');

-- CreateEnum
CREATE TYPE "ConsentStatus" AS ENUM ('REQUESTING', 'WAITING', 'VIEWED', 'COMPLETED', 'VERIFYING', 'VERIFIED', 'IDENTITY_MISMATCH', 'EXPIRED', 'REJECTED', 'FAILED');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('PENDING', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED');

-- CreateEnum
CREATE TYPE "PaymentProvider" AS ENUM ('KAKAOPAY', 'PAYUP_KCP');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('READY', 'APPROVING', 'APPROVED', 'PARTIALLY_CANCELLED', 'CANCELLED', 'ABORTED', 'FAILED', 'EXPIRED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "RefundStatus" AS ENUM ('REQUESTED', 'DONE', 'FAILED', 'UNKNOWN');

-- CreateTable
CREATE TABLE "BilledCustomer" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "billerUserKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "birthDate" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BilledCustomer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Bill" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "billerUserKey" TEXT NOT NULL,
    "billedYearMonth" TEXT,
    "ordinal" TEXT,
    "billerNoticeKey" TEXT NOT NULL,
    "settlementCode" TEXT,
    "title" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "taxFreeAmount" INTEGER NOT NULL DEFAULT 0,
    "vatAmount" INTEGER NOT NULL,
    "expireType" TEXT NOT NULL DEFAULT 'D1',
    "payExpireDate" TEXT NOT NULL,
    "secondPayExpireDate" TEXT,
    "bankAccounts" JSONB NOT NULL DEFAULT '[]',
    "details" JSONB NOT NULL DEFAULT '[]',
    "parameters" JSONB,
    "status" "BillStatus" NOT NULL DEFAULT 'UNPAID',
    "paidAmount" INTEGER NOT NULL DEFAULT 0,
    "cancelledAmount" INTEGER NOT NULL DEFAULT 0,
    "paidAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Bill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillLink" (
    "id" TEXT NOT NULL,
    "billId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "expireAt" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillPayment" (
    "id" TEXT NOT NULL,
    "billId" TEXT NOT NULL,
    "payId" BIGINT NOT NULL,
    "payType" TEXT NOT NULL DEFAULT 'P',
    "payBy" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "payAmount" INTEGER NOT NULL,
    "feeType" TEXT NOT NULL,
    "fee" INTEGER NOT NULL,
    "feeTax" INTEGER NOT NULL,
    "cardBin" TEXT,
    "cardCompany" TEXT,
    "payDetail3" TEXT,
    "adjustDate" TEXT,
    "paidAt" TIMESTAMP(3) NOT NULL,
    "cancelledAmount" INTEGER NOT NULL DEFAULT 0,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillPayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillCancellation" (
    "id" TEXT NOT NULL,
    "billId" TEXT NOT NULL,
    "payId" BIGINT NOT NULL,
    "payBy" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "fee" INTEGER NOT NULL,
    "feeTax" INTEGER NOT NULL,
    "adjustDate" TEXT,
    "cancelledAt" TIMESTAMP(3) NOT NULL,
    "status" "BillCancellationStatus" NOT NULL DEFAULT 'PENDING',
    "appliedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillCancellation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillEvent" (
    "id" TEXT NOT NULL,
    "billId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "resultCode" TEXT,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentRequest" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "kind" "ConsentKind" NOT NULL,
    "channel" "ConsentChannel" NOT NULL DEFAULT 'TALK',
    "status" "ConsentStatus" NOT NULL DEFAULT 'REQUESTING',
    "receiptId" TEXT,
    "txId" TEXT,
    "customerName" TEXT NOT NULL,
    "customerPhone" TEXT NOT NULL,
    "customerBirthday" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "expireInSec" INTEGER NOT NULL,
    "requestCorp" TEXT,
    "bankName" TEXT,
    "bankAccountNum" TEXT,
    "bankAccountName" TEXT,
    "bankServiceType" TEXT,
    "purpose" TEXT,
    "documentKey" TEXT,
    "documentTitle" TEXT,
    "documentText" TEXT,
    "documentHash" TEXT,
    "orderId" TEXT,
    "billId" TEXT,
    "previousId" TEXT,
    "requestedAt" TIMESTAMP(3),
    "viewedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "verifiedAt" TIMESTAMP(3),
    "signedData" TEXT,
    "identityMatched" BOOLEAN,
    "mismatchedFields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "failureCode" TEXT,
    "failureMessage" TEXT,
    "lastPolledAt" TIMESTAMP(3),
    "verifyClaimedAt" TIMESTAMP(3),
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsentRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentEvent" (
    "id" TEXT NOT NULL,
    "consentId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "resultCode" TEXT,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Merchant" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Merchant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdminUser" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdminUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdminSession" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "adminUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AdminSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "price" INTEGER NOT NULL,
    "taxFree" BOOLEAN NOT NULL DEFAULT false,
    "imagePath" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL,
    "orderNumber" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "status" "OrderStatus" NOT NULL DEFAULT 'PENDING',
    "buyerName" TEXT NOT NULL,
    "buyerPhone" TEXT NOT NULL,
    "buyerEmail" TEXT NOT NULL,
    "itemSummary" TEXT NOT NULL,
    "totalQuantity" INTEGER NOT NULL,
    "totalAmount" INTEGER NOT NULL,
    "taxFreeAmount" INTEGER NOT NULL,
    "vatAmount" INTEGER NOT NULL,
    "refundedAmount" INTEGER NOT NULL DEFAULT 0,
    "paidAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderItem" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unitPrice" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "taxFree" BOOLEAN NOT NULL,
    "lineTotal" INTEGER NOT NULL,

    CONSTRAINT "OrderItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "provider" "PaymentProvider" NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'READY',
    "tid" TEXT,
    "providerOrderRef" TEXT,
    "device" TEXT NOT NULL DEFAULT 'PC',
    "method" TEXT,
    "totalAmount" INTEGER NOT NULL,
    "taxFreeAmount" INTEGER NOT NULL,
    "vatAmount" INTEGER NOT NULL,
    "cancelledAmount" INTEGER NOT NULL DEFAULT 0,
    "cancelledTaxFree" INTEGER NOT NULL DEFAULT 0,
    "cancelledVat" INTEGER NOT NULL DEFAULT 0,
    "cardInfo" JSONB,
    "providerData" JSONB,
    "failureCode" TEXT,
    "failureMessage" TEXT,
    "approvedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "readyExpiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Refund" (
    "id" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" "RefundStatus" NOT NULL DEFAULT 'REQUESTED',
    "amount" INTEGER NOT NULL,
    "taxFreeAmount" INTEGER NOT NULL,
    "vatAmount" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "failureCode" TEXT,
    "failureMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Refund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentEvent" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "paymentId" TEXT,
    "type" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "resultCode" TEXT,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BilledCustomer_billerUserKey_idx" ON "BilledCustomer"("billerUserKey");

-- CreateIndex
CREATE UNIQUE INDEX "BilledCustomer_merchantId_billerUserKey_key" ON "BilledCustomer"("merchantId", "billerUserKey");

-- CreateIndex
CREATE UNIQUE INDEX "Bill_billerNoticeKey_key" ON "Bill"("billerNoticeKey");

-- CreateIndex
CREATE INDEX "Bill_merchantId_createdAt_idx" ON "Bill"("merchantId", "createdAt");

-- CreateIndex
CREATE INDEX "Bill_merchantId_status_createdAt_idx" ON "Bill"("merchantId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Bill_merchantId_billedYearMonth_idx" ON "Bill"("merchantId", "billedYearMonth");

-- CreateIndex
CREATE INDEX "Bill_billerUserKey_billedYearMonth_ordinal_idx" ON "Bill"("billerUserKey", "billedYearMonth", "ordinal");

-- CreateIndex
CREATE INDEX "BillLink_billId_createdAt_idx" ON "BillLink"("billId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BillPayment_payId_key" ON "BillPayment"("payId");

-- CreateIndex
CREATE INDEX "BillPayment_billId_idx" ON "BillPayment"("billId");

-- CreateIndex
CREATE UNIQUE INDEX "BillCancellation_payId_key" ON "BillCancellation"("payId");

-- CreateIndex
CREATE INDEX "BillCancellation_billId_idx" ON "BillCancellation"("billId");

-- CreateIndex
CREATE INDEX "BillEvent_billId_createdAt_idx" ON "BillEvent"("billId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentRequest_receiptId_key" ON "ConsentRequest"("receiptId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentRequest_txId_key" ON "ConsentRequest"("txId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentRequest_previousId_key" ON "ConsentRequest"("previousId");

-- CreateIndex
CREATE INDEX "ConsentRequest_merchantId_createdAt_idx" ON "ConsentRequest"("merchantId", "createdAt");

-- CreateIndex
CREATE INDEX "ConsentRequest_merchantId_status_createdAt_idx" ON "ConsentRequest"("merchantId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "ConsentRequest_customerPhone_idx" ON "ConsentRequest"("customerPhone");

-- CreateIndex
CREATE INDEX "ConsentRequest_orderId_idx" ON "ConsentRequest"("orderId");

-- CreateIndex
CREATE INDEX "ConsentRequest_billId_idx" ON "ConsentRequest"("billId");

-- CreateIndex
CREATE INDEX "ConsentEvent_consentId_createdAt_idx" ON "ConsentEvent"("consentId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Merchant_code_key" ON "Merchant"("code");

-- CreateIndex
CREATE UNIQUE INDEX "AdminUser_email_key" ON "AdminUser"("email");

-- CreateIndex
CREATE UNIQUE INDEX "AdminSession_tokenHash_key" ON "AdminSession"("tokenHash");

-- CreateIndex
CREATE INDEX "AdminSession_adminUserId_idx" ON "AdminSession"("adminUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Product_slug_key" ON "Product"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Order_orderNumber_key" ON "Order"("orderNumber");

-- CreateIndex
CREATE INDEX "Order_createdAt_idx" ON "Order"("createdAt");

-- CreateIndex
CREATE INDEX "Order_status_createdAt_idx" ON "Order"("status", "createdAt");

-- CreateIndex
CREATE INDEX "OrderItem_orderId_idx" ON "OrderItem"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_tid_key" ON "Payment"("tid");

-- CreateIndex
CREATE INDEX "Payment_orderId_idx" ON "Payment"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Refund_idempotencyKey_key" ON "Refund"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Refund_paymentId_idx" ON "Refund"("paymentId");

-- CreateIndex
CREATE INDEX "PaymentEvent_orderId_createdAt_idx" ON "PaymentEvent"("orderId", "createdAt");

-- AddForeignKey
ALTER TABLE "BilledCustomer" ADD CONSTRAINT "BilledCustomer_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "BilledCustomer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillLink" ADD CONSTRAINT "BillLink_billId_fkey" FOREIGN KEY ("billId") REFERENCES "Bill"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillPayment" ADD CONSTRAINT "BillPayment_billId_fkey" FOREIGN KEY ("billId") REFERENCES "Bill"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillCancellation" ADD CONSTRAINT "BillCancellation_billId_fkey" FOREIGN KEY ("billId") REFERENCES "Bill"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillEvent" ADD CONSTRAINT "BillEvent_billId_fkey" FOREIGN KEY ("billId") REFERENCES "Bill"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentEvent" ADD CONSTRAINT "ConsentEvent_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "ConsentRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdminUser" ADD CONSTRAINT "AdminUser_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdminSession" ADD CONSTRAINT "AdminSession_adminUserId_fkey" FOREIGN KEY ("adminUserId") REFERENCES "AdminUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderItem" ADD CONSTRAINT "OrderItem_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderItem" ADD CONSTRAINT "OrderItem_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentEvent" ADD CONSTRAINT "PaymentEvent_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentEvent" ADD CONSTRAINT "PaymentEvent_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;


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
