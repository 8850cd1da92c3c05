import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { computeEstimate, type Estimate } from "@/lib/costs";
import { costUntilShutdown } from "@/lib/costs/tco";
import { AppError, fieldErrors } from "@/lib/errors";
import { dayOf } from "@/lib/lifecycle/dates";
import { toDecimalString } from "@/lib/money/decimal";
import { NoPriceError, NotPricedPerTokenError, perTokenPricesOrThrow, UnknownModelError } from "@/lib/pricing/errors";
import { getPricesInForceForTeamOrThrow, getTeamPriceSetOrThrow, listCatalogModels, listPriceSets } from "@/lib/pricing/queries";
import type { ProviderId } from "@/lib/pricing/providers";
import type { BillingUnit } from "@/lib/pricing/types";
import { compareWithBaseModel, cumulativeCostsUsd, pricesFromStrings, type BaseModelComparison } from "./comparison";
import { calendarCut, estimateCalendar, modelName, servingMonthsFrom, shutdownWarning, trainingRefusal } from "./lifecycle";
import { estimateRequestSchema, type CalculatorInput, type EstimateLifecycle, type EstimateRequestInput } from "./schemas";

/** An estimate plus where its prices came from; `catalog` is null when the request gave a full price card instead. */
export interface EstimateResponse extends Estimate {
  catalog: { model: string; priceSet: string; source: "team" | "global" } | null;
  /** The training day, the months on the calendar and what the base model's shutdown cuts (lib/estimates/lifecycle.ts). */
  lifecycle: EstimateLifecycle;
}

/**
 * The base model accepts no training job on the estimate's training day (or is shut down). A validation error on
 * `baseModel`, but the estimates API answers it 422 while its schema errors stay 400 (issue #15): the request is
 * well-formed, the provider just refuses the job.
 */
export class TrainingRefusedError extends AppError {
  constructor(message: string) {
    super("validation_failed", message, { baseModel: [message] });
    this.name = "TrainingRefusedError";
  }
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
  models: {
    id: string;
    aliases: string[];
    billingUnit: BillingUnit;
    provider: ProviderId;
    displayName: string;
    /** The catalog's dates; null where the provider publishes none. */
    lifecycle: { trainingEndsOn: string | null; shutdownOn: string | null; replacement: string | null; sourceUrl: string | null } | null;
  }[];
  priceSets: string[];
  teamPriceSet: string;
  /** Today in UTC: the training day a blank field stands for. */
  today: string;
}

/** Models and price sets for the Estimate page's pickers. */
export async function getEstimatorOptions(ctx: TeamContext, today = new Date()): Promise<EstimatorOptions> {
  const [models, priceSets, teamPriceSet] = await Promise.all([listCatalogModels(ctx), listPriceSets(), getTeamPriceSetOrThrow(ctx)]);
  return {
    models: models.map((m) => ({
      id: m.id,
      aliases: [...m.aliases],
      billingUnit: m.billingUnit,
      provider: m.provider,
      displayName: m.displayName ?? m.id,
      lifecycle: m.lifecycle ? { trainingEndsOn: m.lifecycle.trainingEndsOn, shutdownOn: m.lifecycle.shutdownOn, replacement: m.lifecycle.replacement, sourceUrl: m.lifecycle.sourceUrl } : null,
    })),
    priceSets,
    teamPriceSet,
    today: dayOf(today),
  };
}

/** Validates an untrusted POST /api/v1/estimates body and prices it; bad input throws validation_failed naming each field. */
export async function estimateFromBodyOrThrow(ctx: TeamContext, body: unknown, today = new Date()): Promise<EstimateResponse> {
  const parsed = estimateRequestSchema.safeParse(body);
  if (!parsed.success) throw new AppError("validation_failed", "Please correct the fields listed.", fieldErrors(parsed.error.issues));
  return estimateForTeamOrThrow(ctx, parsed.data, today);
}

/**
 * Prices a parsed request at the team's prices in force `today` (its overrides beat the global rows), then the request's
 * own, after checking the base model accepts a job on the training day (else TrainingRefusedError). Prices stay
 * today's even for another training day: the catalog dates prices as they take effect, it cannot know future ones.
 */
export async function estimateForTeamOrThrow(ctx: TeamContext, input: EstimateRequestInput, today = new Date()): Promise<EstimateResponse> {
  const { trainingOn, firstMonth } = estimateDaysOrThrow(input, today);
  const catalog = input.baseModel === undefined ? null : await catalogPricesOrThrow(ctx, input.baseModel, input.priceSet, today);
  const dates = catalog?.model.lifecycle ?? null;
  // Refused before anything is priced: an estimate for a job the provider will not run is no estimate.
  const refusal = catalog ? trainingRefusal(catalog.model.id, dates, trainingOn) : null;
  if (refusal) throw new TrainingRefusedError(refusal);
  const estimate = computeEstimate(input, catalog?.prices ?? null);
  const shutdownOn = dates?.shutdownOn ?? null;
  const calendar = estimateCalendar(firstMonth, estimate.months.length, shutdownOn);
  const cut = calendarCut(calendar);
  const served = cut && costUntilShutdown(estimate, calendar.map((m) => ({ days: m.servingDays, of: m.daysInMonth })));
  const warning = catalog ? shutdownWarning(modelName(catalog.model), shutdownOn, calendar) : null;
  return {
    ...estimate,
    catalog: catalog && { model: catalog.model.id, priceSet: catalog.priceSet, source: catalog.source },
    lifecycle: {
      trainingOn,
      firstMonth,
      modelName: catalog && modelName(catalog.model),
      model: dates && { trainingEndsOn: dates.trainingEndsOn, shutdownOn: dates.shutdownOn, replacement: dates.replacement, sourceUrl: dates.sourceUrl },
      months: calendar,
      untilShutdown: served && {
        lastMonth: calendar.filter((m) => m.servingDays > 0).at(-1)?.index ?? 0,
        inferenceTotalUsd: toDecimalString(served.inferenceTotalUsd),
        fixedTotalUsd: toDecimalString(served.fixedTotalUsd),
        totalCostUsd: toDecimalString(served.totalCostUsd),
        months: served.months.map((m) => ({ index: m.index, inferenceUsd: toDecimalString(m.inferenceUsd), fixedUsd: toDecimalString(m.fixedUsd), costUsd: toDecimalString(m.costUsd) })),
      },
      warnings: warning ? [{ code: "shutdown_in_estimate" as const, message: warning }] : [],
    },
  };
}

// The training day defaults to today in UTC (the server's clock, never the browser's), month 1 to its month.
function estimateDaysOrThrow(input: EstimateRequestInput, today: Date): { trainingOn: string; firstMonth: string } {
  const trainingOn = input.trainingOn ?? dayOf(today);
  const firstMonth = input.firstMonth ?? trainingOn.slice(0, 7);
  if (firstMonth < trainingOn.slice(0, 7)) {
    const message = `Must not be before the training day's month (${trainingOn.slice(0, 7)})`;
    throw new AppError("validation_failed", "Please correct the fields listed.", { firstMonth: [message] });
  }
  return { trainingOn, firstMonth };
}

/** The calculator's work: the estimate, running totals and the break-even comparison on the same prices. */
export async function calculateForTeamOrThrow(ctx: TeamContext, input: CalculatorInput, today = new Date()): Promise<CalculatorResult> {
  const { breakEven, ...request } = input;
  const estimate = await estimateForTeamOrThrow(ctx, request, today);
  const { lifecycle } = estimate;
  const shutdownOn = lifecycle.model?.shutdownOn ?? null;
  const comparison = breakEven
    ? compareWithBaseModel({
        prices: pricesFromStrings(estimate.catalog?.model ?? "custom", estimate.prices),
        training: input.training,
        request: breakEven,
        months: input.months,
        trainingCostUsd: estimate.trainingCostUsd,
        fixedMonthlyUsd: estimate.fixedMonthlyUsd,
        shutdown:
          shutdownOn && estimate.catalog
            ? { on: shutdownOn, modelName: lifecycle.modelName ?? estimate.catalog.model, servingMonths: servingMonthsFrom(lifecycle.firstMonth, shutdownOn) ?? "0" }
            : undefined,
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
