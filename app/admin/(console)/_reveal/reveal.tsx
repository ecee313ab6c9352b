"use client";
// A masked value with "보기" for staff who may reveal it (manager, owner): the full value comes from
// revealAction (audited) into this component's state only; the page's HTML carries the mask alone.
import { useActionState, useState } from "react";
import { SubmitButton } from "../../../_components/submit-button";
import { revealAction, type RevealState } from "./actions";

export function Revealable({
  masked,
  type,
  id,
  field,
  label,
  canReveal,
  testId,
  buttonTestId,
}: {
  masked: string;
  type: "consent" | "order" | "bill";
  id: string;
  field: string;
  /** What it is, for the button's accessible name ("계좌번호"). */
  label: string;
  canReveal: boolean;
  testId?: string;
  buttonTestId?: string;
}) {
  const [state, action] = useActionState<RevealState, FormData>(revealAction, {});
  const [hidden, setHidden] = useState(false);
  const shown = state.ok && state.value !== undefined && !hidden;
  return (
    <span
      className="inline-flex flex-wrap items-center gap-x-2 gap-y-1"
      data-testid={testId}
      data-revealed={shown ? "1" : "0"}
    >
      <span className={shown ? "font-medium" : undefined}>{shown ? state.value : masked}</span>
      {canReveal &&
        (shown ? (
          <button
            type="button"
            className="rounded-md border border-line px-2 py-0.5 text-xs text-ink-soft hover:bg-paper"
            onClick={() => setHidden(true)}
          >
            가리기
          </button>
        ) : (
          <form
            action={(fd) => {
              setHidden(false);
              return action(fd);
            }}
            className="inline"
          >
            <input type="hidden" name="type" value={type} />
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="field" value={field} />
            <SubmitButton
              className="rounded-md border border-line px-2 py-0.5 text-xs text-ink-soft hover:bg-paper"
              pending="…"
              aria-label={`${label} 보기 (기록됨)`}
              title="보기를 누르면 감사 로그에 남습니다"
              data-testid={buttonTestId ?? (testId ? `${testId}-reveal` : undefined)}
            >
              보기
            </SubmitButton>
          </form>
        ))}
      {state.ok === false && state.message && (
        <span className="text-xs text-red-700" role="alert">
          {state.message}
        </span>
      )}
    </span>
  );
}
