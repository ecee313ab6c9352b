// One labelled text input with its error (or hint) under it, for the shop's consent forms and the admin's
// bill-consent form (server-safe: no hooks). `prefix` keeps two forms' ids apart on one page ("bc" →
// id bc-phone, test id bc-error-phone); `compact` for forms laid out in a grid (smaller error text).
// FieldNote and fieldAria are the same error/hint wiring for inputs laid out by hand (checkout, selects).

/** aria-invalid and aria-describedby of an input whose note is a FieldNote with the same id. */
export function fieldAria(id: string, error: string | undefined, hint: boolean) {
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}

/** The error under a field (test id `error-<name>` unless told), or else its hint. */
export function FieldNote({
  id,
  error,
  hint,
  testId = `error-${id}`,
  hintTestId,
  compact,
  hintTone = "mute",
}: {
  id: string;
  error?: string;
  hint?: React.ReactNode;
  testId?: string;
  hintTestId?: string;
  compact?: boolean;
  hintTone?: "mute" | "soft";
}) {
  if (error)
    return (
      <p id={`${id}-error`} className={`mt-1 ${compact ? "text-xs" : "text-sm"} text-red-700`} data-testid={testId}>
        {error}
      </p>
    );
  if (!hint) return null;
  return (
    <p
      id={`${id}-hint`}
      className={`mt-1 text-xs ${hintTone === "soft" ? "text-ink-soft" : "text-ink-mute"}`}
      data-testid={hintTestId}
    >
      {hint}
    </p>
  );
}

export function Field({
  id,
  label,
  error,
  hint,
  prefix,
  compact,
  ...input
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  prefix?: string;
  compact?: boolean;
} & React.ComponentProps<"input">) {
  const domId = prefix ? `${prefix}-${id}` : id;
  return (
    <div className={compact ? "min-w-0" : undefined}>
      <label className="label" htmlFor={domId}>
        {label}
      </label>
      <input id={domId} name={id} className="input" {...fieldAria(domId, error, !!hint)} {...input} />
      <FieldNote
        id={domId}
        error={error}
        hint={hint}
        testId={`${prefix ? `${prefix}-` : ""}error-${id}`}
        compact={compact}
      />
    </div>
  );
}
