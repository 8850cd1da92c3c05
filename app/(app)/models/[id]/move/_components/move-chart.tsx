"use client";

import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip, type ChartData, type ChartOptions } from "chart.js";
import { Bar } from "react-chartjs-2";
import { ChartFrame } from "@/components/charts/chart-frame";
import { useChartTheme } from "@/components/charts/use-chart-theme";
import type { MigrationOptionsView } from "@/lib/migration/schemas";
import { formatUsd } from "@/lib/money/decimal";

ChartJS.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

// Mid-tones that read on both the light and the dark background.
const TRAINING = "#2f6fed";
const INFERENCE = "#059669";
const FIXED = "#7c3aed";

const compactUsd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });

type Option = MigrationOptionsView["options"][number];

/** The candidates as horizontal bars, stacked training / inference / fixed over the next 12 months, with a data table. */
export function MoveChart({ options }: { options: readonly Option[] }) {
  const { muted: MUTED, grid: GRID } = useChartTheme();
  const labels = options.map((o) => o.displayName);
  // The one place money becomes a JS number: Chart.js draws floats. Tooltips show the exact strings.
  const part = (pick: (o: Option) => string) => options.map((o) => Number(pick(o)));
  const exact: Record<string, (o: Option) => string> = {
    Training: (o) => o.next12Months.trainingUsd,
    "Inference (12 months)": (o) => o.next12Months.inferenceUsd,
    "Hosting and storage (12 months)": (o) => o.next12Months.fixedUsd,
  };
  const data: ChartData<"bar", number[], string> = {
    labels,
    datasets: [
      { label: "Training", data: part(exact.Training!), backgroundColor: TRAINING, stack: "cost" },
      { label: "Inference (12 months)", data: part(exact["Inference (12 months)"]!), backgroundColor: INFERENCE, stack: "cost" },
      { label: "Hosting and storage (12 months)", data: part(exact["Hosting and storage (12 months)"]!), backgroundColor: FIXED, stack: "cost" },
    ],
  };
  const chartOptions: ChartOptions<"bar"> = {
    indexAxis: "y",
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    color: MUTED,
    scales: {
      x: { stacked: true, beginAtZero: true, ticks: { color: MUTED, callback: (v) => compactUsd.format(Number(v)) }, grid: { color: GRID } },
      y: {
        stacked: true,
        ticks: {
          color: MUTED,
          autoSkip: false,
          font: { size: 11 },
          // On a phone a full name would push the bars off the canvas: shorten it; the tooltip and the table keep it whole.
          callback: function (_value, index) {
            const label = labels[index] ?? "";
            const max = this.chart.width < 560 ? 18 : 44;
            return label.length > max ? `${label.slice(0, max - 1)}…` : label;
          },
        },
        grid: { display: false },
      },
    },
    plugins: {
      legend: { labels: { color: MUTED } },
      tooltip: {
        callbacks: {
          label: (item) => {
            const o = options[item.dataIndex];
            const pick = exact[item.dataset.label ?? ""];
            return o && pick ? `${item.dataset.label}: ${formatUsd(pick(o))}` : "";
          },
          footer: (items) => {
            const o = options[items[0]?.dataIndex ?? -1];
            return o ? `Next 12 months: ${formatUsd(o.next12MonthsUsd)}` : "";
          },
        },
      },
    },
  };
  const cheapest = options[0];
  const summary = cheapest
    ? `${options.length} candidates. Cheapest over the next 12 months: ${cheapest.displayName}, ${formatUsd(cheapest.next12MonthsUsd)}.`
    : "No candidates.";
  const table = {
    caption: "Next 12 months by candidate: training, inference and fixed costs",
    columns: [{ label: "Candidate" }, { label: "Training (USD)", numeric: true }, { label: "Inference (USD)", numeric: true }, { label: "Fixed (USD)", numeric: true }, { label: "Total (USD)", numeric: true }],
    rows: options.map((o) => ({
      key: o.modelId,
      display: [o.displayName, formatUsd(o.next12Months.trainingUsd), formatUsd(o.next12Months.inferenceUsd), formatUsd(o.next12Months.fixedUsd), formatUsd(o.next12MonthsUsd)],
      values: [o.modelId, o.next12Months.trainingUsd, o.next12Months.inferenceUsd, o.next12Months.fixedUsd, o.next12MonthsUsd],
    })),
  };
  // Room for each bar's label: a fixed height would squeeze 15 candidates into unreadable slivers.
  const height = options.length <= 4 ? "h-56" : options.length <= 8 ? "h-80" : options.length <= 14 ? "h-[28rem]" : "h-[40rem]";
  return (
    <ChartFrame title="Next 12 months by candidate" showTitle={false} fileName="migration-candidates" height={height} table={table} footer="Bars stack training, 12 months of inference and 12 months of hosting and storage.">
      {(ref) => <Bar ref={ref as never} data={data} options={chartOptions} role="img" aria-label={`Stacked bar chart of the candidates' next 12 months. ${summary}`} />}
    </ChartFrame>
  );
}
