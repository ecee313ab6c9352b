// The admin detail screens' header (orders, bills, consents, customers): the way back to the list, the
// title with its status badges, an optional line under it, and the page's actions on the right.
import Link from "next/link";
import type { ReactNode } from "react";

export function DetailHeader({
  back,
  title,
  mono,
  titleTestId,
  badges,
  subtitle,
  actions,
}: {
  back: { href: string; label: string };
  title: ReactNode;
  /** an order number or other code as the title */
  mono?: boolean;
  titleTestId?: string;
  badges?: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <>
      <Link href={back.href} className="text-sm text-ink-mute hover:underline">
        ← {back.label}
      </Link>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className={`break-words text-xl font-bold ${mono ? "font-mono" : ""}`} data-testid={titleTestId}>
              {title}
            </h1>
            {badges}
          </div>
          {subtitle}
        </div>
        {actions}
      </div>
    </>
  );
}

/** A card section with its heading (the detail pages' 주문 정보, 청구 정보, 요청 정보 …). */
export function DetailSection({
  title,
  children,
  className = "",
  testId,
}: {
  title: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section className={`card p-4 text-sm ${className}`} data-testid={testId}>
      <h2 className="mb-3 font-semibold">{title}</h2>
      {children}
    </section>
  );
}
