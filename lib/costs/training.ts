import { type Decimal, toDecimal } from "@/lib/money/decimal";
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

/** What a training job optimises: supervised (SFT), preference (DPO) or reinforcement (RFT, billed per hour). */
export type TrainingMethod = "sft" | "dpo" | "rft";
/** Adapter (LoRA) or full-weights training, where the provider prices them apart. */
export type FineTuneType = "lora" | "full";

/** A training job as billed: tokens × epochs at the method's rate, validation where billed, hours where per hour. */
export interface TrainingJob {
  tokens: TokenCount;
  epochs: TokenCount;
  method?: TrainingMethod;
  fineTuneType?: FineTuneType;
  validationTokens?: TokenCount;
  /** Evaluations of the validation set over the job; defaults to one per epoch (never under-states a bill). */
  evaluations?: TokenCount;
  /** Training hours, for hour-billed jobs. */
  hours?: Decimal | string | null;
}

/** The exact parts of a training job's cost. */
export interface TrainingJobCost {
  /** The rate used and which price field it came from ("trainingPerMTok", "trainingDpoPerMTok", …, "trainingPerHourUsd"). */
  rateField: string;
  rate: Decimal;
  trainedTokens: Decimal;
  trainingUsd: Decimal;
  validationTokensBilled: Decimal;
  validationUsd: Decimal;
  /** What the provider's minimum charge adds on top (0 when the job costs more than the minimum). */
  minimumTopUpUsd: Decimal;
  totalUsd: Decimal;
}

/**
 * A training job's cost with the provider's rules: the rate of its method and type (a provider that does not price
 * DPO or full training apart bills them at the supervised rate), validation tokens × evaluations when the provider
 * bills them, hours × the hourly rate for reinforcement or hour-billed training, and the minimum charge per job.
 */
export function trainingJobCost(job: TrainingJob, prices: ModelPrices): TrainingJobCost {
  const zero = toDecimal(0);
  const method = job.method ?? "sft";
  const full = job.fineTuneType === "full";
  let rateField: string;
  let rate: Decimal;
  let trainedTokens = zero;
  let trainingUsd: Decimal;
  let validationTokensBilled = zero;
  if (method === "rft" || prices.billingUnit === "training_hour") {
    if (prices.trainingPerHourUsd === null) throw new NotPricedPerHourError(prices.modelId);
    if (job.hours === undefined || job.hours === null) throw new RangeError("hours is required for a job billed per training hour");
    const hours = toDecimal(job.hours);
    if (hours.lt(0)) throw new RangeError(`hours must not be negative, got ${hours.toFixed()}`);
    rateField = "trainingPerHourUsd";
    rate = prices.trainingPerHourUsd;
    trainingUsd = hours.times(rate);
  } else {
    const card = perTokenPricesOrThrow(prices);
    const pick = (...fields: (keyof typeof card)[]): [string, Decimal] => {
      for (const f of fields) {
        const v = card[f];
        if (v !== null && v !== undefined && typeof v !== "string" && typeof v !== "boolean") return [f, v];
      }
      return ["trainingPerMTok", card.trainingPerMTok];
    };
    [rateField, rate] =
      method === "dpo"
        ? full
          ? pick("trainingDpoFullPerMTok", "trainingFullPerMTok", "trainingDpoPerMTok")
          : pick("trainingDpoPerMTok")
        : full
          ? pick("trainingFullPerMTok")
          : pick("trainingPerMTok");
    const epochs = countToDecimal(job.epochs, "epochs", 1);
    trainedTokens = countToDecimal(job.tokens, "tokens").times(epochs);
    if (card.validationBilled) {
      const evaluations = job.evaluations === undefined ? epochs : countToDecimal(job.evaluations, "evaluations");
      validationTokensBilled = countToDecimal(job.validationTokens ?? 0, "validationTokens").times(evaluations);
    }
    trainingUsd = trainedTokens.times(rate).div(MILLION);
  }
  const validationUsd = prices.billingUnit === "token" ? validationTokensBilled.times(rate).div(MILLION) : zero;
  const subtotal = trainingUsd.plus(validationUsd);
  const minimum = prices.minTrainingChargeUsd ?? null;
  const minimumTopUpUsd = minimum !== null && subtotal.lt(minimum) ? minimum.minus(subtotal) : zero;
  return { rateField, rate, trainedTokens, trainingUsd, validationTokensBilled, validationUsd, minimumTopUpUsd, totalUsd: subtotal.plus(minimumTopUpUsd) };
}

/** An hour-billed job was asked of a model with no hourly training price. */
export class NotPricedPerHourError extends RangeError {
  constructor(readonly modelId: string) {
    super(`${modelId} has no price per training hour`);
    this.name = "NotPricedPerHourError";
  }
}
