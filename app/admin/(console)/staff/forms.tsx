"use client";
import { useActionState, useState } from "react";
import { kstDateTimeShort } from "@/lib/kst";
import { Field } from "../../../_components/field";
import { SubmitButton } from "../../../_components/submit-button";
import { useFieldErrors } from "../../../_components/use-field-errors";
import { changePasswordAction, inviteAction, staffChangeAction, type StaffState } from "./actions";

const ROLE_OPTIONS = [
  ["MANAGER", "매니저 — 환불·청구서·동의·CSV"],
  ["VIEWER", "조회 전용 — 개인정보 가림, 내보내기 불가"],
  ["OWNER", "소유자 — 모든 기능과 직원 관리"],
] as const;

function Message({ s }: { s: StaffState }) {
  if (!s.message) return null;
  return (
    <p
      className={`rounded-xl p-3 text-sm ${s.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-700"}`}
      role={s.ok ? "status" : "alert"}
    >
      {s.message}
    </p>
  );
}

export function InviteForm() {
  const [s, action] = useActionState<StaffState, FormData>(inviteAction, {});
  const [copied, setCopied] = useState(false);
  const { errors: fe, onInput } = useFieldErrors(s, s.fields);
  return (
    <form action={action} className="space-y-3" data-testid="invite-form" onInput={onInput} onChange={onInput}>
      <div className="grid gap-3 sm:grid-cols-[1fr_240px_auto] sm:items-end">
        <div>
          <label className="label" htmlFor="invite-email">
            이메일
          </label>
          <input
            id="invite-email"
            name="email"
            type="email"
            className="input"
            required
            maxLength={200}
            defaultValue={s.ok ? "" : s.email}
            key={s.at}
            aria-invalid={!!fe.email}
          />
          {fe.email && <p className="mt-1 text-xs text-red-700">{fe.email}</p>}
        </div>
        <div>
          <label className="label" htmlFor="invite-role">
            역할
          </label>
          <select id="invite-role" name="role" className="input" defaultValue="MANAGER">
            {ROLE_OPTIONS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton pending="만드는 중…">초대 링크 만들기</SubmitButton>
      </div>
      <Message s={s} />
      {s.link && (
        <div className="rounded-xl border border-line bg-paper p-3 text-sm" data-testid="invite-link-box">
          <p className="mb-2 text-ink-soft">
            이 링크는 {s.expiresAt ? kstDateTimeShort(new Date(s.expiresAt)) : "72시간 뒤"}까지 한 번만 쓸 수 있습니다.{" "}
            {s.mailed === "sent"
              ? "같은 링크를 메일로도 보냈습니다."
              : s.mailed === "failed"
                ? "메일 발송에 실패해 직접 전달해야 합니다."
                : "메일 서버가 설정되지 않아 직접 전달해야 합니다."}
          </p>
          <div className="flex gap-2">
            <input
              readOnly
              value={s.link}
              className="input min-w-0 flex-1 py-2 font-mono text-xs"
              aria-label="초대 링크"
              data-testid="invite-link"
              onFocus={(e) => e.currentTarget.select()}
            />
            <button
              type="button"
              className="btn-ghost shrink-0 py-2 text-sm"
              onClick={() =>
                navigator.clipboard?.writeText(s.link!).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? "복사됨" : "복사"}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}

export function StaffRowActions({
  id,
  role,
  disabled,
  self,
}: {
  id: string;
  role: string;
  disabled: boolean;
  self: boolean;
}) {
  const [s, action] = useActionState<StaffState, FormData>(staffChangeAction, {});
  if (self) return <span className="text-xs text-ink-mute">본인</span>;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        {!disabled && (
          <form action={action} className="flex items-center gap-1">
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="op" value="role" />
            <select name="role" defaultValue={role} className="input w-auto py-1.5 pr-8 text-sm" aria-label="역할">
              <option value="OWNER">소유자</option>
              <option value="MANAGER">매니저</option>
              <option value="VIEWER">조회 전용</option>
            </select>
            <button className="btn-ghost px-3 py-1.5 text-sm">변경</button>
          </form>
        )}
        <form action={action}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="op" value={disabled ? "enable" : "disable"} />
          <button
            className={`px-3 py-1.5 text-sm ${disabled ? "btn-ghost" : "rounded-xl border border-red-200 text-red-700 hover:bg-red-50"}`}
            data-testid={disabled ? "staff-enable" : "staff-disable"}
          >
            {disabled ? "다시 사용" : "비활성화"}
          </button>
        </form>
      </div>
      {s.message && (
        <p className={`text-xs ${s.ok ? "text-green-700" : "text-red-700"}`} role={s.ok ? "status" : "alert"}>
          {s.message}
        </p>
      )}
    </div>
  );
}

export function RevokeInvite({ id }: { id: string }) {
  const [s, action] = useActionState<StaffState, FormData>(staffChangeAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="op" value="revoke" />
      <button className="btn-ghost px-3 py-1.5 text-sm">초대 취소</button>
      {s.message && !s.ok && <p className="text-xs text-red-700">{s.message}</p>}
    </form>
  );
}

export function PasswordForm() {
  const [s, action] = useActionState<StaffState, FormData>(changePasswordAction, {});
  const { errors: f, onInput } = useFieldErrors(s, s.ok ? {} : s.fields);
  const field = (name: "current" | "next" | "confirm", label: string, auto: string, help?: string) => (
    <Field
      key={`${name}-${s.at}`}
      prefix="pw"
      compact
      id={name}
      label={label}
      type="password"
      autoComplete={auto}
      required
      maxLength={200}
      error={f[name]}
      {...(help && { hint: help })}
    />
  );
  return (
    <form action={action} className="space-y-3" data-testid="password-form" onInput={onInput} onChange={onInput}>
      {field("current", "현재 비밀번호", "current-password")}
      {field("next", "새 비밀번호", "new-password", "10자 이상")}
      {field("confirm", "새 비밀번호 확인", "new-password")}
      <Message s={s} />
      <SubmitButton pending="바꾸는 중…">비밀번호 바꾸기</SubmitButton>
    </form>
  );
}
