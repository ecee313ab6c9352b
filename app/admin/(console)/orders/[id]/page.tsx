import { randomUUID } from "node:crypto";
import Link from "next/link";
import { db } from "@/lib/db";
import { formatWon } from "@/lib/money";
import { maskEmail, maskPhoneNumber, withSeparators } from "@/lib/admin/format";
import {
  eventTypeLabel,
  failureText,
  paymentMethodText,
  providerLabel,
  translateStatusArrows,
} from "@/lib/admin/labels";
import { can } from "@/lib/admin/roles";
import { orderStatusLabel } from "@/lib/orders/state";
import { paymentStatusLabel } from "@/lib/payments/state";
import { kstDateTime, OrderDisplayBadge, RefundBadge, StatusBadge } from "../../../_components";
import { adminRecord, DetailHeader, type DetailPageProps, DetailSection } from "../../_components/detail";
import { Timeline } from "../../_components/timeline";
import { revealer } from "../../_reveal/revealer";
import { RefreshForm } from "../../_components/action-form";
import { refreshAction } from "./actions";
import { RefundForm } from "./refund-form";
import { TransactionIdForm } from "./tid-form";

export const metadata = { title: "주문 상세" };

const statusWords: Record<string, string> = { ...paymentStatusLabel, ...orderStatusLabel };

export default async function AdminOrderDetail({ params }: DetailPageProps) {
  const { admin, record: order } = await adminRecord(params, (where) =>
    db.order.findFirst({
      where,
      include: {
        items: true,
        payments: { orderBy: { createdAt: "desc" }, include: { refunds: { orderBy: { createdAt: "asc" } } } },
        events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      },
    }),
  );
  // Personal data: masked in the page; a manager or owner may reveal it with 보기 (a server action that
  // re-checks the role and writes the audit row, lib/admin/reveal.ts); a viewer never receives it.
  const reveal = revealer("order", order.id, can(admin.role, "pii.reveal"));
  return (
    <div className="space-y-4">
      <DetailHeader
        back={{ href: "/admin/orders", label: "주문 목록" }}
        title={order.orderNumber}
        mono
        badges={
          <OrderDisplayBadge
            status={order.status}
            paymentStatus={order.payments[0]?.status}
            testId="order-status-badge"
          />
        }
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <DetailSection title="주문 정보">
          <dl className="grid grid-cols-[100px_1fr] gap-y-1.5">
            <dt className="text-ink-mute">주문일시</dt>
            <dd>{kstDateTime(order.createdAt)}</dd>
            <dt className="text-ink-mute">주문자</dt>
            <dd>
              {order.buyerName}{" "}
              <Link
                href={`/admin/customers/o-${order.id}`}
                className="ml-1 text-xs text-blue-700 underline"
                data-testid="order-customer-link"
              >
                이 고객의 주문·동의 한눈에 보기
              </Link>
            </dd>
            <dt className="text-ink-mute">연락처</dt>
            <dd>
              {reveal(
                "contact",
                `${maskPhoneNumber(order.buyerPhone)} · ${maskEmail(order.buyerEmail)}`,
                "admin-order-contact",
                "reveal-pii",
              )}
            </dd>
            <dt className="text-ink-mute">결제 금액</dt>
            <dd className="amount font-semibold" data-testid="admin-order-total">
              {formatWon(order.totalAmount)}{" "}
              <span className="font-normal text-ink-mute">
                (면세 {formatWon(order.taxFreeAmount)}, 부가세 {formatWon(order.vatAmount)})
              </span>
            </dd>
            <dt className="text-ink-mute">환불 금액</dt>
            <dd className="amount" data-testid="admin-order-refunded">
              {formatWon(order.refundedAmount)}
            </dd>
          </dl>
          <ul className="mt-4 divide-y divide-line border-t border-line">
            {order.items.map((i) => (
              <li key={i.id} className="flex justify-between py-2">
                <span>
                  {i.name} × {i.quantity} {i.taxFree && <span className="text-xs text-ink-mute">(면세)</span>}
                </span>
                <span className="amount">{formatWon(i.lineTotal)}</span>
              </li>
            ))}
          </ul>
        </DetailSection>
        <section className="space-y-4">
          {order.payments.length === 0 && <p className="card p-4 text-sm text-ink-mute">결제 시도가 없습니다.</p>}
          {order.payments.map((p) => {
            const remaining = p.totalAmount - p.cancelledAmount;
            const refundable = p.status === "APPROVED" || p.status === "PARTIALLY_CANCELLED";
            return (
              <div key={p.id} className="card p-4 text-sm" data-testid="payment-card" data-payment-id={p.id}>
                <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
                  <h2 className="font-semibold">
                    {providerLabel[p.provider] ?? p.provider} <StatusBadge status={p.status} kind="payment" />
                  </h2>
                  {(p.tid || p.providerOrderRef) && can(admin.role, "payment.refresh") && (
                    <RefreshForm
                      action={refreshAction}
                      hidden={{ paymentId: p.id }}
                      testId="refresh-provider"
                      label="결제사에서 새로고침"
                      resultTestId="refresh-result"
                    />
                  )}
                </div>
                <dl className="grid grid-cols-[100px_1fr] gap-y-1.5">
                  <dt className="text-ink-mute">거래번호</dt>
                  <dd className="break-all font-mono text-xs leading-5">{p.tid ?? "-"}</dd>
                  <dt className="text-ink-mute">결제수단</dt>
                  <dd>
                    {p.method
                      ? paymentMethodText(p.method, p.device)
                      : `- · ${p.device === "MOBILE" ? "모바일" : "PC"}`}
                    {p.method && <span className="ml-1 font-mono text-[11px] text-ink-mute">{p.method}</span>}
                  </dd>
                  <dt className="text-ink-mute">승인일시</dt>
                  <dd>{kstDateTime(p.approvedAt)}</dd>
                  <dt className="text-ink-mute">취소 금액</dt>
                  <dd className="amount" data-testid="payment-cancelled">
                    {formatWon(p.cancelledAmount)} / 취소 가능 {formatWon(remaining)}
                  </dd>
                  {p.failureCode && (
                    <>
                      <dt className="text-ink-mute">실패 사유</dt>
                      <dd className="text-red-700">
                        {(() => {
                          const f = failureText(p.failureCode, p.failureMessage);
                          return (
                            <>
                              {f.label}
                              {f.detail && <span className="text-ink-soft"> — {f.detail}</span>}
                              {f.code && (
                                <span className="ml-1 rounded bg-paper px-1 font-mono text-[11px] text-ink-mute">
                                  {f.code}
                                </span>
                              )}
                            </>
                          );
                        })()}
                      </dd>
                    </>
                  )}
                </dl>
                {p.refunds.length > 0 && (
                  <ul className="mt-3 space-y-1 border-t border-line pt-3">
                    {p.refunds.map((r) => (
                      <li key={r.id} className="flex justify-between gap-2">
                        <span>
                          {kstDateTime(r.createdAt)} · {r.reason}
                        </span>
                        <span className="amount whitespace-nowrap">
                          {formatWon(r.amount)} <RefundBadge status={r.status} />
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
                {p.provider === "PAYUP_KCP" &&
                  !p.tid &&
                  ["APPROVED", "CAPTURED_UNUSED"].includes(p.status) &&
                  can(admin.role, "payment.tid") && (
                    <div className="mt-4 border-t border-line pt-4">
                      <h3 className="mb-2 font-semibold">거래번호 입력</h3>
                      <TransactionIdForm paymentId={p.id} />
                    </div>
                  )}
                {refundable && remaining > 0 && p.tid && can(admin.role, "refund") && (
                  <div className="mt-4 border-t border-line pt-4">
                    <h3 className="mb-2 font-semibold">환불</h3>
                    <RefundForm
                      paymentId={p.id}
                      remaining={remaining}
                      remainingTaxFree={p.taxFreeAmount - p.cancelledTaxFree}
                      initialKey={randomUUID()}
                      partialAllowed={p.provider !== "PAYUP_KCP"}
                    />
                  </div>
                )}
              </div>
            );
          })}
        </section>
      </div>
      <Timeline
        events={order.events}
        label={eventTypeLabel}
        text={(m) => withSeparators(translateStatusArrows(m, statusWords))}
      />
    </div>
  );
}
