"use client";
import { ActionForm } from "../_components/action-form";
import { closeUnconfirmedAction, resolveAttentionAction } from "./actions";

export function ResolveForm({ source, id }: { source: "payment" | "bill" | "consent"; id: string }) {
  return (
    <ActionForm
      action={resolveAttentionAction}
      className="flex flex-col gap-2 sm:flex-row sm:items-start"
      hidden={{ source, id }}
      note={{
        label: "처리 내용",
        placeholder: "처리 내용 (타임라인에 남습니다)",
        maxLength: 1000,
        markInvalid: true,
      }}
      button="btn-ghost shrink-0 py-2 text-sm"
      pending="기록 중…"
      testId="attention-resolve"
      label="처리 완료"
      result="outcome"
    />
  );
}

/** "결제 안 됨으로 확정" / "환불 안 됨으로 확정" after checking the provider's own console. */
export function CloseUnconfirmedForm({ what, id }: { what: "payment" | "refund"; id: string }) {
  const label = what === "payment" ? "결제 안 됨으로 확정" : "환불 안 됨으로 확정";
  return (
    <details className="rounded-lg border border-line p-3">
      <summary className="cursor-pointer text-sm font-medium">{label}…</summary>
      <ActionForm
        action={closeUnconfirmedAction}
        className="mt-2 space-y-2"
        intro={
          what === "payment"
            ? "결제사 관리자 화면에서 이 결제가 승인되지 않았음을 확인한 경우에만 사용하세요. 주문은 다시 결제할 수 있게 됩니다."
            : "결제사 관리자 화면에서 이 환불이 처리되지 않았음을 확인한 경우에만 사용하세요. 그 뒤 주문 화면에서 다시 환불할 수 있습니다."
        }
        hidden={{ what, id }}
        note={{
          label: "확인한 내용",
          placeholder: "확인한 내용 (예: PayUp 관리자 화면에 승인 내역 없음)",
          maxLength: 500,
        }}
        pending="기록 중…"
        testId={`attention-close-${what}`}
        label={label}
        result="outcome"
      />
    </details>
  );
}
