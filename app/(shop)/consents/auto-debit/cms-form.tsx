"use client";
import { useActionState, useRef } from "react";
import { useFocusFirstError } from "../../../_components/use-focus-first-error";
import { SubmitButton } from "../../../_components/submit-button";
import { requestCmsAction, type ConsentFormState } from "../actions";
import { Field, FormError, SignerFields } from "../_fields";

export function CmsForm({ banks, order }: { banks: readonly string[]; order?: string }) {
  const [state, action] = useActionState<ConsentFormState, FormData>(requestCmsAction, {});
  const v = state.values ?? {};
  const fe = state.fieldErrors ?? {};
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, state);
  return (
    <form ref={formRef} action={action} className="space-y-4" noValidate>
      {order && <input type="hidden" name="order" value={order} />}
      <section className="card space-y-3 p-4">
        <h2 className="font-semibold">신청인 정보</h2>
        <SignerFields values={v} errors={fe} phoneHint="이 번호의 카카오톡으로 인증 요청이 갑니다." />
      </section>
      <section className="card space-y-3 p-4">
        <h2 className="font-semibold">출금 계좌</h2>
        <div>
          <label className="label" htmlFor="bankName">
            은행
          </label>
          <select
            id="bankName"
            name="bankName"
            className="input"
            defaultValue={v.bankName ?? ""}
            aria-invalid={fe.bankName ? true : undefined}
            aria-describedby={fe.bankName ? "bankName-error" : undefined}
            required
          >
            <option value="" disabled>
              은행을 선택해 주세요
            </option>
            {banks.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
          {fe.bankName && (
            <p id="bankName-error" className="mt-1 text-sm text-red-700" data-testid="error-bankName">
              {fe.bankName}
            </p>
          )}
        </div>
        <Field
          id="accountNumber"
          label="계좌번호"
          inputMode="numeric"
          placeholder="숫자만 또는 '-' 포함"
          maxLength={40}
          defaultValue={v.accountNumber}
          error={fe.accountNumber}
          required
        />
        <Field
          id="accountHolder"
          label="예금주"
          defaultValue={v.accountHolder}
          maxLength={20}
          error={fe.accountHolder}
          hint="출금동의는 예금주 본인만 할 수 있습니다. 서명한 분과 예금주가 다르면 동의가 무효 처리됩니다."
          required
        />
      </section>
      <FormError message={state.error} />
      <p className="text-xs leading-relaxed text-ink-mute">
        [신청하기]를 누르면 카카오톡으로 출금동의 전자서명 요청이 발송됩니다. 5분 안에 카카오톡에서 서명해 주세요.
        입력한 정보는 자동이체 처리에만 사용됩니다.
      </p>
      <SubmitButton className="btn-kakao w-full text-base" pending="카카오톡으로 요청하는 중…" data-testid="cms-submit">
        카카오톡으로 출금동의 신청하기
      </SubmitButton>
    </form>
  );
}
