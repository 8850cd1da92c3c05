import { breakEven, type Estimate } from "@/lib/costs";
import { toDecimal, toDecimalString } from "@/lib/money/decimal";
import { shortDay } from "@/lib/lifecycle/dates";
import type { PerTokenModelPrices, PerTokenPriceFields } from "@/lib/pricing/types";

/** A fine-tuned model against its base model at a steady request rate; money as exact decimal strings. */
export interface BaseModelComparison {
  requestsPerMonth: number;
  fineTunedRequestUsd: string;
  baseRequestUsd: string;
  savingsPerRequestUsd: string;
  outcome:
    | {
        kind: "recovers";
        requestsToRecover: string;
        months: string;
        /** Base-model spend at that moment (equal to the fine-tuned spend): the chart's break-even point. */
        atUsd: string;
        /** True when that moment falls on or after the base model's shutdown: it cannot be reached. */
        afterShutdown: boolean;
      }
    | { kind: "never"; reason: string };
  /** The base model's shutdown as months from the start of month 1 (the chart's x axis), with a warning when the
   * break-even lands after it; null without a shutdown date. */
  shutdown: { on: string; servingMonths: string; warning: string | null } | null;
  /** Cumulative cost at the end of months 0..n; the fine-tuned line starts at the training cost. `fixedUsd` is the part
   * of the fine-tuned line that is hosting and storage. */
  series: { month: number; fineTunedUsd: string; baseUsd: string; fixedUsd: string }[];
}

/** Rebuilds a per-token price card from an estimate's `prices` strings (the catalog with overrides applied). */
export function pricesFromStrings(modelId: string, p: PerTokenPriceFields<string>): PerTokenModelPrices {
  const orNull = (v: string | null) => (v === null ? null : toDecimal(v));
  return {
    modelId,
    billingUnit: "token",
    trainingPerHourUsd: null,
    trainingPerMTok: toDecimal(p.trainingPerMTok),
    inputPerMTok: toDecimal(p.inputPerMTok),
    cachedInputPerMTok: orNull(p.cachedInputPerMTok),
    outputPerMTok: toDecimal(p.outputPerMTok),
    baseInputPerMTok: toDecimal(p.baseInputPerMTok),
    baseCachedInputPerMTok: orNull(p.baseCachedInputPerMTok),
    baseOutputPerMTok: toDecimal(p.baseOutputPerMTok),
  };
}

/**
 * Break-even plus the two cumulative cost lines over `months`. Both come from the same per-request figures at a
 * constant request rate, so the lines cross exactly where the break-even says (growth would move the crossing).
 */
export function compareWithBaseModel(input: {
  prices: PerTokenModelPrices;
  training: { tokens: number; epochs: number };
  request: { basePromptTokens: number; fineTunedPromptTokens: number; outputTokens: number; requestsPerMonth: number };
  months: number;
  /** The training job as the estimate priced it (provider's method rate, validation, minimum), when known. */
  trainingCostUsd?: string;
  /** Hosting and storage per month, which only the fine-tune pays. */
  fixedMonthlyUsd?: string;
  /** The base model's shutdown: its day, how the page names the model, and months of serving from month 1's start. */
  shutdown?: { on: string; modelName: string; servingMonths: string };
}): BaseModelComparison {
  const { request } = input;
  const result = breakEven({ prices: input.prices, training: input.training, ...request, trainingCostUsd: input.trainingCostUsd, fixedMonthlyUsd: input.fixedMonthlyUsd });
  const fineTunedMonthUsd = result.fineTunedRequestUsd.times(request.requestsPerMonth).plus(input.fixedMonthlyUsd ?? 0);
  const baseMonthUsd = result.baseRequestUsd.times(request.requestsPerMonth);
  const series = Array.from({ length: input.months + 1 }, (_, month) => ({
    month,
    fineTunedUsd: toDecimalString(result.trainingCostUsd.plus(fineTunedMonthUsd.times(month))),
    baseUsd: toDecimalString(baseMonthUsd.times(month)),
    fixedUsd: toDecimalString(toDecimal(input.fixedMonthlyUsd ?? 0).times(month)),
  }));
  // Break-even months count from the start of month 1, as the serving months do, so the two compare directly.
  const afterShutdown = input.shutdown !== undefined && result.kind === "recovers" && result.months.gte(input.shutdown.servingMonths);
  const shutdown = input.shutdown
    ? {
        on: input.shutdown.on,
        servingMonths: input.shutdown.servingMonths,
        warning: afterShutdown
          ? `Break-even lands after ${input.shutdown.modelName} stops on ${shortDay(input.shutdown.on)} (${toDecimal(input.shutdown.servingMonths).toDecimalPlaces(1).toFixed()} months in): the training cost is not recovered before the shutdown.`
          : null,
      }
    : null;
  return {
    requestsPerMonth: request.requestsPerMonth,
    fineTunedRequestUsd: toDecimalString(result.fineTunedRequestUsd),
    baseRequestUsd: toDecimalString(result.baseRequestUsd),
    savingsPerRequestUsd: toDecimalString(result.savingsPerRequestUsd),
    outcome:
      result.kind === "never"
        ? { kind: "never", reason: result.reason }
        : {
            kind: "recovers",
            requestsToRecover: toDecimalString(result.requestsToRecover),
            months: toDecimalString(result.months),
            // Where the two cumulative lines cross: base spend after `months` months.
            atUsd: toDecimalString(result.months.times(request.requestsPerMonth).times(result.baseRequestUsd)),
            afterShutdown,
          },
    shutdown,
    series,
  };
}

/** Running total after each month, training included, summed exactly from the unrounded month costs. */
export function cumulativeCostsUsd(estimate: Pick<Estimate, "trainingCostUsd" | "months">): string[] {
  let total = toDecimal(estimate.trainingCostUsd);
  return estimate.months.map((m) => {
    total = total.plus(toDecimal(m.costUsd));
    return toDecimalString(total);
  });
}
