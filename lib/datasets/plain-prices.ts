import { type Decimal, toDecimal, toDecimalString } from "@/lib/money/decimal";
import { EXTRA_PRICE_MONEY_KEYS, type ExtraPriceFields, NO_TOKEN_PRICES, type PriceCard } from "@/lib/pricing/types";
import type { PricedModel } from "./cost-report";

/** A model's prices with money as exact decimal strings: what a server component can hand to a client component. */
export type PlainModelPrices = { modelId: string } & PriceCard<string>;

/** A catalog model with its plain prices (null: no price in the team's price set). */
export interface PlainPricedModel {
  model: PricedModel["model"];
  prices: PlainModelPrices | null;
}

/** The card's extra components (minimum, DPO/full, batch, fixed costs), mapped; absent ones stay absent. */
function mapExtras<A, B>(p: ExtraPriceFields<A>, f: (v: A) => B): ExtraPriceFields<B> {
  const out: ExtraPriceFields<B> = {};
  for (const key of EXTRA_PRICE_MONEY_KEYS) {
    const v = p[key];
    if (v !== undefined) out[key] = v === null ? null : f(v);
  }
  if (p.validationBilled !== undefined) out.validationBilled = p.validationBilled;
  return out;
}

// Builds a fresh card field by field, so extra row fields (team, dates) never cross to the client.
function mapCard<A, B>(p: { modelId: string } & PriceCard<A>, f: (v: A) => B): { modelId: string } & PriceCard<B> {
  if (p.billingUnit === "training_hour") {
    return {
      ...mapExtras(p, f),
      modelId: p.modelId,
      billingUnit: "training_hour",
      trainingPerHourUsd: f(p.trainingPerHourUsd),
      ...NO_TOKEN_PRICES,
    };
  }
  const opt = (v: A | null) => (v === null ? null : f(v));
  return {
    ...mapExtras(p, f),
    modelId: p.modelId,
    billingUnit: "token",
    trainingPerHourUsd: null,
    trainingPerMTok: f(p.trainingPerMTok),
    inputPerMTok: f(p.inputPerMTok),
    cachedInputPerMTok: opt(p.cachedInputPerMTok),
    outputPerMTok: f(p.outputPerMTok),
    baseInputPerMTok: f(p.baseInputPerMTok),
    baseCachedInputPerMTok: opt(p.baseCachedInputPerMTok),
    baseOutputPerMTok: f(p.baseOutputPerMTok),
  };
}

/** Server side: Decimal prices to exact strings. */
export function toPlainPricedModel({ model, prices }: PricedModel): PlainPricedModel {
  return { model, prices: prices && mapCard<Decimal, string>(prices, toDecimalString) };
}

/** Client side: exact strings back to Decimal prices, for `compareTrainingCosts`. */
export function fromPlainPricedModel({ model, prices }: PlainPricedModel): PricedModel {
  return { model, prices: prices && mapCard<string, Decimal>(prices, toDecimal) };
}
