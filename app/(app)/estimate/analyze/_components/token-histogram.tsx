"use client";

import { BarElement, CategoryScale, Chart as ChartJS, LinearScale, Tooltip, type ChartData, type ChartOptions } from "chart.js";
import { Bar } from "react-chartjs-2";
import type { Histogram } from "@/lib/tokens";

// Only what a bar chart on a category axis with tooltips needs (react-chartjs-2 registers the controller).
ChartJS.register(BarElement, CategoryScale, LinearScale, Tooltip);

// Mid-tones that read on both the light and the dark background.
const BAR = "#2f6fed";
const MUTED = "#64748b";
const GRID = "rgba(148, 163, 184, 0.25)";

const count = new Intl.NumberFormat("en-US");

/** "26–425 tokens": bucket i holds edges[i] ≤ tokens < edges[i + 1], and edges are whole numbers. */
function bucketLabels({ bucketEdges, counts }: Histogram): string[] {
  return counts.map((_, i) => {
    const low = bucketEdges[i] ?? 0;
    const high = (bucketEdges[i + 1] ?? low + 1) - 1;
    return low === high ? count.format(low) : `${count.format(low)}–${count.format(high)}`;
  });
}

/** Tokens per valid example as a bar chart, with the same data as a table for screen readers and keyboard users. */
export function TokenHistogram({ histogram }: { histogram: Histogram }) {
  const labels = bucketLabels(histogram);
  const data: ChartData<"bar", number[], string> = {
    labels,
    datasets: [{ label: "Examples", data: histogram.counts, backgroundColor: BAR, borderRadius: 2 }],
  };
  const options: ChartOptions<"bar"> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    color: MUTED,
    scales: {
      x: { title: { display: true, text: "Tokens per example", color: MUTED }, ticks: { color: MUTED, maxRotation: 45 }, grid: { display: false } },
      y: { beginAtZero: true, title: { display: true, text: "Examples", color: MUTED }, ticks: { precision: 0, color: MUTED }, grid: { color: GRID } },
    },
    plugins: { tooltip: { callbacks: { title: (items) => `${items[0]?.label ?? ""} tokens` } } },
  };
  const busiest = histogram.counts.reduce((best, c, i) => (c > (histogram.counts[best] ?? 0) ? i : best), 0);
  const summary = labels.length > 0 ? `Most examples (${count.format(histogram.counts[busiest] ?? 0)}) have ${labels[busiest]} tokens.` : "";

  return (
    <>
      <div className="relative h-64">
        <Bar data={data} options={options} role="img" aria-label={`Histogram of tokens per example. ${summary}`} />
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Histogram data as a table</summary>
        <table className="mt-2 w-full max-w-md text-left">
          <caption className="sr-only">Examples by tokens per example</caption>
          <thead className="text-slate-500 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 font-medium">Tokens per example</th>
              <th scope="col" className="py-1 text-right font-medium">Examples</th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {labels.map((label, i) => (
              <tr key={label} className="border-t border-slate-100 dark:border-slate-800">
                <th scope="row" className="py-1 font-normal">{label}</th>
                <td className="py-1 text-right">{count.format(histogram.counts[i] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
