"use client";
import { ActionForm } from "../../_components/action-form";
import { refreshAction } from "./actions";

export function RefreshButton({ paymentId }: { paymentId: string }) {
  return (
    <ActionForm
      action={refreshAction}
      hidden={{ paymentId }}
      pending="조회 중…"
      testId="refresh-provider"
      label="결제사에서 새로고침"
      resultTestId="refresh-result"
    />
  );
}
