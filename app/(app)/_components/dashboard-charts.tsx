"use client";

import { BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip, type ChartData, type ChartOptions } from "chart.js";
import { Bar } from "react-chartjs-2";
import { ChartFrame } from "@/components/charts/chart-frame";
import { monthLabel, PALETTE, toChartNumber, usdOrDash, usdTick } from "@/components/charts/format";
import { useChartTheme } from "@/components/charts/use-chart-theme";
import { formatUsd } from "@/lib/money/decimal";

ChartJS.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

type Stack = { id: string; label: string; values: (string | null)[] };

function axisMax(values: (string | null)[]) {
  return Math.max(0, ...values.map((v) => toChartNumber(v) ?? 0));
}

/** Actual cost per month stacked by project (the biggest projects, the rest as one). */
export function CostByProjectChart({ months, series }: { months: string[]; series: Stack[] }) {
  const theme = useChartTheme();
  const totals = months.map((_, i) => series.reduce((a, s) => a + (toChartNumber(s.values[i]) ?? 0), 0));
  const max = Math.max(0, ...totals);
  const data: ChartData<"bar", (number | null)[], string> = {
    labels: months.map(monthLabel),
    datasets: series.map((s, i) => ({ label: s.label, data: s.values.map(toChartNumber), backgroundColor: PALETTE[i % PALETTE.length], stack: "cost", maxBarThickness: 36 })),
  };
  const options: ChartOptions<"bar"> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: "index", intersect: false },
    scales: {
      x: { stacked: true, ticks: { color: theme.muted, maxRotation: 0, autoSkipPadding: 12 }, grid: { display: false } },
      y: { stacked: true, beginAtZero: true, ticks: { color: theme.muted, callback: (v) => usdTick(v, max) }, grid: { color: theme.grid } },
    },
    plugins: {
      legend: { position: "bottom", labels: { color: theme.text, usePointStyle: true, boxWidth: 8 } },
      tooltip: { callbacks: { label: (item) => { const v = series[item.datasetIndex]?.values[item.dataIndex]; return v == null ? "" : `${item.dataset.label}: ${formatUsd(v)}`; } } },
    },
  };
  const table = {
    caption: "Actual cost by month and project",
    columns: [{ label: "Month" }, ...series.map((s) => ({ label: `${s.label} (USD)`, numeric: true }))],
    rows: months.map((m, i) => ({ key: m, display: [monthLabel(m), ...series.map((s) => usdOrDash(s.values[i]))], values: [m, ...series.map((s) => s.values[i] ?? null)] })),
  };
  const top = series[0];
  const summary = top ? `Stacked bars of actual cost by project over ${months.length} months; ${top.label} costs most.` : "No cost recorded.";
  return (
    <ChartFrame title="Cost by project" description="Actual cost per month, stacked by project" fileName="cost-by-project" table={table}>
      {(ref) => <Bar ref={ref as never} data={data} options={options} role="img" aria-label={summary} />}
    </ChartFrame>
  );
}

/** The models that cost most over a period, as horizontal bars. */
export function CostByModelChart({ models, otherUsd, period }: { models: { modelId: string; name: string; projectName: string; costUsd: string }[]; otherUsd: string | null; period: string }) {
  const theme = useChartTheme();
  const rows = [...models.map((m) => ({ key: m.modelId, label: m.name, sub: m.projectName, usd: m.costUsd })), ...(otherUsd ? [{ key: "other", label: "All other models", sub: "", usd: otherUsd }] : [])];
  const max = axisMax(rows.map((r) => r.usd));
  const data: ChartData<"bar", (number | null)[], string> = {
    labels: rows.map((r) => r.label),
    datasets: [{ label: "Cost", data: rows.map((r) => toChartNumber(r.usd)), backgroundColor: rows.map((r) => (r.key === "other" ? "#94a3b8" : PALETTE[0])), borderRadius: 3, maxBarThickness: 22 }],
  };
  const options: ChartOptions<"bar"> = {
    indexAxis: "y",
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    scales: {
      x: { beginAtZero: true, ticks: { color: theme.muted, callback: (v) => usdTick(v, max), maxTicksLimit: 5 }, grid: { color: theme.grid } },
      y: { ticks: { color: theme.text, callback: (_v, i) => { const l = rows[i]?.label ?? ""; return l.length > 18 ? `${l.slice(0, 17)}…` : l; } }, grid: { display: false } },
    },
    plugins: {
      legend: { display: false },
      tooltip: { callbacks: { title: (items) => { const r = rows[items[0]?.dataIndex ?? -1]; return r ? (r.sub ? `${r.label} (${r.sub})` : r.label) : ""; }, label: (item) => formatUsd(rows[item.dataIndex]!.usd) } },
    },
  };
  const table = {
    caption: `Cost by model, ${period}`,
    columns: [{ label: "Model" }, { label: "Project" }, { label: "Cost (USD)", numeric: true }],
    rows: rows.map((r) => ({ key: r.key, display: [r.label, r.sub || "—", formatUsd(r.usd)], values: [r.label, r.sub, r.usd] })),
  };
  const summary = rows[0] ? `Horizontal bars of cost by model, ${period}; ${rows[0].label} costs most at ${formatUsd(rows[0].usd)}.` : "No cost recorded.";
  return (
    <ChartFrame title="Cost by model" description={`The ${models.length} costliest models, ${period}`} fileName="cost-by-model" table={table} height={rows.length > 6 ? "h-80" : "h-56"}>
      {(ref) => <Bar ref={ref as never} data={data} options={options} role="img" aria-label={summary} />}
    </ChartFrame>
  );
}

/** A model's tokens per month, stacked: uncached input, cached input, output. */
export function TokenHistoryChart({ months }: { months: { month: string; uncachedInputTokens: string; cachedInputTokens: string; outputTokens: string }[] }) {
  const theme = useChartTheme();
  const parts = [
    { key: "uncachedInputTokens", label: "Uncached input", color: PALETTE[0] },
    { key: "cachedInputTokens", label: "Cached input", color: PALETTE[5] },
    { key: "outputTokens", label: "Output", color: PALETTE[1] },
  ] as const;
  const count = new Intl.NumberFormat("en-US");
  const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
  const data: ChartData<"bar", number[], string> = {
    labels: months.map((m) => monthLabel(m.month)),
    // Token counts become floats only to be drawn; tooltips and the table show the exact integers.
    datasets: parts.map((p) => ({ label: p.label, data: months.map((m) => Number(m[p.key])), backgroundColor: p.color, stack: "tokens", maxBarThickness: 36 })),
  };
  const options: ChartOptions<"bar"> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: "index", intersect: false },
    scales: {
      x: { stacked: true, ticks: { color: theme.muted, maxRotation: 0, autoSkipPadding: 12 }, grid: { display: false } },
      y: { stacked: true, beginAtZero: true, ticks: { color: theme.muted, callback: (v) => compact.format(Number(v)) }, grid: { color: theme.grid } },
    },
    plugins: {
      legend: { position: "bottom", labels: { color: theme.text, usePointStyle: true, boxWidth: 8 } },
      tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${count.format(BigInt(months[item.dataIndex]![parts[item.datasetIndex]!.key]))} tokens` } },
    },
  };
  const table = {
    caption: "Tokens by month: uncached input, cached input and output",
    columns: [{ label: "Month" }, ...parts.map((p) => ({ label: `${p.label} tokens`, numeric: true }))],
    rows: months.map((m) => ({ key: m.month, display: [monthLabel(m.month), ...parts.map((p) => count.format(BigInt(m[p.key])))], values: [m.month, ...parts.map((p) => m[p.key])] })),
  };
  return (
    <ChartFrame title="Tokens by month" description="Uncached input, cached input and output" fileName="tokens-by-month" table={table}>
      {(ref) => <Bar ref={ref as never} data={data} options={options} role="img" aria-label={`Stacked bars of tokens per month over ${months.length} months.`} />}
    </ChartFrame>
  );
}
