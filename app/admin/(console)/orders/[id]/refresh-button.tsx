"use client";
import { useActionState } from "react";
import { SubmitButton } from "../../../../_components/submit-button";
import { refreshAction, type RefreshState } from "./actions";

export function RefreshButton({ paymentId }: { paymentId: string }) {
  const [state, action] = useActionState<RefreshState, FormData>(refreshAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="paymentId" value={paymentId} />
      <SubmitButton className="btn-ghost py-2 text-sm" pending="조회 중…" data-testid="refresh-provider">
        결제사에서 새로고침
      </SubmitButton>
      {state.message && (
        <span className="text-sm text-ink-soft" role="status" data-testid="refresh-result">
          {state.message}
        </span>
      )}
    </form>
  );
}
