import Link from "next/link";
import { countBillsNeedingReview } from "@/lib/bills/review";
import { db } from "@/lib/db";
import { countOpenAttention } from "@/lib/payments/attention";
import { requireAdmin } from "../../_lib/admin";
import { logoutAction } from "../actions";

export const dynamic = "force-dynamic";

const adminNav = [
  { href: "/admin/orders", label: "주문" },
  { href: "/admin/bills", label: "청구서" },
  { href: "/admin/consents", label: "동의·서명" },
];

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const admin = await requireAdmin();
  const [payments, bills, consents] = await Promise.all([
    countOpenAttention(db, admin.merchantId),
    countBillsNeedingReview({ merchantId: admin.merchantId }),
    db.consentRequest.count({ where: { merchantId: admin.merchantId, status: "NEEDS_REVIEW", reviewedAt: null } }),
  ]);
  const attention = payments + bills + consents;
  return (
    <div className="min-h-dvh bg-paper">
      <header className="border-b border-line bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4">
          <Link href="/admin/orders" className="flex items-center gap-2 font-bold">
            <span className="grid size-7 place-items-center rounded-lg bg-kakao text-sm">K</span>
            <span className="hidden sm:inline">관리자</span>
          </Link>
          <nav className="flex flex-1 gap-1 text-sm">
            {adminNav.map((n) => (
              <Link key={n.href} href={n.href} className="rounded-lg px-3 py-2 font-medium hover:bg-paper">
                {n.label}
              </Link>
            ))}
            <Link href="/admin/attention" className="flex items-center gap-1 rounded-lg px-3 py-2 font-medium hover:bg-paper" data-testid="nav-attention">
              확인 필요
              {attention > 0 && (
                <span className="rounded-full bg-red-600 px-1.5 text-xs font-bold text-white" aria-label={`${attention}건`}>
                  {attention}
                </span>
              )}
            </Link>
          </nav>
          <span className="hidden text-sm text-ink-soft sm:inline">{admin.name}</span>
          <form action={logoutAction}>
            <button className="rounded-lg px-3 py-2 text-sm text-ink-soft hover:bg-paper">로그아웃</button>
          </form>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
