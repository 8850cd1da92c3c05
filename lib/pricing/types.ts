import type { Decimal } from "@/lib/money/decimal";

/** How a base model's fine-tuning is billed. */
export type BillingUnit = "token" | "training_hour";

/** Tokenizer encodings we count with. */
export type Encoding = "o200k_base" | "cl100k_base";

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

/** A price card: per-token, or per training hour with no token prices at all (so nothing can pretend it is $0). */
export type PriceCard<T> =
  | ({ billingUnit: "token"; trainingPerHourUsd: null } & PerTokenPriceFields<T>)
  | ({ billingUnit: "training_hour"; trainingPerHourUsd: T } & NoTokenPrices);

/** The prices of one base model (snapshot id in `modelId`), as Decimals. */
export type ModelPrices = { modelId: string } & PriceCard<Decimal>;

/** A per-token price card, as narrowed by `perTokenPricesOrThrow`. */
export type PerTokenModelPrices = Extract<ModelPrices, { billingUnit: "token" }>;

/** A fine-tunable base model in the catalog. */
export interface CatalogModel {
  provider: "openai";
  /** The snapshot id, e.g. "gpt-4o-mini-2024-07-18". */
  id: string;
  aliases: readonly string[];
  encoding: Encoding;
  /** Tokens per training example before truncation; null when our sources do not state it. */
  trainingContextLimit: number | null;
  billingUnit: BillingUnit;
}
