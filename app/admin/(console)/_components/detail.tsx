// The admin detail screens' header (orders, bills, consents, customers): the way back to the list, the
// title with its status badges, an optional line under it, and the page's actions on the right.
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import type { AdminIdentity } from "@/lib/admin/sessions";
import { requireAdmin } from "../../../_lib/admin";

/** A detail page's props: the record's id in the path. */
export type DetailPageProps = { params: Promise<{ id: string }> };

/**
 * The signed-in staff member and the record the path names, looked up within their merchant (`find` gets
 * the `where`); another merchant's id, or none, is a 404.
 */
export async function adminRecord<T>(
  params: DetailPageProps["params"],
  find: (where: { id: string; merchantId: string }) => Promise<T | null>,
): Promise<{ admin: AdminIdentity; record: T }> {
  const admin = await requireAdmin();
  const { id } = await params;
  const record = await find({ id, merchantId: admin.merchantId });
  if (!record) notFound();
  return { admin, record };
}

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
