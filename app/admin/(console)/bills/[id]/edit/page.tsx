import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { isEditable } from "@/lib/bills/state";
import { requireAdmin } from "../../../../../_lib/admin";
import { BillForm } from "../../bill-form";
import { formValuesOf } from "../../_form-values";

export const metadata = { title: "청구서 수정" };

export default async function EditBill({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin("bill.write");
  const { id } = await params;
  const bill = await db.bill.findFirst({
    where: { id, merchantId: admin.merchantId },
    include: { customer: true, _count: { select: { links: true, cancellations: true } } },
  });
  if (!bill) notFound();
  const editable = isEditable(bill) && bill._count.cancellations === 0;
  return (
    <div className="space-y-4">
      <Link href={`/admin/bills/${bill.id}`} className="text-sm text-ink-mute hover:underline">
        ← 청구서 상세
      </Link>
      <h1 className="text-xl font-bold">청구서 수정</h1>
      {!editable ? (
        <p className="card p-4 text-sm text-red-700">납부(또는 취소) 기록이 있는 청구서는 수정할 수 없습니다.</p>
      ) : (
        <>
          {bill._count.links > 0 && (
            <p className="rounded-xl bg-amber-50 p-3 text-sm text-amber-900">
              링크가 이미 발급되어 고객번호·청구 연월·회차·식별 코드는 바꿀 수 없습니다. 금액을 바꾸면 고객이 다음에
              청구서를 열 때 새 금액이 보이고, 이전 금액으로 납부하려 하면 카카오페이가 &ldquo;납부 금액이 변경되어
              요금을 재조회합니다&rdquo;라고 안내한 뒤 새 금액을 보여 줍니다.{" "}
              <span className="font-mono text-[11px] text-amber-800">E501</span>
            </p>
          )}
          <BillForm initial={formValuesOf(bill)} billId={bill.id} identityLocked={bill._count.links > 0} />
        </>
      )}
    </div>
  );
}
