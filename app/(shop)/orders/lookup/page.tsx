import { LookupForm } from "./lookup-form";
import type { SearchParams } from "../../_search-params";

export const metadata = { title: "주문 조회" };

export default async function LookupPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-xl font-bold">주문 조회</h1>
      <p className="mt-1 text-sm text-ink-soft">
        주문번호와 주문할 때 입력한 휴대폰 번호로 주문 상태와 영수증을 확인할 수 있습니다.
      </p>
      {sp.error === "bad_return" && (
        <p className="mt-3 rounded-xl bg-amber-50 p-3 text-sm text-amber-800" role="alert">
          결제사에서 돌아온 정보가 올바르지 않습니다. 주문번호로 주문 상태를 확인해 주세요.
        </p>
      )}
      <LookupForm orderNumber={sp.orderNumber ?? ""} />
    </div>
  );
}
