import Link from "next/link";
import { requireAdmin } from "../../../../_lib/admin";
import { BillForm } from "../bill-form";
import { emptyFormValues } from "../_form-values";

export const metadata = { title: "청구서 만들기" };

export default async function NewBill() {
  await requireAdmin("bill.write");
  return (
    <div className="space-y-4">
      <Link href="/admin/bills" className="text-sm text-ink-mute hover:underline">
        ← 청구서 목록
      </Link>
      <h1 className="text-xl font-bold">청구서 만들기</h1>
      <BillForm initial={emptyFormValues()} />
    </div>
  );
}
