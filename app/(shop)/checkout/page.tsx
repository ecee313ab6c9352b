import Link from "next/link";
import { db } from "@/lib/db";
import { formatWon, totals } from "@/lib/money";
import { latestPendingOrder } from "@/lib/shop/cart-order";
import { paymentMethods } from "@/lib/payments/providers";
import { checkoutAgreements } from "@/lib/shop/agreements";
import { postcodeScriptUrl } from "@/lib/shop/postcode";
import { ownOrderNumbers, readCartState } from "../../_lib/request";
import { AmountRow } from "@/app/_components/amount-row";
import { CheckoutForm } from "./checkout-form";
import type { SearchParams } from "../_search-params";

export const dynamic = "force-dynamic";
export const metadata = { title: "주문/결제" };

/**
 * /checkout: the cart. /checkout?buy=<productId>&qty=<n>: 바로 구매 of that one product only — the
 * cart is neither read nor changed. A GET page either way, so back / reload never resubmits anything.
 */
export default async function CheckoutPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const { cart } = await readCartState();
  // Back from a payment window, or a second tab: this browser's latest order still waiting for payment.
  const pendingOrder = await latestPendingOrder(db, await ownOrderNumbers());
  const qty = Number(sp.qty ?? "1");
  const buyNow =
    typeof sp.buy === "string" && /^[A-Za-z0-9_-]{1,40}$/.test(sp.buy) && Number.isInteger(qty) && qty >= 1 && qty <= 99
      ? { productId: sp.buy, quantity: qty }
      : null;
  const wanted: Array<[string, number]> = buyNow ? [[buyNow.productId, buyNow.quantity]] : cart;
  const products = await db.product.findMany({ where: { id: { in: wanted.map(([id]) => id) }, active: true } });
  const lines = wanted.flatMap(([id, quantity]) => {
    const p = products.find((x) => x.id === id);
    return p ? [{ id: p.id, name: p.name, price: p.price, taxFree: p.taxFree, quantity }] : [];
  });
  // An order whose payment is being confirmed is not offered as unpaid: money may have moved, and a new
  // checkout is refused until it settles (lib/orders/create-order.ts). Its receipt refreshes itself.
  const pendingNotice = pendingOrder && (
    <p className="mb-4 rounded-xl bg-amber-50 p-3 text-sm text-amber-900" data-testid="pending-order">
      {pendingOrder.inFlight ? "결제 확인 중인 주문" : "결제하지 않은 주문"}{" "}
      <span className="font-mono font-semibold">{pendingOrder.orderNumber}</span>이 있습니다.{" "}
      <Link href={`/orders/${pendingOrder.orderNumber}`} className="font-semibold underline underline-offset-2">
        {pendingOrder.inFlight ? "결제 결과 보기" : "그 주문 결제하기"}
      </Link>{" "}
      {pendingOrder.inFlight
        ? "결과가 나온 뒤에 새로 주문할 수 있습니다."
        : "또는 아래에서 새로 결제하면 이전 주문은 결제 없이 종료됩니다."}
    </p>
  );
  if (lines.length === 0) {
    return (
      <div className="mx-auto max-w-lg">
        {pendingNotice}
        <div className="card p-8 text-center">
          <p className="text-ink-soft">{buyNow ? "판매하지 않는 상품입니다." : "주문할 상품이 없습니다."}</p>
          <Link href="/" className="btn-dark mt-4">
            상품 보러 가기
          </Link>
        </div>
      </div>
    );
  }
  const sum = totals(lines.map((l) => ({ unitPrice: l.price, quantity: l.quantity, taxFree: l.taxFree })));
  return (
    <div className="mx-auto grid max-w-4xl gap-4 md:grid-cols-[1fr_320px] md:gap-6">
      <h1 className="text-xl font-bold md:col-start-1 md:row-start-1">주문/결제</h1>
      {/* The summary comes first on a phone (above the form and its pay button), beside it on a desktop. */}
      <aside
        className="card h-fit p-4 md:sticky md:top-20 md:col-start-2 md:row-span-2 md:row-start-1"
        data-testid="checkout-summary"
      >
        <h2 className="font-semibold">{buyNow ? "바로 구매 상품" : "주문 상품"}</h2>
        <ul className="mt-3 space-y-2 text-sm" data-testid="checkout-lines">
          {lines.map((l) => (
            <li key={l.id} className="flex justify-between gap-2">
              <span className="text-ink-soft">
                {l.name} × {l.quantity}
              </span>
              <span className="amount shrink-0">{formatWon(l.price * l.quantity)}</span>
            </li>
          ))}
        </ul>
        <dl className="mt-3 space-y-1 border-t border-line pt-3 text-sm">
          {sum.taxFree > 0 && <AmountRow label="면세 금액">{formatWon(sum.taxFree)}</AmountRow>}
          <AmountRow label="부가세">{formatWon(sum.vat)}</AmountRow>
          <AmountRow label="배송비">무료</AmountRow>
        </dl>
        <dl className="mt-2">
          <AmountRow label="총 결제 금액" total="lg" testId="checkout-total">
            {formatWon(sum.total)}
          </AmountRow>
        </dl>
        {buyNow && <p className="mt-2 text-xs text-ink-soft">장바구니에 담긴 상품은 그대로 남아 있습니다.</p>}
      </aside>
      <div className="min-w-0 md:col-start-1 md:row-start-2">
        {pendingNotice}
        <CheckoutForm
          methods={paymentMethods()}
          total={sum.total}
          buyNow={buyNow}
          agreements={checkoutAgreements.map((a) => ({ key: a.key, title: a.title, text: a.text }))}
          postcodeScript={postcodeScriptUrl()}
        />
      </div>
    </div>
  );
}
