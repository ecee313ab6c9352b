"use client";
// A form's field errors from its server action, kept on the client so that each one disappears as
// soon as its field is changed (the message under a field the user has just fixed is gone), and all
// of them are replaced when the server answers again (a re-validation: a passing field loses its error).
import { useState, type FormEvent } from "react";

export function useFieldErrors(answer: object, fields: Record<string, string | undefined> | undefined) {
  const [seen, setSeen] = useState(answer);
  const [errors, setErrors] = useState<Record<string, string | undefined>>(fields ?? {});
  if (seen !== answer) {
    setSeen(answer);
    setErrors(fields ?? {});
  }
  /** Put on the <form>: input / change events bubble up with the field's name. */
  const onInput = (e: FormEvent<HTMLFormElement>) => {
    const name = (e.target as HTMLInputElement).name;
    if (name && errors[name]) setErrors(({ [name]: _gone, ...rest }) => rest);
  };
  return { errors, onInput };
}
