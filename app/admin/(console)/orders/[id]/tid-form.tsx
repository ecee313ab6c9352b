"use client";
import { ActionForm } from "../../_components/action-form";
import { transactionIdAction } from "./actions";

/** PayUp confirmed the payment without its transaction id: staff copy it from PayUp's console. */
export function TransactionIdForm({ paymentId }: { paymentId: string }) {
  return (
    <ActionForm
      action={transactionIdAction}
      className="space-y-2"
      formTestId="tid-form"
      intro="PayUp이 거래번호 없이 결제를 확인했습니다. 환불하려면 PayUp 관리자 화면의 거래번호와 결제 금액·결제일을 입력해 주세요."
      hidden={{ paymentId }}
      pending="저장 중…"
      label="거래번호 저장"
      result="outcome"
    >
      <div className="grid gap-2 sm:grid-cols-3">
        <label className="block">
          <span className="text-xs text-ink-mute">거래번호 (20자)</span>
          <input
            name="transactionId"
            required
            maxLength={20}
            minLength={20}
            className="input w-full font-mono"
            placeholder="20180205152504ST0009"
            autoComplete="off"
          />
        </label>
        <label className="block">
          <span className="text-xs text-ink-mute">관리자 화면의 결제 금액</span>
          <input name="consoleAmount" required inputMode="numeric" pattern="[0-9]*" className="input w-full" />
        </label>
        <label className="block">
          <span className="text-xs text-ink-mute">결제일</span>
          <input name="consoleDate" type="date" required className="input w-full" />
        </label>
      </div>
    </ActionForm>
  );
}
