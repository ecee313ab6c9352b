import Link from "next/link";
import { cartCount } from "@/lib/shop/cart";
import { readCart } from "../_lib/request";

export default async function ShopLayout({ children }: { children: React.ReactNode }) {
  const count = cartCount(await readCart());
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-10 border-b border-line bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-5xl items-center justify-between px-4">
          <Link href="/" className="flex items-center gap-2 font-bold">
            <span className="grid size-7 place-items-center rounded-lg bg-kakao text-sm">K</span>
            <span>카카오 체크아웃 상점</span>
          </Link>
          <nav className="flex items-center gap-1 text-sm">
            <Link href="/orders/lookup" className="rounded-lg px-3 py-2 text-ink-soft hover:bg-paper">
              주문 조회
            </Link>
            <Link href="/cart" className="relative rounded-lg px-3 py-2 font-medium hover:bg-paper" data-testid="cart-link">
              장바구니
              {count > 0 && (
                <span className="ml-1 inline-grid min-w-5 place-items-center rounded-full bg-kakao px-1.5 text-xs font-bold" data-testid="cart-count">
                  {count}
                </span>
              )}
            </Link>
          </nav>
        </div>
      </header>
      <main className="mx-auto w-full max-w-5xl flex-1 px-4 py-6">{children}</main>
      <footer className="border-t border-line bg-white py-6 text-center text-xs text-ink-mute">
        카카오 체크아웃 상점 · 사업자등록번호 000-00-00000 · 결제는 카카오페이가 안전하게 처리합니다
      </footer>
    </div>
  );
}
