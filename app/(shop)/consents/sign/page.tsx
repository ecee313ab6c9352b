import { SIGN_DOCUMENTS } from "@/lib/consents/documents";
import { appToAppAvailable } from "@/lib/consents/providers";
import { readOrderNumber } from "@/lib/orders/order-number";
import { deviceFromRequest } from "../../../_lib/request";
import { ConsentRequestPage } from "../_request-page";
import { ESignForm } from "./esign-form";
import type { SearchParams } from "../../_search-params";

export const dynamic = "force-dynamic";
export const metadata = { title: "전자서명" };

export default async function SignPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const order = readOrderNumber(sp.order);
  const docs = SIGN_DOCUMENTS.map((d) => ({ key: d.key, title: d.title, text: d.text, version: d.version }));
  const initialDoc = docs.some((d) => d.key === sp.doc) ? sp.doc! : docs[0]!.key;
  const mobile = (await deviceFromRequest()) === "MOBILE";
  return (
    <ConsentRequestPage
      title="카카오톡 전자서명"
      intro="계약서와 약관을 카카오 인증서로 서명합니다. 서명한 문서 원문은 서명과 함께 보관되어 언제든 확인할 수 있습니다."
      order={order}
    >
      <ESignForm docs={docs} initialDoc={initialDoc} order={order} mobile={mobile} appToApp={appToAppAvailable()} />
    </ConsentRequestPage>
  );
}
