"use client";

import { Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip, type ChartData, type ChartOptions } from "chart.js";
import { Line } from "react-chartjs-2";
import type { BaseModelComparison } from "@/lib/estimates/comparison";
import { ChartFrame } from "@/components/charts/chart-frame";
import { useChartTheme } from "@/components/charts/use-chart-theme";
import { shortDay } from "@/lib/lifecycle/dates";
import { formatUsd } from "@/lib/money/decimal";

// Only what a line chart on two linear axes with a legend and tooltips needs (react-chartjs-2 registers the controller).
ChartJS.register(LinearScale, LineElement, PointElement, Tooltip, Legend);

/** A plotted point keeps its exact amount so tooltips show the decimal, not the float the chart draws. */
type Point = { x: number; y: number; usd: string };

// Mid-tones that read on both the light and the dark background.
const FINE_TUNED = "#2f6fed";
const BASE = "#d97706";
const BREAK_EVEN = "#059669";
const FIXED = "#7c3aed";
const SHUTDOWN = "#dc2626";

const compactUsd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });

/** Cumulative cost of the fine-tuned model against its base model, with the break-even point, and the same data as a table. */
export function CostChart({ comparison }: { comparison: BaseModelComparison }) {
  const { series, outcome } = comparison;
  const { muted: MUTED, grid: GRID } = useChartTheme();
  const lastMonth = series.at(-1)?.month ?? 0;
  // The one place money becomes a JS number: Chart.js draws floats.
  const line = (pick: (s: (typeof series)[number]) => string): Point[] => series.map((s) => ({ x: s.month, y: Number(pick(s)), usd: pick(s) }));
  const breakEvenShown = outcome.kind === "recovers" && Number(outcome.months) <= lastMonth;
  const hasFixed = series.some((s) => s.fixedUsd !== "0");
  // The base model's shutdown as a vertical line: to its right the lines are as entered, but cannot happen.
  const stop = comparison.shutdown && Number(comparison.shutdown.servingMonths) <= lastMonth ? comparison.shutdown : null;
  const top = Math.max(0, ...series.flatMap((s) => [Number(s.fineTunedUsd), Number(s.baseUsd)]));
  const data: ChartData<"line", Point[]> = {
    datasets: [
      { label: "Fine-tuned (training + inference)", data: line((s) => s.fineTunedUsd), borderColor: FINE_TUNED, backgroundColor: FINE_TUNED, pointRadius: 2 },
      { label: "Base model, longer prompt", data: line((s) => s.baseUsd), borderColor: BASE, backgroundColor: BASE, borderDash: [6, 4], pointRadius: 2 },
      ...(hasFixed
        ? [{ label: "of which fixed costs (hosting, storage)", data: line((s) => s.fixedUsd), borderColor: FIXED, backgroundColor: FIXED, borderDash: [2, 3], pointRadius: 0 }]
        : []),
      ...(stop
        ? [
            {
              label: `Base model stops (${shortDay(stop.on)})`,
              data: [
                { x: Number(stop.servingMonths), y: 0, usd: "0" },
                { x: Number(stop.servingMonths), y: top, usd: "" },
              ],
              borderColor: SHUTDOWN,
              backgroundColor: SHUTDOWN,
              borderDash: [4, 4],
              pointRadius: 0,
            },
          ]
        : []),
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
          label: (item) => ((item.raw as Point).usd === "" ? `${item.dataset.label}` : `${item.dataset.label}: ${formatUsd((item.raw as Point).usd)}`),
        },
      },
    },
  };
  const last = series.at(-1);
  const summary = last
    ? `After ${lastMonth} months: fine-tuned ${formatUsd(last.fineTunedUsd)}, base model ${formatUsd(last.baseUsd)}.` +
      (breakEvenShown ? " A diamond marks the break-even point, where the lines cross." : "") +
      (stop ? ` A dashed red line marks the base model's shutdown on ${shortDay(stop.on)}; the lines after it cannot happen.` : "")
    : "";

  const table = {
    caption: "Cumulative cost by month, fine-tuned vs base model",
    columns: [{ label: "Month" }, { label: "Fine-tuned (USD)", numeric: true }, { label: "of which fixed (USD)", numeric: true }, { label: "Base model (USD)", numeric: true }],
    rows: series.map((s) => ({
      key: String(s.month),
      display: [s.month, formatUsd(s.fineTunedUsd), formatUsd(s.fixedUsd), formatUsd(s.baseUsd)],
      values: [s.month, s.fineTunedUsd, s.fixedUsd, s.baseUsd],
    })),
  };

  return (
    <div className="mt-3">
      <ChartFrame
        title="Cumulative cost"
        showTitle={false}
        fileName="estimate-cumulative-cost"
        height="h-72"
        table={table}
        footer={
          [
            !breakEvenShown && outcome.kind === "recovers" ? `The break-even point lies beyond the ${lastMonth} months charted.` : null,
            stop ? `The base model stops on ${shortDay(stop.on)}: past the red line the months are as entered but cannot happen.` : null,
          ]
            .filter(Boolean)
            .join(" ") || undefined
        }
      >
        {(ref) => <Line ref={ref as never} data={data} options={options} role="img" aria-label={`Cumulative cost chart. ${summary}`} />}
      </ChartFrame>
    </div>
  );
}
