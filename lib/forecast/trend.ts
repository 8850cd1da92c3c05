import { type DecimalInput, toDecimal, toDecimalString } from "@/lib/money/decimal";
import { monthOrdinal } from "./month";
import { NORMAL_Q90, studentTQ90 } from "./student-t";

/** One complete month's actual cost. */
export interface MonthlyCost {
  month: string;
  costUsd: DecimalInput;
}

/** "ols": least-squares linear trend (the product's method); "holt": Holt's linear exponential smoothing. */
export type TrendMethod = "ols" | "holt";

/** A trend forecast for one month with its 80% prediction interval; amounts are decimal strings (see estimateToDecimalString). */
export interface TrendForecast {
  method: TrendMethod;
  month: string;
  /** The point forecast, clamped at 0. */
  projectedUsd: string;
  /** The interval's bounds, clamped at 0, so lowUsd ≤ projectedUsd ≤ highUsd always. */
  lowUsd: string;
  highUsd: string;
  /** The interval's unclamped half-width: it never shrinks as the horizon grows. */
  halfWidthUsd: string;
  /** Months of actuals the model was fitted on. */
  observations: number;
  /** Months from the last observation to `month` (≥ 1). */
  horizon: number;
  /** Fitted slope (OLS) or final trend state (Holt), and the residual standard deviation. */
  slopeUsdPerMonth: string;
  residualSdUsd: string;
  /** Holt's chosen smoothing weights; null for OLS. */
  alpha: number | null;
  beta: number | null;
}

/** Options of a trend forecast. */
export interface TrendOptions {
  /** Default "ols". */
  method?: TrendMethod;
  /** Fit on at most this many of the latest observed months; default TREND_MAX_OBSERVATIONS. */
  maxObservations?: number;
}

/** A trend needs at least this many months of actuals: a line through 2 points has no residuals to size an interval. */
export const TREND_MIN_OBSERVATIONS = 3;

/**
 * By default a trend is fitted on the latest 12 observed months: one straight line over years of history would ignore
 * a change in slope, and a year still averages out month-to-month noise.
 */
export const TREND_MAX_OBSERVATIONS = 12;

/** The coverage of every trend interval. */
export const PREDICTION_LEVEL = 0.8;

/**
 * The documented conversion of a statistical estimate to a decimal string: statistical estimates are computed in
 * binary floating point and carried as decimals with 10 places (canonical form, trailing zeros dropped); they are
 * estimates, not billed amounts, so this is the one place a float becomes a money-shaped string.
 */
export function estimateToDecimalString(x: number): string {
  // toFixed switches to exponent notation from 1e21, which is no cost anyone tracks.
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) throw new RangeError(`Estimate out of range: ${x}`);
  // A float's -1e-15 prints as "-0.0000000000", which toDecimalString (decimal.js toFixed) writes as "0".
  return toDecimalString(x.toFixed(10));
}

/**
 * A trend forecast of `month` from complete months of actuals before it, or null with fewer than 3 observed months.
 * Gaps are missing data, not $0 months: OLS fits the months present at their true positions; Holt, which needs evenly
 * spaced data, fits the latest run of consecutive months. Costs go through JS numbers here (statistics, not money).
 * Throws a RangeError on a duplicate or invalid month, a negative cost among the fitted months, or a `month` not after
 * the last observation.
 */
export function trendForecast(series: readonly MonthlyCost[], month: string, options: TrendOptions = {}): TrendForecast | null {
  const method = options.method ?? "ols";
  const maxObservations = options.maxObservations ?? TREND_MAX_OBSERVATIONS;
  if (!(maxObservations >= TREND_MIN_OBSERVATIONS) || !(Number.isSafeInteger(maxObservations) || maxObservations === Infinity)) {
    throw new RangeError(`maxObservations must be a whole number ≥ ${TREND_MIN_OBSERVATIONS}, got ${maxObservations}`);
  }
  const target = monthOrdinal(month);
  const sorted = series.map((s) => ({ ...s, x: monthOrdinal(s.month) })).sort((a, b) => a.x - b.x);
  sorted.forEach((p, i) => {
    if (p.x === sorted[i - 1]?.x) throw new RangeError(`Month ${p.month} appears twice in the series`);
  });
  const last = sorted.at(-1);
  // Forecasting a month the fit already saw would judge an actual against a line drawn through it.
  if (last && target <= last.x) throw new RangeError(`A trend forecasts months after its data: ${month} is not after ${last.month}`);

  const window = (method === "holt" ? latestConsecutiveRun(sorted) : sorted).slice(-maxObservations);
  if (window.length < TREND_MIN_OBSERVATIONS) return null;
  // Only the fitted months are converted: a model with years of history costs no more to forecast than one with a year.
  const points = window.map((p): Point => {
    const cost = toDecimal(p.costUsd);
    if (cost.lt(0)) throw new RangeError(`Costs cannot be negative: ${p.month} has ${cost.toFixed()}`);
    return { x: p.x, y: cost.toNumber() };
  });
  return method === "holt" ? holt(points, target, month) : ols(points, target, month);
}

interface Point {
  /** monthOrdinal of the month. */
  x: number;
  y: number;
}

function latestConsecutiveRun<P extends { x: number }>(points: readonly P[]): P[] {
  let start = points.length - 1;
  while (start > 0 && points[start]!.x - points[start - 1]!.x === 1) start--;
  return points.slice(Math.max(start, 0));
}

function result(
  method: TrendMethod,
  month: string,
  estimate: number,
  halfWidth: number,
  fit: { observations: number; horizon: number; slope: number; residualSd: number; alpha?: number; beta?: number },
): TrendForecast {
  // Costs cannot be negative, so a falling trend stops at 0: the point forecast and both bounds are clamped there.
  const clamp = (x: number) => Math.max(0, x);
  return {
    method,
    month,
    projectedUsd: estimateToDecimalString(clamp(estimate)),
    lowUsd: estimateToDecimalString(clamp(estimate - halfWidth)),
    highUsd: estimateToDecimalString(clamp(estimate + halfWidth)),
    halfWidthUsd: estimateToDecimalString(halfWidth),
    observations: fit.observations,
    horizon: fit.horizon,
    slopeUsdPerMonth: estimateToDecimalString(fit.slope),
    residualSdUsd: estimateToDecimalString(fit.residualSd),
    alpha: fit.alpha ?? null,
    beta: fit.beta ?? null,
  };
}

/**
 * Ordinary least squares y = a + b·x over the months present (x = months since the first), with the classical
 * prediction interval for a new observation: ŷ ± t(0.90, n−2) · s · √(1 + 1/n + (x₀ − x̄)² / Sxx), s² = SSE / (n−2).
 */
function ols(points: readonly Point[], target: number, month: string): TrendForecast {
  // Months since the first observation: small x keeps the sums well inside a double's precision.
  const first = points[0]!.x;
  const xs = points.map((p) => p.x - first);
  const ys = points.map((p) => p.y);
  const n = points.length;
  const xBar = mean(xs);
  const yBar = mean(ys);
  // Centred sums: the textbook Σx² − n·x̄² form cancels catastrophically for large costs.
  const sxx = sum(xs.map((x) => (x - xBar) ** 2));
  const slope = sum(xs.map((x, i) => (x - xBar) * (ys[i]! - yBar))) / sxx;
  const sse = sum(xs.map((x, i) => (ys[i]! - (yBar + slope * (x - xBar))) ** 2));
  const s = Math.sqrt(sse / (n - 2));
  const x0 = target - first;
  const estimate = yBar + slope * (x0 - xBar);
  const halfWidth = studentTQ90(n - 2) * s * Math.sqrt(1 + 1 / n + (x0 - xBar) ** 2 / sxx);
  const horizon = target - points.at(-1)!.x;
  return result("ols", month, estimate, halfWidth, { observations: n, horizon, slope, residualSd: s });
}

// α and β* from 0.1 to 0.9 by 0.1, as k/10 so each weight is the closest double to its decimal.
const GRID = Array.from({ length: 9 }, (_, k) => (k + 1) / 10);

/**
 * Holt's linear method on consecutive months: level ℓ and trend b start at y₁ and y₂ − y₁; α and β* minimise the SSE
 * of one-step-ahead errors from month 3 on over GRID (first minimum in α-then-β order wins, so it is deterministic).
 * Interval: ŷ ± z(0.90) · σ_h with the ETS(A,A,N) variance σ_h² = σ²·(1 + Σⱼ₌₁..ₕ₋₁ (α + α·β*·j)²), σ² = SSE / (n−2).
 * It ignores the uncertainty of α, β* and the states, so it is optimistic on short series.
 */
function holt(points: readonly Point[], target: number, month: string): TrendForecast {
  const ys = points.map((p) => p.y);
  let best: { alpha: number; beta: number; sse: number; level: number; trend: number } | undefined;
  for (const alpha of GRID) {
    for (const beta of GRID) {
      const fit = holtRun(ys, alpha, beta);
      if (!best || fit.sse < best.sse) best = { alpha, beta, ...fit };
    }
  }
  const { alpha, beta, sse, level, trend } = best!;
  const sigma = Math.sqrt(sse / (ys.length - 2));
  const horizon = target - points.at(-1)!.x;
  let variance = 1;
  for (let j = 1; j < horizon; j++) variance += (alpha + alpha * beta * j) ** 2;
  const halfWidth = NORMAL_Q90 * sigma * Math.sqrt(variance);
  return result("holt", month, level + horizon * trend, halfWidth, {
    observations: ys.length,
    horizon,
    slope: trend,
    residualSd: sigma,
    alpha,
    beta,
  });
}

function holtRun(ys: readonly number[], alpha: number, beta: number): { sse: number; level: number; trend: number } {
  let level = ys[0]!;
  let trend = ys[1]! - ys[0]!;
  let sse = 0;
  for (let t = 1; t < ys.length; t++) {
    const y = ys[t]!;
    const forecast = level + trend;
    // Month 2 is forecast exactly by construction of the start trend, so its zero error is not evidence.
    if (t >= 2) sse += (y - forecast) ** 2;
    const nextLevel = alpha * y + (1 - alpha) * forecast;
    trend = beta * (nextLevel - level) + (1 - beta) * trend;
    level = nextLevel;
  }
  return { sse, level, trend };
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function mean(xs: readonly number[]): number {
  return sum(xs) / xs.length;
}
