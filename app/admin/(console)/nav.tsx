"use client";
// The admin navigation: the current section is marked (aria-current + style). On a phone it is its own
// row under the logo and wraps onto a second line, so every section is visible and tappable at 360 px.
import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavItem = { href: string; label: string; badge?: number; testId?: string };

export function AdminNav({ items }: { items: NavItem[] }) {
  const path = usePathname();
  const active = (href: string) =>
    href === "/admin" ? path === "/admin" : path === href || path.startsWith(`${href}/`);
  return (
    <nav
      className="order-last -mx-1 flex w-full flex-wrap gap-1 pb-2 text-sm md:order-none md:mx-0 md:w-auto md:min-w-0 md:flex-1 md:flex-nowrap md:pb-0"
      aria-label="관리자 메뉴"
    >
      {items.map((n) => {
        const on = active(n.href);
        return (
          <Link
            key={n.href}
            href={n.href}
            aria-current={on ? "page" : undefined}
            data-testid={n.testId}
            className={`flex min-h-10 shrink-0 items-center gap-1 whitespace-nowrap rounded-lg px-2.5 py-2 font-medium md:px-3 ${on ? "bg-ink text-white" : "hover:bg-paper"}`}
          >
            {n.label}
            {!!n.badge && n.badge > 0 && (
              <span className="rounded-full bg-red-600 px-1.5 text-xs font-bold text-white" aria-label={`${n.badge}건`}>
                {n.badge}
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
