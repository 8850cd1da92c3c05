import { toChartNumber } from "./format";

/**
 * A tiny trend line (inline SVG, no chart library: a table may hold hundreds). Decorative: the row states the figures,
 * so it carries a text summary only through `label`.
 */
export function Sparkline({ values, label, width = 96, height = 24 }: { values: readonly (string | null)[]; label: string; width?: number; height?: number }) {
  const nums = values.map(toChartNumber);
  const max = Math.max(0, ...nums.map((n) => n ?? 0));
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (n: number) => (max === 0 ? height - 1 : height - 1 - (n / max) * (height - 2));
  // Months without a record break the line rather than drawing a fake $0.
  const segments: string[] = [];
  let open = false;
  nums.forEach((n, i) => {
    if (n === null) return void (open = false);
    segments.push(`${open ? "L" : "M"}${(i * step).toFixed(1)},${y(n).toFixed(1)}`);
    open = true;
  });
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="text-brand-500">
      <path d={segments.join(" ")} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" />
    </svg>
  );
}
