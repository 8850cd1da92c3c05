"use client";

import { type ReactNode, useId, useMemo, useState } from "react";
import { toDecimal } from "@/lib/money/decimal";

/** A column: how to show a cell and, when sortable, what to sort by ("decimal" compares exact money strings). */
export interface DataTableColumn<T> {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  sort?: { type: "text" | "number" | "decimal"; value: (row: T) => string | number | null };
  numeric?: boolean;
  /** Hidden below the sm breakpoint, to fit a phone. */
  hideOnPhone?: boolean;
}

type Direction = "ascending" | "descending";

function compare(type: "text" | "number" | "decimal", a: string | number, b: string | number): number {
  if (type === "text") return String(a).localeCompare(String(b), undefined, { sensitivity: "base", numeric: true });
  if (type === "number") return Number(a) - Number(b);
  return toDecimal(String(a)).comparedTo(toDecimal(String(b)));
}

/**
 * The app's client-side table: sort by a column header (a button; the header carries aria-sort), filter by text,
 * page through. Rows without a value sort last either way.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  caption,
  filterLabel,
  filterText,
  initialSort,
  pageSize = 10,
  empty,
}: {
  rows: readonly T[];
  columns: readonly DataTableColumn<T>[];
  rowKey: (row: T) => string;
  /** Names the table for screen readers. */
  caption: string;
  /** With `filterText`: a search box that keeps rows whose text contains what is typed. */
  filterLabel?: string;
  filterText?: (row: T) => string;
  initialSort?: { key: string; direction: Direction };
  pageSize?: number;
  empty?: ReactNode;
}) {
  const [sort, setSort] = useState(initialSort ?? null);
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(0);
  const filterId = useId();

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    const filtered = q && filterText ? rows.filter((r) => filterText(r).toLowerCase().includes(q)) : [...rows];
    const column = sort && columns.find((c) => c.key === sort.key);
    if (!column?.sort) return filtered;
    const { type, value } = column.sort;
    const sign = sort!.direction === "ascending" ? 1 : -1;
    return filtered.sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return sign * compare(type, x, y);
    });
  }, [rows, columns, sort, query, filterText]);

  const pages = Math.max(1, Math.ceil(visible.length / pageSize));
  const current = Math.min(page, pages - 1);
  const shown = visible.slice(current * pageSize, (current + 1) * pageSize);

  function toggle(key: string) {
    setSort((s) => (s?.key === key ? { key, direction: s.direction === "ascending" ? "descending" : "ascending" } : { key, direction: "descending" }));
    setPage(0);
  }

  const pager = "rounded-md border border-slate-300 px-3 py-1 text-sm disabled:opacity-40 dark:border-slate-700";
  return (
    <div className="min-w-0">
      {filterText && (
        <div className="mb-3">
          <label htmlFor={filterId} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400">
            {filterLabel ?? "Filter"}
          </label>
          <input
            id={filterId}
            type="search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setPage(0);
            }}
            className="w-full max-w-xs rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
          />
        </div>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="border-b border-slate-200 text-xs text-slate-500 dark:text-slate-400 dark:border-slate-800">
            <tr>
              {columns.map((c) => {
                const direction = sort?.key === c.key ? sort.direction : undefined;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={c.sort ? (direction ?? "none") : undefined}
                    className={`px-3 py-2 font-medium ${c.numeric ? "text-right" : ""} ${c.hideOnPhone ? "hidden sm:table-cell" : ""}`}
                  >
                    {c.sort ? (
                      <button type="button" onClick={() => toggle(c.key)} className="inline-flex items-center gap-1 rounded hover:text-slate-900 dark:hover:text-slate-100">
                        {c.header}
                        <span aria-hidden className="text-[10px]">
                          {direction === "ascending" ? "▲" : direction === "descending" ? "▼" : "↕"}
                        </span>
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {shown.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="px-3 py-6 text-center text-slate-600 dark:text-slate-400">
                  {query ? `Nothing matches “${query}”.` : (empty ?? "Nothing to show.")}
                </td>
              </tr>
            ) : (
              shown.map((row) => (
                <tr key={rowKey(row)} className="border-t border-slate-100 first:border-t-0 dark:border-slate-800">
                  {columns.map((c) => (
                    <td key={c.key} className={`px-3 py-2 ${c.numeric ? "text-right whitespace-nowrap" : ""} ${c.hideOnPhone ? "hidden sm:table-cell" : ""}`}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600 dark:text-slate-400">
        <p role="status">
          {visible.length === rows.length ? `${rows.length} rows` : `${visible.length} of ${rows.length} rows`}
          {pages > 1 && ` · page ${current + 1} of ${pages}`}
        </p>
        {pages > 1 && (
          <div className="flex gap-2">
            <button type="button" className={pager} disabled={current === 0} onClick={() => setPage(current - 1)}>
              Previous
            </button>
            <button type="button" className={pager} disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
              Next
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
