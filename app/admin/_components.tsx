// Small presentational pieces shared by admin pages.
import Link from "next/link";
import type { OrderStatus, PaymentStatus } from "@/lib/generated/prisma/enums";
import { orderStatusLabel } from "@/lib/orders/state";
import { paymentStatusLabel } from "@/lib/payments/state";

export { orderStatusLabel };

const tone: Record<string, string> = {
  PENDING: "bg-gray-100 text-gray-700",
  PAID: "bg-green-100 text-green-800",
  APPROVED: "bg-green-100 text-green-800",
  PARTIALLY_REFUNDED: "bg-amber-100 text-amber-800",
  PARTIALLY_CANCELLED: "bg-amber-100 text-amber-800",
  REFUNDED: "bg-red-100 text-red-700",
  CANCELLED: "bg-red-100 text-red-700",
  UNKNOWN: "bg-purple-100 text-purple-800",
  APPROVING: "bg-blue-100 text-blue-800",
  CLOSED: "bg-gray-100 text-gray-500",
  CAPTURED_UNUSED: "bg-purple-100 text-purple-800",
  REFUNDED_UNUSED: "bg-gray-100 text-gray-600",
};

export function StatusBadge({ status, kind }: { status: string; kind: "order" | "payment" }) {
  const label = kind === "order" ? orderStatusLabel[status as OrderStatus] : paymentStatusLabel[status as PaymentStatus];
  return (
    <span className={`inline-block whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-semibold ${tone[status] ?? "bg-gray-100 text-gray-700"}`} data-status={status}>
      {label ?? status}
    </span>
  );
}

// One KST formatter for every admin screen and export (24-hour clock, no "24:xx").
export { kstDateTime } from "@/lib/admin/format";

const refundLabel: Record<string, [string, string]> = {
  REQUESTED: ["환불 요청 중", "bg-blue-100 text-blue-800"],
  DONE: ["환불 완료", "bg-green-100 text-green-800"],
  FAILED: ["환불 실패", "bg-red-100 text-red-700"],
  UNKNOWN: ["결과 확인 필요", "bg-purple-100 text-purple-800"],
};

export function RefundBadge({ status }: { status: string }) {
  const [label, cls] = refundLabel[status] ?? [status, "bg-gray-100 text-gray-700"];
  return <span className={`inline-block whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-semibold ${cls}`}>{label}</span>;
}

/** 이전 / n of m / 다음 links; `href(page)` builds the link keeping the current filters. */
export function Pagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav className="mt-4 flex items-center justify-center gap-2 text-sm" aria-label="페이지">
      {page > 1 && (
        <Link className="btn-ghost py-2" href={href(page - 1)}>
          이전
        </Link>
      )}
      <span className="text-ink-soft">
        {page} / {pages}
      </span>
      {page < pages && (
        <Link className="btn-ghost py-2" href={href(page + 1)}>
          다음
        </Link>
      )}
    </nav>
  );
}

/** The list pages' filter error: the first problem with the search conditions, in one line. */
export function FilterError({ issues }: { issues: ReadonlyArray<{ message: string }> }) {
  return (
    <p className="mb-3 rounded-xl bg-red-50 p-3 text-sm text-red-700" role="alert" data-testid="filter-error">
      {issues[0]?.message ?? "검색 조건을 확인해 주세요."}
    </p>
  );
}

/** A labelled filter select over a value → label table, with an "all" option first. */
export function FilterSelect({ label, name, value, all, options }: { label: string; name: string; value: string | undefined; all: string; options: Record<string, string> }) {
  return (
    <label className="text-xs text-ink-mute">
      {label}
      <select name={name} defaultValue={value ?? ""} className="input mt-1 py-2">
        <option value="">{all}</option>
        {Object.entries(options).map(([k, v]) => (
          <option key={k} value={k}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}
