"use client";
import { useState } from "react";
import { ChoiceCards } from "../../../_components/choice-card";
import { FieldNote } from "../../../_components/field";
import { SubmitButton } from "../../../_components/submit-button";
import { requestESignAction } from "../actions";
import { ConsentForm, FormError, SignerFields } from "../_fields";
import { useConsentForm } from "../_use-consent-form";

const CHANNELS = [
  {
    value: "app",
    title: "카카오톡 앱에서 바로 서명",
    description: "카카오톡이 열리고, 서명 후 이 화면으로 돌아옵니다.",
  },
  { value: "talk", title: "카카오톡 메시지로 받기", description: "카카오톡으로 온 인증 메시지에서 서명합니다." },
];

type Doc = { key: string; title: string; text: string; version: string };

export function ESignForm({
  docs,
  initialDoc,
  order,
  mobile,
  appToApp,
}: {
  docs: Doc[];
  initialDoc: string;
  order?: string;
  mobile: boolean;
  appToApp: boolean;
}) {
  const { state, action, formRef, values: v, errors: fe } = useConsentForm(requestESignAction);
  const [docKey, setDocKey] = useState(v.document || initialDoc);
  const doc = docs.find((d) => d.key === docKey) ?? docs[0]!;
  return (
    <ConsentForm formRef={formRef} action={action} order={order}>
      <fieldset className="card space-y-3 p-4">
        <legend className="float-left mb-1 font-semibold">서명할 문서</legend>
        <div className="clear-both grid gap-2 sm:grid-cols-2">
          <ChoiceCards
            name="document"
            className="text-sm"
            choices={docs.map((d) => ({ value: d.key, title: d.title }))}
            value={docKey}
            onChange={setDocKey}
          />
        </div>
        {fe.document && <p className="text-sm text-red-700">{fe.document}</p>}
        {/* A scrolling box: focusable so it can be scrolled with the keyboard, named for screen readers. */}
        <pre
          tabIndex={0}
          role="region"
          aria-label={`${doc.title} 내용`}
          className="max-h-64 overflow-auto whitespace-pre-wrap break-words rounded-xl bg-paper p-3 font-sans text-sm leading-relaxed"
          data-testid="document-text"
        >
          {doc.text}
        </pre>
        <p className="text-xs text-ink-mute">{doc.version} 개정본 · 서명한 문서 원문은 서명과 함께 보관됩니다.</p>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            id="agree"
            name="agree"
            defaultChecked={v.agree === "on"}
            className="mt-0.5 size-4 accent-black"
            aria-invalid={fe.agree ? true : undefined}
            aria-describedby={fe.agree ? "agree-error" : undefined}
          />
          <span>위 문서 내용을 모두 확인했습니다.</span>
        </label>
        <FieldNote id="agree" error={fe.agree} />
      </fieldset>
      <section className="card space-y-3 p-4">
        <h2 className="font-semibold">서명하는 분</h2>
        <SignerFields values={v} errors={fe} nameHint="카카오 인증서의 실명과 같아야 합니다." />
      </section>
      {mobile && appToApp ? (
        <fieldset className="card space-y-2 p-4">
          <legend className="float-left mb-1 font-semibold">서명 방법</legend>
          <div className="clear-both space-y-2">
            <ChoiceCards
              name="channel"
              choices={CHANNELS}
              defaultValue={v.channel === "talk" ? "talk" : "app"}
              descriptionTone="mute"
            />
          </div>
        </fieldset>
      ) : (
        <input type="hidden" name="channel" value="talk" />
      )}
      <FormError message={state.error} />
      <SubmitButton
        className="btn-kakao w-full text-base"
        pending="카카오톡으로 요청하는 중…"
        data-testid="esign-submit"
      >
        카카오톡으로 전자서명하기
      </SubmitButton>
    </ConsentForm>
  );
}
