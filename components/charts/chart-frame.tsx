"use client";

import type { Chart as ChartJS } from "chart.js";
import { type ReactNode, type RefObject, useId, useRef, useState } from "react";
import { toCsv } from "./csv";
import { useChartTheme } from "./use-chart-theme";

/** The data behind a chart, exact: the table shows `display`, the CSV holds `values` (plain decimals, no currency signs). */
export interface ChartTable {
  caption: string;
  columns: readonly { label: string; numeric?: boolean }[];
  rows: readonly { key: string; display: readonly ReactNode[]; values: readonly (string | number | null)[]; highlight?: boolean; label?: string }[];
}

function download(name: string, href: string) {
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * Every chart's frame: a title, PNG and CSV export, and the same numbers as a table (behind "Chart data as a table",
 * for screen readers and for reading exact amounts). `children` draws the chart into `chartRef`.
 */
export function ChartFrame({
  title,
  titleLevel = 3,
  showTitle = true,
  description,
  fileName,
  table,
  height = "h-64 sm:h-72",
  footer,
  children,
}: {
  title: string;
  titleLevel?: 2 | 3;
  /** False when the surrounding section already shows the title: it then only names the figure. */
  showTitle?: boolean;
  description?: ReactNode;
  /** File name without extension, e.g. "team-cost-by-month". */
  fileName: string;
  table: ChartTable;
  height?: string;
  footer?: ReactNode;
  children: (chartRef: RefObject<ChartJS | null>) => ReactNode;
}) {
  const chartRef = useRef<ChartJS | null>(null);
  const theme = useChartTheme();
  const headingId = useId();
  const [error, setError] = useState<string | null>(null);
  const [tableOpen, setTableOpen] = useState(false);
  const Heading = titleLevel === 2 ? "h2" : "h3";

  function exportPng() {
    const chart = chartRef.current;
    if (!chart) return setError("The chart is not drawn yet; try again in a moment.");
    // The canvas is transparent: paint the page's background under it so the image reads in any viewer.
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext("2d")!;
      ctx.fillStyle = theme.background;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(image, 0, 0);
      download(`${fileName}.png`, canvas.toDataURL("image/png"));
    };
    image.onerror = () => setError("The image could not be made.");
    image.src = chart.toBase64Image("image/png", 1);
  }

  function exportCsv() {
    const csv = toCsv(table.columns.map((c) => c.label), table.rows.map((r) => r.values));
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    download(`${fileName}.csv`, url);
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  const button =
    "rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800";
  return (
    <figure aria-labelledby={showTitle ? headingId : undefined} aria-label={showTitle ? undefined : title} className="min-w-0">
      <div className={`mb-2 flex flex-wrap items-start gap-2 ${showTitle ? "justify-between" : "justify-end"}`}>
        <div className={showTitle ? "min-w-0" : "hidden"}>
          {showTitle && (
            <Heading id={headingId} className="text-sm font-semibold">
              {title}
            </Heading>
          )}
          {description && <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{description}</p>}
        </div>
        <div className="flex shrink-0 gap-2">
          <button type="button" className={button} onClick={exportPng} aria-label={`Download “${title}” as PNG`}>
            PNG
          </button>
          <button type="button" className={button} onClick={exportCsv} aria-label={`Download the data of “${title}” as CSV`}>
            CSV
          </button>
        </div>
      </div>
      {error && (
        <p role="alert" className="mb-2 text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <div className={`relative ${height}`}>{children(chartRef)}</div>
      {footer && <div className="mt-2 text-xs text-slate-500 dark:text-slate-400">{footer}</div>}
      {/* The table is rendered once opened: a closed disclosure's content is not read out anyway, and leaving it out of
          the server render keeps a page of several charts from building hundreds of hidden cells on every request. */}
      <details className="mt-3 text-sm" onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Chart data as a table</summary>
        {tableOpen && (
        <div className="overflow-x-auto">
          <table className="mt-2 w-full text-left">
            <caption className="sr-only">{table.caption}</caption>
            <thead className="text-slate-500 dark:text-slate-400">
              <tr>
                {table.columns.map((c, i) => (
                  <th key={c.label} scope="col" className={`py-1 pr-3 font-medium ${c.numeric && i > 0 ? "text-right" : ""}`}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {table.rows.map((r) => (
                <tr key={r.key} className={`border-t border-slate-100 dark:border-slate-800 ${r.highlight ? "bg-red-50 font-medium dark:bg-red-950/40" : ""}`}>
                  {r.display.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row" className="py-1 pr-3 font-normal whitespace-nowrap">
                        {cell}
                      </th>
                    ) : (
                      <td key={i} className={`py-1 pr-3 whitespace-nowrap ${table.columns[i]?.numeric ? "text-right" : ""}`}>
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        )}
      </details>
    </figure>
  );
}
