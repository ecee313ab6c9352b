"use client";
// The client half both consent forms share: the server action's state (what was typed, the field errors)
// and focus on the first field in error after an answer.
import { useActionState, useRef } from "react";
import { useFocusFirstError } from "../../_components/use-focus-first-error";
import type { ConsentFormState } from "./actions";

export function useConsentForm(act: (state: ConsentFormState, form: FormData) => Promise<ConsentFormState>) {
  const [state, action] = useActionState<ConsentFormState, FormData>(act, {});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, state);
  return { state, action, formRef, values: state.values ?? {}, errors: state.fieldErrors ?? {} };
}
