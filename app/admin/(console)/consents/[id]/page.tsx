import Link from "next/link";
import { db } from "@/lib/db";
import { maskBirthday } from "@/lib/consents/input";
import { maskAccountNumber, maskPhoneNumber } from "@/lib/admin/format";
import { RE_REQUESTABLE } from "@/lib/consents/consents";
import { consentKindLabel, isFinal } from "@/lib/consents/state";
import { can } from "@/lib/admin/roles";
import { kstDateTime } from "../../../_components";
import { adminRecord, DetailHeader, type DetailPageProps, DetailSection } from "../../_components/detail";
import { Timeline } from "../../_components/timeline";
import { revealer } from "../../_reveal/revealer";
import { ConsentBadge } from "../_ui";
import { ActionForm, RefreshForm } from "../../_components/action-form";
import { refreshAction, reRequestAction } from "./actions";

export const metadata = { title: "동의·서명 상세" };

const FIELD: Record<string, string> = { name: "성명", birthday: "생년월일", phone: "휴대폰", accountHolder: "예금주" };

export default async function AdminConsentDetail({ params }: DetailPageProps) {
  const { admin, record: c } = await adminRecord(params, (where) =>
    db.consentRequest.findFirst({
      where,
      include: {
        events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
        order: { select: { id: true, orderNumber: true } },
      },
    }),
  );
  const successor = await db.consentRequest.findUnique({
    where: { previousId: c.id },
    select: { id: true, status: true },
  });
  const bill = c.billId
    ? await db.bill.findUnique({ where: { id: c.billId }, select: { id: true, title: true } })
    : null;
  const canReRequest = RE_REQUESTABLE.includes(c.status) && !successor;
  // Personal data is masked here too; a manager or owner may reveal one value at a time (audited, lib/admin/reveal.ts).
  const reveal = revealer("consent", c.id, can(admin.role, "pii.reveal"));
  return (
    <div className="space-y-4">
      <DetailHeader
        back={{ href: "/admin/consents", label: "동의·서명 목록" }}
        title={c.kind === "CMS" ? consentKindLabel.CMS : (c.documentTitle ?? consentKindLabel.ESIGN)}
        badges={
          <>
            <ConsentBadge status={c.status} />
            {c.channel === "APP" && <span className="text-sm text-ink-mute">앱투앱</span>}
          </>
        }
      />
      {c.status === "VERIFY_UNKNOWN" && (
        <p className="rounded-xl bg-blue-50 p-3 text-sm text-blue-900" role="status" data-testid="verify-unknown">
          검증 호출의 결과를 받지 못했습니다 ({c.verifyAttempts}회 호출). 검증 가능 시간(서명 후 10분) 안에 워커가 다시
          확인하며, 제공자가 이미 검증했다고 답하면 확인 필요로 넘어갑니다.
        </p>
      )}
      {c.failureMessage && (
        <p
          className={`rounded-xl p-3 text-sm ${c.failureCode?.startsWith("CONFIG") ? "border border-red-200 bg-red-50 text-red-800" : c.status === "NEEDS_REVIEW" ? "border border-purple-200 bg-purple-50 text-purple-900" : "bg-amber-50 text-amber-900"}`}
          role="alert"
          data-testid="failure"
        >
          {c.status === "NEEDS_REVIEW" && (
            <strong className="mr-1">확인 필요{c.reviewedAt ? ` (확인함: ${c.reviewedBy})` : ""}:</strong>
          )}
          {c.failureMessage}{" "}
          {c.failureCode && (
            <span className="ml-1 rounded bg-white/60 px-1 font-mono text-[11px]">{c.failureCode}</span>
          )}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {c.signedData && can(admin.role, "evidence.download") && (
          <a
            href={`/api/admin/consents/${c.id}/der`}
            className={c.status === "VERIFIED" ? "btn-dark py-2 text-sm" : "btn-ghost py-2 text-sm"}
            data-testid="der-download"
            download
          >
            {c.status === "VERIFIED" ? ".der 파일 내려받기 (금융결제원 제출용)" : ".der 내려받기 (무효 · 기록용)"}
          </a>
        )}
        {!isFinal(c.status) && c.receiptId && can(admin.role, "consent.write") && (
          <RefreshForm
            action={refreshAction}
            hidden={{ id: c.id }}
            testId="admin-refresh"
            label="제공자에서 새로고침"
          />
        )}
        {canReRequest && can(admin.role, "consent.write") && (
          <ActionForm
            action={reRequestAction}
            hidden={{ id: c.id }}
            button="btn-kakao py-2 text-sm"
            pending="요청하는 중…"
            testId="admin-rerequest"
            label="같은 정보로 다시 요청"
            result="alert"
          />
        )}
        {successor && (
          <Link href={`/admin/consents/${successor.id}`} className="btn-ghost py-2 text-sm">
            다시 요청한 건 보기 →
          </Link>
        )}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <DetailSection title="요청 정보">
          <dl className="grid grid-cols-[110px_1fr] gap-y-1.5">
            <dt className="text-ink-mute">고객</dt>
            <dd data-testid="admin-customer" className="flex flex-wrap items-center gap-x-1.5 gap-y-1">
              <span>{c.customerName}</span>
              <span aria-hidden>·</span>
              {reveal("phone", maskPhoneNumber(c.customerPhone), "admin-consent-phone")}
              <span aria-hidden>·</span>
              {reveal("birthday", maskBirthday(c.customerBirthday), "admin-consent-birthday")}
              <Link
                href={`/admin/customers/c-${c.id}`}
                className="text-xs text-blue-700 underline"
                data-testid="consent-customer-link"
              >
                이 고객 한눈에 보기
              </Link>
            </dd>
            <dt className="text-ink-mute">접수아이디</dt>
            <dd className="break-all font-mono text-xs leading-5">{c.receiptId ?? "-"}</dd>
            {c.txId && (
              <>
                <dt className="text-ink-mute">거래 ID</dt>
                <dd className="break-all font-mono text-xs leading-5">{c.txId}</dd>
              </>
            )}
            <dt className="text-ink-mute">요청 제목</dt>
            <dd>{c.title}</dd>
            {c.kind === "CMS" ? (
              <>
                <dt className="text-ink-mute">청구기관</dt>
                <dd>{c.requestCorp}</dd>
                <dt className="text-ink-mute">출금 계좌</dt>
                <dd className="flex flex-wrap items-center gap-x-1.5 gap-y-1" data-testid="admin-account">
                  <span>{c.bankName}</span>
                  {c.bankAccountNumEnc ? (
                    reveal("account", maskAccountNumber(c.bankAccountLast4), "admin-consent-account")
                  ) : (
                    <span>-</span>
                  )}
                  <span className="text-ink-mute">({c.bankServiceType})</span>
                </dd>
                <dt className="text-ink-mute">예금주</dt>
                <dd>{c.bankAccountName}</dd>
                <dt className="text-ink-mute">용도</dt>
                <dd>{c.purpose}</dd>
              </>
            ) : (
              <>
                <dt className="text-ink-mute">문서</dt>
                <dd>
                  {c.documentTitle} <span className="text-ink-mute">({c.documentKey})</span>
                </dd>
                <dt className="text-ink-mute">SHA-256</dt>
                <dd className="break-all font-mono text-xs leading-5" data-testid="document-hash">
                  {c.documentHash}
                </dd>
              </>
            )}
            <dt className="text-ink-mute">연결</dt>
            <dd>
              {c.order ? (
                <Link href={`/admin/orders/${c.order.id}`} className="font-mono text-blue-700 hover:underline">
                  {c.order.orderNumber}
                </Link>
              ) : bill ? (
                <Link href={`/admin/bills/${bill.id}`} className="text-blue-700 hover:underline">
                  청구서: {bill.title}
                </Link>
              ) : (
                "-"
              )}
            </dd>
            {c.previousId && (
              <>
                <dt className="text-ink-mute">이전 요청</dt>
                <dd>
                  <Link href={`/admin/consents/${c.previousId}`} className="text-blue-700 hover:underline">
                    이전 요청 보기
                  </Link>
                </dd>
              </>
            )}
            <dt className="text-ink-mute">요청자</dt>
            <dd>{c.createdBy === "customer" ? "고객" : c.createdBy}</dd>
          </dl>
        </DetailSection>
        <DetailSection title="진행 (제공자 시각)">
          <dl className="grid grid-cols-[110px_1fr] gap-y-1.5">
            <dt className="text-ink-mute">요청</dt>
            <dd>{kstDateTime(c.requestedAt)}</dd>
            <dt className="text-ink-mute">열람</dt>
            <dd>{kstDateTime(c.viewedAt)}</dd>
            <dt className="text-ink-mute">서명</dt>
            <dd>{kstDateTime(c.completedAt)}</dd>
            <dt className="text-ink-mute">만료 시각</dt>
            <dd>{kstDateTime(c.expiresAt)}</dd>
            <dt className="text-ink-mute">검증</dt>
            <dd>{kstDateTime(c.verifiedAt)}</dd>
            {c.kind === "CMS" && (
              <>
                <dt className="text-ink-mute">본인 확인</dt>
                <dd data-testid="identity-check">
                  {c.identityMatched === true
                    ? "일치 (성명·생년월일·휴대폰, 서명자 = 예금주)"
                    : c.identityMatched === false
                      ? `불일치: ${c.mismatchedFields.map((f) => FIELD[f] ?? f).join(", ")}`
                      : "-"}
                </dd>
              </>
            )}
            <dt className="text-ink-mute">전자서명 값</dt>
            <dd>
              {c.signedData
                ? `${c.signedData.length.toLocaleString("ko-KR")}자 보관 중 (.der 파일로 내려받을 수 있음)`
                : "-"}
            </dd>
          </dl>
        </DetailSection>
      </div>
      {c.documentText && (
        <section className="card p-4 text-sm">
          <h2 className="mb-2 font-semibold">서명한 원문</h2>
          <pre
            className="whitespace-pre-wrap break-words rounded-xl bg-paper p-3 font-sans leading-relaxed"
            data-testid="document-text"
          >
            {c.documentText}
          </pre>
        </section>
      )}
      <Timeline events={c.events} />
    </div>
  );
}
