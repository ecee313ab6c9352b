// The shop's frame (skip link, header with the cart badge, footer): used by app/(shop)/layout.tsx and by
// the root not-found page, so a mistyped address still looks like the shop and offers its menu.
import Link from "next/link";
import { cartCount } from "@/lib/shop/cart";
import { readCart } from "../_lib/request";

export async function ShopFrame({ children }: { children: React.ReactNode }) {
  const count = cartCount(await readCart());
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-20 rounded-lg bg-ink px-3 py-2 text-sm font-semibold text-white focus:not-sr-only focus:fixed focus:left-2 focus:top-2"
      >
        본문으로 건너뛰기
      </a>
      <header className="sticky top-0 z-10 border-b border-line bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-5xl items-center justify-between gap-2 px-4">
          <Link href="/" className="flex shrink-0 items-center gap-2 font-bold">
            <span className="grid size-7 place-items-center rounded-lg bg-kakao text-sm" aria-hidden>
              K
            </span>
            {/* 360–399 px phones: "체크아웃" only, so the nav and the cart badge fit without sideways scrolling. */}
            <span className="whitespace-nowrap">
              <span className="max-[399px]:sr-only">카카오 </span>체크아웃
              <span className="hidden sm:inline"> 상점</span>
            </span>
          </Link>
          <nav className="flex min-w-0 items-center gap-0 text-sm sm:gap-1" aria-label="상점 메뉴">
            <Link
              href="/consents"
              className="whitespace-nowrap rounded-lg px-2 py-2 text-ink-soft hover:bg-paper sm:px-3"
              data-testid="consents-link"
            >
              동의·서명
            </Link>
            <Link
              href="/orders/lookup"
              className="whitespace-nowrap rounded-lg px-2 py-2 text-ink-soft hover:bg-paper sm:px-3"
            >
              주문 조회
            </Link>
            <Link
              href="/cart"
              className="relative whitespace-nowrap rounded-lg px-2 py-2 font-medium hover:bg-paper sm:px-3"
              data-testid="cart-link"
            >
              장바구니
              {count > 0 && (
                <span
                  className="ml-1 inline-grid min-w-5 place-items-center rounded-full bg-kakao px-1.5 text-xs font-bold"
                  data-testid="cart-count"
                >
                  {count}
                </span>
              )}
            </Link>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 outline-none">
        {children}
      </main>
      <footer className="border-t border-line bg-white py-6 text-center text-xs text-ink-soft">
        카카오 체크아웃 상점 · 사업자등록번호 000-00-00000 · 결제는 카카오페이가 안전하게 처리합니다
        <div className="mt-2">
          <Link href="/consents/auto-debit" className="underline-offset-2 hover:underline">
            자동이체 출금동의
          </Link>
          {" · "}
          <Link href="/consents/sign" className="underline-offset-2 hover:underline">
            계약서 전자서명
          </Link>
        </div>
      </footer>
    </div>
  );
}

/** The body of a "page not found" screen (inside the shop frame). */
export function NotFoundBody() {
  return (
    <div className="mx-auto max-w-md">
      <section className="card p-8 text-center">
        <h1 className="text-xl font-bold">페이지를 찾을 수 없습니다</h1>
        <p className="mt-2 text-sm text-ink-soft">
          주소가 바뀌었거나 판매가 끝난 상품일 수 있습니다. 주문 내역은 주문 조회에서 확인할 수 있습니다.
        </p>
        <div className="mt-5 grid gap-2">
          <Link href="/" className="btn-dark w-full">
            상품 보러 가기
          </Link>
          <Link href="/orders/lookup" className="btn-ghost w-full">
            주문 조회
          </Link>
        </div>
      </section>
    </div>
  );
}
