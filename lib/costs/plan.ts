import { type Decimal, type DecimalInput, toDecimal } from "@/lib/money/decimal";
import type { ModelPrices } from "@/lib/pricing/types";
import { inferenceCost } from "./inference";
import { assertCount, countToDecimal, type TokenCount } from "./token-count";

/** Usage to project: volumes per day or per month, compounded monthly growth and a retry buffer, in percent. */
export interface PlanInput {
  period: "day" | "month";
  inputTokens: TokenCount;
  cachedInputTokens?: TokenCount;
  outputTokens: TokenCount;
  /** Converts daily volumes to month 1; default 30. */
  daysPerMonth?: number;
  /** Month-over-month growth in percent, greater than -100; default "0". */
  monthlyGrowthPct?: DecimalInput;
  /** Extra inference volume for retries, in percent, at least 0; default "0". */
  retryBufferPct?: DecimalInput;
  /** Number of months to project; default 12. */
  months?: number;
}

/** One projected month: exact (possibly fractional) volumes and its fine-tuned inference cost. */
export interface PlannedMonth {
  index: number;
  inputTokens: Decimal;
  cachedInputTokens: Decimal;
  outputTokens: Decimal;
  costUsd: Decimal;
}

/**
 * Projects months 1..n at fine-tuned prices: month i volume = month-1 volume × (1 + growth)^(i−1) × (1 + buffer).
 * Volumes are never rounded to whole tokens. They are exact unless compounding growth needs more than the Decimal's
 * 40 significant digits (1.07^11 already has 22 decimals), where they carry 40: a relative error below 1e-35.
 * The retry buffer models re-sent requests, so it applies to inference only, never to training.
 */
export function monthlyPlan(plan: PlanInput, prices: ModelPrices): PlannedMonth[] {
  const daysPerMonth = plan.daysPerMonth ?? 30;
  const months = plan.months ?? 12;
  assertCount(daysPerMonth, "daysPerMonth", 1);
  assertCount(months, "months", 1);
  const growth = toDecimal(plan.monthlyGrowthPct ?? "0").div(100);
  const buffer = toDecimal(plan.retryBufferPct ?? "0").div(100);
  if (growth.lte(-1)) throw new RangeError("monthlyGrowthPct must be greater than -100");
  if (buffer.lt(0)) throw new RangeError("retryBufferPct must not be negative");

  const toMonthOne = plan.period === "day" ? daysPerMonth : 1;
  const base = {
    inputTokens: countToDecimal(plan.inputTokens, "inputTokens").times(toMonthOne),
    cachedInputTokens: countToDecimal(plan.cachedInputTokens ?? 0, "cachedInputTokens").times(toMonthOne),
    outputTokens: countToDecimal(plan.outputTokens, "outputTokens").times(toMonthOne),
  };
  return Array.from({ length: months }, (_, i) => {
    // One pow per month rounds once; multiplying month by month would compound the 40-digit rounding.
    const factor = growth.plus(1).pow(i).times(buffer.plus(1));
    const volumes = {
      inputTokens: base.inputTokens.times(factor),
      cachedInputTokens: base.cachedInputTokens.times(factor),
      outputTokens: base.outputTokens.times(factor),
    };
    return { index: i + 1, ...volumes, costUsd: inferenceCost(volumes, prices, { fineTuned: true }).totalUsd };
  });
}
