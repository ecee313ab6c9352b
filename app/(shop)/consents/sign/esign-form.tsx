"use client";
import { useActionState, useRef, useState } from "react";
import { useFocusFirstError } from "../../../_components/use-focus-first-error";
import { SubmitButton } from "../../../_components/submit-button";
import { requestESignAction, type ConsentFormState } from "../actions";
import { FormError, SignerFields } from "../_fields";

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
  const [state, action] = useActionState<ConsentFormState, FormData>(requestESignAction, {});
  const v = state.values ?? {};
  const fe = state.fieldErrors ?? {};
  const [docKey, setDocKey] = useState(v.document || initialDoc);
  const doc = docs.find((d) => d.key === docKey) ?? docs[0]!;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, state);
  return (
    <form ref={formRef} action={action} className="space-y-4" noValidate>
      {order && <input type="hidden" name="order" value={order} />}
      <fieldset className="card space-y-3 p-4">
        <legend className="float-left mb-1 font-semibold">서명할 문서</legend>
        <div className="clear-both grid gap-2 sm:grid-cols-2">
          {docs.map((d) => (
            <label
              key={d.key}
              className="flex cursor-pointer items-center gap-3 rounded-xl border border-line p-3 text-sm has-[:checked]:border-ink has-[:checked]:bg-paper"
            >
              <input
                type="radio"
                name="document"
                value={d.key}
                checked={docKey === d.key}
                onChange={() => setDocKey(d.key)}
                className="size-4 accent-black"
              />
              <span className="font-medium">{d.title}</span>
            </label>
          ))}
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
        {fe.agree && (
          <p id="agree-error" className="text-sm text-red-700" data-testid="error-agree">
            {fe.agree}
          </p>
        )}
      </fieldset>
      <section className="card space-y-3 p-4">
        <h2 className="font-semibold">서명하는 분</h2>
        <SignerFields values={v} errors={fe} nameHint="카카오 인증서의 실명과 같아야 합니다." />
      </section>
      {mobile && appToApp ? (
        <fieldset className="card space-y-2 p-4">
          <legend className="float-left mb-1 font-semibold">서명 방법</legend>
          <div className="clear-both space-y-2">
            <label className="flex cursor-pointer items-center gap-3 rounded-xl border border-line p-3 has-[:checked]:border-ink has-[:checked]:bg-paper">
              <input
                type="radio"
                name="channel"
                value="app"
                defaultChecked={v.channel !== "talk"}
                className="size-4 accent-black"
              />
              <span>
                <span className="block font-medium">카카오톡 앱에서 바로 서명</span>
                <span className="block text-xs text-ink-mute">카카오톡이 열리고, 서명 후 이 화면으로 돌아옵니다.</span>
              </span>
            </label>
            <label className="flex cursor-pointer items-center gap-3 rounded-xl border border-line p-3 has-[:checked]:border-ink has-[:checked]:bg-paper">
              <input
                type="radio"
                name="channel"
                value="talk"
                defaultChecked={v.channel === "talk"}
                className="size-4 accent-black"
              />
              <span>
                <span className="block font-medium">카카오톡 메시지로 받기</span>
                <span className="block text-xs text-ink-mute">카카오톡으로 온 인증 메시지에서 서명합니다.</span>
              </span>
            </label>
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
    </form>
  );
}
