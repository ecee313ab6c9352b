import Image from "next/image";
import Link from "next/link";
import { db } from "@/lib/db";
import { formatWon, totals } from "@/lib/money";
import { readCart } from "../../_lib/request";
import { AmountRow } from "@/app/_components/amount-row";
import { updateCartAction } from "../actions";
import type { SearchParams } from "../_search-params";

export const dynamic = "force-dynamic";
export const metadata = { title: "장바구니" };

const errors: Record<string, string> = {
  quantity: "수량을 확인해 주세요. (1~99개)",
  unavailable: "판매하지 않는 상품입니다.",
};

export default async function CartPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const cart = await readCart();
  const products = await db.product.findMany({ where: { id: { in: cart.map(([id]) => id) }, active: true } });
  const lines = cart.flatMap(([id, quantity]) => {
    const p = products.find((x) => x.id === id);
    return p ? [{ product: p, quantity }] : [];
  });
  const sum = totals(
    lines.map((l) => ({ unitPrice: l.product.price, quantity: l.quantity, taxFree: l.product.taxFree })),
  );

  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="mb-4 text-xl font-bold">장바구니</h1>
      {sp.error && errors[sp.error] && (
        <p className="mb-3 rounded-xl bg-red-50 p-3 text-sm text-red-700" role="alert">
          {errors[sp.error]}
        </p>
      )}
      {sp.added && <p className="mb-3 rounded-xl bg-green-50 p-3 text-sm text-green-800">장바구니에 담았습니다.</p>}
      {lines.length === 0 ? (
        <div className="card p-8 text-center">
          <p className="text-ink-soft">장바구니가 비어 있습니다.</p>
          <Link href="/" className="btn-dark mt-4">
            상품 보러 가기
          </Link>
        </div>
      ) : (
        <>
          <ul className="card divide-y divide-line" data-testid="cart-lines">
            {lines.map(({ product, quantity }) => (
              <li key={product.id} className="flex items-center gap-3 p-3">
                <Image
                  src={product.imagePath}
                  alt=""
                  width={64}
                  height={64}
                  className="size-16 rounded-xl bg-paper"
                  unoptimized
                />
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">{product.name}</p>
                  <p className="amount text-sm text-ink-soft">
                    {formatWon(product.price)} × {quantity}
                  </p>
                </div>
                <form action={updateCartAction} className="flex items-center gap-1">
                  <input type="hidden" name="productId" value={product.id} />
                  <button
                    name="quantity"
                    value={quantity - 1}
                    className="size-9 rounded-lg border border-line-strong"
                    aria-label={`${product.name} 수량 줄이기`}
                  >
                    −
                  </button>
                  <span className="amount w-7 text-center">{quantity}</span>
                  <button
                    name="quantity"
                    value={Math.min(99, quantity + 1)}
                    className="size-9 rounded-lg border border-line-strong"
                    aria-label={`${product.name} 수량 늘리기`}
                  >
                    +
                  </button>
                </form>
                <p className="amount hidden w-24 text-right font-semibold sm:block">
                  {formatWon(product.price * quantity)}
                </p>
              </li>
            ))}
          </ul>
          <dl className="card mt-4 space-y-1 p-4 text-sm">
            <AmountRow label="상품 금액">{formatWon(sum.total)}</AmountRow>
            <AmountRow label="배송비">무료</AmountRow>
            <AmountRow label="결제 예정 금액" total="lg" testId="cart-total" className="pt-2">
              {formatWon(sum.total)}
            </AmountRow>
          </dl>
          <Link href="/checkout" className="btn-kakao mt-4 w-full">
            주문하기
          </Link>
        </>
      )}
    </div>
  );
}
