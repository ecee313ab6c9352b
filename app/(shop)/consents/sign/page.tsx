import Link from "next/link";
import { SIGN_DOCUMENTS } from "@/lib/consents/documents";
import { appToAppAvailable } from "@/lib/consents/providers";
import { readOrderNumber } from "@/lib/orders/order-number";
import { deviceFromRequest } from "../../../_lib/request";
import { ESignForm } from "./esign-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "전자서명" };

export default async function SignPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const order = readOrderNumber(sp.order);
  const docs = SIGN_DOCUMENTS.map((d) => ({ key: d.key, title: d.title, text: d.text, version: d.version }));
  const initialDoc = docs.some((d) => d.key === sp.doc) ? sp.doc! : docs[0]!.key;
  const mobile = (await deviceFromRequest()) === "MOBILE";
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <Link href="/consents" className="text-sm text-ink-mute hover:underline">
        ← 동의·서명
      </Link>
      <header>
        <h1 className="text-xl font-bold">카카오톡 전자서명</h1>
        <p className="mt-1 text-sm text-ink-soft">계약서와 약관을 카카오 인증서로 서명합니다. 서명한 문서 원문은 서명과 함께 보관되어 언제든 확인할 수 있습니다.</p>
        {order && (
          <p className="mt-2 rounded-xl bg-paper p-3 text-sm" data-testid="linked-order">
            연결 주문 <span className="font-mono font-semibold">{order}</span>
          </p>
        )}
      </header>
      <ESignForm docs={docs} initialDoc={initialDoc} order={order} mobile={mobile} appToApp={appToAppAvailable()} />
    </div>
  );
}
