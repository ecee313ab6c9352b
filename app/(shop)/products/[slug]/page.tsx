import Image from "next/image";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { formatWon } from "@/lib/money";
import { addToCartAction } from "../../actions";

export const dynamic = "force-dynamic";

export default async function ProductPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const product = await db.product.findFirst({ where: { slug, active: true } });
  if (!product) notFound();
  return (
    <div className="grid gap-6 pb-20 md:grid-cols-2 md:pb-0">
      {/* The page's largest paint: fetched at once, not lazily after layout. */}
      <Image
        src={product.imagePath}
        alt={product.name}
        width={600}
        height={600}
        loading="eager"
        fetchPriority="high"
        className="card aspect-square w-full object-cover"
        unoptimized
      />
      <div>
        <Link href="/" className="text-sm text-ink-soft hover:underline">
          ← 상품 목록
        </Link>
        <h1 className="mt-2 text-2xl font-bold">{product.name}</h1>
        <p className="mt-2 text-ink-soft">{product.description}</p>
        <p className="amount mt-4 text-3xl font-bold">{formatWon(product.price)}</p>
        <p className="mt-1 text-sm text-ink-soft">
          {product.taxFree ? "면세 상품 (부가세 없음)" : "부가세 포함"} · 무료배송
        </p>
        <form action={addToCartAction} className="mt-6 space-y-3">
          <input type="hidden" name="productId" value={product.id} />
          <label className="label" htmlFor="quantity">
            수량
          </label>
          <select id="quantity" name="quantity" className="input max-w-32" defaultValue="1">
            {Array.from({ length: 10 }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {i + 1}개
              </option>
            ))}
          </select>
          {/* Phones: 장바구니 / 구매 stay at the bottom of the screen while the page scrolls. */}
          <div
            className="fixed inset-x-0 bottom-0 z-10 flex gap-2 border-t border-line bg-white px-4 pb-[max(0.75rem,env(safe-area-inset-bottom))] pt-3 md:static md:border-0 md:bg-transparent md:p-0 md:pt-2"
            data-testid="buy-bar"
          >
            <button type="submit" className="btn-ghost flex-1">
              장바구니 담기
            </button>
            <button type="submit" name="buyNow" value="1" className="btn-kakao flex-1">
              바로 구매
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
