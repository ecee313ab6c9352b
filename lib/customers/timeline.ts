// One person, by phone number: their orders (buyer phone), consents and e-signed documents (the phone
// the request went to) and the bills of billed customers whose contact phone it is or that a consent of
// theirs is linked to — on one timeline, newest first. Staff screens mask what the role may not see.
import { db as defaultDb, type Db } from "../db";
import { normalizePhone } from "../input/korean";

export const TIMELINE_LIMIT = 200;

/** "010-1234-5678" / "01012345678" → digits, or null if it is not a mobile number. */
export function customerPhone(raw: string | undefined | null): string | null {
  let s = raw ?? "";
  try {
    s = decodeURIComponent(s);
  } catch {
    return null;
  }
  return normalizePhone(s) ?? null;
}

/**
 * The customer page's key: a phone number, or a reference whose phone the server looks up — "o-<order
 * id>", "c-<consent id>", "b-<bill id>" (the billed customer's contact phone) — so links from other
 * screens never carry the number itself (it is revealed only on request, audited).
 */
export async function resolveCustomerKey(
  merchantId: string,
  key: string,
  deps: { db?: Db } = {},
): Promise<string | null> {
  const direct = customerPhone(key);
  if (direct) return direct;
  const m = /^([obc])-([a-z0-9]{20,40})$/.exec(key);
  if (!m) return null;
  const db = deps.db ?? defaultDb;
  const id = m[2]!;
  if (m[1] === "o")
    return (await db.order.findFirst({ where: { id, merchantId }, select: { buyerPhone: true } }))?.buyerPhone ?? null;
  if (m[1] === "c")
    return (
      (await db.consentRequest.findFirst({ where: { id, merchantId }, select: { customerPhone: true } }))
        ?.customerPhone ?? null
    );
  return (
    (await db.bill.findFirst({ where: { id, merchantId }, select: { customer: { select: { contactPhone: true } } } }))
      ?.customer.contactPhone ?? null
  );
}

export type TimelineEntry =
  | {
      type: "order";
      at: Date;
      id: string;
      orderNumber: string;
      name: string;
      status: string;
      latestPayment: string | null;
      amount: number;
      refunded: number;
      item: string;
    }
  | {
      type: "consent";
      at: Date;
      id: string;
      kind: "CMS" | "ESIGN";
      name: string;
      status: string;
      title: string;
      verifiedAt: Date | null;
      billId: string | null;
      orderId: string | null;
    }
  | {
      type: "bill";
      at: Date;
      id: string;
      title: string;
      customerKey: string;
      customerName: string;
      status: string;
      amount: number;
      paidAmount: number;
    };

export async function customerTimeline(merchantId: string, phone: string, deps: { db?: Db } = {}) {
  const db = deps.db ?? defaultDb;
  const [orders, consents, billed] = await Promise.all([
    db.order.findMany({
      where: { merchantId, buyerPhone: phone },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: TIMELINE_LIMIT,
      include: { payments: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true } } },
    }),
    db.consentRequest.findMany({
      where: { merchantId, customerPhone: phone },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: TIMELINE_LIMIT,
      select: {
        id: true,
        kind: true,
        status: true,
        customerName: true,
        title: true,
        documentTitle: true,
        bankName: true,
        createdAt: true,
        verifiedAt: true,
        billId: true,
        orderId: true,
      },
    }),
    db.billedCustomer.findMany({ where: { merchantId, contactPhone: phone }, select: { id: true } }),
  ]);
  const consentBillIds = [...new Set(consents.map((c) => c.billId).filter((x): x is string => Boolean(x)))];
  const bills =
    billed.length || consentBillIds.length
      ? await db.bill.findMany({
          where: { merchantId, OR: [{ customerId: { in: billed.map((b) => b.id) } }, { id: { in: consentBillIds } }] },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: TIMELINE_LIMIT,
          include: { customer: { select: { name: true, billerUserKey: true } } },
        })
      : [];
  const entries: TimelineEntry[] = [
    ...orders.map((o) => ({
      type: "order" as const,
      at: o.createdAt,
      id: o.id,
      orderNumber: o.orderNumber,
      name: o.buyerName,
      status: o.status,
      latestPayment: o.payments[0]?.status ?? null,
      amount: o.totalAmount,
      refunded: o.refundedAmount,
      item: o.itemSummary,
    })),
    ...consents.map((c) => ({
      type: "consent" as const,
      at: c.createdAt,
      id: c.id,
      kind: c.kind,
      name: c.customerName,
      status: c.status,
      title: c.kind === "ESIGN" ? (c.documentTitle ?? c.title) : `${c.bankName ?? ""} 자동이체`.trim(),
      verifiedAt: c.verifiedAt,
      billId: c.billId,
      orderId: c.orderId,
    })),
    ...bills.map((b) => ({
      type: "bill" as const,
      at: b.createdAt,
      id: b.id,
      title: b.title,
      customerKey: b.billerUserKey,
      customerName: b.customer.name,
      status: b.status,
      amount: Number(b.amount),
      paidAmount: Number(b.paidAmount),
    })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1));
  const names = [...new Set([...orders.map((o) => o.buyerName), ...consents.map((c) => c.customerName)])];
  return {
    phone,
    names,
    counts: {
      orders: orders.length,
      consents: consents.filter((c) => c.kind === "CMS").length,
      documents: consents.filter((c) => c.kind === "ESIGN").length,
      bills: bills.length,
    },
    truncated:
      orders.length === TIMELINE_LIMIT || consents.length === TIMELINE_LIMIT || bills.length === TIMELINE_LIMIT,
    entries,
  };
}
