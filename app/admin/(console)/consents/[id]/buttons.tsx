"use client";
import { useActionState } from "react";
import { SubmitButton } from "../../../../_components/submit-button";
import { refreshAction, reRequestAction, type ConsentActionState } from "./actions";

export function ReRequestButton({ id }: { id: string }) {
  const [state, action] = useActionState<ConsentActionState, FormData>(reRequestAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton className="btn-kakao py-2 text-sm" pending="요청하는 중…" data-testid="admin-rerequest">
        같은 정보로 다시 요청
      </SubmitButton>
      {state.message && (
        <span className="text-sm text-red-700" role="alert">
          {state.message}
        </span>
      )}
    </form>
  );
}

export function RefreshButton({ id }: { id: string }) {
  const [state, action] = useActionState<ConsentActionState, FormData>(refreshAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton className="btn-ghost py-2 text-sm" pending="조회 중…" data-testid="admin-refresh">
        제공자에서 새로고침
      </SubmitButton>
      {state.message && (
        <span className="text-sm text-ink-soft" role="status">
          {state.message}
        </span>
      )}
    </form>
  );
}
