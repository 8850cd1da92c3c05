import type { TeamContext } from "@/lib/auth/resolve-context";
import type { PricedModel } from "@/lib/datasets/cost-report";
import { db } from "@/lib/db/client";
import { DEFAULT_PRICE_SET, getPricesInForceOrThrow } from "@/lib/pricing/effective";
import { listCatalogModels } from "@/lib/pricing/queries";
import { toPriceRow } from "@/lib/pricing/rows";

/**
 * The team with this slug as a read-only context for the CLI's queries, null when there is none. The operator who can
 * run the CLI can read the database anyway; the context exists so team-scoped queries (price set, team overrides)
 * are reused unchanged. No user acts: role VIEWER, and an empty userId that no write could attribute.
 */
export async function findTeamContextBySlug(slug: string): Promise<TeamContext | null> {
  const team = await db.team.findUnique({ where: { slug }, select: { id: true } });
  return team ? { userId: "", teamId: team.id, role: "VIEWER" } : null;
}

/** Every catalog model with the global prices of the default price set in force on `date`: prices without a team. */
export async function listGlobalPricedModels(date = new Date()): Promise<{ priceSet: string; models: PricedModel[] }> {
  const catalog = await listCatalogModels();
  const unit = new Map(catalog.map((m) => [m.id, m.billingUnit]));
  const rows = (await db.priceEntry.findMany({ where: { teamId: null, priceSet: DEFAULT_PRICE_SET } })).map((r) => toPriceRow(r, unit.get(r.modelId) ?? "token"));
  const models = catalog.map((model): PricedModel => {
    try {
      return { model, prices: getPricesInForceOrThrow(rows, { modelId: model.id, teamId: null, date, priceSet: DEFAULT_PRICE_SET }) };
    } catch {
      return { model, prices: null }; // no price in the set: the comparison says so
    }
  });
  return { priceSet: DEFAULT_PRICE_SET, models };
}
