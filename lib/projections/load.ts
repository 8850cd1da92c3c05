import "server-only";
import { z } from "zod";
import { type ActualMonth, monthRange, type PricesForMonth, TREND_MAX_OBSERVATIONS, type UsagePlanInput } from "@/lib/forecast";
import { Prisma } from "@/lib/generated/prisma/client";
import { dayOrNull } from "@/lib/lifecycle/dates";
import { type Decimal, toDecimal, toDecimalString } from "@/lib/money/decimal";
import { getPricesForMonthOrThrow, type PriceRow } from "@/lib/pricing/effective";
import { PRICE_ROW_SELECT, toPriceRow } from "@/lib/pricing/rows";
import { modelMonths, type ModelMonth, sumMonth, type SumMonth } from "./compute";

/** A Prisma client or an interactive transaction: alerts load inside their transaction, queries outside one. */
export type DbClient = Prisma.TransactionClient;

/** What to project: a team, optionally some of its projects, and a range of months. */
export interface ProjectionScope {
  teamId: string;
  /** Only these projects (already checked to be the team's); all of the team's when absent. */
  projectIds?: readonly string[];
  /** Only these models (of those projects); all of them when absent. */
  modelIds?: readonly string[];
  from: string;
  to: string;
}

/** A project with its alert rules resolved against the team's defaults. */
export interface ProjectInfo {
  id: string;
  name: string;
  archived: boolean;
  budgetUsd: string | null;
  deviationThresholdPct: string;
  budgetThresholds: number[];
  anomalies: boolean;
}

export interface ModelProjection {
  id: string;
  projectId: string;
  name: string;
  /** The model's shutdown day and a planned move's switch month, as its months were cut by (lib/lifecycle). */
  shutdownOn: string | null;
  endMonth: string | null;
  /** It takes over from another model (a planned move). */
  replacesModelId: string | null;
  months: ModelMonth[];
}

/** Every model's months, each project's sums and the team's, for one range. */
export interface Projection {
  months: string[];
  projects: ProjectInfo[];
  models: ModelProjection[];
  projectMonths: Map<string, SumMonth[]>;
  teamMonths: SumMonth[];
}

/** A Prisma Decimal (its own decimal.js copy, printing 1e-7 for small values) as our exact plain string. */
export function decimalOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : toDecimalString(toDecimal(v as Decimal));
}

const monthStart = (m: string) => `${m}-01`;

const recordRow = z.object({ modelId: z.string(), month: z.string(), costUsd: z.string(), asOfDay: z.number().int().nullable() });
const totalRow = z.object({ projectId: z.string().nullable(), month: z.string(), actualUsd: z.string() });

/**
 * Loads and computes a projection with a fixed number of queries whatever the number of models and months: team,
 * projects, models, usage records, SQL sums, plans, price rows.
 */
export async function loadProjection(client: DbClient, scope: ProjectionScope): Promise<Projection> {
  const { teamId, from, to } = scope;
  const months = monthRange(from, to);
  const projectFilter = scope.projectIds ? { id: { in: [...scope.projectIds] } } : {};

  const team = await client.team.findUniqueOrThrow({ where: { id: teamId }, select: { priceSet: true, alertBudgetThresholds: true, alertAnomalies: true } });
  const projectRows = await client.project.findMany({
    where: { teamId, ...projectFilter },
    select: { id: true, name: true, archivedAt: true, monthlyBudgetUsd: true, deviationThresholdPct: true, alertBudgetThresholds: true, alertAnomalies: true },
    orderBy: { name: "asc" },
  });
  const projectIds = projectRows.map((p) => p.id);
  const modelRows = await client.fineTunedModel.findMany({
    where: { teamId, projectId: { in: projectIds }, ...(scope.modelIds ? { id: { in: [...scope.modelIds] } } : {}) },
    select: {
      id: true,
      projectId: true,
      displayName: true,
      baseModelId: true,
      shutdownOn: true,
      replacesModelId: true,
      baseModel: { select: { shutdownOn: true } },
      // A planned move ends this model where its replacement's plan starts.
      replacedBy: { select: { plan: { select: { startMonth: true } } } },
    },
    orderBy: { displayName: "asc" },
  });

  // The range's months, plus each model's latest complete months before it: all the trend of any month in the range
  // can use (it fits the latest TREND_MAX_OBSERVATIONS complete months before the month), however long the gaps.
  const records = z.array(recordRow).parse(
    await client.$queryRaw`
      WITH scoped AS (
        SELECT u."modelId", u.month, u."costUsd", u."asOf"
        FROM "UsageRecord" u JOIN "FineTunedModel" m ON m.id = u."modelId"
        WHERE u."teamId" = ${teamId}::uuid AND m."projectId" = ANY(${projectIds}::uuid[]) AND u.month <= ${monthStart(to)}::date
          AND (${!scope.modelIds} OR m.id = ANY(${[...(scope.modelIds ?? [])]}::uuid[]))
      )
      SELECT "modelId"::text AS "modelId", to_char(month, 'YYYY-MM') AS month, "costUsd"::text AS "costUsd",
             EXTRACT(DAY FROM "asOf")::int AS "asOfDay"
      FROM scoped WHERE month >= ${monthStart(from)}::date
      UNION ALL
      SELECT "modelId"::text, to_char(month, 'YYYY-MM'), "costUsd"::text, EXTRACT(DAY FROM "asOf")::int
      FROM (SELECT *, row_number() OVER (PARTITION BY "modelId" ORDER BY month DESC) AS rn
            FROM scoped
            WHERE month < ${monthStart(from)}::date
              AND ("asOf" IS NULL OR "asOf" = (month + interval '1 month' - interval '1 day')::date)) history
      WHERE rn <= ${TREND_MAX_OBSERVATIONS}`,
  );

  // Actual cost per project and month, and per month for all of them, summed by PostgreSQL.
  const totals = z.array(totalRow).parse(
    await client.$queryRaw`
      SELECT m."projectId"::text AS "projectId", to_char(u.month, 'YYYY-MM') AS month, SUM(u."costUsd")::text AS "actualUsd"
      FROM "UsageRecord" u JOIN "FineTunedModel" m ON m.id = u."modelId"
      WHERE u."teamId" = ${teamId}::uuid AND m."projectId" = ANY(${projectIds}::uuid[])
        AND u.month BETWEEN ${monthStart(from)}::date AND ${monthStart(to)}::date
        AND (${!scope.modelIds} OR m.id = ANY(${[...(scope.modelIds ?? [])]}::uuid[]))
      GROUP BY GROUPING SETS ((m."projectId", u.month), (u.month))`,
  );

  const planRows = await client.usagePlan.findMany({ where: { teamId, modelId: { in: modelRows.map((m) => m.id) } } });
  const planned = new Set(planRows.map((p) => p.modelId));
  const baseModels = [...new Set(modelRows.filter((m) => planned.has(m.id)).map((m) => m.baseModelId))];
  const priceRows = await client.priceEntry.findMany({
    where: { modelId: { in: baseModels }, priceSet: team.priceSet, OR: [{ teamId: null }, { teamId }] },
    select: { ...PRICE_ROW_SELECT, model: { select: { billingUnit: true } } },
  });

  const rowsByBase = new Map<string, PriceRow[]>();
  for (const r of priceRows) {
    const list = rowsByBase.get(r.modelId) ?? [];
    list.push(toPriceRow(r, r.model.billingUnit === "TRAINING_HOUR" ? "training_hour" : "token"));
    rowsByBase.set(r.modelId, list);
  }
  const pricesCache = new Map<string, ReturnType<PricesForMonth>>();
  const pricesFor =
    (baseModelId: string): PricesForMonth =>
    (month) => {
      const key = `${baseModelId}|${month}`;
      let prices = pricesCache.get(key);
      if (!prices) {
        prices = getPricesForMonthOrThrow(rowsByBase.get(baseModelId) ?? [], { modelId: baseModelId, teamId, month, priceSet: team.priceSet });
        pricesCache.set(key, prices);
      }
      return prices;
    };
  const plans = new Map(
    planRows.map((p): [string, UsagePlanInput] => [
      p.modelId,
      {
        startMonth: p.startMonth.toISOString().slice(0, 7),
        period: p.period === "DAY" ? "day" : "month",
        inputTokens: p.inputTokens,
        cachedInputTokens: p.cachedInputTokens,
        outputTokens: p.outputTokens,
        daysPerMonth: p.daysPerMonth,
        monthlyGrowthPct: decimalOrNull(p.monthlyGrowthPct)!,
      },
    ]),
  );

  const actualsByModel = new Map<string, ActualMonth[]>();
  for (const r of records) {
    const list = actualsByModel.get(r.modelId) ?? [];
    list.push({ month: r.month, costUsd: r.costUsd, asOfDay: r.asOfDay });
    actualsByModel.set(r.modelId, list);
  }

  const models: ModelProjection[] = modelRows.map((m) => {
    const plan = plans.get(m.id);
    const shutdownOn = dayOrNull(m.shutdownOn ?? m.baseModel.shutdownOn);
    const endMonth = m.replacedBy?.plan ? m.replacedBy.plan.startMonth.toISOString().slice(0, 7) : null;
    return {
      id: m.id,
      projectId: m.projectId,
      name: m.displayName,
      shutdownOn,
      endMonth,
      replacesModelId: m.replacesModelId,
      months: modelMonths(
        { id: m.id, actuals: actualsByModel.get(m.id) ?? [], plan: plan ? { plan, pricesFor: pricesFor(m.baseModelId) } : null, lifecycle: { shutdownOn, endMonth } },
        months,
      ),
    };
  });

  const projects: ProjectInfo[] = projectRows.map((p) => ({
    id: p.id,
    name: p.name,
    archived: p.archivedAt !== null,
    budgetUsd: decimalOrNull(p.monthlyBudgetUsd),
    deviationThresholdPct: decimalOrNull(p.deviationThresholdPct)!,
    // A project's empty list means "the team's"; the team's own empty list means no budget-forecast alerts.
    budgetThresholds: [...new Set(p.alertBudgetThresholds.length ? p.alertBudgetThresholds : team.alertBudgetThresholds)],
    anomalies: p.alertAnomalies ?? team.alertAnomalies,
  }));

  const actual = new Map(totals.map((t) => [`${t.projectId ?? "*"}|${t.month}`, toDecimalString(t.actualUsd)]));
  const sums = (ms: readonly ModelProjection[], key: string, budgetUsd: string | null) =>
    months.map((month, i) => sumMonth(month, ms.map((m) => m.months[i]!), actual.get(`${key}|${month}`) ?? null, budgetUsd));

  const byProject = new Map<string, ModelProjection[]>();
  for (const m of models) {
    const list = byProject.get(m.projectId) ?? [];
    list.push(m);
    byProject.set(m.projectId, list);
  }
  const projectMonths = new Map(projects.map((p) => [p.id, sums(byProject.get(p.id) ?? [], p.id, p.budgetUsd)]));
  const budgets = projects.map((p) => p.budgetUsd).filter((b): b is string => b !== null);
  const teamBudget = budgets.length ? toDecimalString(budgets.reduce((a, b) => a.plus(toDecimal(b)), toDecimal(0))) : null;
  return { months, projects, models, projectMonths, teamMonths: sums(models, "*", teamBudget) };
}
