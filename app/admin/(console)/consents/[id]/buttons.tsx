"use client";
import { ActionForm } from "../../_components/action-form";
import { refreshAction, reRequestAction } from "./actions";

export function ReRequestButton({ id }: { id: string }) {
  return (
    <ActionForm
      action={reRequestAction}
      hidden={{ id }}
      button="btn-kakao py-2 text-sm"
      pending="요청하는 중…"
      testId="admin-rerequest"
      label="같은 정보로 다시 요청"
      result="alert"
    />
  );
}

export function RefreshButton({ id }: { id: string }) {
  return (
    <ActionForm
      action={refreshAction}
      hidden={{ id }}
      pending="조회 중…"
      testId="admin-refresh"
      label="제공자에서 새로고침"
    />
  );
}
