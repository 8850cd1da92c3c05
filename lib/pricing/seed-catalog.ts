import { toDecimal } from "@/lib/money/decimal";
import { DEFAULT_PRICE_SET, type PriceRow } from "./effective";
import { OPENAI_EXTRAS, PROVIDER_MODELS, PROVIDER_PRICES } from "./seed-providers";
import type { SeedBaseModel, SeedPrice } from "./seed-types";
import { type CatalogModel, EXTRA_PRICE_MONEY_KEYS, type ExtraPriceFields, NO_TOKEN_PRICES, type PriceCard } from "./types";


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
const OPENAI_MODELS: readonly CatalogModel[] = [
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

/** A seeded catalog model: the pure library's fields plus the provider page stating its limits. */
export type SeedCatalogModel = CatalogModel & { docsUrl: string | null };

/** Every seeded base model: OpenAI's (with their lifecycle and limits) and the other providers' (lib/pricing/seed-providers.ts). */
export const SEED_MODELS: readonly SeedCatalogModel[] = [
  ...OPENAI_MODELS.map((m): SeedCatalogModel => {
    const extra = OPENAI_EXTRAS[m.id];
    return {
      ...m,
      displayName: m.id,
      tokenizerExact: true,
      maxEpochs: extra?.maxEpochs ?? null,
      minExamples: extra?.minExamples ?? null,
      lifecycle: extra?.lifecycle ?? null,
      docsUrl: extra?.sourceUrl ?? null,
    };
  }),
  ...PROVIDER_MODELS.map(fromSeedModel),
];

function fromSeedModel(m: SeedBaseModel): SeedCatalogModel {
  return {
    id: m.id,
    provider: m.provider,
    displayName: m.displayName,
    aliases: m.aliases,
    encoding: m.tokenizer,
    tokenizerExact: m.tokenizerExact,
    trainingContextLimit: m.trainingContextLimit,
    billingUnit: m.trainingBilling,
    maxEpochs: m.maxEpochs,
    minExamples: m.minExamples,
    lifecycle: m.lifecycle,
    docsUrl: m.docsUrl,
  };
}

/** Where a seed row's figures come from: the page, the day it was checked, and whether the provider's page confirmed them. */
export interface SeedSource {
  sourceUrl: string;
  checkedOn: string;
  verified: boolean;
  note: string | null;
}

/** A seed row before its source is attached. */
type BareSeedRow = { priceSet: string; modelId: string; effectiveFrom: string; note: string | null } & PriceCard<string>;

/** A price row as plain seed data: money as the exact strings printed in the source. */
export type SeedPriceRow = { priceSet: string; modelId: string; effectiveFrom: string } & PriceCard<string> & SeedSource;

const OPENAI_PRICING_URL = "https://platform.openai.com/docs/pricing";
const ARTICLE_SOURCE: SeedSource = {
  sourceUrl: "shared/PRICING.md#the-source-articles-numbers-kept-for-regression-tests-not-as-prices",
  checkedOn: "2026-12-07",
  verified: false,
  note: "The 2026 cost guide's illustrative figures, kept to reproduce its worked examples; not a provider's price.",
};

/**
 * Global seed prices, USD per 1M tokens.
 * The article gives only training and fine-tuned input/output: its base prices reuse the OpenAI set's list prices
 * (gpt-4-turbo, absent there, uses OpenAI's $10.00 / $30.00 list price), and its cached prices are null, so cached
 * tokens are billed at the full input price. The article set covers only the four models it names.
 */
const OPENAI_PRICES: readonly SeedPriceRow[] = ([
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
] satisfies BareSeedRow[]).map((row: BareSeedRow): SeedPriceRow => {
  if (row.priceSet === ARTICLE_PRICE_SET) return { ...row, ...ARTICLE_SOURCE };
  const extra = OPENAI_EXTRAS[row.modelId];
  return {
    ...row,
    batchInputPerMTok: extra?.batchInputPerMTok ?? null,
    batchOutputPerMTok: extra?.batchOutputPerMTok ?? null,
    sourceUrl: extra?.sourceUrl ?? OPENAI_PRICING_URL,
    checkedOn: extra?.checkedOn ?? "2026-12-07",
    verified: extra?.verified ?? false,
    note: row.note,
  };
});


/** Every seeded global price row: OpenAI's list (and the article's figures) and the other providers'. */
export const SEED_PRICES: readonly SeedPriceRow[] = [...OPENAI_PRICES, ...PROVIDER_PRICES.map(fromSeedPrice)];


function fromSeedPrice(p: SeedPrice): SeedPriceRow {
  const meta = { priceSet: p.priceSet, modelId: p.modelId, effectiveFrom: p.effectiveFrom, sourceUrl: p.sourceUrl, checkedOn: p.checkedOn, verified: p.verified, note: p.note };
  const extras = {
    trainingFullPerMTok: p.trainingFullPerMTok,
    trainingDpoPerMTok: p.trainingDpoPerMTok,
    trainingDpoFullPerMTok: p.trainingDpoFullPerMTok,
    validationBilled: p.validationBilled,
    minTrainingChargeUsd: p.minTrainingChargeUsd,
    batchInputPerMTok: p.batchInputPerMTok,
    batchOutputPerMTok: p.batchOutputPerMTok,
    hostingPerHourUsd: p.hostingPerHourUsd,
    storagePerMonthUsd: p.storagePerMonthUsd,
  };
  const model = SEED_MODELS.find((m) => m.id === p.modelId);
  if (model?.billingUnit === "training_hour" || p.trainingPerMTok === null) {
    if (p.trainingPerHourUsd === null) throw new Error(`Seed price of ${p.modelId}: a row without per-token prices needs trainingPerHourUsd`);
    return { ...meta, ...extras, billingUnit: "training_hour", trainingPerHourUsd: p.trainingPerHourUsd, ...NO_TOKEN_PRICES };
  }
  return {
    ...meta,
    ...extras,
    billingUnit: "token",
    trainingPerHourUsd: null,
    trainingPerMTok: p.trainingPerMTok,
    // A fine-tune served only on a dedicated endpoint or provisioned unit has no per-token price: its tokens cost
    // nothing on top of the hosting hours (hostingPerHourUsd), which is what "0" states here.
    inputPerMTok: p.inputPerMTok ?? "0",
    cachedInputPerMTok: p.inputPerMTok === null ? null : p.cachedInputPerMTok,
    outputPerMTok: p.outputPerMTok ?? "0",
    // Break-even needs the base model's prices; where the provider bills the tuned model at the base price, the seed
    // data says so by giving the same figures.
    baseInputPerMTok: p.baseInputPerMTok ?? p.inputPerMTok ?? "0",
    baseCachedInputPerMTok: p.baseCachedInputPerMTok,
    baseOutputPerMTok: p.baseOutputPerMTok ?? p.outputPerMTok ?? "0",
  };
}

/** The seed prices as global, Decimal-valued rows for `getPricesInForceOrThrow`. */
export function seedPriceRows(): PriceRow[] {
  return SEED_PRICES.map((row): PriceRow => {
    const extras: ExtraPriceFields<ReturnType<typeof toDecimal>> = { validationBilled: row.validationBilled ?? false };
    for (const key of EXTRA_PRICE_MONEY_KEYS) {
      const v = row[key];
      extras[key] = v === null || v === undefined ? null : toDecimal(v);
    }
    const common = { modelId: row.modelId, teamId: null, priceSet: row.priceSet, effectiveFrom: new Date(`${row.effectiveFrom}T00:00:00Z`), ...extras };
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
): BareSeedRow {
  return {
    note: null,
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

function perHour(priceSet: string, modelId: string, trainingPerHourUsd: string): BareSeedRow {
  return { note: null, priceSet, modelId, effectiveFrom: SEED_EFFECTIVE_FROM, billingUnit: "training_hour", trainingPerHourUsd, ...NO_TOKEN_PRICES };
}
