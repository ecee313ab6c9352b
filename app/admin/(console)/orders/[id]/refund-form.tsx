"use client";
import { useActionState, useMemo, useState } from "react";
import { Field } from "../../../../_components/field";
import { SubmitButton } from "../../../../_components/submit-button";
import { refundAction, type RefundState } from "./actions";

const won = (n: number) => `${n.toLocaleString("ko-KR")}원`;
const digits = (v: string) => v.replace(/[^\d]/g, "");

export function RefundForm(props: {
  paymentId: string;
  remaining: number;
  remainingTaxFree: number;
  initialKey: string;
  partialAllowed: boolean;
}) {
  const [state, action] = useActionState<RefundState, FormData>(refundAction, {});
  const [amount, setAmount] = useState(String(props.remaining));
  const [taxFree, setTaxFree] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [step, setStep] = useState<"edit" | "confirm">("edit");
  const [key, setKey] = useState(props.initialKey);
  const n = props.partialAllowed ? Number(amount) : props.remaining;
  const proposedTaxFree = useMemo(() => {
    if (!Number.isInteger(n) || n <= 0) return 0;
    if (n >= props.remaining) return props.remainingTaxFree;
    return Math.min(props.remainingTaxFree, Math.round((n * props.remainingTaxFree) / props.remaining));
  }, [n, props.remaining, props.remainingTaxFree]);
  const tf = taxFree === null ? proposedTaxFree : Number(taxFree);
  const error =
    !Number.isInteger(n) || n <= 0
      ? "환불 금액은 1원 이상의 정수로 입력해 주세요."
      : n > props.remaining
        ? `환불 가능 금액(${won(props.remaining)})을 넘을 수 없습니다.`
        : !Number.isInteger(tf) || tf < 0 || tf > n || tf > props.remainingTaxFree
          ? "면세 금액을 확인해 주세요."
          : !reason.trim()
            ? "환불 사유를 입력해 주세요."
            : null;

  if (state.key === key && state.status && state.status !== "FAILED") {
    // A finished refund resets the form for the next one (with a new idempotency key).
    setStep("edit");
    setKey(crypto.randomUUID());
    setAmount(props.partialAllowed ? "" : String(props.remaining));
    setTaxFree(null);
    setReason("");
  }

  return (
    <form action={action} className="space-y-3" data-testid="refund-form">
      <input type="hidden" name="paymentId" value={props.paymentId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <input type="hidden" name="amount" value={String(n)} />
      <input type="hidden" name="taxFree" value={String(tf)} />
      <input type="hidden" name="reason" value={reason} />
      {step === "edit" ? (
        <>
          {props.partialAllowed ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <Field
                id="refund-amount"
                label={`환불 금액 (최대 ${won(props.remaining)})`}
                inputMode="numeric"
                value={amount}
                onChange={(e) => setAmount(digits(e.target.value))}
              />
              <Field
                id="refund-taxfree"
                label={`그중 면세 금액 (남은 면세 ${won(props.remainingTaxFree)})`}
                inputMode="numeric"
                value={taxFree ?? String(proposedTaxFree)}
                onChange={(e) => setTaxFree(digits(e.target.value))}
              />
            </div>
          ) : (
            // PayUp (KCP) cancels a payment only in full (seed 002: no partial-cancel request), so there
            // is nothing to choose: the whole remaining amount, its 면세 part included, shown read-only.
            <div className="rounded-xl bg-paper p-3 text-sm" data-testid="refund-full-only">
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                <dt className="text-ink-mute">환불 금액</dt>
                <dd className="amount font-semibold" data-testid="refund-full-amount">
                  {won(props.remaining)}
                </dd>
                <dt className="text-ink-mute">그중 면세</dt>
                <dd className="amount">{won(props.remainingTaxFree)}</dd>
              </dl>
              <p className="mt-2 text-xs text-ink-mute">
                이 결제(PayUp·KCP)는 전체 취소만 할 수 있어 남은 금액 전부가 환불됩니다.
              </p>
            </div>
          )}
          <Field
            id="refund-reason"
            label="환불 사유"
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="예: 고객 요청 (상품 1개 반품)"
          />
          {error && amount !== "" && (reason.trim() || !error.includes("사유")) ? (
            <p className="text-sm text-red-600">{error}</p>
          ) : (
            !reason.trim() && (
              <p className="text-sm text-ink-mute">
                {props.partialAllowed ? "금액과 사유를" : "사유를"} 입력하면 환불 내용을 확인할 수 있습니다.
              </p>
            )
          )}
          <button
            type="button"
            className="btn-dark w-full"
            disabled={!!error}
            onClick={() => setStep("confirm")}
            data-testid="refund-review"
          >
            환불 내용 확인
          </button>
        </>
      ) : (
        <div className="rounded-xl border border-red-200 bg-red-50 p-4">
          <p className="font-semibold text-red-800">아래 내용으로 환불할까요? 되돌릴 수 없습니다.</p>
          <ul className="mt-2 space-y-0.5 text-sm text-red-900">
            <li>
              환불 금액 <b data-testid="refund-summary-amount">{won(n)}</b>{" "}
              {n === props.remaining ? "(전체 환불)" : "(부분 환불)"}
            </li>
            <li>그중 면세 {won(tf)}</li>
            <li>사유: {reason}</li>
          </ul>
          <div className="mt-3 flex gap-2">
            <button type="button" className="btn-ghost flex-1" onClick={() => setStep("edit")}>
              수정
            </button>
            <SubmitButton className="btn-danger flex-1" pending="환불 처리 중…" data-testid="refund-confirm">
              환불 실행
            </SubmitButton>
          </div>
        </div>
      )}
      {state.message && (
        <p
          className={`rounded-xl p-3 text-sm ${state.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-700"}`}
          role="status"
          data-testid="refund-result"
        >
          {state.message}
        </p>
      )}
    </form>
  );
}
