import { addMonths, deviationPct, type ForecastKind, monthOrdinal, trendForecast } from "@/lib/forecast";
import type { LifecycleDelta } from "./lifecycle";
import { Decimal, type DecimalInput, toDecimal, toDecimalString } from "@/lib/money/decimal";

// Pure: a dashboard's monthly series forecast from its SQL-aggregated months (docs/decisions/012-dashboard-queries.md).
// No database, no framework.

/** One month of a team, project or model as PostgreSQL sums it. */
export interface AggregateMonth {
  month: string;
  /** Σ recorded cost (so far, for records in progress). */
  actualUsd: string;
  /** Σ of each record's month end: its cost, or its pace (cost × days / as-of day) while in progress. */
  monthEndUsd: string;
  /** Some record of the month runs only to a day before its last. */
  inProgress: boolean;
  /** The latest as-of day among the month's records; null when none has one. */
  asOfDay: number | null;
}

/** A forecast of a month from elsewhere (the per-model sums of lib/projections), used where the aggregate has no trend. */
export interface FallbackMonth {
  projectedUsd: string | null;
  lowUsd: string | null;
  highUsd: string | null;
  forecastKind: ForecastKind | "mixed" | null;
}

/** A month of a dashboard chart: what was spent, what was expected, and the best month-end figure. */
export interface SeriesMonth {
  month: string;
  actualUsd: string | null;
  projectedUsd: string | null;
  lowUsd: string | null;
  highUsd: string | null;
  forecastKind: ForecastKind | "mixed" | null;
  /** Observed month end (recorded, or paced while in progress) against the trend/fallback baseline, in percent. */
  deviationPct: string | null;
  budgetUsd: string | null;
  /** The recorded cost of a complete month, the pace of one in progress, else the expectation. */
  monthEndUsd: string | null;
  inProgress: boolean;
  asOfDay: number | null;
}

function complete(rows: readonly AggregateMonth[], before: string) {
  const target = monthOrdinal(before);
  return rows.filter((r) => !r.inProgress && monthOrdinal(r.month) < target).map((r) => ({ month: r.month, costUsd: r.actualUsd }));
}

// A render asks for each month's trend twice (which months need the fallback, then the series): fitted once per rows.
const trends = new WeakMap<readonly AggregateMonth[], Map<string, ReturnType<typeof trendForecast>>>();

/** The OLS trend of `month` fitted on the complete months of `rows` before it (memoised per `rows` array). */
function trendOf(rows: readonly AggregateMonth[], month: string): ReturnType<typeof trendForecast> {
  let byMonth = trends.get(rows);
  if (!byMonth) trends.set(rows, (byMonth = new Map()));
  if (!byMonth.has(month)) byMonth.set(month, trendForecast(complete(rows, month), month));
  return byMonth.get(month)!;
}

/** The months of `months` whose aggregate has neither a pace nor a trend: only these need the per-model fallback. */
export function monthsWithoutTrend(rows: readonly AggregateMonth[], months: readonly string[]): string[] {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return months.filter((m) => !byMonth.get(m)?.inProgress && trendOf(rows, m) === null);
}

/**
 * Each month's expectation from the aggregated series itself, by the precedence of decision 005: pace (the month's
 * records are in progress: Σ of their paces), else an OLS trend fitted on the aggregate's complete months before it,
 * else the fallback (lib/projections' sum of the models' own plan/trend), else none.
 */
export function aggregateSeries(input: {
  months: readonly string[];
  rows: readonly AggregateMonth[];
  fallback?: ReadonlyMap<string, FallbackMonth>;
  budgetUsd?: string | null;
  /**
   * What model lifecycles change in a month's trend (lib/dashboard lifecycleAdjustments): the spend of models that
   * shut down or move (negative) and of their planned replacements (positive). The aggregate's trend was fitted on
   * months those models served in full, so it does not know; the fallback (per-model sums) already does.
   */
  lifecycleDelta?: ReadonlyMap<string, LifecycleDelta>;
}): SeriesMonth[] {
  const byMonth = new Map(input.rows.map((r) => [r.month, r]));
  return input.months.map((month) => {
    const row = byMonth.get(month);
    const delta = input.lifecycleDelta?.get(month);
    const trend = delta?.ended ? null : trendOf(input.rows, month);
    // Shifted bound by bound and floored at 0: a trend cannot expect less than nothing of the models left.
    const shift = (v: string, d: string | undefined) => (d === undefined ? v : toDecimalString(Decimal.max(0, toDecimal(v).plus(toDecimal(d)))));
    const base: FallbackMonth | null = trend
      ? {
          projectedUsd: shift(trend.projectedUsd, delta?.projectedUsd),
          lowUsd: shift(trend.lowUsd, delta?.lowUsd),
          highUsd: shift(trend.highUsd, delta?.highUsd),
          forecastKind: "trend",
        }
      : delta?.ended
        ? null
        : (input.fallback?.get(month) ?? null);
    const baseline = base?.projectedUsd != null ? base : null;
    const expected: FallbackMonth | null = row?.inProgress
      ? { projectedUsd: toDecimalString(row.monthEndUsd), lowUsd: toDecimalString(row.monthEndUsd), highUsd: toDecimalString(row.monthEndUsd), forecastKind: "pace" }
      : baseline;
    const observed = row ? (row.inProgress ? row.monthEndUsd : row.actualUsd) : null;
    // A baseline that is itself a pace (the fallback of a month in progress) is no yardstick for the month's own figures.
    const yardstick = baseline && baseline.forecastKind !== "pace" ? baseline.projectedUsd : null;
    return {
      month,
      actualUsd: row ? toDecimalString(row.actualUsd) : null,
      projectedUsd: expected?.projectedUsd ?? null,
      lowUsd: expected?.lowUsd ?? null,
      highUsd: expected?.highUsd ?? null,
      forecastKind: expected?.forecastKind ?? null,
      deviationPct: observed !== null && yardstick !== null ? deviationPct(observed, yardstick) : null,
      budgetUsd: input.budgetUsd ?? null,
      monthEndUsd: observed !== null ? toDecimalString(observed) : (expected?.projectedUsd ?? null),
      inProgress: row?.inProgress ?? false,
      asOfDay: row?.asOfDay ?? null,
    };
  });
}

/** The range every dashboard charts: the last 12 months (the current one included) and the next 3. */
export function dashboardRange(current: string): { from: string; to: string; history: string } {
  // A trend of the range's first month fits up to 12 complete months before it.
  return { from: addMonths(current, -11), to: addMonths(current, 3), history: addMonths(current, -23) };
}

/** Σ of decimal strings (null when there is none), exact. */
export function sumUsd(values: readonly (DecimalInput | null | undefined)[]): string | null {
  let total: ReturnType<typeof toDecimal> | null = null;
  for (const v of values) if (v != null) total = (total ?? toDecimal(0)).plus(toDecimal(v));
  return total === null ? null : toDecimalString(total);
}

/** One project's actual per month, for the stacked chart. */
export interface ProjectMonthCost {
  projectId: string;
  month: string;
  actualUsd: string;
}

/** A stacked chart's series: the biggest projects over the months, and the rest summed as "Other projects". */
export function stackProjects(
  rows: readonly ProjectMonthCost[],
  projects: readonly { id: string; name: string }[],
  months: readonly string[],
  keep = 6,
): { id: string; label: string; values: (string | null)[] }[] {
  const inRange = new Set(months);
  // Each cell is parsed once (a team of 50 projects has 600 of them); strings go back out unchanged.
  const totals = new Map<string, ReturnType<typeof toDecimal>>();
  const cell = new Map<string, { text: string; value: ReturnType<typeof toDecimal> }>();
  for (const r of rows) {
    if (!inRange.has(r.month)) continue;
    const value = toDecimal(r.actualUsd);
    totals.set(r.projectId, (totals.get(r.projectId) ?? toDecimal(0)).plus(value));
    cell.set(`${r.projectId}|${r.month}`, { text: r.actualUsd, value });
  }
  const names = new Map(projects.map((p) => [p.id, p.name]));
  const ranked = [...totals.entries()].filter(([, t]) => t.gt(0)).sort((a, b) => b[1].comparedTo(a[1]) || (names.get(a[0]) ?? "").localeCompare(names.get(b[0]) ?? ""));
  // Keeping `keep` projects and an "Other" of one would waste a colour on a single project: show it by name instead.
  const shown = ranked.length <= keep + 1 ? ranked : ranked.slice(0, keep);
  const rest = ranked.slice(shown.length).map(([id]) => id);
  const series = shown.map(([id]) => ({ id, label: names.get(id) ?? "Unknown project", values: months.map((m) => cell.get(`${id}|${m}`)?.text ?? null) }));
  if (rest.length > 0) {
    const other = (m: string) => {
      let sum: ReturnType<typeof toDecimal> | null = null;
      for (const id of rest) {
        const c = cell.get(`${id}|${m}`);
        if (c) sum = sum === null ? c.value : sum.plus(c.value);
      }
      return sum === null ? null : toDecimalString(sum);
    };
    series.push({ id: "other", label: `Other projects (${rest.length})`, values: months.map(other) });
  }
  return series;
}

/** Where a month's spend stands against a budget. */
export interface BudgetBurn {
  budgetUsd: string;
  spentUsd: string;
  monthEndUsd: string | null;
  /** Spent and month end in percent of the budget (exact strings); null with a budget of 0. */
  spentPct: string | null;
  monthEndPct: string | null;
  /** Budget − month end: negative when the month is projected to overrun. */
  headroomUsd: string | null;
  /** Days of the month and the day the figures run to (the whole month when complete, 0 with nothing recorded). */
  days: number;
  asOfDay: number;
}

/** The current month's burn of a budget, from its series month (the budget line of a burn-down chart). */
export function budgetBurn(month: SeriesMonth, budgetUsd: string, days: number): BudgetBurn {
  const budget = toDecimal(budgetUsd);
  const spent = toDecimal(month.actualUsd ?? "0");
  const pct = (v: DecimalInput | null) => (v === null || budget.isZero() ? null : toDecimalString(toDecimal(v).times(100).div(budget)));
  return {
    budgetUsd: toDecimalString(budget),
    spentUsd: toDecimalString(spent),
    monthEndUsd: month.monthEndUsd,
    spentPct: pct(spent),
    monthEndPct: pct(month.monthEndUsd),
    headroomUsd: month.monthEndUsd === null ? null : toDecimalString(budget.minus(toDecimal(month.monthEndUsd))),
    days,
    asOfDay: month.actualUsd === null ? 0 : month.inProgress && month.asOfDay !== null ? month.asOfDay : days,
  };
}
