import type { Tx } from "../db";

/**
 * Row lock on the bill for the rest of the transaction: serialises every money decision on one
 * bill. FOR NO KEY UPDATE, not FOR UPDATE: inserting a payment / cancellation takes a KEY SHARE
 * lock on the bill through its foreign key, and FOR UPDATE conflicts with that — two deliveries
 * for one bill would deadlock (seen in the parallel tests). Staff edits that may change the
 * bill's unique keys pass "update" and take the stronger lock first.
 * The new-payment path of /kakao/pay-result takes the same FOR NO KEY UPDATE lock inside its
 * insert statement (record-payment.ts via state-sql.insertPaymentAndLock) to save a round trip.
 */
export async function lockBill(tx: Tx, billId: string, mode: "no-key" | "update" = "no-key") {
  if (mode === "update") await tx.$queryRaw`SELECT id FROM "Bill" WHERE id = ${billId} FOR UPDATE`;
  else await tx.$queryRaw`SELECT id FROM "Bill" WHERE id = ${billId} FOR NO KEY UPDATE`;
}
