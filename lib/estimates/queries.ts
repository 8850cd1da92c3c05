import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { computeEstimate, type Estimate } from "@/lib/costs";
import { AppError, fieldErrors } from "@/lib/errors";
import { NoPriceError, NotPricedPerTokenError, perTokenPricesOrThrow, UnknownModelError } from "@/lib/pricing/errors";
import { getPricesInForceForTeamOrThrow, getTeamPriceSetOrThrow, listCatalogModels, listPriceSets } from "@/lib/pricing/queries";
import type { ProviderId } from "@/lib/pricing/providers";
import type { BillingUnit } from "@/lib/pricing/types";
import { compareWithBaseModel, cumulativeCostsUsd, pricesFromStrings, type BaseModelComparison } from "./comparison";
import { estimateRequestSchema, type CalculatorInput, type EstimateRequestInput } from "./schemas";

/** An estimate plus where its prices came from; `catalog` is null when the request gave a full price card instead. */
export interface EstimateResponse extends Estimate {
  catalog: { model: string; priceSet: string; source: "team" | "global" } | null;
}

/** What the Estimate page shows: the estimate, its running totals and, when asked for, the base-model comparison. */
export interface CalculatorResult {
  estimate: EstimateResponse;
  /** Training plus months 1..i, for each month i. */
  cumulativeCostsUsd: string[];
  comparison: BaseModelComparison | null;
}

/** The choices the calculator offers: catalog models, the price sets, and the team's own set (the default). */
export interface EstimatorOptions {
  models: { id: string; aliases: string[]; billingUnit: BillingUnit; provider: ProviderId; displayName: string }[];
  priceSets: string[];
  teamPriceSet: string;
}

/** Models and price sets for the Estimate page's pickers. */
export async function getEstimatorOptions(ctx: TeamContext): Promise<EstimatorOptions> {
  const [models, priceSets, teamPriceSet] = await Promise.all([listCatalogModels(ctx), listPriceSets(), getTeamPriceSetOrThrow(ctx)]);
  return {
    models: models.map((m) => ({ id: m.id, aliases: [...m.aliases], billingUnit: m.billingUnit, provider: m.provider, displayName: m.displayName ?? m.id })),
    priceSets,
    teamPriceSet,
  };
}

/** Validates an untrusted POST /api/v1/estimates body and prices it; bad input throws validation_failed naming each field. */
export async function estimateFromBodyOrThrow(ctx: TeamContext, body: unknown, today = new Date()): Promise<EstimateResponse> {
  const parsed = estimateRequestSchema.safeParse(body);
  if (!parsed.success) throw new AppError("validation_failed", "Please correct the fields listed.", fieldErrors(parsed.error.issues));
  return estimateForTeamOrThrow(ctx, parsed.data, today);
}

/** Prices a parsed request at the team's prices in force `today` (its overrides beat the global rows), then the request's own. */
export async function estimateForTeamOrThrow(ctx: TeamContext, input: EstimateRequestInput, today = new Date()): Promise<EstimateResponse> {
  const catalog = input.baseModel === undefined ? null : await catalogPricesOrThrow(ctx, input.baseModel, input.priceSet, today);
  return {
    ...computeEstimate(input, catalog?.prices ?? null),
    catalog: catalog && { model: catalog.model.id, priceSet: catalog.priceSet, source: catalog.source },
  };
}

/** The calculator's work: the estimate, running totals and the break-even comparison on the same prices. */
export async function calculateForTeamOrThrow(ctx: TeamContext, input: CalculatorInput, today = new Date()): Promise<CalculatorResult> {
  const { breakEven, ...request } = input;
  const estimate = await estimateForTeamOrThrow(ctx, request, today);
  const comparison = breakEven
    ? compareWithBaseModel({
        prices: pricesFromStrings(estimate.catalog?.model ?? "custom", estimate.prices),
        training: input.training,
        request: breakEven,
        months: input.months,
        trainingCostUsd: estimate.trainingCostUsd,
        fixedMonthlyUsd: estimate.fixedMonthlyUsd,
      })
    : null;
  return { estimate, cumulativeCostsUsd: cumulativeCostsUsd(estimate), comparison };
}

// Catalog misses are bad input on the request's own fields, so they come back as field errors, not bare messages.
async function catalogPricesOrThrow(ctx: TeamContext, model: string, priceSet: string | undefined, today: Date) {
  if (priceSet !== undefined) {
    const sets = await listPriceSets();
    if (!sets.includes(priceSet)) {
      const message = `Unknown price set "${priceSet}"; use one of: ${sets.join(", ")}.`;
      throw new AppError("validation_failed", message, { priceSet: [message] });
    }
  }
  try {
    const resolved = await getPricesInForceForTeamOrThrow(ctx, { model, date: today, priceSet });
    return { ...resolved, prices: perTokenPricesOrThrow(resolved.prices) };
  } catch (error) {
    if (error instanceof UnknownModelError || error instanceof NoPriceError || error instanceof NotPricedPerTokenError) {
      throw new AppError("validation_failed", error.message, { baseModel: [error.message] });
    }
    throw error;
  }
}
