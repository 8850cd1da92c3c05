import "server-only";
import { evaluateRetirementAlerts } from "@/lib/alerts/retirement";
import { recordAudit } from "@/lib/audit/record";
import { trainingCost } from "@/lib/costs";
import { db, type Prisma } from "@/lib/db/client";
import type { PriceEntry } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { addMonths, compareMonths, monthOf } from "@/lib/forecast/month";
import { toDecimal, toDecimalString } from "@/lib/money/decimal";
import { DEFAULT_PRICE_SET } from "@/lib/pricing/effective";
import { createUsagePricer } from "@/lib/usage/pricer";
import { DEMO_BASE_MODELS, demoTeamShape, type DemoProject } from "./shape";
import { demoGenerateSchema, type DemoGenerateInput } from "./schemas";

type Tx = Prisma.TransactionClient;

export interface DemoTeamResult {
  slug: string;
  teamId: string;
  projects: number;
  models: number;
  usageRecords: number;
}

export interface DemoGenerateResult {
  teams: DemoTeamResult[];
  usageRecords: number;
  /** Team price rows added because the history starts before the catalog's first prices (see below). */
  backdatedPriceRows: number;
}

/** Rows per INSERT: large enough to amortise the round trip, small enough to keep each bind message modest. */
const CHUNK = 20_000;

/**
 * Fills the database with reproducible demo teams: projects, fine-tuned models (training cost from the catalog), usage
 * plans, budgets and `months` of usage per model, every cost priced by the same pricer the app uses. Each team is
 * written in one transaction; slugs that already exist are refused before anything is written, so a repeated command
 * changes nothing. Figures depend only on (seed, team number, until, as-of day): run it twice with the same options
 * (another prefix) and the costs match to the last digit. Ids are random.
 *
 * The seeded catalog starts on 2025-04-14. A history reaching further back would have no price in force, so for each
 * base model the team uses, the generator adds one team price row dated the window's first day with the catalog's
 * earliest prices (and says how many it added). A team price row outranks later catalog rows (lib/pricing/effective),
 * so such a demo team keeps those prices until someone edits them.
 */
export async function generateDemoData(
  raw: DemoGenerateInput,
  onProgress: (done: number, total: number, team: DemoTeamResult) => void = () => {},
  now = new Date(),
): Promise<DemoGenerateResult> {
  const o = demoGenerateSchema.parse(raw);
  const current = monthOf(now);
  const until = o.until ?? current;
  if (compareMonths(until, current) > 0) throw new AppError("validation_failed", `--until ${until} is in the future.`, { until: ["Must not be after the current month"] });
  const asOfDay = until === current ? now.getUTCDate() : null;
  const firstMonth = addMonths(until, -(o.months - 1));
  const slugs = Array.from({ length: o.teams }, (_, i) => `${o.prefix}-${String(i + 1).padStart(3, "0")}`);

  const taken = await db.team.findMany({ where: { slug: { in: slugs } }, select: { slug: true } });
  if (taken.length > 0) {
    throw new AppError("conflict", `Team ${taken[0]!.slug} already exists${taken.length > 1 ? ` (and ${taken.length - 1} more)` : ""}: choose another --prefix.`);
  }

  // The earliest catalog row of each demo base model: what a backdated team row copies.
  const earliest: PriceEntry[] = [];
  for (const { id } of DEMO_BASE_MODELS) {
    const row = await db.priceEntry.findFirst({ where: { modelId: id, teamId: null, priceSet: DEFAULT_PRICE_SET }, orderBy: { effectiveFrom: "asc" } });
    if (row) earliest.push(row);
  }

  const result: DemoGenerateResult = { teams: [], usageRecords: 0, backdatedPriceRows: 0 };
  for (let t = 0; t < o.teams; t++) {
    const shape = demoTeamShape({ seed: o.seed, team: t, projects: o.projects, modelsPerProject: o.models, months: o.months, until, asOfDay });
    const team = await db.$transaction(
      async (tx) => {
        const created = await tx.team.create({ data: { slug: slugs[t]!, name: `Demo team ${String(t + 1).padStart(3, "0")}` }, select: { id: true } });
        result.backdatedPriceRows += await backdatePrices(tx, created.id, firstMonth, earliest);
        const written = await writeTeam(tx, created.id, slugs[t]!, shape.projects, now);
        await recordAudit(tx, { teamId: created.id, system: true }, {
          action: "team.create",
          entityType: "team",
          entityId: created.id,
          summary: `Generated demo data: ${shape.projects.length} projects, ${written.models} models, ${written.usageRecords} usage months (seed ${o.seed})${written.planned ? ", a planned move off a retiring model" : ""}`,
          after: { seed: o.seed, team: t + 1, months: o.months, until },
        });
        return { slug: slugs[t]!, teamId: created.id, projects: shape.projects.length, models: written.models, usageRecords: written.usageRecords };
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
    // What the daily run would say today: retirement alerts for the team's models shutting down soon.
    await evaluateRetirementAlerts(team.teamId, { now });
    result.teams.push(team);
    result.usageRecords += team.usageRecords;
    onProgress(t + 1, o.teams, team);
  }
  return result;
}

/** One team price row per demo base model whose catalog prices start after `firstMonth`; returns how many. */
async function backdatePrices(tx: Tx, teamId: string, firstMonth: string, earliest: readonly PriceEntry[]): Promise<number> {
  const from = new Date(`${firstMonth}-01T00:00:00Z`);
  const rows = earliest.filter((r) => r.effectiveFrom > from);
  if (rows.length === 0) return 0;
  await tx.priceEntry.createMany({
    data: rows.map(({ id: _id, createdAt: _c, createdById: _b, ...r }) => ({
      ...r,
      teamId,
      effectiveFrom: from,
      note: `Demo data: the catalog's ${r.effectiveFrom.toISOString().slice(0, 10)} prices, dated back to the start of the generated history`,
    })),
  });
  return rows.length;
}

/** Writes a team's projects, models, plans and priced usage; returns the counts. */
async function writeTeam(tx: Tx, teamId: string, slug: string, projects: DemoProject[], now: Date): Promise<{ models: number; usageRecords: number; planned: boolean }> {
  const pricer = await createUsagePricer(tx, teamId);

  const projectRows = await tx.project.createManyAndReturn({
    data: projects.map((p) => ({ teamId, name: p.name })),
    select: { id: true, name: true },
  });
  const projectId = new Map(projectRows.map((r) => [r.name, r.id]));

  let models = 0;
  let usageRecords = 0;
  const usage = { modelId: [] as string[], month: [] as string[], input: [] as string[], cached: [] as string[], output: [] as string[], requests: [] as string[], asOf: [] as (string | null)[], cost: [] as string[] };
  const flush = async () => {
    if (usage.modelId.length === 0) return;
    await tx.$executeRaw`
      INSERT INTO "UsageRecord" (id, "teamId", "modelId", month, "inputTokens", "cachedInputTokens", "outputTokens", requests, "asOf", "costUsd", source, "updatedAt")
      SELECT gen_random_uuid(), ${teamId}::uuid, t.m, t.mo, t.i, t.c, t.o, t.r, t.a, t.cost, 'API', now()
      FROM unnest(${usage.modelId}::text[]::uuid[], ${usage.month}::text[]::date[], ${usage.input}::text[]::bigint[], ${usage.cached}::text[]::bigint[],
                  ${usage.output}::text[]::bigint[], ${usage.requests}::text[]::bigint[], ${usage.asOf}::text[]::date[], ${usage.cost}::text[]::numeric[])
           AS t(m, mo, i, c, o, r, a, cost)`;
    usageRecords += usage.modelId.length;
    for (const column of Object.values(usage)) column.length = 0;
  };

  for (const project of projects) {
    const pid = projectId.get(project.name)!;
    const data = [];
    for (const m of project.models) {
      // Trained on the first day of its first month: the prices in force then, as the usage of that month.
      const prices = await pricer.pricesFor(m.baseModelId, m.firstMonth);
      data.push({
        teamId,
        projectId: pid,
        displayName: m.displayName,
        providerModelId: `ft:${m.baseModelId}:${slug}:${m.suffix}`,
        baseModelId: m.baseModelId,
        status: "ACTIVE" as const,
        trainingTokens: m.trainingTokens,
        epochs: m.epochs,
        trainedAt: new Date(`${m.firstMonth}-01T00:00:00Z`),
        trainingCostUsd: toDecimalString(trainingCost({ tokens: m.trainingTokens, epochs: m.epochs, prices })),
        promptTokensFineTuned: m.promptTokensFineTuned,
        promptTokensBase: m.promptTokensBase,
      });
    }
    const created = await tx.fineTunedModel.createManyAndReturn({ data, select: { id: true, providerModelId: true } });
    const idOf = new Map(created.map((c) => [c.providerModelId!, c.id]));
    models += created.length;

    // The project's typical month (its models' last complete month) decides its budget: 10% headroom, whole dollars.
    let typicalMonthUsd = toDecimal(0);
    const plans = [];
    for (const m of project.models) {
      const modelId = idOf.get(`ft:${m.baseModelId}:${slug}:${m.suffix}`)!;
      if (m.plan) plans.push({ teamId, modelId, startMonth: new Date(`${m.firstMonth}-01T00:00:00Z`), period: "MONTH" as const, ...m.plan });
      for (const u of m.usage) {
        const cost = await pricer.cost(m.baseModelId, u.month, u);
        usage.modelId.push(modelId);
        usage.month.push(`${u.month}-01`);
        usage.input.push(u.inputTokens.toString());
        usage.cached.push(u.cachedInputTokens.toString());
        usage.output.push(u.outputTokens.toString());
        usage.requests.push(u.requests.toString());
        usage.asOf.push(u.asOf);
        usage.cost.push(toDecimalString(cost));
        if (usage.modelId.length >= CHUNK) await flush();
      }
      const lastComplete = m.usage.findLast((u) => u.asOf === null);
      if (lastComplete) typicalMonthUsd = typicalMonthUsd.plus(await pricer.cost(m.baseModelId, lastComplete.month, lastComplete));
    }
    if (plans.length) await tx.usagePlan.createMany({ data: plans });
    if (project.hasBudget && typicalMonthUsd.gt(0)) {
      await tx.project.update({ where: { id: pid }, data: { monthlyBudgetUsd: typicalMonthUsd.times("1.1").ceil().toFixed(0) } });
    }
  }
  await flush();
  const planned = await planDemoMove(tx, teamId, now);
  return { models: models + (planned ? 1 : 0), usageRecords, planned };
}

/** Where the demo moves its costliest retiring fine-tune: a base model whose prices were confirmed on its provider's page. */
export const DEMO_MOVE_TARGET = "fireworks:accounts/fireworks/models/qwen3-8b";
/** A base model shutting down within this many days of the run gets a planned move. */
const MOVE_WITHIN_DAYS = 90;

/**
 * A planned move, as a team would make one with the migration planner: the model that cost most in its last complete
 * month, among those whose base model shuts down within MOVE_WITHIN_DAYS, gets a PLANNED replacement on
 * DEMO_MOVE_TARGET in its project, whose usage plan carries that month's volumes from the shutdown month on (the
 * switch: the old model's projection ends there, the new one's starts). Token ratio 1: the demo has no training file to
 * re-count. Returns whether it planned one.
 */
async function planDemoMove(tx: Tx, teamId: string, now: Date): Promise<boolean> {
  const horizon = new Date(now.getTime() + MOVE_WITHIN_DAYS * 86_400_000);
  const [candidate] = await tx.$queryRaw<{ id: string; projectId: string; displayName: string; month: Date; inputTokens: bigint; cachedInputTokens: bigint; outputTokens: bigint; shutdownOn: Date }[]>`
    SELECT m.id::text AS id, m."projectId"::text AS "projectId", m."displayName", u.month, u."inputTokens", u."cachedInputTokens", u."outputTokens", cm."shutdownOn"
    FROM "FineTunedModel" m JOIN "CatalogModel" cm ON cm.id = m."baseModelId" JOIN "UsageRecord" u ON u."modelId" = m.id
    WHERE m."teamId" = ${teamId}::uuid AND u."asOf" IS NULL AND cm."shutdownOn" > ${now}::date AND cm."shutdownOn" <= ${horizon}::date
    ORDER BY u.month DESC, u."costUsd" DESC, m.id
    LIMIT 1`;
  if (!candidate) return false;
  const target = await tx.catalogModel.findUnique({ where: { id: DEMO_MOVE_TARGET }, select: { id: true } });
  if (!target) return false;
  const switchMonth = new Date(Date.UTC(candidate.shutdownOn.getUTCFullYear(), candidate.shutdownOn.getUTCMonth(), 1));
  const created = await tx.fineTunedModel.create({
    data: {
      teamId,
      projectId: candidate.projectId,
      displayName: `${candidate.displayName} on Qwen3 8B`,
      baseModelId: target.id,
      status: "PLANNED",
      replacesModelId: candidate.id,
    },
    select: { id: true },
  });
  await tx.usagePlan.create({
    data: {
      teamId,
      modelId: created.id,
      startMonth: switchMonth,
      period: "MONTH",
      inputTokens: candidate.inputTokens,
      cachedInputTokens: candidate.cachedInputTokens,
      outputTokens: candidate.outputTokens,
    },
  });
  return true;
}
