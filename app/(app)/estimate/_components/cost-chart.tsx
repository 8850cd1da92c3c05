"use client";

import { Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip, type ChartData, type ChartOptions } from "chart.js";
import { Line } from "react-chartjs-2";
import type { BaseModelComparison } from "@/lib/estimates/comparison";
import { formatUsd } from "@/lib/money/decimal";

// Only what a line chart on two linear axes with a legend and tooltips needs (react-chartjs-2 registers the controller).
ChartJS.register(LinearScale, LineElement, PointElement, Tooltip, Legend);

/** A plotted point keeps its exact amount so tooltips show the decimal, not the float the chart draws. */
type Point = { x: number; y: number; usd: string };

// Mid-tones that read on both the light and the dark background.
const FINE_TUNED = "#2f6fed";
const BASE = "#d97706";
const BREAK_EVEN = "#059669";
const MUTED = "#64748b";
const GRID = "rgba(148, 163, 184, 0.25)";

const compactUsd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });

/** Cumulative cost of the fine-tuned model against its base model, with the break-even point, and the same data as a table. */
export function CostChart({ comparison }: { comparison: BaseModelComparison }) {
  const { series, outcome } = comparison;
  const lastMonth = series.at(-1)?.month ?? 0;
  // The one place money becomes a JS number: Chart.js draws floats.
  const line = (pick: (s: (typeof series)[number]) => string): Point[] => series.map((s) => ({ x: s.month, y: Number(pick(s)), usd: pick(s) }));
  const breakEvenShown = outcome.kind === "recovers" && Number(outcome.months) <= lastMonth;
  const data: ChartData<"line", Point[]> = {
    datasets: [
      { label: "Fine-tuned (training + inference)", data: line((s) => s.fineTunedUsd), borderColor: FINE_TUNED, backgroundColor: FINE_TUNED, pointRadius: 2 },
      { label: "Base model, longer prompt", data: line((s) => s.baseUsd), borderColor: BASE, backgroundColor: BASE, borderDash: [6, 4], pointRadius: 2 },
      {
        label: "Break-even",
        data: breakEvenShown ? [{ x: Number(outcome.months), y: Number(outcome.atUsd), usd: outcome.atUsd }] : [],
        borderColor: BREAK_EVEN,
        backgroundColor: BREAK_EVEN,
        pointStyle: "rectRot",
        pointRadius: 7,
        showLine: false,
      },
    ],
  };
  const options: ChartOptions<"line"> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: "nearest", intersect: false },
    color: MUTED,
    scales: {
      x: { type: "linear", min: 0, max: lastMonth, title: { display: true, text: "Month", color: MUTED }, ticks: { precision: 0, color: MUTED }, grid: { color: GRID } },
      y: { beginAtZero: true, ticks: { color: MUTED, callback: (v) => compactUsd.format(Number(v)) }, grid: { color: GRID } },
    },
    plugins: {
      legend: { labels: { color: MUTED, usePointStyle: true } },
      tooltip: {
        callbacks: {
          title: (items) => `Month ${items[0]?.parsed.x ?? ""}`,
          label: (item) => `${item.dataset.label}: ${formatUsd((item.raw as Point).usd)}`,
        },
      },
    },
  };
  const last = series.at(-1);
  const summary = last
    ? `After ${lastMonth} months: fine-tuned ${formatUsd(last.fineTunedUsd)}, base model ${formatUsd(last.baseUsd)}.` +
      (breakEvenShown ? " A diamond marks the break-even point, where the lines cross." : "")
    : "";

  return (
    <>
      <div className="relative mt-3 h-72">
        <Line data={data} options={options} role="img" aria-label={`Cumulative cost chart. ${summary}`} />
      </div>
      {!breakEvenShown && outcome.kind === "recovers" && (
        <p className="mt-2 text-xs text-slate-500">The break-even point lies beyond the {lastMonth} months charted.</p>
      )}
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Chart data as a table</summary>
        <table className="mt-2 w-full text-left">
          <caption className="sr-only">Cumulative cost by month, fine-tuned vs base model</caption>
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="py-1 font-medium">
                Month
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Fine-tuned
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Base model
              </th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {series.map((s) => (
              <tr key={s.month} className="border-t border-slate-100 dark:border-slate-800">
                <th scope="row" className="py-1 font-normal">
                  {s.month}
                </th>
                <td className="py-1 text-right">{formatUsd(s.fineTunedUsd)}</td>
                <td className="py-1 text-right">{formatUsd(s.baseUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
