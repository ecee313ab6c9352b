"use client";
import { useActionState } from "react";
import { Field } from "../../_components/field";
import { SubmitButton } from "../../_components/submit-button";
import { loginAction, type LoginState } from "../actions";

export function LoginForm() {
  const [state, action] = useActionState<LoginState, FormData>(loginAction, {});
  return (
    <form action={action} className="card space-y-3 p-5">
      <Field id="email" label="이메일" type="email" autoComplete="username" defaultValue={state.email} required />
      <Field id="password" label="비밀번호" type="password" autoComplete="current-password" required />
      {state.error && (
        <p className="rounded-xl bg-red-50 p-3 text-sm text-red-700" role="alert">
          {state.error}
        </p>
      )}
      <SubmitButton pending="확인하는 중…">로그인</SubmitButton>
    </form>
  );
}
