import { redirect } from "next/navigation";
import { customerPhone } from "@/lib/customers/timeline";
import { requireAdmin } from "../../../_lib/admin";

export const metadata = { title: "고객" };

/** Find a customer by phone number: their orders, consents, e-signed documents and bills on one page. */
export default async function Customers({ searchParams }: { searchParams: Promise<{ phone?: string }> }) {
  await requireAdmin();
  const raw = (await searchParams).phone;
  const phone = customerPhone(raw);
  if (phone) redirect(`/admin/customers/${phone}`);
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-xl font-bold">고객</h1>
      <p className="text-sm text-ink-soft">
        휴대폰 번호로 한 사람의 주문, 자동이체 출금동의, 전자서명 문서와 청구서를 한 화면에서 봅니다.
      </p>
      <form className="card flex flex-col gap-2 p-3 sm:flex-row sm:items-end" role="search">
        <label className="flex-1 text-xs text-ink-mute">
          휴대폰 번호
          <input
            name="phone"
            inputMode="tel"
            autoComplete="off"
            defaultValue={raw ?? ""}
            placeholder="010-1234-5678"
            className="input mt-1 py-2"
            maxLength={20}
            aria-invalid={raw !== undefined && !phone}
            aria-describedby={raw !== undefined && !phone ? "phone-error" : undefined}
          />
        </label>
        <button className="btn-dark py-2">찾기</button>
      </form>
      {raw !== undefined && !phone && (
        <p id="phone-error" className="rounded-xl bg-red-50 p-3 text-sm text-red-700" role="alert">
          휴대폰 번호를 정확히 입력해 주세요. (예: 010-1234-5678)
        </p>
      )}
    </div>
  );
}
