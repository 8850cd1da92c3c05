import type { SeriesMonth } from "@/lib/dashboard/series";
import { formatUsd } from "@/lib/money/decimal";
import { monthLong } from "../alerts/_components/alert-format";

/** The text alternative of an actual-vs-projected chart: the range, and the current month's figures. */
export function seriesSummary(subject: string, series: readonly SeriesMonth[], current: string): string {
  const first = series[0];
  const last = series.at(-1);
  const now = series.find((m) => m.month === current);
  if (!first || !last) return "";
  return (
    `Actual against projected cost of ${subject}, ${monthLong(first.month)} to ${monthLong(last.month)}.` +
    (now ? ` ${monthLong(now.month)}: actual ${now.actualUsd === null ? "none recorded" : formatUsd(now.actualUsd)}, projected month end ${now.monthEndUsd === null ? "none" : formatUsd(now.monthEndUsd)}.` : "")
  );
}
