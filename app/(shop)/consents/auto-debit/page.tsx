import Link from "next/link";
import { env } from "@/lib/env";
import { BANKS } from "@/lib/consents/input";
import { readOrderNumber } from "@/lib/orders/order-number";
import { CmsForm } from "./cms-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "자동이체 출금동의" };

export default async function AutoDebitPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const order = readOrderNumber(sp.order);
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <Link href="/consents" className="text-sm text-ink-mute hover:underline">
        ← 동의·서명
      </Link>
      <header>
        <h1 className="text-xl font-bold">자동이체 출금동의</h1>
        <p className="mt-1 text-sm text-ink-soft">
          {env().CONSENT_REQUEST_CORP}의 정기 청구 요금(정기배송·월 청구서)을 등록한 계좌에서 매월 자동으로 출금합니다. 카카오톡 인증서로 간편하게 동의하세요.
        </p>
        {order && (
          <p className="mt-2 rounded-xl bg-paper p-3 text-sm" data-testid="linked-order">
            연결 주문 <span className="font-mono font-semibold">{order}</span>
          </p>
        )}
      </header>
      <CmsForm banks={BANKS} order={order} />
    </div>
  );
}
