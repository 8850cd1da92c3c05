import "server-only";
import { type HostingSchedule, monthCost, type MonthCost } from "@/lib/costs";
import type { Decimal } from "@/lib/money/decimal";
import { toDecimal } from "@/lib/money/decimal";
import { getPricesForMonthOrThrow, type PriceRow } from "@/lib/pricing/effective";
import { PRICE_ROW_SELECT, toPriceRow } from "@/lib/pricing/rows";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

type Db = Prisma.TransactionClient;

export interface UsageVolumes {
  inputTokens: bigint;
  cachedInputTokens: bigint;
  outputTokens: bigint;
  /** Batch API tokens, apart from inputTokens / outputTokens. */
  batchInputTokens?: bigint;
  batchOutputTokens?: bigint;
  /** Hours a deployment ran; null: the model's schedule. */
  hostingHours?: string | null;
  invoicedCostUsd?: string | null;
  /** "YYYY-MM-DD" for a month in progress. */
  asOf?: string | null;
}

/** What the fixed costs of a model's month depend on besides its usage. */
export interface ModelSpan {
  trainedAt?: Date | null;
  hostingSchedule?: HostingSchedule | "NONE" | "ALWAYS_ON" | "BUSINESS_HOURS";
}

/** A month's cost and the part of it that is fixed (hosting, storage). */
export interface PricedMonth {
  totalUsd: Decimal;
  fixedUsd: Decimal;
  /** The breakdown, or null when the invoiced cost was taken as it is. */
  parts: MonthCost | null;
}

/**
 * Prices usage for one team: the team's price set and overrides, in force on the first day of each month.
 * Loads each base model's rows once, so pricing 10,000 records costs one query per base model.
 */
export async function createUsagePricer(db: Db, teamId: string) {
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId }, select: { priceSet: true } });
  const rowsByModel = new Map<string, PriceRow[]>();
  // A batch repeats (model, month) pairs: find the prices in force once per pair, not once per record (10,000 times).
  const pricesByMonth = new Map<string, ReturnType<typeof getPricesForMonthOrThrow>>();

  async function rowsFor(baseModelId: string): Promise<PriceRow[]> {
    let rows = rowsByModel.get(baseModelId);
    if (!rows) {
      const model = await db.catalogModel.findUniqueOrThrow({ where: { id: baseModelId }, select: { billingUnit: true } });
      const unit = model.billingUnit === "TRAINING_HOUR" ? "training_hour" : "token";
      const raw = await db.priceEntry.findMany({
        where: { modelId: baseModelId, priceSet: team.priceSet, OR: [{ teamId: null }, { teamId }] },
        select: PRICE_ROW_SELECT,
      });
      rows = raw.map((r) => toPriceRow(r, unit));
      rowsByModel.set(baseModelId, rows);
    }
    return rows;
  }

  /** The team's prices of a base model in force on a month's first day (cached per model and month). */
  async function pricesFor(baseModelId: string, month: string): Promise<ReturnType<typeof getPricesForMonthOrThrow>> {
    const key = `${baseModelId}|${month}`;
    let prices = pricesByMonth.get(key);
    if (!prices) {
      prices = getPricesForMonthOrThrow(await rowsFor(baseModelId), { modelId: baseModelId, teamId, month, priceSet: team.priceSet });
      pricesByMonth.set(key, prices);
    }
    return prices;
  }

  return {
    priceSet: team.priceSet,
    pricesFor,
    /** Cost of one month of a fine-tuned model, exact (see `price`). */
    async cost(baseModelId: string, month: string, v: UsageVolumes, span: ModelSpan = {}): Promise<Decimal> {
      return (await price(baseModelId, month, v, span)).totalUsd;
    },
    price,
  };

  /**
   * One month of a fine-tuned model: token usage (batch apart) plus hosting and storage for the days it existed
   * (lib/costs/month-cost.ts). A base model with no per-token prices and no fixed rate needs the invoiced cost, which
   * is then taken as the month's whole cost.
   */
  async function price(baseModelId: string, month: string, v: UsageVolumes, span: ModelSpan = {}): Promise<PricedMonth> {
    const prices = await pricesFor(baseModelId, month);
    const hasFixed = prices.hostingPerHourUsd != null || prices.storagePerMonthUsd != null;
    if (prices.billingUnit !== "token" && !hasFixed) {
      if (v.invoicedCostUsd) return { totalUsd: toDecimal(v.invoicedCostUsd), fixedUsd: toDecimal(0), parts: null };
      throw new AppError("validation_failed", `${baseModelId} is not priced per token: give the invoiced cost for ${month}.`, {
        invoicedCostUsd: ["Required for a model not priced per token"],
      });
    }
    try {
      const parts = monthCost(v, prices, { month, asOf: v.asOf ?? null, trainedAt: span.trainedAt ?? null, hostingSchedule: toSchedule(span.hostingSchedule) });
      return { totalUsd: parts.totalUsd, fixedUsd: parts.fixedUsd, parts };
    } catch (e) {
      if (e instanceof RangeError) throw new AppError("validation_failed", e.message);
      throw e;
    }
  }
}

function toSchedule(v: ModelSpan["hostingSchedule"]): HostingSchedule {
  if (v === "ALWAYS_ON" || v === "always_on") return "always_on";
  if (v === "BUSINESS_HOURS" || v === "business_hours") return "business_hours";
  return "none";
}
