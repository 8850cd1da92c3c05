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
import { useMemo } from "react";
import { Chart } from "react-chartjs-2";
import type { ProjectionMonthView } from "@/lib/projections/schemas";
import { formatUsd } from "@/lib/money/decimal";
import { monthLong, monthShort } from "./alert-format";

// Bars and a line on one category axis, plus the filled band between two lines. A mixed chart goes through the
// generic <Chart>, which registers nothing itself: both controllers are registered here.
ChartJS.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Filler, Tooltip, Legend);

// Mid-tones that read on both the light and the dark background (as in the Estimate chart).
const ACTUAL = "#2f6fed";
const ACTUAL_FILL = "rgba(47, 111, 237, 0.75)";
const ALERT = "#dc2626";
const PROJECTED = "#d97706";
const BAND = "rgba(217, 119, 6, 0.18)";
const HIGHLIGHT = "rgba(220, 38, 38, 0.10)";
const MUTED = "#64748b";
const GRID = "rgba(148, 163, 184, 0.25)";

/** Legend swatches by dataset label. */
const LEGEND: Record<string, { fillStyle: string; strokeStyle: string; pointStyle: "rect" | "line"; lineWidth: number }> = {
  Actual: { fillStyle: ACTUAL_FILL, strokeStyle: ACTUAL, pointStyle: "rect", lineWidth: 1 },
  Projected: { fillStyle: PROJECTED, strokeStyle: PROJECTED, pointStyle: "line", lineWidth: 2 },
  "80% interval": { fillStyle: BAND, strokeStyle: BAND, pointStyle: "rect", lineWidth: 0 },
};

const FORECAST_LABELS: Record<string, string> = { plan: "Plan", trend: "Trend", pace: "Pace", mixed: "Plan and trend" };

/** Room one "Oct 2026" tick label needs, with a gap. */
const TICK_LABEL_PX = 64;

const compactUsd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });
const smallUsd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });

type Months = readonly ProjectionMonthView[];

/** Whether a month has a real interval (trend); plan and pace months have low = high = projected. */
const hasInterval = (m: ProjectionMonthView) => m.lowUsd !== null && m.highUsd !== null && Number(m.lowUsd) !== Number(m.highUsd);

/**
 * Actual cost (bars) against the projection (line) with its 80% interval (band), the alert's month shaded, and the
 * same numbers as a table for screen readers and for reading exact amounts.
 */
export function AlertChart({ series, alertMonth, subject, live = true }: { series: Months; alertMonth: string; subject: string; live?: boolean }) {
  const alertIndex = series.findIndex((m) => m.month === alertMonth);
  // A resolved alert's month keeps its shaded column but loses the warning colour.
  const barIndex = live ? alertIndex : -1;
  const showBand = series.some(hasInterval);

  // A closure keeps the alert's column with its chart; Chart.js calls it before drawing the datasets.
  const highlight = useMemo<Plugin<"bar">>(
    () => ({
      id: "alertMonth",
      beforeDatasetsDraw(chart) {
        const x = chart.scales.x;
        if (alertIndex < 0 || !x) return;
        const slot = x.width / Math.max(1, series.length);
        const center = x.getPixelForValue(alertIndex);
        const { top, bottom } = chart.chartArea;
        chart.ctx.save();
        chart.ctx.fillStyle = HIGHLIGHT;
        chart.ctx.fillRect(center - slot / 2, top, slot, bottom - top);
        chart.ctx.restore();
      },
    }),
    [alertIndex, series.length],
  );

  // The one place money becomes a JS number: Chart.js draws floats. Tooltips read the exact strings back by index.
  const num = (v: string | null) => (v === null ? null : Number(v));
  const max = Math.max(0, ...series.flatMap((m) => [m.actualUsd, m.projectedUsd, m.highUsd].map((v) => num(v) ?? 0)));
  const labels = series.map((m) => monthShort(m.month));
  const data: ChartData<"bar" | "line", (number | null)[], string> = {
    labels,
    datasets: [
      // 0 and 1: the band is the area between the interval's low line and its high line (fill to the previous dataset).
      ...(showBand
        ? [
            { type: "line" as const, label: "80% interval (low)", data: series.map((m) => num(m.lowUsd)), borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: false, order: 3 },
            {
              type: "line" as const,
              label: "80% interval",
              data: series.map((m) => num(m.highUsd)),
              borderWidth: 0,
              pointRadius: 0,
              pointHitRadius: 0,
              backgroundColor: BAND,
              fill: "-1",
              order: 3,
            },
          ]
        : []),
      {
        type: "bar" as const,
        label: "Actual",
        data: series.map((m) => num(m.actualUsd)),
        backgroundColor: series.map((_, i) => (i === barIndex ? ALERT : ACTUAL_FILL)),
        borderColor: series.map((_, i) => (i === barIndex ? ALERT : ACTUAL)),
        borderWidth: 1,
        borderRadius: 3,
        maxBarThickness: 36,
        order: 2,
      },
      {
        type: "line" as const,
        label: "Projected",
        data: series.map((m) => num(m.projectedUsd)),
        borderColor: PROJECTED,
        backgroundColor: PROJECTED,
        borderWidth: 2,
        borderDash: [6, 4],
        pointRadius: series.map((_, i) => (i === alertIndex ? 5 : 3)),
        spanGaps: false,
        order: 1,
      },
    ],
  };

  const options: ChartOptions<"bar" | "line"> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: "index", intersect: false },
    color: MUTED,
    scales: {
      x: {
        type: "category",
        ticks: {
          color: (c) => (c.index === alertIndex ? ALERT : MUTED),
          font: (c) => ({ weight: c.index === alertIndex ? "bold" : "normal" }),
          maxRotation: 0,
          // Chart.js's own skipping could drop the alert's month; label every nth month counted from it instead.
          autoSkip: false,
          callback: function (_value, index) {
            const step = Math.max(1, Math.ceil((labels.length * TICK_LABEL_PX) / Math.max(1, this.width)));
            const from = alertIndex >= 0 ? alertIndex : 0;
            return (((index - from) % step) + step) % step === 0 ? labels[index] : "";
          },
        },
        grid: { display: false },
      },
      y: {
        beginAtZero: true,
        grace: "8%", // headroom, so the highest point does not sit on the frame
        ticks: { color: MUTED, callback: (v) => (max < 10 ? smallUsd : compactUsd).format(Number(v)) },
        grid: { color: GRID },
      },
    },
    plugins: {
      legend: {
        labels: {
          color: MUTED,
          usePointStyle: true,
          // The default swatch of a dataset with per-bar colours is its first bar's; show each series' own colour and
          // shape instead, in reading order: actual, projected, interval.
          generateLabels: (chart) =>
            ChartJS.defaults.plugins.legend.labels
              .generateLabels(chart)
              .filter((item) => item.text !== "80% interval (low)")
              .map((item) => ({ ...item, ...LEGEND[item.text] }))
              .sort((a, b) => Object.keys(LEGEND).indexOf(a.text) - Object.keys(LEGEND).indexOf(b.text)),
        },
      },
      tooltip: {
        filter: (item) => item.dataset.label !== "80% interval (low)",
        callbacks: {
          title: (items) => {
            const m = series[items[0]?.dataIndex ?? -1];
            return m ? `${monthLong(m.month)}${m.month === alertMonth ? " (this alert)" : ""}` : "";
          },
          label: (item) => {
            const m = series[item.dataIndex]!;
            if (item.dataset.label === "80% interval") return hasInterval(m) ? `80% interval: ${formatUsd(m.lowUsd!)} – ${formatUsd(m.highUsd!)}` : "";
            const exact = item.dataset.label === "Actual" ? m.actualUsd : m.projectedUsd;
            const kind = item.dataset.label === "Projected" && m.forecastKind ? ` (${FORECAST_LABELS[m.forecastKind] ?? m.forecastKind})` : "";
            return exact === null ? "" : `${item.dataset.label}: ${formatUsd(exact)}${kind}`;
          },
        },
      },
    },
  };

  const at = series[alertIndex];
  const first = series[0];
  const last = series.at(-1);
  const summary =
    first && last
      ? `Actual against projected cost of ${subject}, ${monthLong(first.month)} to ${monthLong(last.month)}.` +
        (at
          ? ` ${monthLong(at.month)}, this alert's month: actual ${at.actualUsd === null ? "none recorded" : formatUsd(at.actualUsd)}, projected ${
              at.projectedUsd === null ? "none" : formatUsd(at.projectedUsd)
            }.`
          : "")
      : "";

  return (
    <>
      <div className="relative h-64 sm:h-72">
        <Chart type="bar" data={data as ChartData<"bar">} options={options as ChartOptions<"bar">} plugins={[highlight]} role="img" aria-label={summary} />
      </div>
      <p className="mt-2 text-xs text-slate-500">
        The shaded column is this alert&apos;s month.{" "}
        {showBand
          ? "The band is the trend's 80% prediction interval; plan and pace months have none."
          : "Plan and pace forecasts have no interval; the band appears once a model has 3 complete months for a trend."}
      </p>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Chart data as a table</summary>
        <div className="overflow-x-auto">
          <table className="mt-2 w-full min-w-[30rem] text-left">
            <caption className="sr-only">Actual and projected cost by month, with the 80% interval</caption>
            <thead className="text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">Month</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">Actual</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">Projected</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">80% interval</th>
                <th scope="col" className="py-1 font-medium">Forecast</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {series.map((m) => {
                const isAlert = m.month === alertMonth;
                return (
                  <tr key={m.month} className={`border-t border-slate-100 dark:border-slate-800 ${isAlert ? "bg-red-50 font-medium dark:bg-red-950/40" : ""}`}>
                    <th scope="row" className="py-1 pr-3 font-normal">
                      {monthShort(m.month)}
                      {isAlert && <span className="ml-1 text-xs text-red-700 dark:text-red-300">(this alert)</span>}
                    </th>
                    <td className="py-1 pr-3 text-right">{m.actualUsd === null ? "—" : formatUsd(m.actualUsd)}</td>
                    <td className="py-1 pr-3 text-right">{m.projectedUsd === null ? "—" : formatUsd(m.projectedUsd)}</td>
                    <td className="py-1 pr-3 text-right">{hasInterval(m) ? `${formatUsd(m.lowUsd!)} – ${formatUsd(m.highUsd!)}` : "—"}</td>
                    <td className="py-1">{m.forecastKind ? (FORECAST_LABELS[m.forecastKind] ?? m.forecastKind) : "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
