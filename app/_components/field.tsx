// One labelled text input with its error (or hint) under it, for the shop's consent forms and the admin's
// bill-consent form (server-safe: no hooks). `prefix` keeps two forms' ids apart on one page ("bc" →
// id bc-phone, test id bc-error-phone); `compact` for forms laid out in a grid (smaller error text).
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
} & React.InputHTMLAttributes<HTMLInputElement>) {
  const domId = prefix ? `${prefix}-${id}` : id;
  return (
    <div className={compact ? "min-w-0" : undefined}>
      <label className="label" htmlFor={domId}>
        {label}
      </label>
      <input
        id={domId}
        name={id}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${domId}-error` : hint ? `${domId}-hint` : undefined}
        {...input}
      />
      {error ? (
        <p
          id={`${domId}-error`}
          className={`mt-1 ${compact ? "text-xs" : "text-sm"} text-red-700`}
          data-testid={`${prefix ? `${prefix}-` : ""}error-${id}`}
        >
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${domId}-hint`} className="mt-1 text-xs text-ink-mute">
            {hint}
          </p>
        )
      )}
    </div>
  );
}
