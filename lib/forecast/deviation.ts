import { type Decimal, type DecimalInput, toDecimal, toDecimalString } from "@/lib/money/decimal";

/** The budget thresholds alerted on when a team sets none, in percent of the budget. */
export const DEFAULT_BUDGET_THRESHOLDS: readonly number[] = [80, 100];

function nonNegative(value: DecimalInput, field: string): Decimal {
  const d = toDecimal(value);
  if (d.lt(0)) throw new RangeError(`${field} cannot be negative, got ${d.toFixed()}`);
  return d;
}

/**
 * (actual − projected) / projected × 100 as a decimal string: positive when over, negative when under. Null without
 * an actual, or when projected is 0 (no percentage of nothing). Exact unless the division does not terminate, where it
 * carries the Decimal's 40 significant digits; round only for display.
 */
export function deviationPct(actual: DecimalInput | null, projected: DecimalInput): string | null {
  const p = nonNegative(projected, "projected");
  if (actual === null || p.isZero()) return null;
  return toDecimalString(toDecimal(actual).minus(p).times(100).div(p));
}

/**
 * Whether actual is off projected by strictly more than thresholdPct percent, over or under: exactly 20% off does not
 * deviate at 20. Compares |actual − projected| × 100 with threshold × projected, so no division rounds the edge.
 * False without an actual or with a zero projection, like deviationPct's null (budget alerts cover spending on nothing).
 */
export function deviates(actual: DecimalInput | null, projected: DecimalInput, thresholdPct: DecimalInput): boolean {
  const p = nonNegative(projected, "projected");
  const threshold = nonNegative(thresholdPct, "thresholdPct");
  if (actual === null || p.isZero()) return false;
  return toDecimal(actual).minus(p).abs().times(100).gt(threshold.times(p));
}

/**
 * The thresholds (percent of budget) that an amount passes, strictly: spending exactly the budget does not pass 100%.
 * Pass the projected month end for "will pass" alerts, or the actual with [100] for "has passed the budget".
 * Empty without a budget; with a budget of 0 any spending passes every threshold.
 */
export function budgetCrossings<T extends DecimalInput = number>(
  amountUsd: DecimalInput,
  budgetUsd: DecimalInput | null,
  thresholds: readonly T[] = DEFAULT_BUDGET_THRESHOLDS as readonly DecimalInput[] as readonly T[],
): T[] {
  if (budgetUsd === null) return [];
  const amount = nonNegative(amountUsd, "amount");
  const budget = nonNegative(budgetUsd, "budget");
  return thresholds.filter((t) => amount.times(100).gt(budget.times(nonNegative(t, "threshold"))));
}

/**
 * Whether an actual falls outside [low, high]; a value on a bound is inside. False without an actual.
 * Meant for trend intervals: plan and pace have low = high, which would make every cent an anomaly.
 */
export function outsideInterval(actual: DecimalInput | null, low: DecimalInput, high: DecimalInput): boolean {
  const lo = toDecimal(low);
  const hi = toDecimal(high);
  if (lo.gt(hi)) throw new RangeError(`The interval's low bound ${lo.toFixed()} is above its high bound ${hi.toFixed()}`);
  if (actual === null) return false;
  const a = toDecimal(actual);
  return a.lt(lo) || a.gt(hi);
}
