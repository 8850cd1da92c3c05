import { type Decimal, toDecimal, toDecimalString } from "@/lib/money/decimal";
import { perTokenPricesOrThrow } from "@/lib/pricing/errors";
import type { ModelPrices, PerTokenModelPrices, PerTokenPriceFields } from "@/lib/pricing/types";
import type { EstimateInput } from "./schemas";
import { totalCostOfOwnership } from "./tco";

/** An estimate; every money value is an exact decimal string, rounded only where displayed. */
export interface Estimate {
  trainingCostUsd: string;
  /** What the provider's minimum charge added to training, and the billed validation part. */
  trainingMinimumTopUpUsd: string;
  validationCostUsd: string;
  /** Month 1's inference cost. */
  monthlyCostUsd: string;
  /** Hosting and storage each month (its own line in every month). */
  fixedMonthlyUsd: string;
  /** costUsd = inferenceUsd + fixedUsd. */
  months: { index: number; costUsd: string; inferenceUsd: string; fixedUsd: string }[];
  totalCostUsd: string;
  /** The prices used: catalog prices with the request's overrides applied. */
  prices: PerTokenPriceFields<string> & { hostingPerHourUsd: string | null; storagePerMonthUsd: string | null };
}

/** Prices a parsed estimate request at `catalogPrices` (null for a fully custom price card) plus its overrides. */
export function computeEstimate(input: EstimateInput, catalogPrices: ModelPrices | null): Estimate {
  const prices = applyOverrides(input, catalogPrices);
  const tco = totalCostOfOwnership({
    training: input.training,
    plan: { ...input.usage, months: input.months, daysPerMonth: input.daysPerMonth, monthlyGrowthPct: input.monthlyGrowthPct, retryBufferPct: input.retryBufferPct },
    prices,
    fixed: { hostingHours: input.hostingHoursPerMonth },
  });
  const months = tco.months.map((m) => ({
    index: m.index,
    costUsd: toDecimalString(m.costUsd),
    inferenceUsd: toDecimalString(m.inferenceUsd),
    fixedUsd: toDecimalString(m.fixedUsd),
  }));
  return {
    trainingCostUsd: toDecimalString(tco.trainingCostUsd),
    trainingMinimumTopUpUsd: toDecimalString(tco.training.minimumTopUpUsd),
    validationCostUsd: toDecimalString(tco.validation.costUsd),
    monthlyCostUsd: months[0]?.inferenceUsd ?? "0",
    fixedMonthlyUsd: toDecimalString(tco.fixedMonthlyUsd),
    months,
    totalCostUsd: toDecimalString(tco.totalCostUsd),
    prices: {
      trainingPerMTok: toDecimalString(prices.trainingPerMTok),
      inputPerMTok: toDecimalString(prices.inputPerMTok),
      cachedInputPerMTok: nullableString(prices.cachedInputPerMTok),
      outputPerMTok: toDecimalString(prices.outputPerMTok),
      baseInputPerMTok: toDecimalString(prices.baseInputPerMTok),
      baseCachedInputPerMTok: nullableString(prices.baseCachedInputPerMTok),
      baseOutputPerMTok: toDecimalString(prices.baseOutputPerMTok),
      hostingPerHourUsd: nullableString(prices.hostingPerHourUsd ?? null),
      storagePerMonthUsd: nullableString(prices.storagePerMonthUsd ?? null),
    },
  };
}

type PriceField = keyof PerTokenPriceFields<unknown> | "hostingPerHourUsd" | "storagePerMonthUsd";

function nullableString(d: Decimal | null): string | null {
  return d === null ? null : toDecimalString(d);
}

function applyOverrides(input: EstimateInput, catalogPrices: ModelPrices | null): PerTokenModelPrices {
  // An hour-billed model stays refused even if the request supplies token prices: its training is not per token.
  const catalog = catalogPrices && perTokenPricesOrThrow(catalogPrices);
  const price = (field: PriceField) => {
    const override = input.prices?.[field];
    return override === undefined ? (catalog?.[field] ?? null) : toDecimal(override);
  };
  const required = (field: PriceField) => {
    const value = price(field);
    if (value === null) throw new TypeError(`prices.${field} is required when no catalog prices are given`);
    return value;
  };
  return {
    // The catalog's other components (DPO / full rates, validation billing, minimum, batch) stay as the catalog has them.
    ...catalog,
    hostingPerHourUsd: price("hostingPerHourUsd"),
    storagePerMonthUsd: price("storagePerMonthUsd"),
    modelId: catalog?.modelId ?? input.baseModel ?? "custom",
    billingUnit: "token",
    trainingPerHourUsd: null,
    trainingPerMTok: required("trainingPerMTok"),
    inputPerMTok: required("inputPerMTok"),
    cachedInputPerMTok: price("cachedInputPerMTok"),
    outputPerMTok: required("outputPerMTok"),
    baseInputPerMTok: required("baseInputPerMTok"),
    baseCachedInputPerMTok: price("baseCachedInputPerMTok"),
    baseOutputPerMTok: required("baseOutputPerMTok"),
  };
}
