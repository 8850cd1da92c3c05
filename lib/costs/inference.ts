import type { Decimal } from "@/lib/money/decimal";
import { perTokenPricesOrThrow } from "@/lib/pricing/errors";
import type { ModelPrices } from "@/lib/pricing/types";
import { volumeToDecimal, type TokenVolume } from "./token-count";

const MILLION = 1_000_000;

/** Inference volumes; cached input tokens are a subset of input tokens, as the API reports them. */
export interface InferenceVolumes {
  inputTokens: TokenVolume;
  cachedInputTokens?: TokenVolume;
  outputTokens: TokenVolume;
}

/** Exact USD breakdown of an inference cost. */
export interface InferenceCost {
  uncachedInputUsd: Decimal;
  cachedInputUsd: Decimal;
  outputUsd: Decimal;
  totalUsd: Decimal;
}

/**
 * Inference cost: (input − cached) × input price + cached × cached price + output × output price, all / 1M,
 * at fine-tuned or base prices. With no cached price, cached tokens cost the full input price: no listed discount
 * means none is given, and that never under-states a bill.
 */
export function inferenceCost(volumes: InferenceVolumes, prices: ModelPrices, { fineTuned }: { fineTuned: boolean }): InferenceCost {
  const card = perTokenPricesOrThrow(prices);
  const input = volumeToDecimal(volumes.inputTokens, "inputTokens");
  const cached = volumeToDecimal(volumes.cachedInputTokens ?? 0, "cachedInputTokens");
  const output = volumeToDecimal(volumes.outputTokens, "outputTokens");
  if (cached.gt(input)) {
    throw new RangeError(`cachedInputTokens (${cached.toFixed()}) cannot exceed inputTokens (${input.toFixed()})`);
  }
  const inputPrice = fineTuned ? card.inputPerMTok : card.baseInputPerMTok;
  const cachedPrice = (fineTuned ? card.cachedInputPerMTok : card.baseCachedInputPerMTok) ?? inputPrice;
  const outputPrice = fineTuned ? card.outputPerMTok : card.baseOutputPerMTok;
  const uncachedInputUsd = input.minus(cached).times(inputPrice).div(MILLION);
  const cachedInputUsd = cached.times(cachedPrice).div(MILLION);
  const outputUsd = output.times(outputPrice).div(MILLION);
  return { uncachedInputUsd, cachedInputUsd, outputUsd, totalUsd: uncachedInputUsd.plus(cachedInputUsd).plus(outputUsd) };
}
