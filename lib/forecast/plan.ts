import { inferenceCost } from "@/lib/costs/inference";
import type { PlanInput } from "@/lib/costs/plan";
import { assertCount, countToDecimal } from "@/lib/costs/token-count";
import { type Decimal, toDecimal } from "@/lib/money/decimal";
import type { ModelPrices } from "@/lib/pricing/types";
import { monthsBetween } from "./month";

/** A model's usage plan from its first month on: lib/costs' PlanInput (without a horizon) plus the start month. */
export type UsagePlanInput = Omit<PlanInput, "months"> & {
  /** "YYYY-MM": month 1 of the plan. */
  startMonth: string;
};

/** The prices that bill a month's usage, e.g. getPricesForMonthOrThrow over the team's rows (in force on day 1). */
export type PricesForMonth = (month: string) => ModelPrices;

/**
 * The plan's exact cost for `month` (month index i = months since the start + 1), or null before the start month.
 * It must equal lib/costs monthlyPlan's month i priced at that month's prices (a test pins this): volumes are
 * month-1 volumes × (1 + growth)^(i−1) × (1 + retry buffer), at fine-tuned inference prices. We compute month i
 * directly instead of calling monthlyPlan for months 1..i, which would price i months to keep one.
 * Throws what pricing throws: NoPriceError when nothing is in force, NotPricedPerTokenError for hour-billed models.
 */
export function planProjection(plan: UsagePlanInput, month: string, pricesFor: PricesForMonth): Decimal | null {
  const index = monthsBetween(plan.startMonth, month) + 1;
  if (index < 1) return null;

  const daysPerMonth = plan.daysPerMonth ?? 30;
  assertCount(daysPerMonth, "daysPerMonth", 1);
  const growth = toDecimal(plan.monthlyGrowthPct ?? "0").div(100);
  const buffer = toDecimal(plan.retryBufferPct ?? "0").div(100);
  if (growth.lte(-1)) throw new RangeError("monthlyGrowthPct must be greater than -100");
  if (buffer.lt(0)) throw new RangeError("retryBufferPct must not be negative");

  const toMonthOne = plan.period === "day" ? daysPerMonth : 1;
  // Same expression, same order as monthlyPlan, so the 40-digit rounding of compounding growth is identical too.
  const factor = growth.plus(1).pow(index - 1).times(buffer.plus(1));
  const volume = (count: PlanInput["inputTokens"], field: string) => countToDecimal(count, field).times(toMonthOne).times(factor);
  const volumes = {
    inputTokens: volume(plan.inputTokens, "inputTokens"),
    cachedInputTokens: volume(plan.cachedInputTokens ?? 0, "cachedInputTokens"),
    outputTokens: volume(plan.outputTokens, "outputTokens"),
  };
  return inferenceCost(volumes, pricesFor(month), { fineTuned: true }).totalUsd;
}
