"use client";

import { ActualProjectedChart, hasInterval } from "@/components/charts/actual-projected-chart";
import type { ProjectionMonthView } from "@/lib/projections/schemas";
import { formatUsd } from "@/lib/money/decimal";
import { monthLong } from "./alert-format";

/**
 * Actual cost (bars) against the projection (line) with its 80% interval (band), the alert's month shaded, in the
 * shared chart frame (the same numbers as a table, PNG and CSV export).
 */
export function AlertChart({ series, alertMonth, subject, live = true }: { series: readonly ProjectionMonthView[]; alertMonth: string; subject: string; live?: boolean }) {
  const at = series.find((m) => m.month === alertMonth);
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
    <ActualProjectedChart
      title="Actual vs projected"
      showTitle={false}
      fileName={`alert-${alertMonth}`}
      series={series.map((m) => ({ ...m, budgetUsd: null }))}
      summary={summary}
      highlight={{ month: alertMonth, label: "this alert", warn: live }}
      footer={
        <>
          The shaded column is this alert&apos;s month.{" "}
          {series.some(hasInterval)
            ? "The band is the trend's 80% prediction interval; plan and pace months have none."
            : "Plan and pace forecasts have no interval; the band appears once a model has 3 complete months for a trend."}
        </>
      }
    />
  );
}
