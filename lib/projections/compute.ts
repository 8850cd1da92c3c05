import {
  type ActualMonth,
  baselineExpectation,
  deviationPct,
  expectation,
  type Expectation,
  type ExpectationInput,
  type ForecastKind,
} from "@/lib/forecast";
import { servingDays } from "@/lib/lifecycle/dates";
import { type DecimalInput, toDecimal, toDecimalString } from "@/lib/money/decimal";
import { NoPriceError, NotPricedPerTokenError } from "@/lib/pricing/errors";

// Pure: the expectation of every model and month, and sums per project and team. No database, no framework.
// See docs/decisions/010-projections-and-alerts.md for how sums and their bands are formed.

/** A model with what its months can be forecast from. */
export interface ModelSeriesInput {
  id: string;
  /** The model's recorded months: every month of the range, and the complete months before it the trend may use. */
  actuals: readonly ActualMonth[];
  plan: ExpectationInput["plan"];
  /**
   * When the model stops serving: its shutdown day (the team's own, else its base model's), and the month a planned
   * move switches to its replacement. Absent or null: it serves for ever.
   */
  lifecycle?: { shutdownOn: string | null; endMonth: string | null } | null;
}

/** One month of one model, with the figures alerts need beside the public ones. */
export interface ModelMonth {
  month: string;
  /** The recorded cost (so far, when in progress), or null. */
  actualUsd: string | null;
  inProgress: boolean;
  /** By precedence: pace, trend, plan (lib/forecast `expectation`). */
  expectation: Expectation | null;
  /** Trend, else plan: what was expected of the month before it started (lib/forecast `baselineExpectation`). */
  baseline: Expectation | null;
  /** The month end the recorded figures show: the cost of a complete month, the pace of one in progress. */
  observedUsd: string | null;
  /** The best month-end figure: observed, else the expectation; null with neither. */
  monthEndUsd: string | null;
  /** Days of the month the model still serves (of `monthDays`): fewer in its shutdown month, 0 after it. */
  servingDays: number;
  monthDays: number;
  /** The expectation before the lifecycle cut it (the dashboards subtract the difference from an aggregate trend). */
  uncut: Expectation | null;
}

/** A sum of models for one month (a project, or the team). */
export interface SumMonth {
  month: string;
  actualUsd: string | null;
  projectedUsd: string | null;
  lowUsd: string | null;
  highUsd: string | null;
  forecastKind: ForecastKind | "mixed" | null;
  /** Some model's month is in progress: observed includes a pace. */
  inProgress: boolean;
  /** Like for like: observed and baseline summed over the models that have both. */
  observedUsd: string | null;
  baselineUsd: string | null;
  deviationPct: string | null;
  monthEndUsd: string | null;
  budgetUsd: string | null;
}

/**
 * A plan whose month has no price in force (or a model billed per training hour) gives no expectation instead of
 * failing the whole projection: the other models and the trend still count.
 */
function safely(fn: () => Expectation | null, withoutPlan: () => Expectation | null): Expectation | null {
  try {
    return fn();
  } catch (error) {
    if (error instanceof NoPriceError || error instanceof NotPricedPerTokenError) return withoutPlan();
    throw error;
  }
}

/**
 * An expectation for the days a model still serves: plan and trend × serving days ÷ month days; a pace projects the
 * month's spend to the last serving day instead of the month's last (spend so far once the as-of day reaches it).
 * Exact: the ratio is applied at Decimal precision (40 digits) and rounded only where the figures are stored or shown.
 */
function cut(exp: Expectation | null, days: number, of: number, record: ActualMonth | undefined): Expectation | null {
  if (!exp || days === of) return exp;
  if (days === 0) return null;
  if (exp.forecastKind === "pace" && record?.asOfDay != null) {
    const spent = toDecimal(record.costUsd);
    const projectedUsd = toDecimalString(record.asOfDay >= days ? spent : spent.times(days).div(record.asOfDay));
    return { projectedUsd, lowUsd: projectedUsd, highUsd: projectedUsd, forecastKind: "pace" };
  }
  const scale = (v: string) => toDecimalString(toDecimal(v).times(days).div(of));
  return { projectedUsd: scale(exp.projectedUsd), lowUsd: scale(exp.lowUsd), highUsd: scale(exp.highUsd), forecastKind: exp.forecastKind };
}

/** Each month of `months` for one model; a model's months stop at its shutdown (the last one prorated by days). */
export function modelMonths(model: ModelSeriesInput, months: readonly string[]): ModelMonth[] {
  const byMonth = new Map(model.actuals.map((a) => [a.month, a]));
  return months.map((month) => {
    const input: ExpectationInput = { month, actuals: model.actuals, plan: model.plan };
    const noPlan: ExpectationInput = { ...input, plan: null };
    const uncut = safely(() => expectation(input), () => expectation(noPlan));
    const record = byMonth.get(month);
    const { days, of } = servingDays(month, model.lifecycle?.shutdownOn ?? null, model.lifecycle?.endMonth ?? null);
    const exp = cut(uncut, days, of, record);
    const inProgress = uncut?.forecastKind === "pace" && exp !== null;
    const baseline = inProgress ? cut(safely(() => baselineExpectation(input), () => baselineExpectation(noPlan)), days, of, undefined) : exp;
    const actualUsd = record ? toDecimalString(record.costUsd) : null;
    const observedUsd = inProgress ? exp!.projectedUsd : actualUsd;
    return {
      month,
      actualUsd,
      inProgress,
      expectation: exp,
      baseline,
      observedUsd,
      monthEndUsd: observedUsd ?? exp?.projectedUsd ?? null,
      servingDays: days,
      monthDays: of,
      uncut,
    };
  });
}

function sum(values: readonly (DecimalInput | null)[]): string | null {
  let total = null as ReturnType<typeof toDecimal> | null;
  for (const v of values) if (v !== null) total = (total ?? toDecimal(0)).plus(toDecimal(v));
  return total === null ? null : toDecimalString(total);
}

/**
 * The sum of several models' month. `actualUsd` is passed in: it is summed in SQL. Bands are summed bound by bound
 * (low = Σ low, high = Σ high), which is exact for fully correlated models and wider than needed otherwise.
 */
export function sumMonth(month: string, rows: readonly ModelMonth[], actualUsd: string | null, budgetUsd: string | null): SumMonth {
  const expected = rows.filter((r) => r.expectation);
  const kinds = new Set(expected.map((r) => r.expectation!.forecastKind));
  const comparable = rows.filter((r) => r.observedUsd !== null && r.baseline);
  const observedUsd = sum(comparable.map((r) => r.observedUsd));
  const baselineUsd = sum(comparable.map((r) => r.baseline!.projectedUsd));
  return {
    month,
    actualUsd,
    projectedUsd: sum(expected.map((r) => r.expectation!.projectedUsd)),
    lowUsd: sum(expected.map((r) => r.expectation!.lowUsd)),
    highUsd: sum(expected.map((r) => r.expectation!.highUsd)),
    forecastKind: kinds.size === 0 ? null : kinds.size === 1 ? [...kinds][0]! : "mixed",
    inProgress: comparable.some((r) => r.inProgress),
    observedUsd,
    baselineUsd,
    deviationPct: observedUsd === null || baselineUsd === null ? null : deviationPct(observedUsd, baselineUsd),
    monthEndUsd: sum(rows.map((r) => r.monthEndUsd)),
    budgetUsd,
  };
}

/** A model's month as the API shows it. */
export function modelMonthView(r: ModelMonth): PublicMonth {
  return {
    month: r.month,
    actualUsd: r.actualUsd,
    projectedUsd: r.expectation?.projectedUsd ?? null,
    lowUsd: r.expectation?.lowUsd ?? null,
    highUsd: r.expectation?.highUsd ?? null,
    forecastKind: r.expectation?.forecastKind ?? null,
    deviationPct: r.observedUsd !== null && r.baseline ? deviationPct(r.observedUsd, r.baseline.projectedUsd) : null,
    budgetUsd: null,
  };
}

/** A sum's month as the API shows it. */
export function sumMonthView(s: SumMonth): PublicMonth {
  const { inProgress: _i, observedUsd: _o, baselineUsd: _b, monthEndUsd: _m, ...view } = s;
  return view;
}

/** The public shape of a month (lib/projections/schemas.ts projectionMonthSchema). */
export interface PublicMonth {
  month: string;
  actualUsd: string | null;
  projectedUsd: string | null;
  lowUsd: string | null;
  highUsd: string | null;
  forecastKind: ForecastKind | "mixed" | null;
  deviationPct: string | null;
  budgetUsd: string | null;
}
