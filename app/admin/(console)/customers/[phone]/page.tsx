import Link from "next/link";
import { notFound } from "next/navigation";
import { maskPhoneNumber } from "@/lib/admin/format";
import { can } from "@/lib/admin/roles";
import { consentKindLabel } from "@/lib/consents/state";
import { customerTimeline, resolveCustomerKey, TIMELINE_LIMIT } from "@/lib/customers/timeline";
import type { ConsentStatus, OrderStatus, PaymentStatus } from "@/lib/generated/prisma/enums";
import { formatWon } from "@/lib/money";
import { maskName } from "@/lib/shop/order-access";
import { audit, requireAdmin } from "../../../../_lib/admin";
import { kstDateTime, OrderDisplayBadge } from "../../../_components";
import { DetailHeader } from "../../_components/detail";
import { BillStatusBadge } from "../../bills/_ui";
import { ConsentBadge } from "../../consents/_ui";

export const metadata = { title: "고객 한눈에 보기" };

const typeLabel = { order: "주문", CMS: consentKindLabel.CMS, ESIGN: "전자서명 문서", bill: "청구서" } as const;

export default async function CustomerPage({
  params,
  searchParams,
}: {
  params: Promise<{ phone: string }>;
  searchParams: Promise<{ reveal?: string }>;
}) {
  const admin = await requireAdmin();
  const phone = await resolveCustomerKey(admin.merchantId, decodeURIComponent((await params).phone));
  if (!phone) notFound();
  const t = await customerTimeline(admin.merchantId, phone);
  // Masked by default; a manager or owner may reveal the number and names here (audited); a viewer never.
  const mayReveal = can(admin.role, "pii.reveal");
  const revealed = mayReveal && (await searchParams).reveal === "1";
  if (revealed)
    await audit(admin, {
      action: "pii.reveal",
      summary: `고객 ${maskPhoneNumber(phone)}의 연락처와 이름을 봄`,
      target: { type: "customer", id: maskPhoneNumber(phone) },
    });
  const name = (n: string) => (revealed ? n : maskName(n));
  return (
    <div className="space-y-4">
      <DetailHeader
        back={{ href: "/admin/customers", label: "고객 찾기" }}
        title={revealed ? phone.replace(/^(\d{3})(\d{3,4})(\d{4})$/, "$1-$2-$3") : maskPhoneNumber(phone)}
        titleTestId="customer-phone"
        subtitle={
          <p className="text-sm text-ink-soft" data-testid="customer-names">
            {t.names.length ? t.names.map(name).join(", ") : "이름 없음"}
          </p>
        }
        actions={
          mayReveal &&
          !revealed && (
            <form method="get">
              <input type="hidden" name="reveal" value="1" />
              <button
                className="rounded-md border border-line px-2 py-1 text-xs text-ink-soft hover:bg-paper"
                data-testid="reveal-pii"
              >
                연락처·이름 보기 (기록됨)
              </button>
            </form>
          )
        }
      />
      <ul className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" data-testid="customer-counts">
        {(
          [
            ["주문", t.counts.orders],
            ["자동이체 동의", t.counts.consents],
            ["전자서명", t.counts.documents],
            ["청구서", t.counts.bills],
          ] as const
        ).map(([l, n]) => (
          <li key={l} className="card p-3">
            <p className="text-xs text-ink-mute">{l}</p>
            <p className="amount text-lg font-bold">{n.toLocaleString("ko-KR")}건</p>
          </li>
        ))}
      </ul>
      <section className="card p-4">
        <h2 className="mb-3 font-semibold">타임라인</h2>
        {t.entries.length === 0 && <p className="text-sm text-ink-mute">이 번호로 된 주문, 동의, 청구서가 없습니다.</p>}
        <ol className="space-y-2" data-testid="customer-timeline">
          {t.entries.map((e) => {
            const label = e.type === "consent" ? typeLabel[e.kind] : typeLabel[e.type];
            const href =
              e.type === "order"
                ? `/admin/orders/${e.id}`
                : e.type === "consent"
                  ? `/admin/consents/${e.id}`
                  : `/admin/bills/${e.id}`;
            return (
              <li
                key={`${e.type}-${e.id}`}
                data-type={e.type === "consent" ? e.kind : e.type}
                data-testid="timeline-entry"
              >
                <Link
                  href={href}
                  className="grid gap-x-3 gap-y-0.5 rounded-lg border border-line p-3 text-sm hover:bg-paper sm:grid-cols-[150px_110px_1fr_auto]"
                >
                  <span className="text-xs text-ink-mute sm:text-sm">{kstDateTime(e.at)}</span>
                  <span className="text-xs font-semibold text-ink-soft sm:text-sm">{label}</span>
                  <span className="min-w-0 break-words">
                    {e.type === "order" && (
                      <>
                        <span className="font-mono">{e.orderNumber}</span> · {e.item} · {name(e.name)}
                      </>
                    )}
                    {e.type === "consent" && (
                      <>
                        {e.title} · {name(e.name)}
                        {e.billId && <span className="ml-1 text-xs text-ink-mute">(청구서 연결)</span>}
                        {e.verifiedAt && (
                          <span className="ml-1 text-xs text-ink-mute">검증 {kstDateTime(e.verifiedAt)}</span>
                        )}
                      </>
                    )}
                    {e.type === "bill" && (
                      <>
                        {e.title} · 고객번호 <span className="font-mono">{e.customerKey}</span>
                      </>
                    )}
                  </span>
                  <span className="flex items-center gap-2 sm:justify-end">
                    {e.type === "order" && (
                      <>
                        <span className="amount font-semibold">{formatWon(e.amount)}</span>
                        <OrderDisplayBadge
                          status={e.status as OrderStatus}
                          paymentStatus={(e.latestPayment ?? undefined) as PaymentStatus | undefined}
                        />
                      </>
                    )}
                    {e.type === "consent" && <ConsentBadge status={e.status as ConsentStatus} />}
                    {e.type === "bill" && (
                      <>
                        <span className="amount font-semibold">{formatWon(e.amount)}</span>
                        <BillStatusBadge status={e.status} />
                      </>
                    )}
                  </span>
                </Link>
              </li>
            );
          })}
        </ol>
        {t.truncated && <p className="mt-2 text-xs text-ink-mute">종류별 최근 {TIMELINE_LIMIT}건까지 보여 줍니다.</p>}
      </section>
    </div>
  );
}
