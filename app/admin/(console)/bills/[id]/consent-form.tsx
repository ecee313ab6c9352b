"use client";
// Request the billed customer's 자동이체 출금동의 or an e-signed document. 성명 · 휴대폰 · 생년월일 (and the
// account for CMS) are kept on the billed customer; left blank, what is on file is used again.
import { useActionState, useState } from "react";
import { Field } from "../../../../_components/field";
import { SubmitButton } from "../../../../_components/submit-button";
import { requestBillConsentAction, type BillConsentState } from "./consent-actions";

export type OnFile = {
  name: string | null;
  phoneMasked: string | null;
  birthMasked: string | null;
  accountMasked: string | null;
  bankName: string | null;
  accountHolder: string | null;
};

export function BillConsentForm({
  billId,
  onFile,
  banks,
  documents,
}: {
  billId: string;
  onFile: OnFile;
  banks: readonly string[];
  documents: { key: string; title: string }[];
}) {
  const [s, action] = useActionState<BillConsentState, FormData>(requestBillConsentAction, {});
  const [kind, setKind] = useState<"CMS" | "ESIGN">((s.values?.kind as "CMS" | "ESIGN") || "CMS");
  const v = s.values ?? {};
  const err = s.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-3" data-testid="bill-consent-form" key={s.ok ? s.at : undefined}>
      <input type="hidden" name="billId" value={billId} />
      {/* The choice travels in a hidden field: React resets a form's inputs after an action, the state stays. */}
      <input type="hidden" name="kind" value={kind} />
      <fieldset>
        <legend className="label">요청할 것</legend>
        <div className="flex flex-wrap gap-2">
          {(
            [
              ["CMS", "자동이체 출금동의"],
              ["ESIGN", "전자서명 문서"],
            ] as const
          ).map(([k, l]) => (
            <label
              key={k}
              className={`flex cursor-pointer items-center gap-2 rounded-xl border px-3 py-2 text-sm ${kind === k ? "border-ink bg-paper font-semibold" : "border-line"}`}
            >
              <input type="radio" name="kind-choice" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {l}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field
          prefix="bc"
          compact
          id="name"
          label="성명"
          defaultValue={v.name || onFile.name || ""}
          error={err.name}
          maxLength={20}
          autoComplete="off"
          required
        />
        <Field
          prefix="bc"
          compact
          id="phone"
          label="휴대폰"
          inputMode="tel"
          defaultValue={v.phone}
          error={err.phone}
          maxLength={20}
          autoComplete="off"
          placeholder="010-1234-5678"
          hint={onFile.phoneMasked ? `비워 두면 ${onFile.phoneMasked}` : "고객번호와 별개의 연락처"}
          required={!onFile.phoneMasked}
        />
        <Field
          prefix="bc"
          compact
          id="birthday"
          label="생년월일"
          inputMode="numeric"
          defaultValue={v.birthday}
          error={err.birthday}
          maxLength={10}
          autoComplete="off"
          placeholder="19900131"
          hint={onFile.birthMasked ? `비워 두면 ${onFile.birthMasked}` : "8자리"}
          required={!onFile.birthMasked}
        />
      </div>
      {kind === "CMS" ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <div className="min-w-0">
            <label className="label" htmlFor="bc-bankName">
              출금 은행
            </label>
            <select
              id="bc-bankName"
              name="bankName"
              className="input"
              defaultValue={v.bankName || onFile.bankName || ""}
              aria-invalid={err.bankName ? true : undefined}
              aria-describedby={err.bankName ? "bc-bankName-error" : undefined}
            >
              <option value="">선택</option>
              {banks.map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
            {err.bankName && (
              <p id="bc-bankName-error" className="mt-1 text-xs text-red-700">
                {err.bankName}
              </p>
            )}
          </div>
          <Field
            prefix="bc"
            compact
            id="accountNumber"
            label="계좌번호"
            inputMode="numeric"
            error={err.accountNumber}
            maxLength={40}
            autoComplete="off"
            hint={onFile.accountMasked ? `비워 두면 ${onFile.accountMasked}` : "숫자와 '-'"}
            required={!onFile.accountMasked}
          />
          <Field
            prefix="bc"
            compact
            id="accountHolder"
            label="예금주"
            defaultValue={v.accountHolder || onFile.accountHolder || ""}
            error={err.accountHolder}
            maxLength={20}
            autoComplete="off"
            required
          />
        </div>
      ) : (
        <div className="min-w-0">
          <label className="label" htmlFor="bc-document">
            서명할 문서
          </label>
          <select
            id="bc-document"
            name="document"
            className="input"
            defaultValue={v.document || documents[0]?.key}
            aria-invalid={err.document ? true : undefined}
          >
            {documents.map((d) => (
              <option key={d.key} value={d.key}>
                {d.title}
              </option>
            ))}
          </select>
          {err.document && <p className="mt-1 text-xs text-red-700">{err.document}</p>}
        </div>
      )}
      {s.message && (
        <p
          className={`rounded-xl p-3 text-sm ${s.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-700"}`}
          role={s.ok ? "status" : "alert"}
          data-testid="bill-consent-message"
        >
          {s.message}
          {!s.ok && Object.keys(err).length > 0 && (
            <span className="mt-1 block">
              {Object.values(err).map((m) => (
                <span key={m} className="block">
                  · {m}
                </span>
              ))}
            </span>
          )}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending="요청 보내는 중…" className="btn-kakao py-2 text-sm" data-testid="bill-consent-submit">
          카카오톡으로 요청 보내기
        </SubmitButton>
        <p className="text-xs text-ink-mute">
          입력한 성명·휴대폰·생년월일{kind === "CMS" ? "·계좌(암호화)" : ""}는 이 고객 정보에 저장됩니다.
        </p>
      </div>
    </form>
  );
}
