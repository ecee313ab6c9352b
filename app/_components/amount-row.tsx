// One label–amount line of a shop price summary (cart, checkout, receipt): a <dt>/<dd> pair inside the
// page's <dl>. `tone`: "soft" for the breakdown, "total" for the sum to pay, "plain" / "refund" for the
// receipt's refund lines.
import type { ReactNode } from "react";

const tones = {
  soft: "text-ink-soft",
  plain: "font-semibold",
  refund: "font-semibold text-red-700",
} as const;

export function AmountRow({
  label,
  children,
  tone = "soft",
  total,
  testId,
  className = "",
}: {
  label: ReactNode;
  children: ReactNode;
  tone?: keyof typeof tones;
  /** The sum to pay: larger and bold (`lg` in the cart and checkout, `base` on the receipt). */
  total?: "lg" | "base";
  testId?: string;
  /** Spacing from the line above (e.g. "pt-2"). */
  className?: string;
}) {
  const cls = total ? `font-bold ${total === "lg" ? "text-lg" : "text-base"}` : tones[tone];
  return (
    <div className={`flex justify-between ${cls} ${className}`.trim()}>
      <dt>{label}</dt>
      <dd className="amount" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
