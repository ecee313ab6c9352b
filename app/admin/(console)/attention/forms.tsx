"use client";
import { useActionState } from "react";
import { SubmitButton } from "../../../_components/submit-button";
import { refreshFromAttentionAction, resolveAttentionAction, type AttentionActionState } from "./actions";

export function ResolveForm({ source, id }: { source: "payment" | "bill" | "consent"; id: string }) {
  const [state, action] = useActionState<AttentionActionState, FormData>(resolveAttentionAction, {});
  return (
    <form action={action} className="flex flex-col gap-2 sm:flex-row sm:items-start">
      <input type="hidden" name="source" value={source} />
      <input type="hidden" name="id" value={id} />
      <label className="flex-1">
        <span className="sr-only">처리 내용</span>
        <input name="note" required maxLength={1000} placeholder="처리 내용 (타임라인에 남습니다)" className="input w-full py-2 text-sm" aria-invalid={state.ok === false || undefined} />
      </label>
      <SubmitButton className="btn-ghost shrink-0 py-2 text-sm" pending="기록 중…" data-testid="attention-resolve">
        처리 완료
      </SubmitButton>
      {state.message && (
        <p className={`text-sm ${state.ok ? "text-ink-soft" : "text-red-600"}`} role="status">
          {state.message}
        </p>
      )}
    </form>
  );
}

export function RefreshForm({ paymentId }: { paymentId: string }) {
  const [state, action] = useActionState<AttentionActionState, FormData>(refreshFromAttentionAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="paymentId" value={paymentId} />
      <SubmitButton className="btn-ghost py-2 text-sm" pending="조회 중…" data-testid="attention-refresh">
        결제사에서 새로고침
      </SubmitButton>
      {state.message && (
        <span className="text-sm text-ink-soft" role="status">
          {state.message}
        </span>
      )}
    </form>
  );
}
