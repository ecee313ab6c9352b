// Form pieces shared by the consent forms (server-safe: no hooks).
export function Field({
  id,
  label,
  error,
  hint,
  ...input
}: { id: string; label: string; error?: string; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        name={id}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        {...input}
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700" data-testid={`error-${id}`}>
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${id}-hint`} className="mt-1 text-xs text-ink-mute">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="rounded-xl bg-red-50 p-3 text-sm text-red-700" role="alert" tabIndex={-1} data-testid="consent-error">
      {message}
    </p>
  );
}

export function KakaoBadge() {
  return (
    <span className="grid size-9 shrink-0 place-items-center rounded-xl bg-kakao text-sm font-black text-kakao-brown">
      톡
    </span>
  );
}
