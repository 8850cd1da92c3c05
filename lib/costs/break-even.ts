import { type Decimal, type DecimalInput, toDecimal, toDecimalString } from "@/lib/money/decimal";
import type { ModelPrices } from "@/lib/pricing/types";
import { inferenceCost } from "./inference";
import { countToDecimal, type TokenCount } from "./token-count";
import { trainingCost } from "./training";

/** A fine-tuned model with a short prompt against its base model with a long prompt, same output. */
export interface BreakEvenInput {
  prices: ModelPrices;
  training: { tokens: TokenCount; epochs: TokenCount };
  fineTunedPromptTokens: TokenCount;
  basePromptTokens: TokenCount;
  outputTokens: TokenCount;
  requestsPerMonth: TokenCount;
  /** Share of each prompt served from cache, in percent (0–100), applied to both prompts; default "0". */
  cachedSharePct?: DecimalInput;
  /** The training job's cost when the caller priced it with the provider's rules (method, validation, minimum). */
  trainingCostUsd?: DecimalInput;
  /** Hosting and storage the fine-tune costs every month, which the base model does not; default 0. */
  fixedMonthlyUsd?: DecimalInput;
}

interface PerRequest {
  trainingCostUsd: Decimal;
  fineTunedRequestUsd: Decimal;
  baseRequestUsd: Decimal;
  /** Base minus fine-tuned; zero or negative means fine-tuning never pays for itself. */
  savingsPerRequestUsd: Decimal;
}

/** When (if ever) per-request savings recover the training cost. */
export type BreakEven =
  | (PerRequest & { kind: "recovers"; requestsToRecover: Decimal; months: Decimal; wholeMonths: Decimal })
  | (PerRequest & { kind: "never"; reason: string });

/** Requests to recover training = ceil(trainingCost / savings), and months at the given request rate. */
export function breakEven(input: BreakEvenInput): BreakEven {
  const share = toDecimal(input.cachedSharePct ?? "0").div(100);
  if (share.lt(0) || share.gt(1)) throw new RangeError("cachedSharePct must be between 0 and 100");
  const output = countToDecimal(input.outputTokens, "outputTokens");
  const requestsPerMonth = countToDecimal(input.requestsPerMonth, "requestsPerMonth", 1);
  const requestUsd = (promptTokens: TokenCount, field: string, fineTuned: boolean) => {
    const prompt = countToDecimal(promptTokens, field);
    const volumes = { inputTokens: prompt, cachedInputTokens: prompt.times(share), outputTokens: output };
    return inferenceCost(volumes, input.prices, { fineTuned }).totalUsd;
  };
  const fineTunedRequestUsd = requestUsd(input.fineTunedPromptTokens, "fineTunedPromptTokens", true);
  const baseRequestUsd = requestUsd(input.basePromptTokens, "basePromptTokens", false);
  const savingsPerRequestUsd = baseRequestUsd.minus(fineTunedRequestUsd);
  const trainingCostUsd = input.trainingCostUsd === undefined ? trainingCost({ ...input.training, prices: input.prices }) : toDecimal(input.trainingCostUsd);
  const perRequest = { trainingCostUsd, fineTunedRequestUsd, baseRequestUsd, savingsPerRequestUsd };
  const fixed = toDecimal(input.fixedMonthlyUsd ?? 0);

  if (savingsPerRequestUsd.lte(0)) {
    // Per-request differences are fractions of a cent, so the reason states the exact amount, unrounded.
    const reason = savingsPerRequestUsd.isZero()
      ? "The fine-tuned model costs the same per request as the base model with the longer prompt, so training is never recovered"
      : `The fine-tuned model costs $${toDecimalString(savingsPerRequestUsd.neg())} more per request than the base model with the longer prompt`;
    return { ...perRequest, kind: "never", reason };
  }
  if (fixed.gt(0)) {
    // A fixed monthly cost is recovered only by the month's savings above it: months = training ÷ (savings − fixed).
    const monthlySavings = savingsPerRequestUsd.times(requestsPerMonth).minus(fixed);
    if (monthlySavings.lte(0)) {
      return {
        ...perRequest,
        kind: "never",
        reason: `The fine-tune's fixed costs ($${toDecimalString(fixed)} a month) are at least what it saves at ${toDecimalString(requestsPerMonth)} requests a month ($${toDecimalString(savingsPerRequestUsd.times(requestsPerMonth))})`,
      };
    }
    const months = trainingCostUsd.div(monthlySavings);
    const requestsToRecover = months.times(requestsPerMonth).ceil();
    return { ...perRequest, kind: "recovers", requestsToRecover, months, wholeMonths: months.ceil() };
  }
  const requestsToRecover = ceilDiv(trainingCostUsd, savingsPerRequestUsd);
  const months = requestsToRecover.div(requestsPerMonth);
  return { ...perRequest, kind: "recovers", requestsToRecover, months, wholeMonths: ceilDiv(requestsToRecover, requestsPerMonth) };
}

// divToInt is exact integer division, so the ceiling is exact even where a 40-digit quotient would round.
function ceilDiv(numerator: Decimal, denominator: Decimal): Decimal {
  const quotient = numerator.divToInt(denominator);
  return quotient.times(denominator).lt(numerator) ? quotient.plus(1) : quotient;
}
