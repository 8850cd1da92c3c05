import { type DecimalInput, toDecimalString } from "@/lib/money/decimal";
import { daysInMonth, monthOrdinal } from "./month";
import { paceProjection } from "./pace";
import { planProjection, type PricesForMonth, type UsagePlanInput } from "./plan";
import { trendForecast, type TrendOptions } from "./trend";

/** Which forecast a month's expectation comes from; every response names it. */
export type ForecastKind = "plan" | "trend" | "pace";

/** A month's expected cost with its band, as exact decimal strings (plan and pace have no band: low = high = projected). */
export interface Expectation {
  projectedUsd: string;
  lowUsd: string;
  highUsd: string;
  forecastKind: ForecastKind;
}

/** One recorded month of a model's actual cost; `asOfDay` marks a month whose figures run only to that day. */
export interface ActualMonth {
  month: string;
  costUsd: DecimalInput;
  /** Null or absent: the month is complete. A value equal to the month's length also means complete. */
  asOfDay?: number | null;
}

/** Everything a month's expectation may come from. */
export interface ExpectationInput {
  /** "YYYY-MM": the month to set an expectation for. */
  month: string;
  /** The model's recorded months in any order; only `month` itself (for pace) and complete months before it (for the trend) are used. */
  actuals: readonly ActualMonth[];
  /** The model's usage plan and the prices of each month, when it has a plan. */
  plan?: { plan: UsagePlanInput; pricesFor: PricesForMonth } | null;
  trend?: TrendOptions;
}

/**
 * The month's expectation, by precedence: (1) pace, when the month is in progress (a record with an as-of day before
 * its last day): the month's own spending is the most direct evidence of it; (2) trend, when the model has at least 3
 * complete months before this one: observed spending beats intentions; (3) plan, from the plan's start month on;
 * (4) null when there is none. Throws what pricing the plan throws (NoPriceError, NotPricedPerTokenError).
 */
export function expectation(input: ExpectationInput): Expectation | null {
  const current = input.actuals.find((a) => a.month === input.month);
  if (current && isInProgress(current)) {
    const projectedUsd = toDecimalString(paceProjection(current.costUsd, current.month, current.asOfDay!));
    return { projectedUsd, lowUsd: projectedUsd, highUsd: projectedUsd, forecastKind: "pace" };
  }
  return baselineExpectation(input);
}

/**
 * The expectation without pace: trend, else plan, else null. For a month in progress, pace is computed from the
 * actual so far, so comparing the two says nothing; compare the pace (projected month end) with this baseline instead.
 */
export function baselineExpectation(input: ExpectationInput): Expectation | null {
  // A partial earlier month would read as a drop in spending, so the trend sees complete months only.
  const target = monthOrdinal(input.month);
  const history = input.actuals.filter((a) => monthOrdinal(a.month) < target && !isInProgress(a));
  const trend = trendForecast(history, input.month, input.trend);
  if (trend) {
    return { projectedUsd: trend.projectedUsd, lowUsd: trend.lowUsd, highUsd: trend.highUsd, forecastKind: "trend" };
  }
  if (input.plan) {
    const cost = planProjection(input.plan.plan, input.month, input.plan.pricesFor);
    if (cost) {
      const projectedUsd = toDecimalString(cost);
      return { projectedUsd, lowUsd: projectedUsd, highUsd: projectedUsd, forecastKind: "plan" };
    }
  }
  return null;
}

function isInProgress(actual: ActualMonth): boolean {
  if (actual.asOfDay == null) return false;
  const days = daysInMonth(actual.month);
  // An impossible day would otherwise quietly count as "complete" (32) or "not started" (0).
  if (!Number.isSafeInteger(actual.asOfDay) || actual.asOfDay < 1 || actual.asOfDay > days) {
    throw new RangeError(`asOfDay must be a day of ${actual.month} (1–${days}), got ${actual.asOfDay}`);
  }
  return actual.asOfDay < days;
}
