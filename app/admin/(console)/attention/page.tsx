// 확인 필요: everything a person must look at — payments still unknown after the worker's retries, late
// captures and their automatic refunds, amount mismatches, refunds stuck, bills paid twice or with
// mismatched pay-results, consents whose verification could not be confirmed.
import Link from "next/link";
import { db } from "@/lib/db";
import { billsNeedingReview } from "@/lib/bills/review";
import { formatWon } from "@/lib/money";
import { attentionKinds, openAttention, type AttentionKind } from "@/lib/payments/attention";
import { paymentStatusLabel, refundStatusLabel } from "@/lib/payments/state";
import { requireAdmin } from "../../../_lib/admin";
import { kstDateTime } from "../../_components";
import { EmptyState } from "../_components/list";
import { CloseUnconfirmedForm, RefreshForm, ResolveForm } from "./forms";

export const metadata = { title: "확인 필요" };

export default async function AttentionPage() {
  const admin = await requireAdmin();
  const [payments, bills, consents] = await Promise.all([
    openAttention(db, { merchantId: admin.merchantId }),
    billsNeedingReview({ merchantId: admin.merchantId }),
    db.consentRequest.findMany({
      where: { merchantId: admin.merchantId, status: "NEEDS_REVIEW", reviewedAt: null },
      orderBy: { updatedAt: "desc" },
      take: 200,
      select: { id: true, kind: true, updatedAt: true, failureCode: true, failureMessage: true },
    }),
  ]);
  const total = payments.length + bills.length + consents.length;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-bold">확인 필요</h1>
        <p className="mt-1 text-sm text-ink-soft">
          자동으로 해결되지 않아 사람이 확인해야 하는 항목입니다. 결제 결과 확인과 자동 환불은 백그라운드에서 계속
          진행되며, 해결되면 목록에서 사라집니다.
        </p>
      </div>
      {total === 0 && <EmptyState testId="attention-empty">확인할 항목이 없습니다.</EmptyState>}

      {payments.length > 0 && (
        <section aria-labelledby="att-payments" className="space-y-3">
          <h2 id="att-payments" className="font-semibold">
            결제 · 환불 <span className="text-ink-mute">{payments.length}건</span>
          </h2>
          <ul className="space-y-3">
            {payments.map((a) => (
              <li key={a.id} className="card space-y-3 p-4 text-sm" data-testid="attention-item" data-kind={a.kind}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="rounded-md bg-purple-100 px-2 py-0.5 text-xs font-semibold text-purple-800">
                    {attentionKinds[a.kind as AttentionKind] ?? a.kind}
                  </span>
                  {a.order && (
                    <Link href={`/admin/orders/${a.orderId}`} className="font-mono font-semibold hover:underline">
                      {a.order.orderNumber}
                    </Link>
                  )}
                  <span className="text-ink-mute">{kstDateTime(a.createdAt)}</span>
                </div>
                <p>{a.message}</p>
                <dl className="flex flex-wrap gap-x-4 gap-y-1 text-ink-soft">
                  {a.payment && (
                    <div>
                      <dt className="inline">결제 상태 </dt>
                      <dd className="inline font-medium text-ink">{paymentStatusLabel[a.payment.status]}</dd>
                    </div>
                  )}
                  {a.refund && (
                    <div>
                      <dt className="inline">환불 </dt>
                      <dd className="inline font-medium text-ink">
                        {formatWon(a.refund.amount)} · {refundStatusLabel[a.refund.status]}
                      </dd>
                    </div>
                  )}
                  {a.code && (
                    <div>
                      <dt className="inline">결제사 코드 </dt>
                      <dd className="inline font-mono">{a.code}</dd>
                    </div>
                  )}
                </dl>
                <div className="flex flex-col gap-2 border-t border-line pt-3">
                  {a.paymentId && <RefreshForm paymentId={a.paymentId} />}
                  {a.paymentId && a.payment?.status === "UNKNOWN" && (
                    <CloseUnconfirmedForm what="payment" id={a.paymentId} />
                  )}
                  {a.refundId && (a.refund?.status === "UNKNOWN" || a.refund?.status === "REQUESTED") && (
                    <CloseUnconfirmedForm what="refund" id={a.refundId} />
                  )}
                  <ResolveForm source="payment" id={a.id} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}

      {bills.length > 0 && (
        <section aria-labelledby="att-bills" className="space-y-3">
          <h2 id="att-bills" className="font-semibold">
            청구서 <span className="text-ink-mute">{bills.length}건</span>
          </h2>
          <ul className="space-y-3">
            {bills.map((b) => (
              <li
                key={b.reviewId}
                className="card space-y-3 p-4 text-sm"
                data-testid="attention-item"
                data-kind={b.kind}
              >
                <div className="flex flex-wrap items-center gap-2">
                  <span className="rounded-md bg-purple-100 px-2 py-0.5 text-xs font-semibold text-purple-800">
                    {b.kindLabel}
                  </span>
                  <Link href={`/admin/bills/${b.billId}`} className="font-semibold hover:underline">
                    {b.billTitle}
                  </Link>
                  <span className="text-ink-mute">
                    {b.customerName} · {kstDateTime(b.at)}
                  </span>
                </div>
                <p>{b.message}</p>
                <p className="text-ink-soft">
                  납부 번호 <span className="font-mono">{b.payId}</span> · 응답 코드{" "}
                  <span className="font-mono">{b.code}</span>
                </p>
                <div className="border-t border-line pt-3">
                  <ResolveForm source="bill" id={b.reviewId} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}

      {consents.length > 0 && (
        <section aria-labelledby="att-consents" className="space-y-3">
          <h2 id="att-consents" className="font-semibold">
            동의 · 서명 <span className="text-ink-mute">{consents.length}건</span>
          </h2>
          <ul className="space-y-3">
            {consents.map((c) => (
              <li
                key={c.id}
                className="card space-y-3 p-4 text-sm"
                data-testid="attention-item"
                data-kind="CONSENT_NEEDS_REVIEW"
              >
                <div className="flex flex-wrap items-center gap-2">
                  <span className="rounded-md bg-purple-100 px-2 py-0.5 text-xs font-semibold text-purple-800">
                    {c.kind === "CMS" ? "출금동의" : "전자서명"} 검증 확인 필요
                  </span>
                  <Link href={`/admin/consents/${c.id}`} className="font-mono hover:underline">
                    {c.id}
                  </Link>
                  <span className="text-ink-mute">{kstDateTime(c.updatedAt)}</span>
                </div>
                <p>
                  {c.failureMessage ??
                    "서명 검증 결과를 받지 못했습니다. 결제사 관리자 화면에서 서명 여부를 확인하고 필요하면 다시 요청해 주세요."}
                </p>
                {c.failureCode && (
                  <p className="text-ink-soft">
                    인증사 코드 <span className="font-mono">{c.failureCode}</span>
                  </p>
                )}
                <div className="border-t border-line pt-3">
                  <ResolveForm source="consent" id={c.id} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
