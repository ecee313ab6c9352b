"use client";
// A shop page that failed to render: plain Korean, a way to try again and a way out. The digest is the
// server log's reference for the shop's staff, shown only as a small secondary line.
import Link from "next/link";

export default function ShopError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-md">
      <section className="card p-8 text-center" role="alert">
        <h1 className="text-xl font-bold">화면을 불러오지 못했습니다</h1>
        <p className="mt-2 text-sm text-ink-soft">
          일시적인 문제입니다. 잠시 후 다시 시도해 주세요. 결제가 진행 중이었다면 주문 조회에서 결과를 확인할 수
          있습니다.
        </p>
        <div className="mt-5 grid gap-2">
          <button type="button" className="btn-dark w-full" onClick={() => reset()}>
            다시 시도
          </button>
          <Link href="/orders/lookup" className="btn-ghost w-full">
            주문 조회
          </Link>
        </div>
        {error.digest && <p className="mt-3 text-xs text-ink-mute">오류 번호 {error.digest}</p>}
      </section>
    </div>
  );
}
