"use client";
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { refreshAction, type RefreshState } from "./actions";

function Submit() {
  const { pending } = useFormStatus();
  return (
    <button className="btn-ghost py-2 text-sm" disabled={pending} data-testid="refresh-provider">
      {pending ? "조회 중…" : "결제사에서 새로고침"}
    </button>
  );
}

export function RefreshButton({ paymentId }: { paymentId: string }) {
  const [state, action] = useActionState<RefreshState, FormData>(refreshAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="paymentId" value={paymentId} />
      <Submit />
      {state.message && (
        <span className="text-sm text-ink-soft" role="status" data-testid="refresh-result">
          {state.message}
        </span>
      )}
    </form>
  );
}
