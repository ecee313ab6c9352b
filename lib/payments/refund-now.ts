// Sends an automatic refund right away from the request that found it (the worker would send it too;
// the send is claimed once, so both racing is harmless).
import type { Db } from "../db";
import { log } from "../log";
import type { PaymentProvider } from "./port";
import { settleRefund } from "./refund";

export async function sendAutomaticRefundNow(db: Db, refundId: string, gateway: PaymentProvider) {
  try {
    await settleRefund(refundId, { db, gateway, providerTimeoutMs: 0 });
  } catch (e) {
    log.warn({ refundId, err: e instanceof Error ? e.message : String(e) }, "automatic refund left to the worker");
  }
}
