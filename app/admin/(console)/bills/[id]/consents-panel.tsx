// The bill's consents and e-signed documents (requested from this bill), the billed customer's contact
// details on file (masked), a link to that person's customer page, and the request form.
import Link from "next/link";
import { maskAccountNumber, maskPhoneNumber } from "@/lib/admin/format";
import { can } from "@/lib/admin/roles";
import type { AdminIdentity } from "@/lib/admin/sessions";
import { db } from "@/lib/db";
import { BANKS, maskBirthday } from "@/lib/consents/input";
import { SIGN_DOCUMENTS } from "@/lib/consents/documents";
import { consentKindLabel } from "@/lib/consents/state";
import { maskName } from "@/lib/shop/order-access";
import { kstDateTime } from "../../../_components";
import { revealer } from "../../_reveal/revealer";
import { ConsentBadge } from "../../consents/_ui";
import { BillConsentForm } from "./consent-form";

export async function BillConsentsPanel({ admin, billId }: { admin: AdminIdentity; billId: string }) {
  const bill = await db.bill.findFirst({
    where: { id: billId, merchantId: admin.merchantId },
    select: { id: true, customer: true },
  });
  if (!bill) return null;
  const consents = await db.consentRequest.findMany({
    where: { merchantId: admin.merchantId, billId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      kind: true,
      status: true,
      customerName: true,
      documentTitle: true,
      bankName: true,
      bankAccountLast4: true,
      createdAt: true,
      verifiedAt: true,
      createdBy: true,
    },
  });
  const c = bill.customer;
  const verified = consents.filter((x) => x.status === "VERIFIED");
  // masked for everyone; a manager or owner may reveal one value (audited, lib/admin/reveal.ts)
  const reveal = revealer("bill", bill.id, can(admin.role, "pii.reveal"));
  const onFile = {
    name: c.contactName,
    phoneMasked: c.contactPhone ? maskPhoneNumber(c.contactPhone) : null,
    birthMasked: c.contactBirthDate ? maskBirthday(c.contactBirthDate) : null,
    accountMasked: c.bankAccountLast4 ? `${c.bankName ?? ""} ${maskAccountNumber(c.bankAccountLast4)}`.trim() : null,
    bankName: c.bankName,
    accountHolder: c.bankAccountName,
  };
  return (
    <section className="card p-4 text-sm" data-testid="bill-consents">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="font-semibold">자동이체 동의 · 전자서명</h2>
        {verified.length > 0 && (
          <span
            className="rounded-md bg-green-100 px-2 py-0.5 text-xs font-semibold text-green-800"
            data-testid="bill-consent-verified"
          >
            {verified.map((x) => consentKindLabel[x.kind]).join(", ")} 검증 완료
          </span>
        )}
      </div>
      <dl className="mb-3 grid grid-cols-[90px_1fr] gap-y-1 text-sm">
        <dt className="text-ink-mute">연락처</dt>
        <dd data-testid="bill-customer-contact">
          {c.contactPhone ? (
            <>
              {c.contactName ? maskName(c.contactName) : "-"} ·{" "}
              {reveal("phone", maskPhoneNumber(c.contactPhone), "bill-customer-phone")}
              {onFile.birthMasked && <> · {reveal("birthday", onFile.birthMasked, "bill-customer-birthday")}</>}
              <Link
                href={`/admin/customers/b-${bill.id}`}
                className="ml-2 text-blue-700 underline"
                data-testid="bill-customer-link"
              >
                이 고객의 주문·동의 보기
              </Link>
            </>
          ) : (
            <span className="text-ink-mute">
              없음 (고객번호에는 휴대폰 번호를 쓰지 않습니다. 요청할 때 입력한 연락처가 여기에 저장됩니다.)
            </span>
          )}
        </dd>
        {onFile.accountMasked && (
          <>
            <dt className="text-ink-mute">출금 계좌</dt>
            <dd>
              {c.bankName} {reveal("account", maskAccountNumber(c.bankAccountLast4), "bill-customer-account")}
            </dd>
          </>
        )}
      </dl>
      {consents.length === 0 ? (
        <p className="mb-3 text-ink-mute">이 청구서에서 요청한 동의·서명이 없습니다.</p>
      ) : (
        <ul className="mb-3 divide-y divide-line rounded-xl border border-line" data-testid="bill-consent-list">
          {consents.map((x) => (
            <li key={x.id}>
              <Link
                href={`/admin/consents/${x.id}`}
                className="flex flex-wrap items-center justify-between gap-2 p-3 hover:bg-paper"
                data-consent-id={x.id}
              >
                <span className="min-w-0">
                  <span className="font-semibold">{consentKindLabel[x.kind]}</span>{" "}
                  <span className="text-ink-soft">
                    {x.kind === "ESIGN"
                      ? x.documentTitle
                      : `${x.bankName ?? ""} ${maskAccountNumber(x.bankAccountLast4)}`}
                  </span>
                  <span className="block text-xs text-ink-mute">
                    요청 {kstDateTime(x.createdAt)}
                    {x.verifiedAt && x.status === "VERIFIED" && ` · 검증 ${kstDateTime(x.verifiedAt)}`}
                  </span>
                </span>
                <ConsentBadge status={x.status} />
              </Link>
            </li>
          ))}
        </ul>
      )}
      {can(admin.role, "consent.write") && (
        <details className="rounded-xl border border-line p-3" open={consents.length === 0}>
          <summary className="cursor-pointer font-semibold">카카오톡으로 동의·서명 요청</summary>
          <div className="mt-3">
            <BillConsentForm
              billId={bill.id}
              onFile={onFile}
              banks={BANKS}
              documents={SIGN_DOCUMENTS.map((d) => ({ key: d.key, title: d.title }))}
            />
          </div>
        </details>
      )}
    </section>
  );
}
