"use client";
import { useActionState } from "react";
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
      <div>
        <label className="label" htmlFor="name">
          이름
        </label>
        <input
          id="name"
          name="name"
          className="input"
          required
          maxLength={50}
          defaultValue={s.name}
          key={`n-${s.at}`}
          aria-invalid={!!f.name}
        />
        {f.name && <p className="mt-1 text-xs text-red-700">{f.name}</p>}
      </div>
      <div>
        <label className="label" htmlFor="password">
          비밀번호
        </label>
        <input
          id="password"
          name="password"
          type="password"
          className="input"
          autoComplete="new-password"
          required
          maxLength={200}
          aria-invalid={!!f.password}
        />
        {f.password ? (
          <p className="mt-1 text-xs text-red-700">{f.password}</p>
        ) : (
          <p className="mt-1 text-xs text-ink-mute">10자 이상</p>
        )}
      </div>
      <div>
        <label className="label" htmlFor="confirm">
          비밀번호 확인
        </label>
        <input
          id="confirm"
          name="confirm"
          type="password"
          className="input"
          autoComplete="new-password"
          required
          maxLength={200}
          aria-invalid={!!f.confirm}
        />
        {f.confirm && <p className="mt-1 text-xs text-red-700">{f.confirm}</p>}
      </div>
      {s.message && !Object.keys(s.fields ?? {}).length && (
        <p className="rounded-xl bg-red-50 p-3 text-sm text-red-700" role="alert">
          {s.message}
        </p>
      )}
      <SubmitButton pending="계정을 만드는 중…">계정 만들기</SubmitButton>
    </form>
  );
}
