import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { getPricesInForceOrThrow } from "@/lib/pricing/effective";
import { listCatalogModels, getTeamPriceSetOrThrow } from "@/lib/pricing/queries";
import { toPriceRow } from "@/lib/pricing/rows";
import { teamOrGlobalScope } from "@/lib/auth/scope";
import type { PricedModel } from "./cost-report";

/** Every catalog model with the prices in force on `date` for the team (team price set and overrides). */
export async function listPricedModels(ctx: TeamContext, date = new Date()): Promise<{ priceSet: string; models: PricedModel[] }> {
  const [catalog, priceSet] = await Promise.all([listCatalogModels(ctx), getTeamPriceSetOrThrow(ctx)]);
  const unit = new Map(catalog.map((m) => [m.id, m.billingUnit]));
  const rows = (await db.priceEntry.findMany({ where: { ...teamOrGlobalScope(ctx), priceSet } })).map((r) => toPriceRow(r, unit.get(r.modelId) ?? "token"));
  const models = catalog.map((model): PricedModel => {
    try {
      return { model, prices: getPricesInForceOrThrow(rows, { modelId: model.id, teamId: ctx.teamId, date, priceSet }) };
    } catch {
      return { model, prices: null };
    }
  });
  return { priceSet, models };
}

/** The team's saved dataset analyses, newest first. */
export async function listDatasets(ctx: TeamContext, take = 50) {
  return db.dataset.findMany({
    where: teamScope(ctx),
    select: {
      id: true,
      name: true,
      fileName: true,
      baseModelId: true,
      validExamples: true,
      errorCount: true,
      trainedTokens: true,
      epochs: true,
      trainingCostUsd: true,
      createdAt: true,
      // What counting the file with other tokenizers needs (issue #15): figures and the file's identity only.
      fileBytes: true,
      fileSha256: true,
      format: true,
      encoding: true,
      contextLimit: true,
      totalTokens: true,
      billedTokensPerEpoch: true,
      assistantTokens: true,
      tokenCounts: true,
    },
    orderBy: { createdAt: "desc" },
    take,
  });
}
