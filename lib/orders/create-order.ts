// Creates an order from product ids and quantities. Prices come from the database only: the
// client never sends a price.
import { z } from "zod";
import { db as defaultDb, Prisma, type Db } from "../db";
import { appError, err, ok, type Result } from "../errors";
import { totals } from "../money";
import { addEvent } from "../payments/events";
import { agreementMessage, checkoutAgreements } from "../shop/agreements";
import { lockOrder } from "../payments/locks";
import { IN_FLIGHT } from "../payments/state";
import { newOrderNumber } from "./order-number";
export { newOrderNumber };
import { transitionOrder } from "./state";

export const buyerSchema = z.object({
  name: z.string().trim().min(1, "이름을 입력해 주세요.").max(30, "이름은 30자 이내로 입력해 주세요."),
  phone: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^01[016789]\d{7,8}$/, "휴대폰 번호를 정확히 입력해 주세요. (예: 010-1234-5678)")),
  email: z.string().trim().max(100).email("이메일 주소를 정확히 입력해 주세요."),
});

const phoneField = (message: string) =>
  z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^0\d{8,10}$/, message));

/** 받는 분 and where to deliver. 연락처 may be a landline (02-123-4567) as well as a mobile number. */
export const shippingSchema = z.object({
  recipientName: z
    .string()
    .trim()
    .min(1, "받는 분 이름을 입력해 주세요.")
    .max(30, "받는 분 이름은 30자 이내로 입력해 주세요."),
  recipientPhone: phoneField("받는 분 연락처를 정확히 입력해 주세요. (예: 010-1234-5678)"),
  postcode: z
    .string()
    .trim()
    .min(1, "우편번호를 입력해 주세요.")
    .pipe(z.string().regex(/^\d{5}$/, "우편번호 5자리를 입력해 주세요.")),
  address1: z.string().trim().min(1, "주소를 입력해 주세요.").max(200, "주소는 200자 이내로 입력해 주세요."),
  address2: z
    .string()
    .trim()
    .min(1, "상세주소를 입력해 주세요. (동·호수 등)")
    .max(100, "상세주소는 100자 이내로 입력해 주세요."),
  deliveryMemo: z.string().trim().max(100, "배송 메모는 100자 이내로 입력해 주세요.").default(""),
});
export type Shipping = z.infer<typeof shippingSchema>;

/** Both checkout agreements must be ticked (lib/shop/agreements.ts holds their text and version). */
export const agreementsSchema = z.object({
  privacy: z.literal(true, { error: agreementMessage.privacy }),
  thirdParty: z.literal(true, { error: agreementMessage.thirdParty }),
});

export const cartLinesSchema = z
  .array(
    z.object({
      productId: z.string().min(1).max(40),
      quantity: z.coerce
        .number()
        .int("수량은 정수여야 합니다.")
        .min(1, "수량은 1개 이상이어야 합니다.")
        .max(99, "한 상품은 99개까지 주문할 수 있습니다."),
    }),
  )
  .min(1, "장바구니가 비어 있습니다.")
  .max(30);

/**
 * `shipping` and `agreements` are optional here only for callers that are not a checkout (tests that
 * need an order). The shop's checkout (app/(shop)/actions.ts) always passes both; when present they
 * are validated in full and stored with the order.
 */
export const createOrderSchema = z.object({
  buyer: buyerSchema,
  shipping: shippingSchema.optional(),
  agreements: agreementsSchema.optional(),
  lines: cartLinesSchema,
});
export type CreateOrderInput = z.infer<typeof createOrderSchema>;

export function itemSummary(names: string[]): string {
  const first = names[0] ?? "";
  return names.length > 1 ? `${first} 외 ${names.length - 1}건` : first;
}

/** Thrown inside the transaction to roll the new order back: an earlier order's payment may have moved money. */
class EarlierPaymentInFlight extends Error {
  constructor(readonly orderNumber: string) {
    super(`earlier order ${orderNumber} has a payment in flight`);
  }
}

/**
 * `supersedes`: the buyer's earlier orders (the order numbers their browser holds). Those still unpaid
 * are closed in the same transaction, so changing the cart and paying again can never complete two
 * orders: a capture that still arrives for a closed order is refunded (lib/payments/capture.ts).
 * Unknown is not failed: an earlier order whose payment is being approved or whose outcome is unknown
 * (APPROVING / UNKNOWN — a KCP authorization we received is claimed as APPROVING at once) may have been
 * charged, so it is not closed and the new order is refused as a whole (PAYMENT_IN_PROGRESS, nothing
 * written): closing it and charging again would charge the customer twice until the refund lands.
 */
export async function createOrder(
  input: CreateOrderInput,
  deps: { db?: Db; supersedes?: readonly string[] } = {},
): Promise<Result<{ orderId: string; orderNumber: string; closed: string[] }>> {
  const db = deps.db ?? defaultDb;
  const parsed = createOrderSchema.safeParse(input);
  if (!parsed.success) return err(appError("VALIDATION", parsed.error.issues[0]?.message, parsed.error.issues));
  const { buyer, shipping, agreements, lines } = parsed.data;
  const agreedAt = agreements ? new Date() : null;

  // Merge duplicate lines of the same product.
  const qty = new Map<string, number>();
  for (const l of lines) qty.set(l.productId, (qty.get(l.productId) ?? 0) + l.quantity);
  if ([...qty.values()].some((q) => q > 99))
    return err(appError("VALIDATION", "한 상품은 99개까지 주문할 수 있습니다."));

  const products = await db.product.findMany({ where: { id: { in: [...qty.keys()] }, active: true } });
  if (products.length !== qty.size) return err(appError("PRODUCT_UNAVAILABLE"));
  const merchantIds = new Set(products.map((p) => p.merchantId));
  if (merchantIds.size !== 1) return err(appError("BAD_REQUEST", "한 번에 한 상점의 상품만 주문할 수 있습니다."));

  const items = products.map((p) => ({
    productId: p.id,
    name: p.name,
    unitPrice: p.price,
    quantity: qty.get(p.id)!,
    taxFree: p.taxFree,
    lineTotal: p.price * qty.get(p.id)!,
  }));
  const sum = totals(items);

  for (let attempt = 0; attempt < 5; attempt++) {
    const orderNumber = newOrderNumber();
    try {
      const order = await db.$transaction(async (tx) => {
        const o = await tx.order.create({
          data: {
            orderNumber,
            merchantId: products[0]!.merchantId,
            buyerName: buyer.name,
            buyerPhone: buyer.phone,
            buyerEmail: buyer.email,
            ...(shipping && {
              recipientName: shipping.recipientName,
              recipientPhone: shipping.recipientPhone,
              postcode: shipping.postcode,
              address1: shipping.address1,
              address2: shipping.address2,
              deliveryMemo: shipping.deliveryMemo || null,
            }),
            ...(agreements && { agreements: checkoutAgreements.map((a) => ({ ...a, agreed: true })), agreedAt }),
            itemSummary: itemSummary(items.map((i) => i.name)),
            totalQuantity: sum.quantity,
            totalAmount: sum.total,
            taxFreeAmount: sum.taxFree,
            vatAmount: sum.vat,
            items: { create: items },
          },
        });
        await addEvent(tx, {
          orderId: o.id,
          type: "order.created",
          message: `주문 생성 (${items.length}개 상품, ${sum.total}원)`,
          data: { total: sum.total, taxFree: sum.taxFree, vat: sum.vat, lines: items.length },
        });
        const closed: string[] = [];
        const earlier = (deps.supersedes ?? []).filter((n) => n !== orderNumber).slice(0, 20);
        if (earlier.length) {
          const open = await tx.order.findMany({
            where: { orderNumber: { in: earlier }, merchantId: o.merchantId, status: "PENDING" },
            select: { id: true, orderNumber: true },
            orderBy: { id: "asc" },
          });
          for (const e of open) {
            // Under the order's lock: a claim, a lost answer or a capture (all taken under it) cannot
            // commit between this check and the close.
            await lockOrder(tx, e.id);
            const busy = await tx.payment.findFirst({
              where: { orderId: e.id, status: { in: [...IN_FLIGHT] }, order: { status: "PENDING" } },
              select: { id: true },
            });
            if (busy) throw new EarlierPaymentInFlight(e.orderNumber);
            const moved = await transitionOrder(tx, e.id, "close", {
              data: { closedAt: new Date(), closedReason: "SUPERSEDED" },
              event: {
                type: "order.closed",
                message: `새 주문 ${orderNumber}으로 대체되어 결제 없이 종료`,
                data: { by: orderNumber },
              },
            });
            if (moved) closed.push(e.orderNumber);
          }
        }
        return { ...o, closed };
      });
      return ok({ orderId: order.id, orderNumber: order.orderNumber, closed: order.closed });
    } catch (e) {
      if (e instanceof EarlierPaymentInFlight)
        return err(
          appError(
            "PAYMENT_IN_PROGRESS",
            `이전 주문 ${e.orderNumber}의 결제를 확인하고 있습니다. 결과를 확인한 뒤 다시 주문해 주세요.`,
            { orderNumber: e.orderNumber },
          ),
        );
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") continue; // order number collision
      throw e;
    }
  }
  return err(appError("INTERNAL"));
}
