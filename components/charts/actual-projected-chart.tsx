"use client";

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartData,
  type ChartOptions,
  type Plugin,
} from "chart.js";
import { type ReactNode, useMemo } from "react";
import { Chart } from "react-chartjs-2";
import { ChartFrame } from "./chart-frame";
import { ACTUAL, ACTUAL_FILL, BAND, BUDGET, monthLabel, PROJECTED, toChartNumber, usdOrDash, usdTick } from "./format";
import { useChartTheme } from "./use-chart-theme";

// Bars and lines on one category axis, plus the filled band between two lines: the generic <Chart> registers nothing.
ChartJS.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Filler, Tooltip, Legend);

/** A month of actual against projected cost, money as exact decimal strings. */
export interface ActualProjectedMonth {
  month: string;
  actualUsd: string | null;
  projectedUsd: string | null;
  lowUsd: string | null;
  highUsd: string | null;
  forecastKind: string | null;
  budgetUsd?: string | null;
}

const HIGHLIGHT = "rgba(220, 38, 38, 0.10)";
const MARK = "#b45309";

/** A day to mark on the month axis (e.g. a model's shutdown). */
export interface ChartMark {
  month: string;
  day: number;
  daysInMonth: number;
  label: string;
}
const ALERT = "#dc2626";
const TICK_LABEL_PX = 64;
const FORECAST_LABELS: Record<string, string> = { plan: "Plan", trend: "Trend", pace: "Pace", mixed: "Plan and trend" };
const LOW = "80% interval (low)";

/** Whether a month has a real interval (trend); plan and pace months have low = high = projected. */
export const hasInterval = (m: ActualProjectedMonth) => m.lowUsd !== null && m.highUsd !== null && m.lowUsd !== m.highUsd;

/**
 * Actual cost (bars) against the projection (dashed line) with its 80% interval (band), an optional budget line and an
 * optional highlighted month, in the shared chart frame (PNG, CSV, data table).
 */
export function ActualProjectedChart({
  title,
  showTitle,
  description,
  fileName,
  series,
  summary,
  highlight,
  footer,
  marks = [],
}: {
  title: string;
  showTitle?: boolean;
  description?: ReactNode;
  fileName: string;
  series: readonly ActualProjectedMonth[];
  /** The chart's text alternative (aria-label of the canvas). */
  summary: string;
  /** A month to shade, its label in the table, and whether its bar keeps the warning colour. */
  highlight?: { month: string; label: string; warn: boolean };
  footer?: ReactNode;
  /** Model shutdowns to mark: a dashed line at the day within its month, listed under the chart. */
  marks?: readonly ChartMark[];
}) {
  const theme = useChartTheme();
  const highlightIndex = highlight ? series.findIndex((m) => m.month === highlight.month) : -1;
  const barIndex = highlight?.warn ? highlightIndex : -1;
  const showBand = series.some(hasInterval);
  const budget = series.some((m) => m.budgetUsd != null);

  const shade = useMemo<Plugin<"bar">>(
    () => ({
      id: "highlightMonth",
      beforeDatasetsDraw(chart) {
        const x = chart.scales.x;
        if (highlightIndex < 0 || !x) return;
        const slot = x.width / Math.max(1, series.length);
        const center = x.getPixelForValue(highlightIndex);
        const { top, bottom } = chart.chartArea;
        chart.ctx.save();
        chart.ctx.fillStyle = HIGHLIGHT;
        chart.ctx.fillRect(center - slot / 2, top, slot, bottom - top);
        chart.ctx.restore();
      },
    }),
    [highlightIndex, series.length],
  );

  const markLines = useMemo<Plugin<"bar">>(
    () => ({
      id: "shutdownMarks",
      afterDatasetsDraw(chart) {
        const x = chart.scales.x;
        if (!x || marks.length === 0) return;
        const slot = x.width / Math.max(1, series.length);
        const { top, bottom } = chart.chartArea;
        const ctx = chart.ctx;
        ctx.save();
        ctx.strokeStyle = MARK;
        ctx.fillStyle = MARK;
        ctx.lineWidth = 1.5;
        ctx.setLineDash([3, 3]);
        ctx.font = "11px system-ui, sans-serif";
        for (const mark of marks) {
          const i = series.findIndex((m) => m.month === mark.month);
          if (i < 0) continue;
          // Within the month's slot at the share of its days gone: a 14 January shutdown sits 13/31 into January.
          const px = x.getPixelForValue(i) - slot / 2 + (slot * (mark.day - 1)) / mark.daysInMonth;
          ctx.beginPath();
          ctx.moveTo(px, top);
          ctx.lineTo(px, bottom);
          ctx.stroke();
          ctx.fillText("shutdown", px + 3, top + 10);
        }
        ctx.restore();
      },
    }),
    [marks, series],
  );

  const max = Math.max(0, ...series.flatMap((m) => [m.actualUsd, m.projectedUsd, m.highUsd, m.budgetUsd ?? null].map((v) => toChartNumber(v) ?? 0)));
  const labels = series.map((m) => monthLabel(m.month));
  const data: ChartData<"bar" | "line", (number | null)[], string> = {
    labels,
    datasets: [
      ...(showBand
        ? [
            { type: "line" as const, label: LOW, data: series.map((m) => toChartNumber(m.lowUsd)), borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: false, order: 4 },
            { type: "line" as const, label: "80% interval", data: series.map((m) => toChartNumber(m.highUsd)), borderWidth: 0, pointRadius: 0, pointHitRadius: 0, backgroundColor: BAND, fill: "-1", order: 4 },
          ]
        : []),
      {
        type: "bar" as const,
        label: "Actual",
        data: series.map((m) => toChartNumber(m.actualUsd)),
        backgroundColor: series.map((_, i) => (i === barIndex ? ALERT : ACTUAL_FILL)),
        borderColor: series.map((_, i) => (i === barIndex ? ALERT : ACTUAL)),
        borderWidth: 1,
        borderRadius: 3,
        maxBarThickness: 36,
        order: 3,
      },
      {
        type: "line" as const,
        label: "Projected",
        data: series.map((m) => toChartNumber(m.projectedUsd)),
        borderColor: PROJECTED,
        backgroundColor: PROJECTED,
        borderWidth: 2,
        borderDash: [6, 4],
        pointRadius: series.map((_, i) => (i === highlightIndex ? 5 : 3)),
        spanGaps: false,
        order: 2,
      },
      ...(budget
        ? [{ type: "line" as const, label: "Budget", data: series.map((m) => toChartNumber(m.budgetUsd)), borderColor: BUDGET, backgroundColor: BUDGET, borderWidth: 1.5, pointRadius: 0, stepped: true, order: 1 }]
        : []),
    ],
  };

  const options: ChartOptions<"bar" | "line"> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: "index", intersect: false },
    color: theme.muted,
    scales: {
      x: {
        type: "category",
        ticks: {
          color: (c) => (c.index === barIndex ? ALERT : theme.muted),
          font: (c) => ({ weight: c.index === highlightIndex ? "bold" : "normal" }),
          maxRotation: 0,
          // Chart.js's own skipping could drop the highlighted month; label every nth month counted from it instead.
          autoSkip: false,
          callback: function (_value, index) {
            const step = Math.max(1, Math.ceil((labels.length * TICK_LABEL_PX) / Math.max(1, this.width)));
            const from = highlightIndex >= 0 ? highlightIndex : 0;
            return (((index - from) % step) + step) % step === 0 ? labels[index] : "";
          },
        },
        grid: { display: false },
      },
      y: { beginAtZero: true, grace: "8%", ticks: { color: theme.muted, callback: (v) => usdTick(v, max) }, grid: { color: theme.grid } },
    },
    plugins: {
      legend: { labels: { color: theme.text, usePointStyle: true, filter: (item) => item.text !== LOW } },
      tooltip: {
        filter: (item) => item.dataset.label !== LOW,
        callbacks: {
          title: (items) => {
            const m = series[items[0]?.dataIndex ?? -1];
            return m ? `${monthLabel(m.month)}${m.month === highlight?.month ? ` (${highlight.label})` : ""}` : "";
          },
          // Tooltips read the exact strings back by index, never the float drawn.
          label: (item) => {
            const m = series[item.dataIndex]!;
            switch (item.dataset.label) {
              case "80% interval":
                return hasInterval(m) ? `80% interval: ${usdOrDash(m.lowUsd)} – ${usdOrDash(m.highUsd)}` : "";
              case "Actual":
                return m.actualUsd === null ? "" : `Actual: ${usdOrDash(m.actualUsd)}`;
              case "Budget":
                return m.budgetUsd == null ? "" : `Budget: ${usdOrDash(m.budgetUsd)}`;
              default:
                return m.projectedUsd === null ? "" : `Projected: ${usdOrDash(m.projectedUsd)}${m.forecastKind ? ` (${FORECAST_LABELS[m.forecastKind] ?? m.forecastKind})` : ""}`;
            }
          },
        },
      },
    },
  };

  const table = {
    caption: `${title}: actual and projected cost by month, with the 80% interval`,
    columns: [
      { label: "Month" },
      { label: "Actual (USD)", numeric: true },
      { label: "Projected (USD)", numeric: true },
      { label: "80% interval low (USD)", numeric: true },
      { label: "80% interval high (USD)", numeric: true },
      { label: "Forecast" },
      ...(budget ? [{ label: "Budget (USD)", numeric: true }] : []),
    ],
    rows: series.map((m) => ({
      key: m.month,
      highlight: highlight?.warn && m.month === highlight.month,
      display: [
        <>
          {monthLabel(m.month)}
          {m.month === highlight?.month && <span className="ml-1 text-xs text-red-700 dark:text-red-300">({highlight.label})</span>}
        </>,
        usdOrDash(m.actualUsd),
        usdOrDash(m.projectedUsd),
        hasInterval(m) ? usdOrDash(m.lowUsd) : "—",
        hasInterval(m) ? usdOrDash(m.highUsd) : "—",
        m.forecastKind ? (FORECAST_LABELS[m.forecastKind] ?? m.forecastKind) : "—",
        ...(budget ? [usdOrDash(m.budgetUsd)] : []),
      ],
      values: [m.month, m.actualUsd, m.projectedUsd, hasInterval(m) ? m.lowUsd : null, hasInterval(m) ? m.highUsd : null, m.forecastKind, ...(budget ? [m.budgetUsd ?? null] : [])],
    })),
  };

  return (
    <ChartFrame
      title={title}
      showTitle={showTitle}
      description={description}
      fileName={fileName}
      table={table}
      footer={
        marks.length || footer ? (
          <>
            {marks.length > 0 && (
              <ul className="mt-2 space-y-0.5 text-xs text-amber-800 dark:text-amber-300" aria-label="Shutdowns marked on the chart">
                {marks.map((m) => (
                  <li key={`${m.month}-${m.day}-${m.label}`}>
                    <span aria-hidden="true">┆ </span>
                    {m.label}; projections stop there.
                  </li>
                ))}
              </ul>
            )}
            {footer}
          </>
        ) : undefined
      }
    >
      {(ref) => (
        <Chart
          ref={ref as never}
          type="bar"
          data={data as ChartData<"bar">}
          options={options as ChartOptions<"bar">}
          plugins={[shade, markLines]}
          role="img"
          aria-label={summary}
        />
      )}
    </ChartFrame>
  );
}
