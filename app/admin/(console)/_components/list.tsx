// The admin list screens' building blocks (orders, bills, consents, audit): a header with the CSV link,
// the filter form and its error, the result count, rows as cards on a phone and a table from `sm` up,
// one empty state and the pagination. Server components: column cells are render functions.
import Link from "next/link";
import type { ReactNode } from "react";
import type { z } from "zod";

/** `?status=…&q=…` keeping the current filters; `extra` overrides (undefined / "" drop a key). */
export function filterQuery(current: Record<string, string | number | boolean | undefined | null>) {
  return (extra: Record<string, string | number | undefined> = {}) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...current, ...extra }))
      if (v !== undefined && v !== null && v !== "" && v !== false) p.set(k, String(v));
    return p.toString();
  };
}

/** The page title, an optional line under it, and the page's actions (CSV link, "new" button) on the right. */
export function ListHeader({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children?: ReactNode;
}) {
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
export function FilterForm({
  className,
  buttonClassName = "",
  children,
}: {
  className: string;
  buttonClassName?: string;
  children: ReactNode;
}) {
  return (
    <form className={`card mb-4 grid gap-2 p-3 sm:items-end ${className}`} role="search">
      {children}
      <button className={`btn-dark py-2 ${buttonClassName}`}>검색</button>
    </form>
  );
}

/** A labelled filter select over a value → label table, with an "all" option first. */
export function FilterSelect({
  label,
  name,
  value,
  all,
  options,
  className = "",
  testId,
}: {
  label: string;
  name: string;
  value: string | undefined;
  all: string;
  options: Record<string, string>;
  className?: string;
  testId?: string;
}) {
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
      <input
        name={name}
        type={type === "text" ? undefined : type}
        defaultValue={value ?? ""}
        placeholder={placeholder}
        maxLength={maxLength}
        className="input mt-1 py-2"
        aria-invalid={invalid || undefined}
      />
    </label>
  );
}

/** The 검색어 filter (`q`); `wide` spans both columns of the phone's two-column filter grid. */
export function FilterSearch({
  value,
  placeholder,
  wide,
}: {
  value: string | undefined;
  placeholder: string;
  wide?: boolean;
}) {
  return (
    <FilterInput
      label="검색어"
      name="q"
      value={value}
      placeholder={placeholder}
      maxLength={100}
      className={wide ? "col-span-2 sm:col-span-1" : ""}
    />
  );
}

/** The period filter: the date it is on (`basis`, a select; none when the list has one date), 시작일, 종료일. */
export function FilterPeriod({
  basis,
  from,
  to,
  invalid,
}: {
  basis?: {
    value: string | undefined;
    all: string;
    options: Record<string, string>;
    className?: string;
    testId?: string;
  };
  from: string | undefined;
  to: string | undefined;
  invalid: boolean;
}) {
  return (
    <>
      {basis && <FilterSelect label="기간 기준" name="basis" {...basis} />}
      <FilterInput label="시작일" name="from" type="date" value={from} invalid={invalid} />
      <FilterInput label="종료일" name="to" type="date" value={to} invalid={invalid} />
    </>
  );
}

/** "총 N건". */
export function ResultCount({ total }: { total: number }) {
  return <p className="mb-2 text-sm text-ink-mute">총 {total.toLocaleString("ko-KR")}건</p>;
}

/** The one empty state of a list ("조건에 맞는 … 없습니다."), as a card. */
export function EmptyState({
  children,
  as: Tag = "p",
  testId,
}: {
  children: ReactNode;
  as?: "p" | "li";
  testId?: string;
}) {
  return (
    <Tag className="card p-6 text-center text-sm text-ink-mute" data-testid={testId}>
      {children}
    </Tag>
  );
}

/*
 * Rows as linked cards below `sm` (ListCards + ListCard, data-testid `${name}-cards`) and as a table from
 * `sm` up (ListTable + ListRow + Cell, `${name}-table`), with one empty text for both. The page renders
 * each row itself, as children: these components never receive the records, which may hold personal
 * data the page masks. `empty` null shows no empty text (a filter that did not parse shows only its error).
 */

export function ListCards({
  testId,
  empty,
  children,
}: {
  testId: string;
  empty: string | null;
  children: ReactNode[];
}) {
  return (
    <ul className="space-y-2 sm:hidden" data-testid={testId}>
      {children}
      {children.length === 0 && empty && <EmptyState as="li">{empty}</EmptyState>}
    </ul>
  );
}

/** One row as a card that links to its detail page. */
export function ListCard({ href, children }: { href: string; children: ReactNode }) {
  return (
    <li>
      <Link href={href} className="card block p-3">
        {children}
      </Link>
    </li>
  );
}

export type ColumnHead = { header: string; align?: "right" };

/** The table; `minWidth` (e.g. "min-w-[720px]") lets it scroll sideways inside its card rather than squeeze. */
export function ListTable({
  testId,
  minWidth,
  columns,
  empty,
  children,
}: {
  testId: string;
  minWidth: string;
  columns: ColumnHead[];
  empty: string | null;
  children: ReactNode[];
}) {
  return (
    <div className="card hidden overflow-x-auto sm:block">
      <table className={`w-full ${minWidth} text-sm`} data-testid={testId}>
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
          {children}
          {children.length === 0 && empty && (
            <tr>
              <td colSpan={columns.length} className="p-8 text-center text-ink-mute">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

export function ListRow({ children }: { children: ReactNode }) {
  return <tr className="hover:bg-paper">{children}</tr>;
}

export function Cell({
  align,
  className = "",
  children,
}: {
  align?: "right";
  className?: string;
  children?: ReactNode;
}) {
  return <td className={`p-3 ${align === "right" ? "text-right" : ""} ${className}`}>{children}</td>;
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

/** A list page's props: its search params. */
export type ListPageProps = { searchParams: Promise<Record<string, string | undefined>> };

/** One page of a list query, as the list queries return it. */
export type ListResult<R> = { total: number; pages: number; rows: R[] };

/**
 * The search params through the page's filter schema, then its query. A filter that does not parse lists
 * nothing (`issues` holds why): the page shows only the error, never every row as if it had matched.
 */
export async function listFromSearch<S extends z.ZodType<{ page: number }>, R extends { id: string }>(
  schema: S,
  searchParams: Record<string, string | undefined>,
  list: (filter: z.output<S>) => Promise<ListResult<R>>,
): Promise<SearchedList<z.output<S>, R>> {
  const parsed = schema.safeParse(searchParams);
  const found = parsed.success
    ? { filter: parsed.data, issues: null, result: await list(parsed.data) }
    : { filter: schema.parse({}), issues: parsed.error.issues, result: { total: 0, pages: 1, rows: [] } };
  return { ...found, view: (spec) => listView(found, spec) };
}

/** What listFromSearch answers; `view` renders its rows for ListPage (see listView). */
export type SearchedList<F, R> = {
  filter: F;
  issues: z.core.$ZodIssue[] | null;
  result: ListResult<R>;
  view: (spec: { columns: Column<R>[]; href: (row: R) => string; card: (row: R) => ReactNode }) => ListView;
};

/** A table column: its head, and its cell for a row (`link`: the cell links to the row's page). */
export type Column<R> = ColumnHead & { className?: string; link?: boolean; cell: (row: R) => ReactNode };

/**
 * What a ListPage shows, rendered by the page: the rows' cards and cells are the page's own render
 * functions run here, so the list components receive rendered (masked) text only, never the records.
 */
export type ListView = {
  issues: ReadonlyArray<{ message: string }> | null;
  total: number;
  page: number;
  pages: number;
  columns: (ColumnHead & { className?: string; link?: boolean })[];
  rows: { id: string; href: string; card: ReactNode; cells: ReactNode[] }[];
};

function listView<R extends { id: string }>(
  list: { filter: { page: number }; issues: ReadonlyArray<{ message: string }> | null; result: ListResult<R> },
  spec: { columns: Column<R>[]; href: (row: R) => string; card: (row: R) => ReactNode },
): ListView {
  return {
    issues: list.issues,
    total: list.result.total,
    page: list.filter.page,
    pages: list.result.pages,
    columns: spec.columns.map(({ cell: _cell, ...head }) => head),
    rows: list.result.rows.map((r) => ({
      id: r.id,
      href: spec.href(r),
      card: spec.card(r),
      cells: spec.columns.map((c) => c.cell(r)),
    })),
  };
}

/**
 * A whole list screen: header (title + `csv` + `actions`), `notice`, the filter error, `beforeFilters`, the
 * filter form (`status`, then `filters`, in a grid of `filterClassName`), `afterFilters`, the count, the rows as cards and as a
 * table, the empty text and the pagination. Test ids `${name}-cards` / `${name}-table`. The page states its
 * query, filters and columns, and renders the rows itself (listView).
 */
export function ListPage(props: {
  name: string;
  title: string;
  /** The CSV export of the current filters, when the role may export and the filter parsed. */
  csv?: { href: string; testId?: string } | false;
  actions?: ReactNode;
  notice?: ReactNode;
  view: ListView;
  beforeFilters?: ReactNode;
  filterClassName: string;
  filterButtonClassName?: string;
  /** The first filter, 상태 (all the lists have one): its value and the status → label table. */
  status: { value: string | undefined; options: Record<string, string> };
  filters: ReactNode;
  afterFilters?: ReactNode;
  query: (extra: { page: number }) => string;
  minWidth: string;
  empty: string;
}) {
  const { issues, columns, rows } = props.view;
  const empty = issues ? null : props.empty;
  return (
    <div>
      <ListHeader title={props.title}>
        {props.csv && <CsvLink href={props.csv.href} testId={props.csv.testId} />}
        {props.actions}
      </ListHeader>
      {props.notice}
      {issues && <FilterError issues={issues} />}
      {props.beforeFilters}
      <FilterForm className={props.filterClassName} buttonClassName={props.filterButtonClassName}>
        <FilterSelect
          label="상태"
          name="status"
          value={props.status.value}
          all="전체 상태"
          options={props.status.options}
        />
        {props.filters}
      </FilterForm>
      {props.afterFilters}
      {!issues && <ResultCount total={props.view.total} />}
      <ListCards testId={`${props.name}-cards`} empty={empty}>
        {rows.map((r) => (
          <ListCard key={r.id} href={r.href}>
            {r.card}
          </ListCard>
        ))}
      </ListCards>
      <ListTable testId={`${props.name}-table`} minWidth={props.minWidth} columns={columns} empty={empty}>
        {rows.map((r) => (
          <ListRow key={r.id}>
            {columns.map((c, i) => (
              <Cell key={c.header} align={c.align} className={c.className}>
                {c.link ? (
                  <Link href={r.href} className="font-semibold text-blue-700 hover:underline">
                    {r.cells[i]}
                  </Link>
                ) : (
                  r.cells[i]
                )}
              </Cell>
            ))}
          </ListRow>
        ))}
      </ListTable>
      <Pagination page={props.view.page} pages={props.view.pages} href={(page) => `?${props.query({ page })}`} />
    </div>
  );
}
