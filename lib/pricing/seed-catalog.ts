import { toDecimal } from "@/lib/money/decimal";
import { DEFAULT_PRICE_SET, type PriceRow } from "./effective";
import type { CatalogModel, PriceCard } from "./types";

const NO_TOKEN_PRICES = {
  trainingPerMTok: null,
  inputPerMTok: null,
  cachedInputPerMTok: null,
  outputPerMTok: null,
  baseInputPerMTok: null,
  baseCachedInputPerMTok: null,
  baseOutputPerMTok: null,
} as const;

/** OpenAI's list prices as published mid-2025 (GPT-4.1 era); PRICING.md's table. */
export const OPENAI_PRICE_SET = DEFAULT_PRICE_SET;
/** The 2026 cost guide's figures, kept to reproduce its worked examples, not as real prices. */
export const ARTICLE_PRICE_SET = "article-2026";
/** Seed rows apply from the GPT-4.1 launch day; prices "as published mid-2025". */
export const SEED_EFFECTIVE_FROM = "2025-04-14";

/**
 * Fine-tunable base models. Training context limits are per-model catalog data (examples are truncated there when
 * billed), not a rule derived from the name; null where our sources give none.
 */
export const SEED_MODELS: readonly CatalogModel[] = [
  model("gpt-4.1-2025-04-14", ["gpt-4.1"], "o200k_base", 65_536),
  model("gpt-4.1-mini-2025-04-14", ["gpt-4.1-mini"], "o200k_base", 65_536),
  model("gpt-4.1-nano-2025-04-14", ["gpt-4.1-nano"], "o200k_base", 65_536),
  model("gpt-4o-2024-08-06", ["gpt-4o"], "o200k_base", 65_536),
  model("gpt-4o-mini-2024-07-18", ["gpt-4o-mini"], "o200k_base", 65_536),
  model("gpt-3.5-turbo-0125", ["gpt-3.5-turbo"], "cl100k_base", 16_385),
  // Only the article set prices it; gpt-4 generation models use cl100k_base.
  model("gpt-4-turbo-2024-04-09", ["gpt-4-turbo"], "cl100k_base", null),
  // Reinforcement fine-tuning: billed per training hour; o-series models use o200k_base.
  { ...model("o4-mini-2025-04-16", ["o4-mini"], "o200k_base", null), billingUnit: "training_hour" },
];

/** A price row as plain seed data: money as the exact strings printed in the source. */
export type SeedPriceRow = { priceSet: string; modelId: string; effectiveFrom: string } & PriceCard<string>;

/**
 * Global seed prices, USD per 1M tokens.
 * The article gives only training and fine-tuned input/output: its base prices reuse the OpenAI set's list prices
 * (gpt-4-turbo, absent there, uses OpenAI's $10.00 / $30.00 list price), and its cached prices are null, so cached
 * tokens are billed at the full input price. The article set covers only the four models it names.
 */
export const SEED_PRICES: readonly SeedPriceRow[] = [
  // columns: training, ft input, ft cached input, ft output, base input, base cached input, base output
  perToken(OPENAI_PRICE_SET, "gpt-4.1-2025-04-14", "25.00", "3.00", "0.75", "12.00", "2.00", "0.50", "8.00"),
  perToken(OPENAI_PRICE_SET, "gpt-4.1-mini-2025-04-14", "5.00", "0.80", "0.20", "3.20", "0.40", "0.10", "1.60"),
  perToken(OPENAI_PRICE_SET, "gpt-4.1-nano-2025-04-14", "1.50", "0.20", "0.05", "0.80", "0.10", "0.025", "0.40"),
  perToken(OPENAI_PRICE_SET, "gpt-4o-2024-08-06", "25.00", "3.75", "1.875", "15.00", "2.50", "1.25", "10.00"),
  perToken(OPENAI_PRICE_SET, "gpt-4o-mini-2024-07-18", "3.00", "0.30", "0.15", "1.20", "0.15", "0.075", "0.60"),
  perToken(OPENAI_PRICE_SET, "gpt-3.5-turbo-0125", "8.00", "3.00", null, "6.00", "0.50", null, "1.50"),
  perHour(OPENAI_PRICE_SET, "o4-mini-2025-04-16", "100"),
  perToken(ARTICLE_PRICE_SET, "gpt-4o-mini-2024-07-18", "1.00", "0.15", null, "0.60", "0.15", "0.075", "0.60"),
  perToken(ARTICLE_PRICE_SET, "gpt-4o-2024-08-06", "3.00", "2.50", null, "10.00", "2.50", "1.25", "10.00"),
  perToken(ARTICLE_PRICE_SET, "gpt-4-turbo-2024-04-09", "2.70", "3.00", null, "15.00", "10.00", null, "30.00"),
  perToken(ARTICLE_PRICE_SET, "gpt-3.5-turbo-0125", "0.80", "0.30", null, "1.50", "0.50", null, "1.50"),
];

/** The seed prices as global, Decimal-valued rows for `getPricesInForceOrThrow`. */
export function seedPriceRows(): PriceRow[] {
  return SEED_PRICES.map((row): PriceRow => {
    const common = { modelId: row.modelId, teamId: null, priceSet: row.priceSet, effectiveFrom: new Date(`${row.effectiveFrom}T00:00:00Z`) };
    if (row.billingUnit === "training_hour") {
      return { ...common, ...NO_TOKEN_PRICES, billingUnit: "training_hour", trainingPerHourUsd: toDecimal(row.trainingPerHourUsd) };
    }
    const orNull = (v: string | null) => (v === null ? null : toDecimal(v));
    return {
      ...common,
      billingUnit: "token",
      trainingPerHourUsd: null,
      trainingPerMTok: toDecimal(row.trainingPerMTok),
      inputPerMTok: toDecimal(row.inputPerMTok),
      cachedInputPerMTok: orNull(row.cachedInputPerMTok),
      outputPerMTok: toDecimal(row.outputPerMTok),
      baseInputPerMTok: toDecimal(row.baseInputPerMTok),
      baseCachedInputPerMTok: orNull(row.baseCachedInputPerMTok),
      baseOutputPerMTok: toDecimal(row.baseOutputPerMTok),
    };
  });
}

function model(id: string, aliases: string[], encoding: CatalogModel["encoding"], trainingContextLimit: number | null): CatalogModel {
  return { provider: "openai", id, aliases, encoding, trainingContextLimit, billingUnit: "token" };
}

function perToken(
  priceSet: string,
  modelId: string,
  trainingPerMTok: string,
  inputPerMTok: string,
  cachedInputPerMTok: string | null,
  outputPerMTok: string,
  baseInputPerMTok: string,
  baseCachedInputPerMTok: string | null,
  baseOutputPerMTok: string,
): SeedPriceRow {
  return {
    priceSet,
    modelId,
    effectiveFrom: SEED_EFFECTIVE_FROM,
    billingUnit: "token",
    trainingPerHourUsd: null,
    trainingPerMTok,
    inputPerMTok,
    cachedInputPerMTok,
    outputPerMTok,
    baseInputPerMTok,
    baseCachedInputPerMTok,
    baseOutputPerMTok,
  };
}

function perHour(priceSet: string, modelId: string, trainingPerHourUsd: string): SeedPriceRow {
  return { priceSet, modelId, effectiveFrom: SEED_EFFECTIVE_FROM, billingUnit: "training_hour", trainingPerHourUsd, ...NO_TOKEN_PRICES };
}
