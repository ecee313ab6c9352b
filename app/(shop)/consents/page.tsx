import Link from "next/link";
import { KakaoBadge } from "./_fields";

export const metadata = { title: "동의·서명" };

export default function ConsentsHome() {
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <header>
        <h1 className="text-xl font-bold">카카오톡으로 동의·서명</h1>
        <p className="mt-1 text-sm text-ink-soft">
          종이 신청서 없이 카카오 인증서로 자동이체 출금동의와 계약서 서명을 할 수 있습니다.
        </p>
      </header>
      <Link
        href="/consents/auto-debit"
        className="card flex items-center gap-3 p-4 transition hover:shadow-md"
        data-testid="start-cms"
      >
        <KakaoBadge />
        <span className="min-w-0 flex-1">
          <span className="block font-semibold">자동이체 출금동의</span>
          <span className="block text-sm text-ink-soft">정기배송·월 청구 요금을 계좌에서 자동으로 출금</span>
        </span>
        <span aria-hidden className="text-ink-mute">
          ›
        </span>
      </Link>
      <Link
        href="/consents/sign"
        className="card flex items-center gap-3 p-4 transition hover:shadow-md"
        data-testid="start-esign"
      >
        <KakaoBadge />
        <span className="min-w-0 flex-1">
          <span className="block font-semibold">계약서·약관 전자서명</span>
          <span className="block text-sm text-ink-soft">정기배송 이용계약서, 이용약관 동의서</span>
        </span>
        <span aria-hidden className="text-ink-mute">
          ›
        </span>
      </Link>
    </div>
  );
}
