import Link from "next/link";
import { kstDateTimeKo } from "@/lib/kst";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { maskAccountNumber } from "@/lib/admin/format";
import { appLaunchUrl } from "@/lib/consents/providers";
import { consentView, type ConsentScreen } from "@/lib/consents/view";
import { maskName } from "@/lib/shop/order-access";
import { SubmitButton } from "../../../_components/submit-button";
import { canSeeConsent } from "../../../_lib/consent-access";
import { reRequestAction } from "../actions";
import { ConsentPoller } from "./poller";
import type { RouteProps } from "../../_search-params";

export const dynamic = "force-dynamic";
export const metadata = { title: "동의·서명 진행 상황" };

type FinalScreen = Exclude<ConsentScreen, "waiting" | "checking">;

export default async function ConsentStatusPage({ params, searchParams }: RouteProps<{ id: string }>) {
  const { id } = await params;
  const sp = await searchParams;
  if (!/^[a-z0-9]{20,40}$/.test(id)) notFound();
  if (!(await canSeeConsent(id))) {
    return (
      <div className="mx-auto max-w-lg">
        <section className="card p-6 text-center">
          <h1 className="text-lg font-bold">요청을 볼 수 없습니다</h1>
          <p className="mt-2 text-sm text-ink-soft">동의·서명을 요청한 브라우저에서만 진행 상황을 볼 수 있습니다.</p>
          <Link href="/consents" className="btn-dark mt-4 w-full">
            동의·서명 처음으로
          </Link>
        </section>
      </div>
    );
  }
  const c = await db.consentRequest.findUnique({
    where: { id },
    include: { order: { select: { orderNumber: true } } },
  });
  if (!c) notFound();
  const view = consentView(c);
  const formHref =
    c.kind === "CMS"
      ? `/consents/auto-debit${c.order ? `?order=${c.order.orderNumber}` : ""}`
      : `/consents/sign?doc=${c.documentKey?.split("@")[0] ?? ""}${c.order ? `&order=${c.order.orderNumber}` : ""}`;
  const successor = view.final
    ? await db.consentRequest.findUnique({ where: { previousId: c.id }, select: { id: true } })
    : null;

  const summary = (
    <section className="card p-5 text-sm" data-testid="consent-summary">
      <h2 className="font-semibold">{view.title}</h2>
      <dl className="mt-3 grid grid-cols-[96px_1fr] gap-y-1.5">
        <dt className="text-ink-mute">신청인</dt>
        <dd>{maskName(c.customerName)}</dd>
        {c.kind === "CMS" ? (
          <>
            <dt className="text-ink-mute">출금 계좌</dt>
            <dd>
              {c.bankName} {maskAccountNumber(c.bankAccountLast4)}
            </dd>
            <dt className="text-ink-mute">예금주</dt>
            <dd>{maskName(c.bankAccountName ?? "")}</dd>
            <dt className="text-ink-mute">청구기관</dt>
            <dd>{c.requestCorp}</dd>
          </>
        ) : (
          <>
            <dt className="text-ink-mute">문서</dt>
            <dd>{c.documentTitle}</dd>
          </>
        )}
        {c.order && (
          <>
            <dt className="text-ink-mute">연결 주문</dt>
            <dd className="font-mono">{c.order.orderNumber}</dd>
          </>
        )}
        {c.verifiedAt && (
          <>
            <dt className="text-ink-mute">완료 일시</dt>
            <dd>{kstDateTimeKo(c.completedAt ?? c.verifiedAt)}</dd>
          </>
        )}
        {c.receiptId && (
          <>
            <dt className="text-ink-mute">접수번호</dt>
            <dd className="break-all font-mono text-xs leading-5">{c.receiptId}</dd>
          </>
        )}
      </dl>
    </section>
  );

  if (!view.final) {
    const launch =
      c.channel === "APP" && c.txId ? appLaunchUrl(c.txId, `${env().APP_URL}/consents/${c.id}/app-return`) : undefined;
    return (
      <div className="mx-auto max-w-lg space-y-4">
        <ConsentPoller initial={view} launchUrl={launch} />
        {summary}
      </div>
    );
  }

  const screen = view.screen as FinalScreen;
  const good = screen === "verified";
  const review = screen === "review";
  const canRetry = ["expired", "rejected", "failed"].includes(screen) && c.failureCode !== "CONFIG";
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <section className="card p-5 text-center" data-testid="consent-screen" data-screen={screen}>
        <div
          className={`mx-auto grid size-12 place-items-center rounded-full text-xl font-bold ${good ? "bg-kakao" : screen === "mismatch" || screen === "failed" ? "bg-red-100 text-red-700" : "bg-gray-100 text-ink-soft"}`}
          aria-hidden
        >
          {good ? "✓" : screen === "expired" ? "⏱" : review ? "…" : "!"}
        </div>
        <h1 className="mt-3 text-xl font-bold">{view.heading}</h1>
        <p className="mt-2 text-sm text-ink-soft" data-testid="consent-message">
          {view.message}
        </p>
        {sp.notice && <p className="mt-3 rounded-xl bg-amber-50 p-3 text-sm text-amber-800">{sp.notice}</p>}
        {successor ? (
          <Link href={`/consents/${successor.id}`} className="btn-kakao mt-4 w-full">
            새 요청 진행 상황 보기
          </Link>
        ) : (
          canRetry && (
            <form action={reRequestAction} className="mt-4">
              <input type="hidden" name="id" value={c.id} />
              <SubmitButton
                className="btn-kakao w-full"
                pending="카카오톡으로 다시 요청하는 중…"
                data-testid="consent-retry"
              >
                같은 정보로 다시 요청하기
              </SubmitButton>
            </form>
          )
        )}
        {!good && !review && (
          <Link href={formHref} className="btn-ghost mt-2 w-full" data-testid="consent-restart">
            정보를 고쳐서 새로 신청하기
          </Link>
        )}
        {(good || review) && (
          <Link href={c.order ? `/orders/${c.order.orderNumber}` : "/"} className="btn-ghost mt-4 w-full">
            {c.order ? "주문 내역으로" : "쇼핑 계속하기"}
          </Link>
        )}
      </section>
      {summary}
    </div>
  );
}
