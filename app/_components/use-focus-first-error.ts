"use client";
// After a form's server action answers with errors: move focus to the first field marked
// aria-invalid (its label and its aria-describedby message are read out), or to the form's alert.
import { useEffect, type RefObject } from "react";

export function useFocusFirstError(
  form: RefObject<HTMLFormElement | null>,
  state: { error?: string; fieldErrors?: Record<string, string | undefined> },
) {
  useEffect(() => {
    if (!state.error && !Object.values(state.fieldErrors ?? {}).some(Boolean)) return;
    const root = form.current;
    if (!root) return;
    const target =
      root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root.querySelector<HTMLElement>('[role="alert"]');
    target?.focus();
  }, [form, state]);
}
