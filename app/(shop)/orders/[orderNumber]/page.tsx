import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ErrorCodes, type ErrorCode } from "@/lib/errors";
import { formatWon } from "@/lib/money";
import { isOrderNumber } from "@/lib/orders/order-number";
import { customerFailureText } from "@/lib/payments/failure-text";
import { readReceipt } from "@/lib/payments/receipt";
import { paymentMethods, paymentProvider } from "@/lib/payments/providers";
import { kstDateTimeKo as kstDateTime } from "@/lib/kst";
import { maskName, maskPhone } from "@/lib/shop/order-access";
import { canSeeOrder } from "../../../_lib/request";
import { AmountRow } from "@/app/_components/amount-row";
import { ChoiceCards, methodChoices } from "@/app/_components/choice-card";
import { retryPaymentAction } from "../../actions";
import type { RouteProps } from "../../_search-params";

export const dynamic = "force-dynamic";
export const metadata = { title: "주문 상세" };

const kst = kstDateTime;

export default async function OrderPage({ params, searchParams }: RouteProps<{ orderNumber: string }>) {
  const { orderNumber } = await params;
  const sp = await searchParams;
  if (!isOrderNumber(orderNumber)) notFound();
  if (!(await canSeeOrder(orderNumber))) redirect(`/orders/lookup?orderNumber=${orderNumber}`);
  // Reads only: while an outcome is open the page refreshes itself through ./check, which asks the
  // provider when the answer is overdue (lib/payments/receipt.ts) and comes back here.
  // One snapshot: an approved payment is never read beside its order's state from before the capture.
  const order = await readReceipt(orderNumber);
  if (!order) notFound();
  const charged = order.payments.find((p) => ["APPROVED", "PARTIALLY_CANCELLED", "CANCELLED"].includes(p.status));
  const latest = order.payments[0];
  const paid = ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"].includes(order.status);
  // Unknown is not failed: while any attempt's outcome is open, the customer sees "확인 중", never a retry —
  // nor "not paid" beside a charged attempt (a state that never commits; checked again on the next refresh).
  const checking =
    (!charged && order.payments.some((p) => ["APPROVING", "UNKNOWN"].includes(p.status))) || (!!charged && !paid);
  const approving = order.payments.some((p) => p.status === "APPROVING");
  const closed = order.status === "CLOSED";
  const refunding = order.payments.some((p) => p.status === "CAPTURED_UNUSED");
  // What the provider told us about the card (lib/payments/port.ts Approved.card), when it did.
  const card =
    charged?.cardInfo && typeof charged.cardInfo === "object" && !Array.isArray(charged.cardInfo)
      ? (charged.cardInfo as {
          issuer?: string;
          type?: string;
          installMonth?: number;
          number?: string;
          approvalNo?: string;
        })
      : null;
  const methods = paymentMethods();
  const chargedBy = charged ? paymentProvider(charged.provider).display : null;
  const lastMethod = latest ? paymentProvider(latest.provider).display.method.id : methods[0]?.id;
  const notice = customerFailureText(latest, latest ? paymentProvider(latest.provider) : null);
  const refunds = order.payments.flatMap((p) => p.refunds);
  const lastRefundAt =
    refunds
      .filter((r) => r.status === "DONE" && r.completedAt)
      .map((r) => r.completedAt!)
      .sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  const startError =
    sp.notice === "start_failed" && sp.code && sp.code in ErrorCodes ? ErrorCodes[sp.code as ErrorCode].message : null;

  const refundedIcon = (
    <div className="mx-auto grid size-12 place-items-center rounded-full bg-paper text-xl text-ink-soft" aria-hidden>
      ↺
    </div>
  );

  return (
    <div className="mx-auto max-w-lg space-y-4">
      {checking && <meta httpEquiv="refresh" content={`${approving ? 1 : 3};url=/orders/${order.orderNumber}/check`} />}
      <section className="card p-5 text-center" data-testid="order-status">
        {order.status === "REFUNDED" ? (
          <>
            {refundedIcon}
            <h1 className="mt-3 text-xl font-bold">전액 환불된 주문입니다</h1>
            <p className="mt-2 text-sm text-ink-soft" data-testid="refund-summary">
              {lastRefundAt ? `${kst(lastRefundAt)}에 ` : ""}
              {formatWon(order.refundedAmount)}이 결제수단으로 환불되었습니다. 카드 환불은 카드사에 따라 영업일 기준
              3~7일 걸릴 수 있습니다.
            </p>
          </>
        ) : order.status === "PARTIALLY_REFUNDED" ? (
          <>
            {refundedIcon}
            <h1 className="mt-3 text-xl font-bold">일부 환불된 주문입니다</h1>
            <p className="mt-2 text-sm text-ink-soft" data-testid="refund-summary">
              결제 금액 {formatWon(order.totalAmount)} 중 {formatWon(order.refundedAmount)}이 환불되었습니다
              {lastRefundAt ? ` (${kst(lastRefundAt)})` : ""}.
            </p>
          </>
        ) : paid ? (
          <>
            <div className="mx-auto grid size-12 place-items-center rounded-full bg-kakao text-xl" aria-hidden>
              ✓
            </div>
            <h1 className="mt-3 text-xl font-bold">결제가 완료되었습니다</h1>
          </>
        ) : closed && !checking ? (
          <>
            <h1 className="text-xl font-bold">종료된 주문입니다</h1>
            <p className="mt-2 text-sm text-ink-soft" data-testid="order-notice">
              새로 주문하셔서 이 주문은 결제 없이 종료되었습니다.
              {refunding ? " 이 주문으로 승인된 금액은 자동으로 환불됩니다." : ""}
            </p>
            <Link href="/cart" className="btn-ghost mt-4 w-full">
              장바구니로 가기
            </Link>
          </>
        ) : checking ? (
          <>
            <div
              className="mx-auto size-10 animate-spin rounded-full border-4 border-kakao border-t-transparent"
              aria-hidden
            />
            <h1 className="mt-3 text-xl font-bold">결제 결과를 확인하고 있습니다</h1>
            <p className="mt-1 text-sm text-ink-soft" role="status" aria-live="polite">
              {approving ? "결제사에 승인을 요청하고 있습니다." : "결제사 응답이 늦어 결과를 다시 확인하고 있습니다."}{" "}
              잠시만 기다려 주세요. 이 화면은 자동으로 넘어갑니다. 같은 결제가 두 번 청구되지 않습니다.
            </p>
          </>
        ) : (
          <>
            <h1 className="text-xl font-bold">결제가 완료되지 않았습니다</h1>
            {refunding && (
              <p className="mt-2 text-sm text-ink-soft" data-testid="order-refunding">
                승인된 금액은 자동으로 환불됩니다. 같은 금액이 두 번 청구되지 않습니다.
              </p>
            )}
            <p className="mt-2 text-sm text-ink-soft" data-testid="order-notice">
              {startError ?? notice.message}
            </p>
            {!startError && notice.code && (
              <p className="mt-1 text-xs text-ink-mute" data-testid="error-code">
                오류 코드 {notice.code}
              </p>
            )}
            {/* A retry may switch between KakaoPay and the KCP window; the last one used is preselected. */}
            <form action={retryPaymentAction} className="mt-4 space-y-2 text-left">
              <input type="hidden" name="orderNumber" value={order.orderNumber} />
              <fieldset className="space-y-2" data-testid="retry-methods">
                <legend className="mb-1 text-sm font-semibold">결제수단</legend>
                <ChoiceCards
                  name="method"
                  className="text-sm"
                  choices={methodChoices(methods)}
                  defaultValue={lastMethod}
                />
              </fieldset>
              <button className="btn-kakao w-full" data-testid="retry-payment">
                {formatWon(order.totalAmount)} 다시 결제하기
              </button>
            </form>
            <Link href="/cart" className="btn-ghost mt-2 w-full" data-testid="back-to-cart">
              장바구니에서 수량 바꾸기
            </Link>
          </>
        )}
        <p className="mt-3 text-sm text-ink-soft">
          주문번호{" "}
          <span className="font-mono font-semibold text-ink" data-testid="order-number">
            {order.orderNumber}
          </span>
        </p>
      </section>

      <section className="card p-5">
        <h2 className="font-semibold">주문 상품</h2>
        <ul className="mt-3 space-y-2 text-sm">
          {order.items.map((i) => (
            <li key={i.id} className="flex justify-between gap-3">
              <span>
                {i.name} <span className="text-ink-soft">× {i.quantity}</span>
                {i.taxFree && <span className="ml-1 text-xs text-ink-soft">(면세)</span>}
              </span>
              <span className="amount shrink-0">{formatWon(i.lineTotal)}</span>
            </li>
          ))}
        </ul>
        <dl className="mt-4 space-y-1 border-t border-line pt-3 text-sm">
          <AmountRow label="면세 금액">{formatWon(order.taxFreeAmount)}</AmountRow>
          <AmountRow label="부가세">{formatWon(order.vatAmount)}</AmountRow>
          <AmountRow label={paid ? "결제 금액" : "결제할 금액"} total="base" testId="order-total" className="pt-1">
            {formatWon(order.totalAmount)}
          </AmountRow>
          {order.refundedAmount > 0 && (
            <>
              <AmountRow label="환불 금액" tone="refund" testId="order-refunded">
                -{formatWon(order.refundedAmount)}
              </AmountRow>
              <AmountRow label="최종 결제 금액" tone="plain" testId="order-net">
                {formatWon(order.totalAmount - order.refundedAmount)}
              </AmountRow>
            </>
          )}
        </dl>
      </section>

      {charged && (
        <section className="card p-5 text-sm" data-testid="receipt">
          <h2 className="font-semibold">결제 정보</h2>
          <dl className="mt-3 grid grid-cols-[96px_1fr] gap-y-1.5">
            <dt className="text-ink-soft">결제수단</dt>
            <dd>
              {chargedBy?.brand} {charged.method === "MONEY" ? "머니" : charged.method === "CARD" ? "카드" : ""}
              {chargedBy?.receiptNote && <span className="text-ink-soft"> {chargedBy.receiptNote}</span>}
            </dd>
            {card?.issuer && (
              <>
                <dt className="text-ink-soft">카드사</dt>
                <dd data-testid="receipt-card-issuer">
                  {card.issuer}
                  {card.type && <span className="text-ink-soft"> ({card.type})</span>}
                </dd>
              </>
            )}
            {card?.number && (
              <>
                <dt className="text-ink-soft">카드번호</dt>
                <dd className="font-mono text-xs leading-5">{card.number}</dd>
              </>
            )}
            {typeof card?.installMonth === "number" && (
              <>
                <dt className="text-ink-soft">할부</dt>
                <dd data-testid="receipt-card-install">
                  {card.installMonth > 1 ? `${card.installMonth}개월` : "일시불"}
                </dd>
              </>
            )}
            {card?.approvalNo && (
              <>
                <dt className="text-ink-soft">승인번호</dt>
                <dd className="font-mono" data-testid="receipt-card-approval">
                  {card.approvalNo}
                </dd>
              </>
            )}
            {charged.approvedAt && (
              <>
                <dt className="text-ink-soft">승인 일시</dt>
                <dd data-testid="receipt-approved-at">{kst(charged.approvedAt)}</dd>
              </>
            )}
            <dt className="text-ink-soft">거래번호</dt>
            <dd className="font-mono text-xs leading-5">{charged.tid}</dd>
            <dt className="text-ink-soft">주문자</dt>
            <dd>
              {maskName(order.buyerName)} · {maskPhone(order.buyerPhone)}
            </dd>
          </dl>
          {refunds.length > 0 && (
            <div className="mt-4 border-t border-line pt-3" data-testid="refunds">
              <h3 className="font-semibold">환불 내역</h3>
              <ul className="mt-2 space-y-1.5">
                {refunds.map((r) => (
                  <li key={r.id} className="flex justify-between gap-3">
                    <span className="text-ink-soft">
                      {r.status === "DONE"
                        ? `${r.completedAt ? kst(r.completedAt) : ""} 환불 완료`
                        : r.status === "FAILED"
                          ? "환불 요청이 처리되지 않았습니다 (고객센터에서 확인 중)"
                          : "환불 처리 중"}
                    </span>
                    <span className="amount shrink-0">{formatWon(r.amount)}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}
      {order.recipientName && (
        <section className="card p-5 text-sm" data-testid="delivery">
          <h2 className="font-semibold">배송지</h2>
          <dl className="mt-3 grid grid-cols-[96px_1fr] gap-y-1.5">
            <dt className="text-ink-soft">받는 분</dt>
            <dd>
              {maskName(order.recipientName)} · {maskPhone(order.recipientPhone ?? "")}
            </dd>
            <dt className="text-ink-soft">주소</dt>
            <dd className="break-words">
              ({order.postcode}) {order.address1} {order.address2 ? "***" : ""}
            </dd>
            {order.deliveryMemo && (
              <>
                <dt className="text-ink-soft">배송 메모</dt>
                <dd className="break-words">{order.deliveryMemo}</dd>
              </>
            )}
          </dl>
        </section>
      )}
      {order.status === "PAID" && (
        <section className="card p-5 text-sm" data-testid="order-consents">
          <h2 className="font-semibold">정기배송 신청</h2>
          <p className="mt-1 text-ink-soft">
            이 주문을 정기배송으로 받으려면 계약서에 서명하고 자동이체 출금동의를 해 주세요. 카카오톡으로 간편하게 할 수
            있습니다.
          </p>
          <div className="mt-3 grid gap-2 sm:grid-cols-2">
            <Link
              href={`/consents/sign?doc=service-contract&order=${order.orderNumber}`}
              className="btn-ghost py-2.5 text-sm"
            >
              이용계약서 전자서명
            </Link>
            <Link href={`/consents/auto-debit?order=${order.orderNumber}`} className="btn-ghost py-2.5 text-sm">
              자동이체 출금동의
            </Link>
          </div>
        </section>
      )}
      <Link href="/" className="btn-ghost w-full">
        쇼핑 계속하기
      </Link>
    </div>
  );
}
