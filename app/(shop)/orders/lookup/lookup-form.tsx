"use client";
import { useActionState } from "react";
import { SubmitButton } from "../../../_components/submit-button";
import { lookupOrderAction, type LookupState } from "../../actions";

export function LookupForm({ orderNumber }: { orderNumber: string }) {
  const [state, action] = useActionState<LookupState, FormData>(lookupOrderAction, {});
  return (
    <form action={action} className="card mt-4 space-y-3 p-4">
      <div>
        <label className="label" htmlFor="orderNumber">
          주문번호
        </label>
        <input
          id="orderNumber"
          name="orderNumber"
          className="input font-mono uppercase"
          placeholder="KC261123-ABC234"
          defaultValue={state.values?.orderNumber ?? orderNumber}
          required
          aria-describedby={state.error ? "lookup-error" : undefined}
        />
      </div>
      <div>
        <label className="label" htmlFor="phone">
          휴대폰 번호
        </label>
        <input
          id="phone"
          name="phone"
          className="input"
          inputMode="tel"
          placeholder="010-1234-5678"
          autoComplete="tel"
          defaultValue={state.values?.phone}
          required
          aria-describedby={state.error ? "lookup-error" : undefined}
        />
      </div>
      {state.error && (
        <p id="lookup-error" className="rounded-xl bg-red-50 p-3 text-sm text-red-700" role="alert">
          {state.error}
        </p>
      )}
      <SubmitButton pending="조회하는 중…">조회하기</SubmitButton>
    </form>
  );
}
