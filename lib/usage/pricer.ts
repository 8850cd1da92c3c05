import "server-only";
import { inferenceCost } from "@/lib/costs";
import type { Decimal } from "@/lib/money/decimal";
import { toDecimal } from "@/lib/money/decimal";
import { getPricesForMonthOrThrow, type PriceRow } from "@/lib/pricing/effective";
import { toPriceRow } from "@/lib/pricing/rows";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

type Db = Prisma.TransactionClient;

export interface UsageVolumes {
  inputTokens: bigint;
  cachedInputTokens: bigint;
  outputTokens: bigint;
  invoicedCostUsd?: string | null;
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
    /** Cost of one month of a fine-tuned model's usage, exact. A base model not priced per token needs the invoiced cost. */
    async cost(baseModelId: string, month: string, v: UsageVolumes): Promise<Decimal> {
      const prices = await pricesFor(baseModelId, month);
      if (prices.billingUnit !== "token") {
        if (v.invoicedCostUsd) return toDecimal(v.invoicedCostUsd);
        throw new AppError("validation_failed", `${baseModelId} is not priced per token: give the invoiced cost for ${month}.`, {
          invoicedCostUsd: ["Required for a model not priced per token"],
        });
      }
      return inferenceCost(
        { inputTokens: v.inputTokens, cachedInputTokens: v.cachedInputTokens, outputTokens: v.outputTokens },
        prices,
        { fineTuned: true },
      ).totalUsd;
    },
  };
}
