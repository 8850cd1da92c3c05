import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamOrGlobalScope, teamScope } from "@/lib/auth/scope";
import type { HostingSchedule } from "@/lib/costs";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { addMonths } from "@/lib/forecast/month";
import { dayOf, dayOrNull, isTrainableOn, modelLifecycle } from "@/lib/lifecycle/dates";
import { toDecimal } from "@/lib/money/decimal";
import { getPricesInForceOrThrow, type PriceRow } from "@/lib/pricing/effective";
import { CATALOG_MODEL_SELECT, PRICE_ROW_SELECT, toCatalogModel, toPriceRow } from "@/lib/pricing/rows";
import { averageWorkload, lastCompleteMonths, planMigration, type Candidate, type CurrentModel, type DatasetCounts } from "./options";
import { datasetTokenCounts } from "@/lib/datasets/token-counts";
import { type MigrationOptionsView, type MigrationQuery } from "./schemas";

const SCHEDULE: Record<"NONE" | "ALWAYS_ON" | "BUSINESS_HOURS", HostingSchedule> = { NONE: "none", ALWAYS_ON: "always_on", BUSINESS_HOURS: "business_hours" };

const MOVE_MODEL_SELECT = {
  id: true,
  displayName: true,
  projectId: true,
  status: true,
  baseModelId: true,
  shutdownOn: true,
  trainingTokens: true,
  epochs: true,
  trainingMethod: true,
  fineTuneType: true,
  validationTokens: true,
  evaluations: true,
  hostingSchedule: true,
  archivedAt: true,
  baseModel: { select: CATALOG_MODEL_SELECT },
  dataset: { select: { encoding: true, totalTokens: true, billedTokensPerEpoch: true, assistantTokens: true, epochs: true, tokenCounts: true } },
  replacedBy: { select: { id: true, displayName: true, baseModelId: true } },
} as const;

/** The usage window: `from`/`to` as given, else the last 3 complete months before today's. */
export function resolveWindow(query: Pick<MigrationQuery, "from" | "to">, today: string): { from: string; to: string } {
  const fallback = lastCompleteMonths(today);
  if (query.from && query.to) return { from: query.from, to: query.to };
  if (query.from) return { from: query.from, to: query.from > fallback.to ? query.from : fallback.to };
  if (query.to) return { from: addMonths(query.to, -2), to: query.to };
  return fallback;
}

/**
 * The migration planner of one model of the team (another team's model is 404): its workload over the window priced
 * on every base model still trainable today — global or the team's own — other than its own, at the team's prices.
 */
export async function getMigrationOptionsOrThrow(ctx: TeamContext, modelId: string, query: MigrationQuery, now = new Date()): Promise<MigrationOptionsView> {
  const today = dayOf(now);
  const window = resolveWindow(query, today);
  // A month in progress would pull the averages down: the window is complete months only.
  if (window.to >= today.slice(0, 7)) {
    throw new AppError("bad_request", "The usage window must end before the current month.", { [query.to ? "to" : "from"]: [`Use a month before ${today.slice(0, 7)}`] });
  }
  const model = await db.fineTunedModel.findFirst({ where: { id: modelId, ...teamScope(ctx) }, select: MOVE_MODEL_SELECT });
  if (!model) throw notFound("Model");

  const [records, catalogRows, team] = await Promise.all([
    db.usageRecord.findMany({
      where: { modelId, ...teamScope(ctx), month: { gte: new Date(`${window.from}-01T00:00:00Z`), lte: new Date(`${window.to}-01T00:00:00Z`) } },
      select: { month: true, inputTokens: true, cachedInputTokens: true, outputTokens: true, batchInputTokens: true, batchOutputTokens: true, hostingHours: true, costUsd: true, fixedCostUsd: true },
      orderBy: { month: "asc" },
    }),
    db.catalogModel.findMany({ where: teamOrGlobalScope(ctx), select: CATALOG_MODEL_SELECT, orderBy: { id: "asc" } }),
    db.team.findUniqueOrThrow({ where: { id: ctx.teamId }, select: { priceSet: true } }),
  ]);

  const base = toCatalogModel(model.baseModel);
  const baseLifecycle = base.lifecycle ?? { announcedOn: null, trainingEndsOn: null, shutdownOn: null, replacement: null, sourceUrl: null };
  const lifecycle = modelLifecycle(baseLifecycle, dayOrNull(model.shutdownOn));

  const catalog = catalogRows.map(toCatalogModel).filter((m) => {
    if (m.id === base.id) return false;
    if (m.lifecycle && !isTrainableOn(m.lifecycle, today)) return false;
    // A base that shuts down no later than the current one solves nothing (OpenAI's gpt-4.1 trains until 5 Jan 2027
    // but serves only to 14 Jan): it is not a candidate.
    const shutdown = m.lifecycle?.shutdownOn ?? null;
    if (shutdown && lifecycle.shutdownOn && shutdown <= lifecycle.shutdownOn) return false;
    if (query.provider && m.provider !== query.provider) return false;
    if (query.minContext !== undefined && (m.trainingContextLimit === null || m.trainingContextLimit < query.minContext)) return false;
    return true;
  });
  const priceRows = await db.priceEntry.findMany({
    where: { ...teamOrGlobalScope(ctx), priceSet: team.priceSet, modelId: { in: catalog.map((m) => m.id) } },
    select: PRICE_ROW_SELECT,
  });
  const unit = new Map(catalog.map((m) => [m.id, m.billingUnit]));
  const rows: PriceRow[] = [];
  const broken = new Set<string>();
  for (const r of priceRows) {
    try {
      rows.push(toPriceRow(r, unit.get(r.modelId) ?? "token"));
    } catch {
      broken.add(r.modelId); // a row lacking a required price: the candidate is listed as not priced
    }
  }
  const candidates: Candidate[] = catalog.map((m) => {
    let prices: PriceRow | null = null;
    try {
      prices = getPricesInForceOrThrow(rows, { modelId: m.id, teamId: ctx.teamId, date: now, priceSet: team.priceSet });
    } catch {
      prices = null;
    }
    return {
      id: m.id,
      provider: m.provider,
      displayName: m.displayName ?? m.id,
      encoding: m.encoding,
      tokenizerExact: m.tokenizerExact ?? true,
      trainingContextLimit: m.trainingContextLimit,
      maxEpochs: m.maxEpochs ?? null,
      billingUnit: m.billingUnit,
      teamOwned: Boolean(m.teamId),
      shutdownOn: m.lifecycle?.shutdownOn ?? null,
      prices: prices ?? null,
    };
  });

  const current: CurrentModel = {
    id: model.id,
    displayName: model.displayName,
    baseModelId: base.id,
    provider: base.provider,
    encoding: base.encoding,
    tokenizerExact: base.tokenizerExact ?? true,
    shutdownOn: lifecycle.shutdownOn,
    trainingTokens: model.trainingTokens,
    epochs: model.epochs,
    method: model.trainingMethod === "DPO" ? "dpo" : model.trainingMethod === "RFT" ? "rft" : "sft",
    fineTuneType: model.fineTuneType === "FULL" ? "full" : "lora",
    validationTokens: model.validationTokens,
    evaluations: model.evaluations,
    hostingSchedule: SCHEDULE[model.hostingSchedule],
    dataset: model.dataset ? datasetCounts(model.dataset) : null,
  };
  const workload = averageWorkload(
    records.map((r) => ({
      month: r.month.toISOString().slice(0, 7),
      inputTokens: r.inputTokens,
      cachedInputTokens: r.cachedInputTokens,
      outputTokens: r.outputTokens,
      batchInputTokens: r.batchInputTokens,
      batchOutputTokens: r.batchOutputTokens,
      hostingHours: r.hostingHours === null ? null : toDecimal(r.hostingHours.toString()),
      costUsd: toDecimal(r.costUsd.toString()),
      fixedCostUsd: toDecimal(r.fixedCostUsd.toString()),
    })),
    window,
  );
  const plan = planMigration({ today, current, workload, candidates });
  for (const u of plan.unpriced) {
    if (broken.has(u.modelId)) u.reason = "Its price row lacks a per-token price (served on a dedicated endpoint?): enter a team price to compare it.";
  }
  return {
    ...plan,
    filters: { provider: query.provider ?? null, minContext: query.minContext ?? null },
    replacedBy: model.replacedBy,
  };
}

function datasetCounts(d: { encoding: string; totalTokens: bigint; billedTokensPerEpoch: bigint; assistantTokens: bigint; epochs: number; tokenCounts: unknown }): DatasetCounts {
  let byTokenizer: DatasetCounts["byTokenizer"] = {};
  try {
    byTokenizer = Object.fromEntries(
      [...datasetTokenCounts(d)].filter(([id]) => id !== d.encoding).map(([id, c]) => [id, { total: BigInt(c.total), billedPerEpoch: BigInt(c.billedPerEpoch), assistant: BigInt(c.assistant) }]),
    );
  } catch (error) {
    // Malformed stored counts can only come from a defect: price with the stored count ("estimated") rather than fail.
    console.error("[tunecost] a dataset's tokenCounts is malformed; the planner uses its own count", error);
  }
  return {
    encoding: d.encoding,
    own: { total: d.totalTokens, billedPerEpoch: d.billedTokensPerEpoch, assistant: d.assistantTokens },
    epochs: d.epochs,
    byTokenizer,
  };
}

/** What the project-level move page lists: each active (or retiring) model of the project with its cheapest options. */
export async function getProjectMoveOverviewOrThrow(ctx: TeamContext, projectId: string, query: Pick<MigrationQuery, "from" | "to">, now = new Date(), top = 3) {
  const project = await db.project.findFirst({ where: { id: projectId, ...teamScope(ctx) }, select: { id: true, name: true } });
  if (!project) throw notFound("Project");
  const models = await db.fineTunedModel.findMany({
    where: { projectId, ...teamScope(ctx), archivedAt: null, status: { in: ["ACTIVE", "TRAINING"] } },
    select: { id: true },
    orderBy: { displayName: "asc" },
  });
  const entries: { current: MigrationOptionsView["current"]; window: MigrationOptionsView["window"]; replacedBy: MigrationOptionsView["replacedBy"]; options: MigrationOptionsView["options"] }[] = [];
  for (const m of models) {
    const view = await getMigrationOptionsOrThrow(ctx, m.id, query, now);
    entries.push({ current: view.current, window: view.window, replacedBy: view.replacedBy, options: view.options.slice(0, top) });
  }
  const sum = (pick: (e: (typeof entries)[number]) => string | null | undefined) =>
    entries.reduce((acc, e) => acc.plus(toDecimal(pick(e) ?? "0")), toDecimal(0)).toFixed();
  return {
    project,
    today: dayOf(now),
    entries,
    totals: {
      currentMonthlyUsd: sum((e) => e.current.monthlyUsd),
      costUntilShutdownUsd: sum((e) => e.current.costUntilShutdownUsd),
      cheapestMonthlyUsd: sum((e) => e.options[0]?.monthly.totalUsd),
      cheapestNext12MonthsUsd: sum((e) => e.options[0]?.next12MonthsUsd),
    },
  };
}
export type ProjectMoveOverview = Awaited<ReturnType<typeof getProjectMoveOverviewOrThrow>>;

/** A model's shutdown day (its own, else its base model's) and where it comes from; null when none is known. */
export async function findModelShutdown(ctx: TeamContext, modelId: string): Promise<{ shutdownOn: string; source: "model" | "catalog" } | null> {
  const row = await db.fineTunedModel.findFirst({ where: { id: modelId, ...teamScope(ctx) }, select: { shutdownOn: true, baseModel: { select: CATALOG_MODEL_SELECT } } });
  if (!row) return null;
  const base = toCatalogModel(row.baseModel).lifecycle ?? { announcedOn: null, trainingEndsOn: null, shutdownOn: null, replacement: null, sourceUrl: null };
  const lifecycle = modelLifecycle(base, dayOrNull(row.shutdownOn));
  return lifecycle.shutdownOn && lifecycle.shutdownSource ? { shutdownOn: lifecycle.shutdownOn, source: lifecycle.shutdownSource } : null;
}

/** The display names of the models a model replaces and is replaced by, for its page. */
export async function findMoveLinks(ctx: TeamContext, model: { replacesModelId: string | null; replacedById: string | null }) {
  const ids = [model.replacesModelId, model.replacedById].filter((v): v is string => v !== null);
  if (ids.length === 0) return { replaces: null, replacedBy: null };
  const rows = await db.fineTunedModel.findMany({ where: { id: { in: ids }, ...teamScope(ctx) }, select: { id: true, displayName: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { replaces: (model.replacesModelId && byId.get(model.replacesModelId)) || null, replacedBy: (model.replacedById && byId.get(model.replacedById)) || null };
}
