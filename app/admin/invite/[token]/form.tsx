"use client";
import { useActionState } from "react";
import { Field } from "../../../_components/field";
import { SubmitButton } from "../../../_components/submit-button";
import { useFieldErrors } from "../../../_components/use-field-errors";
import { acceptInviteAction, type AcceptState } from "./actions";

export function AcceptForm({ token, email }: { token: string; email: string }) {
  const [s, action] = useActionState<AcceptState, FormData>(acceptInviteAction, {});
  const { errors: f, onInput } = useFieldErrors(s, s.fields);
  return (
    <form action={action} className="card space-y-3 p-5" onInput={onInput} onChange={onInput}>
      <input type="hidden" name="token" value={token} />
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <Field
        id="name"
        label="이름"
        compact
        required
        maxLength={50}
        defaultValue={s.name}
        key={`n-${s.at}`}
        error={f.name}
      />
      <Field
        id="password"
        label="비밀번호"
        compact
        type="password"
        autoComplete="new-password"
        required
        maxLength={200}
        error={f.password}
        hint="10자 이상"
      />
      <Field
        id="confirm"
        label="비밀번호 확인"
        compact
        type="password"
        autoComplete="new-password"
        required
        maxLength={200}
        error={f.confirm}
      />
      {s.message && !Object.keys(s.fields ?? {}).length && (
        <p className="rounded-xl bg-red-50 p-3 text-sm text-red-700" role="alert">
          {s.message}
        </p>
      )}
      <SubmitButton pending="계정을 만드는 중…">계정 만들기</SubmitButton>
    </form>
  );
}
