"use client";
// The admin navigation: the current section is marked (aria-current + style). Scrolls sideways on a phone.
import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavItem = { href: string; label: string; badge?: number; testId?: string };

export function AdminNav({ items }: { items: NavItem[] }) {
  const path = usePathname();
  const active = (href: string) => (href === "/admin" ? path === "/admin" : path === href || path.startsWith(`${href}/`));
  return (
    <nav className="-mx-1 flex min-w-0 flex-1 gap-1 overflow-x-auto px-1 pr-6 text-sm [mask-image:linear-gradient(to_right,black_85%,transparent)] [scrollbar-width:none] md:pr-1 md:[mask-image:none]" aria-label="관리자 메뉴">
      {items.map((n) => {
        const on = active(n.href);
        return (
          <Link
            key={n.href}
            href={n.href}
            aria-current={on ? "page" : undefined}
            data-testid={n.testId}
            className={`flex shrink-0 items-center gap-1 whitespace-nowrap rounded-lg px-3 py-2 font-medium ${on ? "bg-ink text-white" : "hover:bg-paper"}`}
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
