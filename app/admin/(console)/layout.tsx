import Link from "next/link";
import { countBillsNeedingReview } from "@/lib/bills/review";
import { db } from "@/lib/db";
import { can } from "@/lib/admin/roles";
import { roleLabel } from "@/lib/admin/roles";
import { countOpenAttention } from "@/lib/payments/attention";
import { requireAdmin } from "../../_lib/admin";
import { logoutAction } from "../actions";
import { AdminNav, type NavItem } from "./nav";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const admin = await requireAdmin();
  const [payments, bills, consents] = await Promise.all([
    countOpenAttention(db, admin.merchantId),
    countBillsNeedingReview({ merchantId: admin.merchantId }),
    db.consentRequest.count({ where: { merchantId: admin.merchantId, status: "NEEDS_REVIEW", reviewedAt: null } }),
  ]);
  const items: NavItem[] = [
    { href: "/admin", label: "홈" },
    { href: "/admin/orders", label: "주문" },
    { href: "/admin/bills", label: "청구서" },
    { href: "/admin/consents", label: "동의·서명" },
    { href: "/admin/customers", label: "고객" },
    { href: "/admin/attention", label: "확인 필요", badge: payments + bills + consents, testId: "nav-attention" },
    ...(can(admin.role, "staff.manage") ? [{ href: "/admin/staff", label: "직원" }] : []),
    ...(can(admin.role, "audit.read") ? [{ href: "/admin/audit", label: "감사 로그" }] : []),
  ];
  return (
    <div className="min-h-dvh bg-paper">
      <header className="border-b border-line bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 px-4 md:h-14 md:flex-nowrap md:gap-4">
          <Link
            href="/admin"
            className="flex h-12 shrink-0 items-center gap-2 font-bold md:h-auto"
            aria-label="관리자 홈"
          >
            <span className="grid size-7 place-items-center rounded-lg bg-kakao text-sm">K</span>
            <span className="text-sm md:hidden">카카오 체크아웃 관리자</span>
          </Link>
          <AdminNav items={items} />
          <Link
            href="/admin/account"
            className="hidden shrink-0 rounded-lg px-2 py-2 text-sm text-ink-soft hover:bg-paper md:inline"
            data-testid="admin-identity"
          >
            {admin.name} <span className="text-xs text-ink-mute">· {roleLabel[admin.role]}</span>
          </Link>
          <form action={logoutAction} className="ml-auto shrink-0 md:ml-0">
            <button className="rounded-lg px-2 py-2 text-sm text-ink-soft hover:bg-paper">로그아웃</button>
          </form>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
      <footer className="mx-auto max-w-6xl px-4 pb-8 text-xs text-ink-mute md:hidden">
        <Link href="/admin/account" className="underline">
          {admin.name} · {roleLabel[admin.role]} · 내 계정
        </Link>
      </footer>
    </div>
  );
}
