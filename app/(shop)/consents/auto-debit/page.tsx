import { env } from "@/lib/env";
import { BANKS } from "@/lib/consents/input";
import { readOrderNumber } from "@/lib/orders/order-number";
import { ConsentRequestPage } from "../_request-page";
import { CmsForm } from "./cms-form";
import type { SearchParams } from "../../_search-params";

export const dynamic = "force-dynamic";
export const metadata = { title: "자동이체 출금동의" };

export default async function AutoDebitPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const order = readOrderNumber(sp.order);
  return (
    <ConsentRequestPage
      title="자동이체 출금동의"
      intro={`${env().CONSENT_REQUEST_CORP}의 정기 청구 요금(정기배송·월 청구서)을 등록한 계좌에서 매월 자동으로 출금합니다. 카카오톡 인증서로 간편하게 동의하세요.`}
      order={order}
    >
      <CmsForm banks={BANKS} order={order} />
    </ConsentRequestPage>
  );
}
