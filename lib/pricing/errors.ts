import { AppError } from "@/lib/errors";
import type { ModelPrices, PerTokenModelPrices } from "./types";

/** A model name that matches no catalog snapshot or alias; `suggestions` holds up to 3 close names. */
export class UnknownModelError extends AppError {
  constructor(
    readonly modelName: string,
    readonly suggestions: readonly string[],
  ) {
    super(
      "validation_failed",
      suggestions.length > 0
        ? `Unknown model "${modelName}". Did you mean: ${suggestions.join(", ")}?`
        : `Unknown model "${modelName}"; no similar model in the catalog.`,
    );
    this.name = "UnknownModelError";
  }
}

/** No price row is in force for a model on a date. */
export class NoPriceError extends AppError {
  constructor(
    readonly modelId: string,
    readonly date: string,
    readonly priceSet: string,
  ) {
    super("validation_failed", `No price for ${modelId} in force on ${date} (price set "${priceSet}").`);
    this.name = "NoPriceError";
  }
}

/** A per-token cost was asked of a model billed per training hour; we refuse rather than answer $0. */
export class NotPricedPerTokenError extends AppError {
  constructor(readonly modelId: string) {
    super("validation_failed", `${modelId} is billed per training hour, not per token`);
    this.name = "NotPricedPerTokenError";
  }
}

/** Narrows to per-token prices, throwing NotPricedPerTokenError for hour-billed models. */
export function perTokenPricesOrThrow(prices: ModelPrices): PerTokenModelPrices {
  if (prices.billingUnit !== "token") throw new NotPricedPerTokenError(prices.modelId);
  return prices;
}
