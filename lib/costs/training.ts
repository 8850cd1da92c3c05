import type { Decimal } from "@/lib/money/decimal";
import { perTokenPricesOrThrow } from "@/lib/pricing/errors";
import type { ModelPrices } from "@/lib/pricing/types";
import { assertCount, countToDecimal, type TokenCount } from "./token-count";

const MILLION = 1_000_000;

/** Training cost in USD: tokens × epochs × trainingPerMTok / 1M; throws NotPricedPerTokenError for hour-billed models. */
export function trainingCost({ tokens, epochs, prices }: { tokens: TokenCount; epochs: TokenCount; prices: ModelPrices }): Decimal {
  const card = perTokenPricesOrThrow(prices);
  return countToDecimal(tokens, "tokens")
    .times(countToDecimal(epochs, "epochs", 1))
    .times(card.trainingPerMTok)
    .div(MILLION);
}

/** The epochs OpenAI picks when `n_epochs` is auto, per the fine-tuning data-prep cookbook. */
export function defaultEpochs(exampleCount: number): number {
  assertCount(exampleCount, "exampleCount", 1);
  const targetEpochs = 3;
  const minTargetExamples = 100;
  const maxTargetExamples = 25_000;
  if (exampleCount * targetEpochs < minTargetExamples) return Math.min(25, Math.floor(minTargetExamples / exampleCount));
  if (exampleCount * targetEpochs > maxTargetExamples) return Math.max(1, Math.floor(maxTargetExamples / exampleCount));
  return targetEpochs;
}

/** Billed tokens per epoch: Σ min(limit, tokens) over examples, since each example is truncated at the model's limit. */
export function billedTokensPerEpoch(exampleTokenCounts: Iterable<TokenCount>, limit: number): bigint {
  assertCount(limit, "limit", 1);
  const cap = BigInt(limit);
  let total = 0n;
  for (const count of exampleTokenCounts) {
    assertCount(count, "example token count");
    const tokens = BigInt(count);
    total += tokens < cap ? tokens : cap;
  }
  return total;
}
