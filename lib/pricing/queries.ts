import "server-only";
import { teamOrGlobalScope } from "@/lib/auth/scope";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { db } from "@/lib/db/client";
import { getPricesInForceOrThrow, type PriceRow } from "./effective";
import { resolveModel } from "./model-name";
import { PROVIDER_IDS, PROVIDERS } from "./providers";
import { CATALOG_MODEL_SELECT, PRICE_ROW_SELECT, toCatalogModel, toPriceRow } from "./rows";
import type { CatalogModel } from "./types";

const PRICE_SELECT = { ...PRICE_ROW_SELECT, id: true, note: true, sourceUrl: true, checkedOn: true, verified: true, createdAt: true } as const;

/** Every base model of the global catalog, and the team's own ones when `ctx` is given, ordered by id. */
export async function listCatalogModels(ctx?: Pick<TeamContext, "teamId">): Promise<CatalogModel[]> {
  const rows = await db.catalogModel.findMany({
    where: ctx ? { OR: [{ teamId: null }, { teamId: ctx.teamId }] } : { teamId: null },
    select: CATALOG_MODEL_SELECT,
    orderBy: { id: "asc" },
  });
  return rows.map(toCatalogModel);
}

/** The price sets that have global prices (e.g. "openai", "article-2026"). */
export async function listPriceSets(): Promise<string[]> {
  const rows = await db.priceEntry.findMany({ where: { teamId: null }, distinct: ["priceSet"], select: { priceSet: true }, orderBy: { priceSet: "asc" } });
  return rows.map((r) => r.priceSet);
}

/** The team's chosen price set. */
export async function getTeamPriceSetOrThrow(ctx: TeamContext): Promise<string> {
  const team = await db.team.findUniqueOrThrow({ where: { id: ctx.teamId }, select: { priceSet: true } });
  return team.priceSet;
}

/** Global and this team's rows for some models in one price set, as pure PriceRows. */
async function loadPriceRows(ctx: TeamContext, models: CatalogModel[], priceSet: string): Promise<PriceRow[]> {
  const unit = new Map(models.map((m) => [m.id, m.billingUnit]));
  const rows = await db.priceEntry.findMany({
    where: { ...teamOrGlobalScope(ctx), priceSet, modelId: { in: models.map((m) => m.id) } },
    select: PRICE_SELECT,
  });
  return rows.map((r) => toPriceRow(r, unit.get(r.modelId) ?? "token"));
}

export interface ResolvedPrices {
  model: CatalogModel;
  prices: PriceRow;
  priceSet: string;
  /** "team" when one of the team's own rows is in force, else "global". */
  source: "team" | "global";
}

/**
 * (team, model name, date) → the prices in force that day, in the team's price set (or `priceSet`).
 * `ft:…` names resolve to their base model; an unknown name throws an error naming close matches.
 */
export async function getPricesInForceForTeamOrThrow(
  ctx: TeamContext,
  query: { model: string; date: Date; priceSet?: string },
): Promise<ResolvedPrices> {
  const catalog = await listCatalogModels(ctx);
  const model = resolveModel(query.model, catalog);
  const priceSet = query.priceSet ?? (await getTeamPriceSetOrThrow(ctx));
  const rows = await loadPriceRows(ctx, [model], priceSet);
  const prices = getPricesInForceOrThrow(rows, { modelId: model.id, teamId: ctx.teamId, date: query.date, priceSet });
  return { model, prices, priceSet, source: prices.teamId === null ? "global" : "team" };
}

/** A price entry as shown in the catalog UI: money as exact decimal strings. */
export interface PriceEntryView {
  id: string;
  modelId: string;
  scope: "global" | "team";
  effectiveFrom: string;
  trainingPerMTokUsd: string | null;
  inputPerMTokUsd: string | null;
  cachedInputPerMTokUsd: string | null;
  outputPerMTokUsd: string | null;
  baseInputPerMTokUsd: string | null;
  baseCachedInputPerMTokUsd: string | null;
  baseOutputPerMTokUsd: string | null;
  trainingPerHourUsd: string | null;
  trainingFullPerMTokUsd: string | null;
  trainingDpoPerMTokUsd: string | null;
  trainingDpoFullPerMTokUsd: string | null;
  validationBilled: boolean;
  minTrainingChargeUsd: string | null;
  batchInputPerMTokUsd: string | null;
  batchOutputPerMTokUsd: string | null;
  hostingPerHourUsd: string | null;
  storagePerMonthUsd: string | null;
  /** The page a global row's figures come from, the day they were checked, and whether that page confirmed them. */
  sourceUrl: string | null;
  checkedOn: string | null;
  verified: boolean | null;
  note: string | null;
  inForce: boolean;
}

export interface CatalogView {
  priceSet: string;
  priceSets: string[];
  today: string;
  models: (CatalogModel & { current: PriceEntryView | null; history: PriceEntryView[] })[];
}

const str = (v: { toString(): string } | null) => (v === null ? null : v.toString());

/** The Settings → Pricing page: every model, the row in force today for this team, and the full dated history. */
export async function getCatalogView(ctx: TeamContext, today = new Date()): Promise<CatalogView> {
  const [catalog, priceSet, priceSets] = await Promise.all([listCatalogModels(ctx), getTeamPriceSetOrThrow(ctx), listPriceSets()]);
  const raw = await db.priceEntry.findMany({
    where: { ...teamOrGlobalScope(ctx), priceSet },
    select: PRICE_SELECT,
    orderBy: [{ effectiveFrom: "desc" }, { createdAt: "desc" }],
  });
  const unit = new Map(catalog.map((m) => [m.id, m.billingUnit]));
  const pure = raw.map((r) => toPriceRow(r, unit.get(r.modelId) ?? "token"));
  const models = catalog.map((m) => {
    let current: PriceRow | null = null;
    try {
      current = getPricesInForceOrThrow(pure, { modelId: m.id, teamId: ctx.teamId, date: today, priceSet });
    } catch {
      current = null; // no price in this set: shown as "not priced"
    }
    const history = raw
      .filter((r) => r.modelId === m.id)
      .map((r): PriceEntryView => ({
        id: r.id,
        modelId: r.modelId,
        scope: r.teamId === null ? "global" : "team",
        effectiveFrom: r.effectiveFrom.toISOString().slice(0, 10),
        trainingPerMTokUsd: str(r.trainingPerMTokUsd),
        inputPerMTokUsd: str(r.inputPerMTokUsd),
        cachedInputPerMTokUsd: str(r.cachedInputPerMTokUsd),
        outputPerMTokUsd: str(r.outputPerMTokUsd),
        baseInputPerMTokUsd: str(r.baseInputPerMTokUsd),
        baseCachedInputPerMTokUsd: str(r.baseCachedInputPerMTokUsd),
        baseOutputPerMTokUsd: str(r.baseOutputPerMTokUsd),
        trainingPerHourUsd: str(r.trainingPerHourUsd),
        trainingFullPerMTokUsd: str(r.trainingFullPerMTokUsd),
        trainingDpoPerMTokUsd: str(r.trainingDpoPerMTokUsd),
        trainingDpoFullPerMTokUsd: str(r.trainingDpoFullPerMTokUsd),
        validationBilled: r.validationBilled,
        minTrainingChargeUsd: str(r.minTrainingChargeUsd),
        batchInputPerMTokUsd: str(r.batchInputPerMTokUsd),
        batchOutputPerMTokUsd: str(r.batchOutputPerMTokUsd),
        hostingPerHourUsd: str(r.hostingPerHourUsd),
        storagePerMonthUsd: str(r.storagePerMonthUsd),
        sourceUrl: r.sourceUrl,
        checkedOn: r.checkedOn?.toISOString().slice(0, 10) ?? null,
        verified: r.verified,
        note: r.note,
        inForce:
          current !== null &&
          r.effectiveFrom.getTime() === current.effectiveFrom.getTime() &&
          (r.teamId === null) === (current.teamId === null),
      }));
    return { ...m, current: history.find((h) => h.inForce) ?? null, history };
  });
  return { priceSet, priceSets, today: today.toISOString().slice(0, 10), models };
}

/** The catalog as GET /api/v1/catalog answers it: providers, base models (global and the team's own) and today's prices. */
export async function getCatalogForApi(ctx: TeamContext, today = new Date()) {
  const view = await getCatalogView(ctx, today);
  return {
    priceSet: view.priceSet,
    date: view.today,
    providers: PROVIDER_IDS.map((id) => ({ id, name: PROVIDERS[id].name, modelIdExample: PROVIDERS[id].modelIdExample })),
    models: view.models.map((m) => {
      const p = m.current;
      return {
        id: m.id,
        provider: m.provider,
        displayName: m.displayName ?? m.id,
        aliases: [...m.aliases],
        tokenizer: m.encoding,
        tokenizerExact: m.tokenizerExact ?? true,
        contextLength: m.trainingContextLimit,
        trainingBilling: m.billingUnit,
        maxEpochs: m.maxEpochs ?? null,
        minExamples: m.minExamples ?? null,
        owner: m.teamId ? ("team" as const) : ("catalog" as const),
        lifecycle: m.lifecycle ?? null,
        prices: p && {
          scope: p.scope,
          effectiveFrom: p.effectiveFrom,
          trainingPerMTokUsd: p.trainingPerMTokUsd,
          trainingFullPerMTokUsd: p.trainingFullPerMTokUsd,
          trainingDpoPerMTokUsd: p.trainingDpoPerMTokUsd,
          trainingDpoFullPerMTokUsd: p.trainingDpoFullPerMTokUsd,
          trainingPerHourUsd: p.trainingPerHourUsd,
          validationBilled: p.validationBilled,
          minTrainingChargeUsd: p.minTrainingChargeUsd,
          inputPerMTokUsd: p.inputPerMTokUsd,
          cachedInputPerMTokUsd: p.cachedInputPerMTokUsd,
          outputPerMTokUsd: p.outputPerMTokUsd,
          batchInputPerMTokUsd: p.batchInputPerMTokUsd,
          batchOutputPerMTokUsd: p.batchOutputPerMTokUsd,
          baseInputPerMTokUsd: p.baseInputPerMTokUsd,
          baseCachedInputPerMTokUsd: p.baseCachedInputPerMTokUsd,
          baseOutputPerMTokUsd: p.baseOutputPerMTokUsd,
          hostingPerHourUsd: p.hostingPerHourUsd,
          storagePerMonthUsd: p.storagePerMonthUsd,
          sourceUrl: p.sourceUrl,
          checkedOn: p.checkedOn,
          verified: p.scope === "team" ? null : p.verified,
          note: p.note,
        },
      };
    }),
  };
}
