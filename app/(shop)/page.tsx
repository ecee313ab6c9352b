import Image from "next/image";
import Link from "next/link";
import { db } from "@/lib/db";
import { formatWon } from "@/lib/money";

export const dynamic = "force-dynamic";

export default async function ShopHome() {
  const products = await db.product.findMany({ where: { active: true }, orderBy: { sortOrder: "asc" } });
  return (
    <div>
      <section className="mb-6 rounded-2xl bg-kakao px-5 py-6">
        <p className="text-sm font-medium text-kakao-brown">이번 주 추천</p>
        <h1 className="mt-1 text-2xl font-bold text-kakao-dark">제철 먹거리, 카카오페이로 간편하게</h1>
      </section>
      <ul className="grid grid-cols-2 gap-3 sm:gap-4 md:grid-cols-4" data-testid="product-list">
        {products.map((p, i) => (
          <li key={p.id}>
            {/* No prefetch for a list of products: each one would be a server render on every visit of the
                home page (Next.js prefetches links in view), for a page a tap loads in one round trip anyway. */}
            <Link
              href={`/products/${p.slug}`}
              prefetch={false}
              className="card block h-full overflow-hidden transition hover:shadow-md"
            >
              {/* The first row(s) are on screen at once (and the largest paint on a phone): no lazy loading. */}
              <Image
                src={p.imagePath}
                alt=""
                width={400}
                height={400}
                loading={i < 4 ? "eager" : "lazy"}
                className="aspect-square w-full bg-paper object-cover"
                unoptimized
              />
              <div className="p-3">
                <p className="line-clamp-2 text-[15px] font-semibold leading-snug">{p.name}</p>
                <p className="mt-1 line-clamp-1 text-xs text-ink-soft">{p.summary}</p>
                <p className="amount mt-2 font-bold">{formatWon(p.price)}</p>
                {p.taxFree && <p className="mt-1 text-[11px] text-ink-soft">면세 상품</p>}
              </div>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
