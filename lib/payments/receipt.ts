// The customer's receipt: what it reads (readReceipt, one snapshot) and, while an attempt's outcome is
// open ("결제 확인 중"), how it asks sooner: the page refreshes itself through /orders/<n>/check, which
// calls refreshOpenPayment. The worker settles such payments anyway (payment.settle,
// with backoff); this only asks sooner while the customer is looking — read-only lookups only (a
// provider whose lookup is itself a capture is left to the worker: settle's actor "customer").
import { db as defaultDb, type Db } from "../db";
import { env } from "../env";
import { paymentProvider } from "./providers";
import { settlePayment } from "./settle";

/**
 * The order with its items and payment attempts (newest first, each with its staff refunds), read in one
 * snapshot. A capture moves the payment to APPROVED and the order to PAID in one transaction; read with
 * separate statements (Prisma reads an include as one query per table), a capture committing between the
 * order's read and the payments' read showed an approved payment on an unpaid order — "아직 결제하지 않은
 * 주문입니다" with 다시 결제하기, and no self-refresh (README "Known gaps", tests/integration/receipt-race).
 */
export async function readReceipt(orderNumber: string, deps: { db?: Db } = {}) {
  const db = deps.db ?? defaultDb;
  return db.$transaction(
    (tx) =>
      tx.order.findUnique({
        where: { orderNumber },
        include: {
          items: true,
          payments: {
            orderBy: { createdAt: "desc" },
            include: { refunds: { where: { kind: "STAFF" }, orderBy: { createdAt: "asc" } } },
          },
        },
      }),
    { isolationLevel: "RepeatableRead" },
  );
}

/** How long an outcome may stay open before the customer's page asks the provider itself. */
export function overdue(p: { status: string; statusAt: Date }, now: Date, providerTimeoutMs: number): boolean {
  const age = now.getTime() - p.statusAt.getTime();
  return (p.status === "UNKNOWN" && age > 3000) || (p.status === "APPROVING" && age > providerTimeoutMs + 5000);
}

/** Settles the order's latest attempt if its outcome is overdue; whether anything changed. Never throws. */
export async function refreshOpenPayment(
  orderNumber: string,
  deps: { db?: Db; now?: () => Date } = {},
): Promise<boolean> {
  const db = deps.db ?? defaultDb;
  const now = deps.now ?? (() => new Date());
  const latest = await db.payment.findFirst({
    where: { order: { orderNumber } },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, statusAt: true, provider: true },
  });
  const e = env();
  if (!latest || !overdue(latest, now(), e.PROVIDER_TIMEOUT_MS)) return false;
  const settled = await settlePayment(latest.id, {
    db,
    gateway: paymentProvider(latest.provider),
    providerTimeoutMs: e.PROVIDER_TIMEOUT_MS,
    actor: "customer",
    lateCheckSeconds: e.LATE_CHECK_SECONDS,
  }).catch(() => null);
  return settled?.changed ?? false;
}
