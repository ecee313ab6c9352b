import Link from "next/link";
import QRCode from "qrcode";
import { db } from "@/lib/db";
import { fromWireDetail, type WireDetail } from "@/lib/bills/details";
import { billCancellationStatusLabel, isEditable, lastPayableDay, payableAmount } from "@/lib/bills/state";
import { CARD_COMPANIES } from "@/lib/providers/dozn";
import { can } from "@/lib/admin/roles";
import { kstDateTime } from "../../../_components";
import { adminRecord, DetailHeader, type DetailPageProps, DetailSection } from "../../_components/detail";
import { Timeline } from "../../_components/timeline";
import { withSeparators } from "@/lib/admin/format";
import { BillPreview, BillStatusBadge, billStatusText, expireTypeText, won, ymText, ymdText } from "../_ui";
import { CopyButton } from "./copy-button";
import { LinkPanel } from "./link-panel";
import { BillConsentsPanel } from "./consents-panel";

export const metadata = { title: "청구서 상세" };

/**
 * A timeline message in staff words: statuses, card companies and due-date rules in Korean, amounts with
 * separators, YYYYMMDD(HHMMSS) stamps as dates, pay_id as 결제번호. The event's own code stays beside it, small.
 */
function eventText(message: string): string {
  return (
    withSeparators(message)
      .replace(/\b(PARTIALLY_CANCELLED|PARTIALLY_PAID|CANCELLED|UNPAID|PAID)\b/g, (c) => billStatusText[c] ?? c)
      .replace(/\bpay_id\b/g, "결제번호")
      // only stamps after a date word: a 결제번호 may be eight digits starting with 20 too
      .replace(
        /(납기|만료|2차) (\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?\b/g,
        (_, w, y, m, d, hh, mm, ss) => `${w} ${y}.${m}.${d}${hh ? ` ${hh}:${mm}:${ss}` : ""}`,
      )
      .replace(/\bD([012])\b/g, (c) => expireTypeText(c))
      .replace(/\b[A-Z]{2,12}\b/g, (c) => CARD_COMPANIES[c as keyof typeof CARD_COMPANIES] ?? c)
  );
}

const payByLabel: Record<string, string> = { CARD: "카드", MONEY: "카카오페이머니", MONEY_TRANSFER: "계좌 송금" };
const feeTypeLabel: Record<string, string> = { BEFORE: "선취", AFTER: "후취", NONE: "없음" };

/** Default link expiry: end of the last payable day (KST), else 30 days; never in the past. */
function defaultExpire(
  bill: { expireType: string; payExpireDate: string; secondPayExpireDate: string | null },
  now: Date,
): string {
  const last = lastPayableDay(bill);
  const fallback = new Date(now.getTime() + 30 * 86_400_000 + 9 * 3600_000).toISOString().slice(0, 10);
  const day = last ? `${last.slice(0, 4)}-${last.slice(4, 6)}-${last.slice(6)}` : fallback;
  const candidate = new Date(`${day}T23:59:59+09:00`);
  const d =
    candidate.getTime() > now.getTime() + 3600_000
      ? day
      : new Date(now.getTime() + 7 * 86_400_000 + 9 * 3600_000).toISOString().slice(0, 10);
  return `${d}T23:59`;
}

export default async function AdminBillDetail({ params }: DetailPageProps) {
  const { admin, record: bill } = await adminRecord(params, (where) =>
    db.bill.findFirst({
      where,
      include: {
        customer: true,
        links: { orderBy: { createdAt: "desc" } },
        payments: { orderBy: { paidAt: "asc" } },
        cancellations: { orderBy: { cancelledAt: "asc" } },
        events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      },
    }),
  );
  const now = new Date();
  const link = bill.links[0];
  const payable = payableAmount(bill) > 0;
  // A bill with nothing to pay shows no QR code: nobody should be sent to pay it.
  const qr =
    link && payable ? await QRCode.toDataURL(link.url, { margin: 1, width: 200, errorCorrectionLevel: "M" }) : null;
  const editable = isEditable(bill) && bill.cancellations.length === 0;
  const details = (bill.details as WireDetail[]).map(fromWireDetail);
  const accounts = (
    bill.bankAccounts as { bank_code: string; account_no: string; holder_name?: string; account_type: string }[]
  ).map((a) => ({
    bankCode: a.bank_code,
    accountNo: a.account_no,
    ...(a.holder_name && { holderName: a.holder_name }),
    accountType: a.account_type,
  }));

  return (
    <div className="space-y-4">
      <DetailHeader
        back={{ href: "/admin/bills", label: "청구서 목록" }}
        title={bill.title}
        badges={<BillStatusBadge status={bill.status} />}
        actions={
          editable &&
          can(admin.role, "bill.write") && (
            <Link href={`/admin/bills/${bill.id}/edit`} className="btn-ghost py-2 text-sm" data-testid="bill-edit">
              수정
            </Link>
          )
        }
      />

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_380px]">
        <div className="min-w-0 space-y-4">
          <DetailSection title="청구 정보">
            <dl className="grid grid-cols-[110px_1fr] gap-y-1.5">
              <dt className="text-ink-mute">고객</dt>
              <dd>
                {bill.customer.name} <span className="font-mono text-xs text-ink-mute">{bill.billerUserKey}</span>
              </dd>
              <dt className="text-ink-mute">식별 코드</dt>
              <dd className="break-all font-mono text-xs leading-5" data-testid="bill-notice-key">
                {bill.billerNoticeKey}
              </dd>
              <dt className="text-ink-mute">청구 연월</dt>
              <dd>
                {ymText(bill.billedYearMonth)}
                {bill.ordinal && ` · ${bill.ordinal}회차`}
              </dd>
              <dt className="text-ink-mute">청구 금액</dt>
              <dd className="amount font-semibold" data-testid="bill-amount">
                {won(bill.amount)}{" "}
                <span className="font-normal text-ink-mute">
                  (비과세 {won(bill.taxFreeAmount)}, 부가세 {won(bill.vatAmount)})
                </span>
              </dd>
              <dt className="text-ink-mute">납기</dt>
              <dd>
                {expireTypeText(bill.expireType)} ·{" "}
                {bill.expireType === "D0"
                  ? "납기일 " + ymdText(bill.payExpireDate) + " (안내용)"
                  : ymdText(bill.payExpireDate)}
                {bill.expireType === "D2" && ` / 2차 ${ymdText(bill.secondPayExpireDate)}`}
              </dd>
              <dt className="text-ink-mute">납부 / 취소</dt>
              <dd className="amount" data-testid="bill-paid">
                {won(bill.paidAmount)} / {won(bill.cancelledAmount)}
                <span className="ml-2 text-ink-mute">지금 납부 가능 {won(payableAmount(bill))}</span>
              </dd>
            </dl>
          </DetailSection>

          <DetailSection title="고객 링크 (카카오페이 청구서)" testId="link-section">
            {!payable ? (
              <p className="mb-3 rounded-xl bg-green-50 p-3 text-green-900" data-testid="link-paid">
                {bill.status === "PAID"
                  ? "납부가 끝난 청구서입니다."
                  : `${billStatusText[bill.status] ?? bill.status} 상태라 지금 낼 금액이 없습니다.`}{" "}
                고객에게 링크를 다시 보낼 필요가 없습니다.
              </p>
            ) : link ? (
              <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-start">
                {qr && (
                  // a generated data: URL — nothing for next/image to optimise
                  // eslint-disable-next-line @next/next/no-img-element
                  <img
                    src={qr}
                    alt="청구서 링크 QR 코드"
                    width={160}
                    height={160}
                    className="rounded-lg border border-line"
                    data-testid="link-qr"
                  />
                )}
                <div className="min-w-0 space-y-1">
                  <a
                    href={link.url}
                    target="_blank"
                    rel="noreferrer"
                    className="block break-all font-mono text-xs leading-5 text-blue-700 hover:underline"
                    data-testid="link-url"
                  >
                    {link.url}
                  </a>
                  <CopyButton text={link.url} />
                  <p className="text-ink-mute">
                    {link.kind === "CREATE" ? "생성" : "재생성"} {kstDateTime(link.createdAt)} · 만료{" "}
                    {kstDateTime(link.expireAt)}
                    {link.expireAt < now && <span className="ml-1 font-semibold text-red-700">(만료됨)</span>}
                  </p>
                  <p className="text-ink-mute">문자·알림톡으로 이 링크를 보내거나 QR 코드를 보여주세요.</p>
                </div>
              </div>
            ) : (
              <p className="mb-3 text-ink-mute">아직 링크가 없습니다. 링크를 생성해 고객에게 보내세요.</p>
            )}
            {payable && can(admin.role, "bill.write") && (
              <LinkPanel billId={bill.id} hasLink={Boolean(link)} defaultExpireAt={defaultExpire(bill, now)} />
            )}
            {bill.links.length > (payable ? 1 : 0) && (
              <details className="mt-3 text-xs text-ink-mute">
                <summary className="cursor-pointer">
                  {payable ? "이전 링크" : "발급했던 링크"} {bill.links.length - (payable ? 1 : 0)}개
                </summary>
                <ul className="mt-1 space-y-1">
                  {bill.links.slice(payable ? 1 : 0).map((l) => (
                    <li key={l.id} className="break-all font-mono">
                      {kstDateTime(l.createdAt)} {l.url}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </DetailSection>

          <BillConsentsPanel admin={admin} billId={bill.id} />

          <DetailSection title="납부">
            {bill.payments.length === 0 ? (
              <p className="text-ink-mute">납부 내역이 없습니다.</p>
            ) : (
              <>
                <ul className="divide-y divide-line sm:hidden" data-testid="bill-payments-cards">
                  {bill.payments.map((p) => (
                    <li key={p.id} className="py-2">
                      <div className="flex items-baseline justify-between gap-2">
                        <span className="text-ink-soft">{kstDateTime(p.paidAt)}</span>
                        <span className="amount font-semibold">{won(p.payAmount)}</span>
                      </div>
                      <p>
                        {payByLabel[p.payBy] ?? p.payBy}
                        {p.cardCompany &&
                          ` · ${CARD_COMPANIES[p.cardCompany as keyof typeof CARD_COMPANIES] ?? p.cardCompany}`}
                        {p.cancelledAmount ? (
                          <span className="amount ml-2 text-red-700">취소 {won(p.cancelledAmount)}</span>
                        ) : null}
                      </p>
                      <p className="text-xs text-ink-mute">
                        결제번호 <span className="font-mono">{p.payId.toString()}</span> · 수수료 {won(p.fee)} +{" "}
                        {won(p.feeTax)} ({feeTypeLabel[p.feeType] ?? p.feeType}) · 정산 예정일 {ymdText(p.adjustDate)}
                      </p>
                    </li>
                  ))}
                </ul>
                <div className="hidden overflow-x-auto sm:block">
                  <table
                    className="w-full min-w-[640px] [&_td:first-child]:pl-0 [&_th:first-child]:pl-0"
                    data-testid="bill-payments"
                  >
                    <thead className="border-b border-line text-left text-ink-mute">
                      <tr>
                        <th className="whitespace-nowrap px-3 py-2 font-medium">결제일시</th>
                        <th className="whitespace-nowrap px-3 py-2 font-medium">결제번호</th>
                        <th className="whitespace-nowrap px-3 py-2 font-medium">수단</th>
                        <th className="whitespace-nowrap px-3 py-2 text-right font-medium">금액</th>
                        <th className="whitespace-nowrap px-3 py-2 text-right font-medium">취소</th>
                        <th className="whitespace-nowrap px-3 py-2 text-right font-medium">수수료</th>
                        <th className="whitespace-nowrap px-3 py-2 font-medium">정산 예정일</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-line">
                      {bill.payments.map((p) => (
                        <tr key={p.id}>
                          <td className="whitespace-nowrap px-3 py-2">{kstDateTime(p.paidAt)}</td>
                          <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{p.payId.toString()}</td>
                          <td className="whitespace-nowrap px-3 py-2">
                            {payByLabel[p.payBy] ?? p.payBy}
                            {p.cardCompany &&
                              ` · ${CARD_COMPANIES[p.cardCompany as keyof typeof CARD_COMPANIES] ?? p.cardCompany}`}
                            {p.cardBin && (
                              <span className="block whitespace-nowrap font-mono text-xs text-ink-mute">
                                {p.cardBin}******
                              </span>
                            )}
                          </td>
                          <td className="amount whitespace-nowrap px-3 py-2 text-right font-semibold">
                            {won(p.payAmount)}
                          </td>
                          <td className="amount whitespace-nowrap px-3 py-2 text-right">
                            {p.cancelledAmount ? won(p.cancelledAmount) : "-"}
                          </td>
                          <td className="amount whitespace-nowrap px-3 py-2 text-right">
                            {won(p.fee)} + {won(p.feeTax)}{" "}
                            <span className="text-xs text-ink-mute">({feeTypeLabel[p.feeType] ?? p.feeType})</span>
                          </td>
                          <td className="whitespace-nowrap px-3 py-2">{ymdText(p.adjustDate)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
            {bill.cancellations.length > 0 && (
              <>
                <h3 className="mb-2 mt-4 font-semibold">취소</h3>
                <ul className="space-y-1" data-testid="bill-cancellations">
                  {bill.cancellations.map((c) => (
                    <li key={c.id} className="flex flex-wrap justify-between gap-2">
                      <span>
                        {kstDateTime(c.cancelledAt)} · 결제번호{" "}
                        <span className="font-mono text-xs">{c.payId.toString()}</span>
                      </span>
                      <span className="amount">
                        −{won(c.amount)}{" "}
                        <span
                          className={`rounded-md px-1.5 py-0.5 text-xs font-semibold ${
                            c.status === "APPLIED"
                              ? "bg-green-100 text-green-800"
                              : c.status === "PENDING"
                                ? "bg-purple-100 text-purple-800"
                                : "bg-amber-100 text-amber-900"
                          }`}
                        >
                          {billCancellationStatusLabel[c.status]}
                        </span>
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </DetailSection>
        </div>

        <aside className="min-w-0 space-y-2">
          <p className="text-sm font-medium text-ink-soft">고객 화면 미리보기</p>
          <BillPreview
            bill={{
              title: bill.title,
              amount: payable ? payableAmount(bill) : bill.amount,
              expireType: bill.expireType,
              payExpireDate: bill.payExpireDate,
              ...(bill.secondPayExpireDate && { secondPayExpireDate: bill.secondPayExpireDate }),
              ...(bill.billedYearMonth && { billedYearMonth: bill.billedYearMonth }),
              bankAccounts: accounts,
              details,
              ...(!payable && {
                settled: {
                  label: billStatusText[bill.status] ?? bill.status,
                  paidAmount: bill.paidAmount,
                  cancelledAmount: bill.cancelledAmount,
                },
              }),
            }}
          />
        </aside>
      </div>

      <Timeline events={bill.events} text={eventText} />
    </div>
  );
}
