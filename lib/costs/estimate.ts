import { type Decimal, toDecimal, toDecimalString } from "@/lib/money/decimal";
import { perTokenPricesOrThrow } from "@/lib/pricing/errors";
import type { ModelPrices, PerTokenModelPrices, PerTokenPriceFields } from "@/lib/pricing/types";
import type { EstimateInput } from "./schemas";
import { totalCostOfOwnership } from "./tco";

/** An estimate; every money value is an exact decimal string, rounded only where displayed. */
export interface Estimate {
  trainingCostUsd: string;
  /** Month 1's inference cost. */
  monthlyCostUsd: string;
  months: { index: number; costUsd: string }[];
  totalCostUsd: string;
  /** The prices used: catalog prices with the request's overrides applied. */
  prices: PerTokenPriceFields<string>;
}

/** Prices a parsed estimate request at `catalogPrices` (null for a fully custom price card) plus its overrides. */
export function computeEstimate(input: EstimateInput, catalogPrices: ModelPrices | null): Estimate {
  const prices = applyOverrides(input, catalogPrices);
  const tco = totalCostOfOwnership({
    training: input.training,
    plan: { ...input.usage, months: input.months, daysPerMonth: input.daysPerMonth, monthlyGrowthPct: input.monthlyGrowthPct, retryBufferPct: input.retryBufferPct },
    prices,
  });
  const months = tco.months.map((m) => ({ index: m.index, costUsd: toDecimalString(m.costUsd) }));
  return {
    trainingCostUsd: toDecimalString(tco.trainingCostUsd),
    monthlyCostUsd: months[0]?.costUsd ?? "0",
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
    },
  };
}

type PriceField = keyof PerTokenPriceFields<unknown>;

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
