"use client";
import { useActionState } from "react";
import { SubmitButton } from "../../../_components/submit-button";
import { closeUnconfirmedAction, refreshFromAttentionAction, resolveAttentionAction, type AttentionActionState } from "./actions";

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

/** "결제 안 됨으로 확정" / "환불 안 됨으로 확정" after checking the provider's own console. */
export function CloseUnconfirmedForm({ what, id }: { what: "payment" | "refund"; id: string }) {
  const [state, action] = useActionState<AttentionActionState, FormData>(closeUnconfirmedAction, {});
  const label = what === "payment" ? "결제 안 됨으로 확정" : "환불 안 됨으로 확정";
  return (
    <details className="rounded-lg border border-line p-3">
      <summary className="cursor-pointer text-sm font-medium">{label}…</summary>
      <form action={action} className="mt-2 space-y-2">
        <p className="text-ink-soft">
          {what === "payment"
            ? "결제사 관리자 화면에서 이 결제가 승인되지 않았음을 확인한 경우에만 사용하세요. 주문은 다시 결제할 수 있게 됩니다."
            : "결제사 관리자 화면에서 이 환불이 처리되지 않았음을 확인한 경우에만 사용하세요. 그 뒤 주문 화면에서 다시 환불할 수 있습니다."}
        </p>
        <input type="hidden" name="what" value={what} />
        <input type="hidden" name="id" value={id} />
        <label className="block">
          <span className="sr-only">확인한 내용</span>
          <input name="note" required maxLength={500} placeholder="확인한 내용 (예: PayUp 관리자 화면에 승인 내역 없음)" className="input w-full py-2 text-sm" />
        </label>
        <SubmitButton className="btn-ghost py-2 text-sm" pending="기록 중…" data-testid={`attention-close-${what}`}>
          {label}
        </SubmitButton>
        {state.message && (
          <p className={`text-sm ${state.ok ? "text-ink-soft" : "text-red-600"}`} role="status">
            {state.message}
          </p>
        )}
      </form>
    </details>
  );
}
