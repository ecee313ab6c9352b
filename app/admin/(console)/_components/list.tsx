// The admin list screens' building blocks (orders, bills, consents, audit): a header with the CSV link,
// the filter form and its error, the result count, rows as cards on a phone and a table from `sm` up,
// one empty state and the pagination. Server components: column cells are render functions.
import Link from "next/link";
import type { ReactNode } from "react";

/** `?status=…&q=…` keeping the current filters; `extra` overrides (undefined / "" drop a key). */
export function filterQuery(current: Record<string, string | number | boolean | undefined | null>) {
  return (extra: Record<string, string | number | undefined> = {}) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...current, ...extra })) if (v !== undefined && v !== null && v !== "" && v !== false) p.set(k, String(v));
    return p.toString();
  };
}

/** The page title, an optional line under it, and the page's actions (CSV link, "new" button) on the right. */
export function ListHeader({ title, description, children }: { title: string; description?: ReactNode; children?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-2">
      {description ? (
        <div>
          <h1 className="text-xl font-bold">{title}</h1>
          <p className="text-xs text-ink-mute">{description}</p>
        </div>
      ) : (
        <h1 className="text-xl font-bold">{title}</h1>
      )}
      {children && <div className="flex gap-2">{children}</div>}
    </div>
  );
}

/** "CSV 내보내기" for the rows the current filters select (the export route re-checks the role). */
export function CsvLink({ href, testId = "csv-export" }: { href: string; testId?: string }) {
  return (
    <a href={href} className="btn-ghost py-2 text-sm" data-testid={testId}>
      CSV 내보내기
    </a>
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

/** The filter form (a GET search); `className` sets its grid columns. Ends with the 검색 button. */
export function FilterForm({ className, buttonClassName = "", children }: { className: string; buttonClassName?: string; children: ReactNode }) {
  return (
    <form className={`card mb-4 grid gap-2 p-3 sm:items-end ${className}`} role="search">
      {children}
      <button className={`btn-dark py-2 ${buttonClassName}`}>검색</button>
    </form>
  );
}

/** A labelled filter select over a value → label table, with an "all" option first. */
export function FilterSelect({ label, name, value, all, options, className = "", testId }: { label: string; name: string; value: string | undefined; all: string; options: Record<string, string>; className?: string; testId?: string }) {
  return (
    <label className={`text-xs text-ink-mute ${className}`}>
      {label}
      <select name={name} defaultValue={value ?? ""} className="input mt-1 py-2" data-testid={testId}>
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

/** A labelled filter input (text, date, month). `invalid` marks it for assistive tech when the filter did not parse. */
export function FilterInput({
  label,
  name,
  value,
  type = "text",
  placeholder,
  maxLength,
  invalid,
  className = "",
}: {
  label: string;
  name: string;
  value: string | undefined;
  type?: "text" | "date" | "month";
  placeholder?: string;
  maxLength?: number;
  invalid?: boolean;
  className?: string;
}) {
  return (
    <label className={`text-xs text-ink-mute ${className}`}>
      {label}
      <input name={name} type={type === "text" ? undefined : type} defaultValue={value ?? ""} placeholder={placeholder} maxLength={maxLength} className="input mt-1 py-2" aria-invalid={invalid || undefined} />
    </label>
  );
}

/** "총 N건". */
export function ResultCount({ total }: { total: number }) {
  return <p className="mb-2 text-sm text-ink-mute">총 {total.toLocaleString("ko-KR")}건</p>;
}

/** The one empty state of a list ("조건에 맞는 … 없습니다."), as a card. */
export function EmptyState({ children, as: Tag = "p", testId }: { children: ReactNode; as?: "p" | "li"; testId?: string }) {
  return (
    <Tag className="card p-6 text-center text-sm text-ink-mute" data-testid={testId}>
      {children}
    </Tag>
  );
}

export type Column<T> = { header: string; cell: (row: T) => ReactNode; className?: string; align?: "right" };

/**
 * Rows as linked cards below `sm` (data-testid `${testId}-cards`) and as a table from `sm` up
 * (`${testId}-table`), with one empty text for both. `showEmpty` false hides it (a filter that did not
 * parse shows only its error, never "nothing matched").
 */
export function ResponsiveList<T>({
  rows,
  rowKey,
  href,
  card,
  columns,
  minWidth,
  testId,
  empty,
  showEmpty = true,
}: {
  rows: T[];
  rowKey: (row: T) => string;
  href: (row: T) => string;
  card: (row: T) => ReactNode;
  columns: Column<T>[];
  /** the table's min width (Tailwind class, e.g. "min-w-[720px]"): it scrolls sideways inside its card rather than squeezing */
  minWidth: string;
  testId: string;
  empty: string;
  showEmpty?: boolean;
}) {
  return (
    <>
      <ul className="space-y-2 sm:hidden" data-testid={`${testId}-cards`}>
        {rows.map((r) => (
          <li key={rowKey(r)}>
            <Link href={href(r)} className="card block p-3">
              {card(r)}
            </Link>
          </li>
        ))}
        {rows.length === 0 && showEmpty && <EmptyState as="li">{empty}</EmptyState>}
      </ul>
      <div className="card hidden overflow-x-auto sm:block">
        <table className={`w-full ${minWidth} text-sm`} data-testid={`${testId}-table`}>
          <thead className="border-b border-line text-left text-ink-mute">
            <tr>
              {columns.map((c) => (
                <th key={c.header} className={`p-3 font-medium ${c.align === "right" ? "text-right" : ""}`}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {rows.map((r) => (
              <tr key={rowKey(r)} className="hover:bg-paper">
                {columns.map((c) => (
                  <td key={c.header} className={`p-3 ${c.align === "right" ? "text-right" : ""} ${c.className ?? ""}`}>
                    {c.cell(r)}
                  </td>
                ))}
              </tr>
            ))}
            {rows.length === 0 && showEmpty && (
              <tr>
                <td colSpan={columns.length} className="p-8 text-center text-ink-mute">
                  {empty}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
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
