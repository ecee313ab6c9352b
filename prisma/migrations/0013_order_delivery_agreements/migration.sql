-- Delivery address and the checkout agreements (issue 11 item 3). Nullable: orders placed before
-- this migration have neither. New orders always carry both (checked in lib/orders/create-order.ts).
-- "agreements" holds what the buyer agreed to: each item's key, version, title and full text, and
-- "agreedAt" when the order form with the ticked boxes reached the server.
ALTER TABLE "Order" ADD COLUMN "recipientName" TEXT,
  ADD COLUMN "recipientPhone" TEXT,
  ADD COLUMN "postcode" TEXT,
  ADD COLUMN "address1" TEXT,
  ADD COLUMN "address2" TEXT,
  ADD COLUMN "deliveryMemo" TEXT,
  ADD COLUMN "agreements" JSONB,
  ADD COLUMN "agreedAt" TIMESTAMP(3)
