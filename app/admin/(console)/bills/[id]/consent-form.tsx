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
  /** A text field with its last value and its error from the action's answer. */
  const field = (id: string, label: string, props: Omit<FieldProps, "id" | "label">) => (
    <BcField id={id} label={label} defaultValue={v[id]} error={err[id]} {...props} />
  );
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
        {field("name", "성명", { defaultValue: v.name || onFile.name || "", maxLength: 20, required: true })}
        {field("phone", "휴대폰", {
          inputMode: "tel",
          maxLength: 20,
          placeholder: "010-1234-5678",
          ...keptOnFile(onFile.phoneMasked, "고객번호와 별개의 연락처"),
        })}
        {field("birthday", "생년월일", {
          inputMode: "numeric",
          maxLength: 10,
          placeholder: "19900131",
          ...keptOnFile(onFile.birthMasked, "8자리"),
        })}
      </div>
      {kind === "CMS" ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField
            id="bankName"
            label="출금 은행"
            defaultValue={v.bankName || onFile.bankName || ""}
            error={err.bankName}
            options={[["", "선택"], ...banks.map((b) => [b, b] as const)]}
          />
          {field("accountNumber", "계좌번호", {
            defaultValue: undefined, // the account number is never sent back
            inputMode: "numeric",
            maxLength: 40,
            ...keptOnFile(onFile.accountMasked, "숫자와 '-'"),
          })}
          {field("accountHolder", "예금주", {
            defaultValue: v.accountHolder || onFile.accountHolder || "",
            maxLength: 20,
            required: true,
          })}
        </div>
      ) : (
        <SelectField
          id="document"
          label="서명할 문서"
          defaultValue={v.document || documents[0]?.key}
          error={err.document}
          options={documents.map((d) => [d.key, d.title] as const)}
        />
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

/** A value kept on the billed customer may be left blank (the hint shows what is used); else it is required. */
const keptOnFile = (masked: string | null, hint: string) => ({
  hint: masked ? `비워 두면 ${masked}` : hint,
  required: !masked,
});

/** The form's text fields: ids and test ids prefixed "bc" (the page has other forms), laid out in a grid. */
type FieldProps = Omit<React.ComponentProps<typeof Field>, "prefix" | "compact">;

function BcField(props: FieldProps) {
  return <Field prefix="bc" compact autoComplete="off" {...props} />;
}

/** A labelled select over [value, label] pairs, with its error under it (ids as BcField's). */
function SelectField({
  id,
  label,
  defaultValue,
  error,
  options,
}: {
  id: string;
  label: string;
  defaultValue: string | undefined;
  error: string | undefined;
  options: ReadonlyArray<readonly [string, string]>;
}) {
  return (
    <div className="min-w-0">
      <label className="label" htmlFor={`bc-${id}`}>
        {label}
      </label>
      <select
        id={`bc-${id}`}
        name={id}
        className="input"
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `bc-${id}-error` : undefined}
      >
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      {error && (
        <p id={`bc-${id}-error`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
