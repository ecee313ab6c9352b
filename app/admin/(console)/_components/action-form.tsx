"use client";
// The console's small server-action forms (refresh from the provider, re-request, resolve, close, …): hidden ids,
// an optional note field, one SubmitButton and the action's message — written once instead of per page.
import { useActionState, type ReactNode } from "react";
import type { FormState } from "@/lib/errors";
import { SubmitButton } from "../../../_components/submit-button";

type Props = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  /** hidden inputs, in order */
  hidden: Record<string, string>;
  /** the button's label and its label while the action runs */
  label: ReactNode;
  pending: string;
  testId?: string;
  /** the button's classes */
  button?: string;
  /** the form's classes */
  className?: string;
  formTestId?: string;
  /** a paragraph above the fields */
  intro?: ReactNode;
  /** a required one-line note, labelled for screen readers only */
  note?: { label: string; placeholder: string; maxLength: number; markInvalid?: boolean };
  /** further fields, above the button */
  children?: ReactNode;
  /**
   * How the action's message shows: "inline" a quiet status next to the button, "outcome" a status paragraph
   * (red when the action failed), "alert" a red alert (for actions whose only message is a failure).
   */
  result?: "inline" | "outcome" | "alert";
  resultTestId?: string;
};

export function ActionForm({
  action: serverAction,
  hidden,
  label,
  pending,
  testId,
  button = "btn-ghost py-2 text-sm",
  className = "flex flex-wrap items-center gap-2",
  formTestId,
  intro,
  note,
  children,
  result = "inline",
  resultTestId,
}: Props) {
  const [state, action] = useActionState<FormState, FormData>(serverAction, {});
  return (
    <form action={action} className={className} data-testid={formTestId}>
      {intro && <p className="text-ink-soft">{intro}</p>}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {note && (
        <label className="block flex-1">
          <span className="sr-only">{note.label}</span>
          <input
            name="note"
            required
            maxLength={note.maxLength}
            placeholder={note.placeholder}
            className="input w-full py-2 text-sm"
            aria-invalid={(note.markInvalid && state.ok === false) || undefined}
          />
        </label>
      )}
      {children}
      <SubmitButton className={button} pending={pending} data-testid={testId}>
        {label}
      </SubmitButton>
      {state.message &&
        (result === "outcome" ? (
          <p
            className={`text-sm ${state.ok ? "text-ink-soft" : "text-red-600"}`}
            role="status"
            data-testid={resultTestId}
          >
            {state.message}
          </p>
        ) : result === "alert" ? (
          <span className="text-sm text-red-700" role="alert" data-testid={resultTestId}>
            {state.message}
          </span>
        ) : (
          <span className="text-sm text-ink-soft" role="status" data-testid={resultTestId}>
            {state.message}
          </span>
        ))}
    </form>
  );
}

/** "…에서 새로고침": ask the provider again about one record (a server page may render it directly). */
export function RefreshForm(props: Pick<Props, "action" | "hidden" | "label" | "testId" | "resultTestId">) {
  return <ActionForm {...props} pending="조회 중…" />;
}
