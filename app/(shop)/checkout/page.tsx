import Link from "next/link";
import { db } from "@/lib/db";
import { formatWon, totals } from "@/lib/money";
import { paymentMethods } from "@/lib/payments/methods";
import { readCart } from "../../_lib/request";
import { CheckoutForm } from "./checkout-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "주문/결제" };

export default async function CheckoutPage() {
  const cart = await readCart();
  const products = await db.product.findMany({ where: { id: { in: cart.map(([id]) => id) }, active: true } });
  const lines = cart.flatMap(([id, quantity]) => {
    const p = products.find((x) => x.id === id);
    return p ? [{ name: p.name, price: p.price, taxFree: p.taxFree, quantity }] : [];
  });
  if (lines.length === 0) {
    return (
      <div className="card mx-auto max-w-lg p-8 text-center">
        <p className="text-ink-soft">주문할 상품이 없습니다.</p>
        <Link href="/" className="btn-dark mt-4">
          상품 보러 가기
        </Link>
      </div>
    );
  }
  const sum = totals(lines.map((l) => ({ unitPrice: l.price, quantity: l.quantity, taxFree: l.taxFree })));
  return (
    <div className="mx-auto grid max-w-4xl gap-6 md:grid-cols-[1fr_320px]">
      <div>
        <h1 className="mb-4 text-xl font-bold">주문/결제</h1>
        <CheckoutForm methods={paymentMethods} total={sum.total} />
      </div>
      <aside className="card h-fit p-4 md:sticky md:top-20">
        <h2 className="font-semibold">주문 상품</h2>
        <ul className="mt-3 space-y-2 text-sm">
          {lines.map((l) => (
            <li key={l.name} className="flex justify-between gap-2">
              <span className="text-ink-soft">
                {l.name} × {l.quantity}
              </span>
              <span className="amount shrink-0">{formatWon(l.price * l.quantity)}</span>
            </li>
          ))}
        </ul>
        <div className="mt-3 space-y-1 border-t border-line pt-3 text-sm text-ink-soft">
          {sum.taxFree > 0 && (
            <div className="flex justify-between">
              <span>면세 금액</span>
              <span className="amount">{formatWon(sum.taxFree)}</span>
            </div>
          )}
          <div className="flex justify-between">
            <span>부가세</span>
            <span className="amount">{formatWon(sum.vat)}</span>
          </div>
        </div>
        <div className="mt-2 flex justify-between text-lg font-bold">
          <span>총 결제 금액</span>
          <span className="amount" data-testid="checkout-total">
            {formatWon(sum.total)}
          </span>
        </div>
      </aside>
    </div>
  );
}
