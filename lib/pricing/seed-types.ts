import type { TokenizerId } from "@/lib/tokens/tokenizer-ids";
import type { ProviderId } from "./providers";

/** A calendar date as printed: "YYYY-MM-DD". */
export type IsoDay = string;
/** An exact decimal as printed on the source page, e.g. "0.80"; null when the provider does not bill (or offer) it. */
export type Money = string | null;

/**
 * A fine-tunable base model as seed data.
 * `id` is unique across providers: OpenAI's snapshot ids stay bare (existing data uses them); every other provider's
 * model is "<provider>:<the provider's own base model name>", e.g. "together:meta-llama/Meta-Llama-3.1-8B-Instruct-Reference".
 */
export interface SeedBaseModel {
  id: string;
  provider: ProviderId;
  displayName: string;
  /** Other names a user or an export may use (case-insensitive, unique across the catalog). */
  aliases: string[];
  /** The tokenizer to count with. */
  tokenizer: TokenizerId;
  /** False when `tokenizer` is a stand-in (the model's own tokenizer ships in no package): counts are "estimated". */
  tokenizerExact: boolean;
  /** Tokens per training example before truncation; null when the provider's pages do not state it. */
  trainingContextLimit: number | null;
  /** How a training job is billed: per token (× epochs) or per training hour (RFT, self-hosted GPUs). */
  trainingBilling: "token" | "training_hour";
  /** The most epochs the provider accepts; null when not stated. */
  maxEpochs: number | null;
  /** The fewest training examples the provider accepts; null when not stated. */
  minExamples: number | null;
  /** The provider page stating the limits above. */
  docsUrl: string | null;
  /** Retirement dates, each from the provider's lifecycle page; null when none is announced. */
  lifecycle: {
    announcedOn: IsoDay | null;
    /** Last day new fine-tuning jobs are accepted. */
    trainingEndsOn: IsoDay | null;
    shutdownOn: IsoDay | null;
    /** The provider's recommended replacement (free text: it may not be fine-tunable). */
    replacement: string | null;
    sourceUrl: string;
  } | null;
}

/**
 * One effective-dated global price row of a base model, USD, as printed on the provider's page.
 * Per 1M tokens unless named otherwise. Every row cites the page it was read from and the day it was checked;
 * `verified` is false when the figure could not be confirmed on the provider's own page (the UI says so).
 */
export interface SeedPrice {
  priceSet: string;
  modelId: string;
  effectiveFrom: IsoDay;
  // Training
  /** Supervised fine-tuning; the LoRA rate where the provider distinguishes LoRA from full. */
  trainingPerMTok: Money;
  /** Supervised, full fine-tuning, where the provider prices it apart from LoRA. */
  trainingFullPerMTok: Money;
  /** Preference (DPO) training; LoRA where the provider distinguishes. Null: DPO not offered or not priced apart (then SFT's rate applies if offered — say so in note). */
  trainingDpoPerMTok: Money;
  trainingDpoFullPerMTok: Money;
  /** Per training hour (reinforcement fine-tuning, self-hosted GPUs). */
  trainingPerHourUsd: Money;
  /** Whether validation-set tokens are billed (Together: epochs × train + evaluations × validation). */
  validationBilled: boolean;
  /** Minimum charge per training job (Mistral: $4). */
  minTrainingChargeUsd: Money;
  // Inference of the fine-tuned model
  inputPerMTok: Money;
  cachedInputPerMTok: Money;
  outputPerMTok: Money;
  batchInputPerMTok: Money;
  batchOutputPerMTok: Money;
  // The base model's own prices (for break-even against a longer prompt)
  baseInputPerMTok: Money;
  baseCachedInputPerMTok: Money;
  baseOutputPerMTok: Money;
  // Fixed costs while a fine-tune exists
  /** Per hour a deployment / dedicated endpoint / provisioned throughput unit runs. */
  hostingPerHourUsd: Money;
  /** Per model per month stored. */
  storagePerMonthUsd: Money;
  /** The provider's page the figures were read from, and the day they were checked. */
  sourceUrl: string;
  checkedOn: IsoDay;
  verified: boolean;
  /** What a reader needs to know: the unit conversion done (per 1K → per 1M), what "hosting" means here, gaps. */
  note: string | null;
}
