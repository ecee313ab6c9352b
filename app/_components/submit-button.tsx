"use client";
// A submit button that shows a waiting label and disables itself while its form's action runs.
import { useFormStatus } from "react-dom";

export function SubmitButton({
  children,
  pending: pendingLabel,
  className = "btn-dark w-full",
  ...rest
}: { children: React.ReactNode; pending: React.ReactNode; className?: string } & Omit<
  React.ButtonHTMLAttributes<HTMLButtonElement>,
  "type"
>) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending} aria-busy={pending} {...rest}>
      {pending ? pendingLabel : children}
    </button>
  );
}
