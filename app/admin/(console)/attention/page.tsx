// 확인 필요: everything a person must look at — payments still unknown after the worker's retries, late
// captures and their automatic refunds, amount mismatches, refunds stuck, bills paid twice or with
// mismatched pay-results, consents whose verification could not be confirmed.
import Link from "next/link";
import type { ReactNode } from "react";
import { db } from "@/lib/db";
import { billsNeedingReview } from "@/lib/bills/review";
import { formatWon } from "@/lib/money";
import { attentionKinds, openAttention, type AttentionKind } from "@/lib/payments/attention";
import { paymentStatusLabel, refundStatusLabel } from "@/lib/payments/state";
import { requireAdmin } from "../../../_lib/admin";
import { kstDateTime } from "../../_components";
import { EmptyState } from "../_components/list";
import { RefreshForm } from "../_components/action-form";
import { refreshFromAttentionAction } from "./actions";
import { CloseUnconfirmedForm, ResolveForm } from "./forms";

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

      <AttentionSection id="att-payments" title="결제 · 환불" items={payments}>
        {(a) => (
          <AttentionItem
            key={a.id}
            kind={a.kind}
            label={attentionKinds[a.kind as AttentionKind] ?? a.kind}
            link={
              a.order && {
                href: `/admin/orders/${a.orderId}`,
                text: a.order.orderNumber,
                style: "font-mono font-semibold",
              }
            }
            meta={kstDateTime(a.createdAt)}
            message={a.message}
            actions={
              <>
                {a.paymentId && (
                  <RefreshForm
                    action={refreshFromAttentionAction}
                    hidden={{ paymentId: a.paymentId }}
                    testId="attention-refresh"
                    label="결제사에서 새로고침"
                  />
                )}
                {a.paymentId && a.payment?.status === "UNKNOWN" && (
                  <CloseUnconfirmedForm what="payment" id={a.paymentId} />
                )}
                {a.refundId && (a.refund?.status === "UNKNOWN" || a.refund?.status === "REQUESTED") && (
                  <CloseUnconfirmedForm what="refund" id={a.refundId} />
                )}
                <ResolveForm source="payment" id={a.id} />
              </>
            }
          >
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
          </AttentionItem>
        )}
      </AttentionSection>

      <AttentionSection id="att-bills" title="청구서" items={bills}>
        {(b) => (
          <AttentionItem
            key={b.reviewId}
            kind={b.kind}
            label={b.kindLabel}
            link={{ href: `/admin/bills/${b.billId}`, text: b.billTitle, style: "font-semibold" }}
            meta={`${b.customerName} · ${kstDateTime(b.at)}`}
            message={b.message}
            actions={<ResolveForm source="bill" id={b.reviewId} />}
          >
            <p className="text-ink-soft">
              납부 번호 <span className="font-mono">{b.payId}</span> · 응답 코드{" "}
              <span className="font-mono">{b.code}</span>
            </p>
          </AttentionItem>
        )}
      </AttentionSection>

      <AttentionSection id="att-consents" title="동의 · 서명" items={consents}>
        {(c) => (
          <AttentionItem
            key={c.id}
            kind="CONSENT_NEEDS_REVIEW"
            label={`${c.kind === "CMS" ? "출금동의" : "전자서명"} 검증 확인 필요`}
            link={{ href: `/admin/consents/${c.id}`, text: c.id, style: "font-mono" }}
            meta={kstDateTime(c.updatedAt)}
            message={
              c.failureMessage ??
              "서명 검증 결과를 받지 못했습니다. 결제사 관리자 화면에서 서명 여부를 확인하고 필요하면 다시 요청해 주세요."
            }
            actions={<ResolveForm source="consent" id={c.id} />}
          >
            {c.failureCode && (
              <p className="text-ink-soft">
                인증사 코드 <span className="font-mono">{c.failureCode}</span>
              </p>
            )}
          </AttentionItem>
        )}
      </AttentionSection>
    </div>
  );
}

/** One kind of item (payments, bills, consents) with its count; nothing when there is none. */
function AttentionSection<T>({
  id,
  title,
  items,
  children,
}: {
  id: string;
  title: string;
  items: T[];
  children: (item: T) => ReactNode;
}) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="font-semibold">
        {title} <span className="text-ink-mute">{items.length}건</span>
      </h2>
      <ul className="space-y-3">{items.map(children)}</ul>
    </section>
  );
}

/** One item: what kind it is, what it is about (a link), when, the message, its details and what staff can do. */
function AttentionItem({
  kind,
  label,
  link,
  meta,
  message,
  children,
  actions,
}: {
  kind: string;
  label: ReactNode;
  /** what it is about: its page, its name there and the name's style */
  link: { href: string; text: string; style: string } | null;
  meta: ReactNode;
  message: ReactNode;
  children: ReactNode;
  actions: ReactNode;
}) {
  return (
    <li className="card space-y-3 p-4 text-sm" data-testid="attention-item" data-kind={kind}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="rounded-md bg-purple-100 px-2 py-0.5 text-xs font-semibold text-purple-800">{label}</span>
        {link && (
          <Link href={link.href} className={`${link.style} hover:underline`}>
            {link.text}
          </Link>
        )}
        <span className="text-ink-mute">{meta}</span>
      </div>
      <p>{message}</p>
      {children}
      <div className="flex flex-col gap-2 border-t border-line pt-3">{actions}</div>
    </li>
  );
}
