import { inferenceCost } from "@/lib/costs";
import { type Decimal, toDecimal, toDecimalString } from "@/lib/money/decimal";
import type { ModelPrices } from "@/lib/pricing/types";

// Pure: what a fine-tuned model's recorded months would have cost on its base model with the longer prompt.

/** One recorded month of a model: its tokens and what it cost at fine-tuned prices. */
export interface UsageMonth {
  month: string;
  inputTokens: bigint;
  cachedInputTokens: bigint;
  outputTokens: bigint;
  requests: bigint | null;
  costUsd: string;
}

export interface SavingsMonth {
  month: string;
  fineTunedUsd: string;
  /** The same requests and output on the base model, each prompt longer by (base − fine-tuned) uncached tokens; null without a price. */
  baseUsd: string | null;
  /** Base − fine-tuned: positive when fine-tuning saved money that month. */
  savedUsd: string | null;
  requests: string;
  /** Requests were not recorded: input tokens ÷ the fine-tuned prompt length, rounded down. */
  requestsEstimated: boolean;
}

export interface Savings {
  months: SavingsMonth[];
  /** Σ saved over the months that could be priced. */
  savedUsd: string;
  trainingCostUsd: string | null;
  /** Saved − training: positive once fine-tuning has paid for itself. */
  netUsd: string;
  /** Months without a base price in force, left out of the sums. */
  unpricedMonths: string[];
}

/**
 * Month by month, the recorded fine-tuned cost against the base model serving the same requests with the longer prompt.
 * The extra prompt tokens are counted as uncached (a cache would discount them: the comparison then favours the base
 * model, so a saving shown is never overstated). `pricesFor` returns the prices in force that month, or null.
 */
export function savingsAgainstBase(input: {
  months: readonly UsageMonth[];
  promptTokensFineTuned: number;
  promptTokensBase: number;
  trainingCostUsd: string | null;
  pricesFor: (month: string) => ModelPrices | null;
}): Savings {
  const extraPerRequest = BigInt(input.promptTokensBase - input.promptTokensFineTuned);
  let saved: Decimal = toDecimal(0);
  const unpricedMonths: string[] = [];
  const months = input.months.map((m): SavingsMonth => {
    const requestsEstimated = m.requests === null;
    const requests = m.requests ?? (input.promptTokensFineTuned > 0 ? m.inputTokens / BigInt(input.promptTokensFineTuned) : 0n);
    // A shorter base prompt (a negative extra) can at most remove the uncached part of the input.
    let baseInput = m.inputTokens + requests * extraPerRequest;
    if (baseInput < m.cachedInputTokens) baseInput = m.cachedInputTokens;
    const prices = input.pricesFor(m.month);
    const fineTunedUsd = toDecimalString(m.costUsd);
    const base = { month: m.month, fineTunedUsd, requests: requests.toString(), requestsEstimated };
    if (!prices || prices.billingUnit !== "token") {
      unpricedMonths.push(m.month);
      return { ...base, baseUsd: null, savedUsd: null };
    }
    const baseUsd = inferenceCost({ inputTokens: baseInput, cachedInputTokens: m.cachedInputTokens, outputTokens: m.outputTokens }, prices, { fineTuned: false }).totalUsd;
    const monthSaved = baseUsd.minus(toDecimal(m.costUsd));
    saved = saved.plus(monthSaved);
    return { ...base, baseUsd: toDecimalString(baseUsd), savedUsd: toDecimalString(monthSaved) };
  });
  const training = input.trainingCostUsd === null ? null : toDecimalString(input.trainingCostUsd);
  return {
    months,
    savedUsd: toDecimalString(saved),
    trainingCostUsd: training,
    netUsd: toDecimalString(saved.minus(toDecimal(training ?? "0"))),
    unpricedMonths,
  };
}
