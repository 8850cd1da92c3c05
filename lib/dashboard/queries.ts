import "server-only";
import { z } from "zod";
import { countOpenAlerts, listAlerts } from "@/lib/alerts/queries";
import type { AlertView } from "@/lib/alerts/schemas";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { addMonths, daysInMonth, monthOf, monthRange } from "@/lib/forecast";
import { Prisma } from "@/lib/generated/prisma/client";
import { toDecimal, toDecimalString } from "@/lib/money/decimal";
import { getPricesForMonthOrThrow, type PriceRow } from "@/lib/pricing/effective";
import { NoPriceError } from "@/lib/pricing/errors";
import { providerName } from "@/lib/pricing/providers";
import { PRICE_ROW_SELECT, toPriceRow } from "@/lib/pricing/rows";
import { dayOrNull } from "@/lib/lifecycle/dates";
import { decimalOrNull, loadProjection } from "@/lib/projections/load";
import { getCostSeries, getProjectCosts, getTeamCosts, type PublicMonth } from "@/lib/projections/queries";
import { type LifecycleDelta, type LifecycleModel, lifecycleDelta, shutdownMarks, type ShutdownMark } from "./lifecycle";
import { savingsAgainstBase, type Savings } from "./savings";
import {
  type AggregateMonth,
  aggregateSeries,
  budgetBurn,
  type BudgetBurn,
  dashboardRange,
  type FallbackMonth,
  monthsWithoutTrend,
  type SeriesMonth,
  stackProjects,
  sumUsd,
} from "./series";

// Reads for the three dashboards. Every page render runs a fixed number of SQL statements whatever the number of
// projects, models and months (tests/integration/dashboard.test.ts counts them); sums run in PostgreSQL over the stored
// UsageRecord.costUsd, and only top-N rows leave it. See docs/decisions/012-dashboard-queries.md.

/** Which usage a query sums: the team's, one project's or one model's (ids already checked to be the team's). */
type Scope = { teamId: string; projectId?: string; modelId?: string };

const monthStart = (m: string) => `${m}-01`;

const money = z.string().regex(/^-?\d+(\.\d+)?$/);
const aggregateRow = z.object({
  projectId: z.string().nullable(),
  month: z.string(),
  actualUsd: money,
  monthEndUsd: money,
  inProgress: z.boolean(),
  asOfDay: z.number().int().nullable(),
});

/**
 * Σ cost per month (and per project and month, when asked) from `from` to `to`, with each month's month end: the sum of
 * each record's cost, or while in progress its pace cost × days ÷ as-of day (lib/forecast paceProjection, in SQL
 * numeric). A team's or a project's sums come from the ProjectMonthCost rollup (docs/decisions/016: a few hundred rows
 * whatever the number of models); one model's from its own records. The as-of day of a month in progress is the latest
 * one of its records: one index probe per such month.
 */
async function aggregateMonths(scope: Scope, from: string, to: string, projectsFrom?: string) {
  const rows = scope.modelId ? await modelMonths(scope, from, to) : await rollupMonths(scope, from, to, projectsFrom);
  const parsed = z.array(aggregateRow).parse(rows);
  const total: AggregateMonth[] = parsed.filter((r) => r.projectId === null).sort((a, b) => a.month.localeCompare(b.month));
  const projects = parsed.filter((r): r is typeof r & { projectId: string } => r.projectId !== null);
  return { total, projects };
}

/** One model's months, from its records (month end and "in progress" by the SQL functions the rollup uses). */
function modelMonths(scope: Scope, from: string, to: string) {
  return db.$queryRaw`
    SELECT NULL::text AS "projectId",
           to_char(u.month, 'YYYY-MM') AS month,
           u."costUsd"::text AS "actualUsd",
           tunecost_month_end_usd(u."costUsd", u.month, u."asOf")::text AS "monthEndUsd",
           tunecost_in_progress(u.month, u."asOf") = 1 AS "inProgress",
           EXTRACT(DAY FROM u."asOf")::int AS "asOfDay"
    FROM "UsageRecord" u
    WHERE u."modelId" = ${scope.modelId}::uuid AND u."teamId" = ${scope.teamId}::uuid
      AND u.month BETWEEN ${monthStart(from)}::date AND ${monthStart(to)}::date`;
}

/**
 * A team's or a project's months from the rollup, in one statement. A month in progress gets its as-of day from the
 * records: the latest `asOf`, one probe of the (teamId, month, asOf) index (for a project, of its models' keys).
 * With `projectsFrom`, also one row per project and month from that month on (the stacked chart's 12 months).
 */
async function rollupMonths(scope: Scope, from: string, to: string, projectsFrom?: string) {
  const project = scope.projectId ? Prisma.sql`AND r."projectId" = ${scope.projectId}::uuid` : Prisma.empty;
  const latestAsOf = scope.projectId
    ? Prisma.sql`SELECT max(u."asOf") FROM "UsageRecord" u JOIN "FineTunedModel" m ON m.id = u."modelId"
                 WHERE m."teamId" = ${scope.teamId}::uuid AND m."projectId" = ${scope.projectId}::uuid AND u."teamId" = ${scope.teamId}::uuid AND u.month = r.month`
    : Prisma.sql`SELECT max(u."asOf") FROM "UsageRecord" u WHERE u."teamId" = ${scope.teamId}::uuid AND u.month = r.month`;
  // Totals per month; a project's own months need no grouping: a rollup row is one project and month already.
  return db.$queryRaw`
    SELECT NULL::text AS "projectId",
           to_char(r.month, 'YYYY-MM') AS month,
           trim_scale(SUM(r."costUsd"))::text AS "actualUsd",
           trim_scale(SUM(r."monthEndUsd"))::text AS "monthEndUsd",
           SUM(r."inProgress") > 0 AS "inProgress",
           CASE WHEN SUM(r."inProgress") > 0 THEN EXTRACT(DAY FROM (${latestAsOf}))::int END AS "asOfDay"
    FROM "ProjectMonthCost" r
    WHERE r."teamId" = ${scope.teamId}::uuid AND r.month BETWEEN ${monthStart(from)}::date AND ${monthStart(to)}::date AND r.records > 0 ${project}
    GROUP BY r.month
    ${
      projectsFrom
        ? Prisma.sql`UNION ALL
          SELECT r."projectId"::text, to_char(r.month, 'YYYY-MM'), trim_scale(r."costUsd")::text, trim_scale(r."monthEndUsd")::text, r."inProgress" > 0, NULL
          FROM "ProjectMonthCost" r
          WHERE r."teamId" = ${scope.teamId}::uuid AND r.month BETWEEN ${monthStart(projectsFrom)}::date AND ${monthStart(to)}::date AND r.records > 0 ${project}`
        : Prisma.empty
    }`;
}

const rankedModelRow = z.object({ modelId: z.string(), name: z.string(), projectId: z.string(), projectName: z.string(), costUsd: money });
const moverRow = rankedModelRow.omit({ costUsd: true }).extend({ previousUsd: money.nullable(), latestUsd: money.nullable(), changeUsd: money });
const rankingRow = z.object({
  kind: z.enum(["top", "mover", "provider"]).nullable(),
  provider: z.string().nullable(),
  modelId: z.string().nullable(),
  name: z.string().nullable(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  previousUsd: money.nullable(),
  latestUsd: money.nullable(),
});
type RankingRow = z.infer<typeof rankingRow>;

/** Two months' records per model, and from them the `top` costliest of `latest` and the `moving` biggest changes. */
const rankingSql = (scope: Scope, previous: string, latest: string, top: number, moving: number) => Prisma.sql`
  s AS (
    SELECT u."modelId",
           SUM(u."costUsd") FILTER (WHERE u.month = ${monthStart(previous)}::date) AS prev,
           SUM(u."costUsd") FILTER (WHERE u.month = ${monthStart(latest)}::date) AS last
    FROM "UsageRecord" u
    ${scope.projectId ? Prisma.sql`JOIN "FineTunedModel" fm ON fm.id = u."modelId" AND fm."projectId" = ${scope.projectId}::uuid AND fm."teamId" = ${scope.teamId}::uuid` : Prisma.empty}
    WHERE u."teamId" = ${scope.teamId}::uuid AND u.month IN (${monthStart(previous)}::date, ${monthStart(latest)}::date)
    GROUP BY u."modelId"),
  prov AS (
    SELECT cm.provider, SUM(s.prev) AS prev, SUM(s.last) AS last
    FROM s JOIN "FineTunedModel" pm ON pm.id = s."modelId" JOIN "CatalogModel" cm ON cm.id = pm."baseModelId"
    GROUP BY cm.provider),
  picked AS (
    (SELECT 'top' AS kind, "modelId", prev, last, NULL::text AS provider FROM s WHERE last IS NOT NULL ORDER BY last DESC, "modelId" LIMIT ${top})
    UNION ALL
    (SELECT 'mover', "modelId", prev, last, NULL::text FROM s WHERE COALESCE(last, 0) <> COALESCE(prev, 0)
     ORDER BY abs(COALESCE(last, 0) - COALESCE(prev, 0)) DESC, "modelId" LIMIT ${moving})
    UNION ALL
    SELECT 'provider', NULL::uuid, prev, last, provider FROM prov)`;

/** Names are joined after the limits (and after the cache: a renamed model or project shows its new name). */
const namedColumns = Prisma.sql`k.kind, k.provider, k."modelId"::text AS "modelId", m."displayName" AS name, p.id::text AS "projectId", p.name AS "projectName",
  k.prev::text AS "previousUsd", k.last::text AS "latestUsd"`;

/**
 * From one pass over two months' records: the `top` models that cost most in `latest`, and the `moving` models whose
 * cost changed most (either way) from `previous` to `latest`. For a whole team (10,000 models: ~50 ms of PostgreSQL) the
 * result is kept in TeamModelRanking with the two months' revisions it was computed at, and reused while they match:
 * any write to either month bumps its revision in the same transaction (docs/decisions/016).
 */
async function rankModels(scope: Scope, previous: string, latest: string, top: number, moving: number) {
  let rows: RankingRow[];
  if (scope.projectId) {
    rows = z.array(rankingRow).parse(
      await db.$queryRaw`WITH ${rankingSql(scope, previous, latest, top, moving)}
        SELECT ${namedColumns} FROM picked k JOIN "FineTunedModel" m ON m.id = k."modelId" JOIN "Project" p ON p.id = m."projectId"`,
    );
  } else {
    const revision = (month: string) =>
      Prisma.sql`COALESCE((SELECT revision FROM "TeamMonthRevision" WHERE "teamId" = ${scope.teamId}::uuid AND month = ${monthStart(month)}::date), 0)`;
    // A hit is at least one row (kind null: cached, and empty); no row is a miss.
    const cached = z.array(rankingRow).parse(
      await db.$queryRaw`
        SELECT ${namedColumns}
        FROM "TeamModelRanking" c
        LEFT JOIN LATERAL jsonb_to_recordset(c.entries) AS k(kind text, "modelId" uuid, prev numeric, last numeric, provider text) ON true
        LEFT JOIN "FineTunedModel" m ON m.id = k."modelId" AND m."teamId" = c."teamId"
        LEFT JOIN "Project" p ON p.id = m."projectId"
        WHERE c."teamId" = ${scope.teamId}::uuid AND c."previousMonth" = ${monthStart(previous)}::date AND c."latestMonth" = ${monthStart(latest)}::date
          AND c."previousRevision" = ${revision(previous)} AND c."latestRevision" = ${revision(latest)}`,
    );
    if (cached.length) {
      rows = cached;
    } else {
      // The revisions are read in the same statement (one snapshot) as the records they stand for.
      const computed = z.array(rankingRow.extend({ previousRevision: z.bigint(), latestRevision: z.bigint() })).parse(
        await db.$queryRaw`WITH ${rankingSql(scope, previous, latest, top, moving)}
          SELECT ${namedColumns}, ${revision(previous)} AS "previousRevision", ${revision(latest)} AS "latestRevision"
          FROM (SELECT NULL::text AS kind, NULL::uuid AS "modelId", NULL::numeric AS prev, NULL::numeric AS last, NULL::text AS provider
                UNION ALL SELECT kind, "modelId", prev, last, provider FROM picked) k
          LEFT JOIN "FineTunedModel" m ON m.id = k."modelId" LEFT JOIN "Project" p ON p.id = m."projectId"`,
      );
      const [{ previousRevision, latestRevision }] = computed as [(typeof computed)[number]];
      const entries = computed.filter((r) => r.kind !== null).map((r) => ({ kind: r.kind, modelId: r.modelId, prev: r.previousUsd, last: r.latestUsd, provider: r.provider }));
      await db.$executeRaw`
        INSERT INTO "TeamModelRanking" ("teamId", "previousMonth", "latestMonth", "previousRevision", "latestRevision", entries, "computedAt")
        VALUES (${scope.teamId}::uuid, ${monthStart(previous)}::date, ${monthStart(latest)}::date, ${previousRevision}, ${latestRevision}, ${JSON.stringify(entries)}::jsonb, now())
        ON CONFLICT ("teamId") DO UPDATE SET "previousMonth" = EXCLUDED."previousMonth", "latestMonth" = EXCLUDED."latestMonth",
          "previousRevision" = EXCLUDED."previousRevision", "latestRevision" = EXCLUDED."latestRevision", entries = EXCLUDED.entries, "computedAt" = now()`;
      rows = computed;
    }
  }
  // Rows without a model are the cache's "empty" marker, or a model deleted since (its deletion bumped the revision).
  const named = rows.filter((r) => r.kind !== null && r.modelId !== null && r.name !== null && r.projectId !== null && r.projectName !== null);
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const base = (r: RankingRow) => ({ modelId: r.modelId!, name: r.name!, projectId: r.projectId!, projectName: r.projectName! });
  const providers = rows
    .filter((r) => r.kind === "provider" && r.provider !== null)
    .map((r): ProviderSpend => ({ provider: r.provider!, name: providerName(r.provider!), previousUsd: decimalOrNull(r.previousUsd), latestUsd: decimalOrNull(r.latestUsd) }))
    .sort((a, b) => toDecimal(b.latestUsd ?? "0").comparedTo(toDecimal(a.latestUsd ?? "0")) || a.name.localeCompare(b.name));
  return {
    providers,
    top: named
      .filter((r) => r.kind === "top")
      .map((r): RankedModel => ({ ...base(r), costUsd: toDecimalString(r.latestUsd!) }))
      .sort((a, b) => toDecimal(b.costUsd).comparedTo(toDecimal(a.costUsd)) || byName(a, b)),
    movers: named
      .filter((r) => r.kind === "mover")
      .map(
        (r): Mover => ({
          ...base(r),
          previousUsd: decimalOrNull(r.previousUsd),
          latestUsd: decimalOrNull(r.latestUsd),
          changeUsd: toDecimalString(toDecimal(r.latestUsd ?? "0").minus(toDecimal(r.previousUsd ?? "0"))),
        }),
      )
      .sort((a, b) => toDecimal(b.changeUsd).abs().comparedTo(toDecimal(a.changeUsd).abs()) || byName(a, b)),
  };
}

const lifecycleRow = z.object({ modelId: z.string(), shutdownOn: z.string().nullable(), baseModel: z.string(), replacement: z.boolean(), hasUsage: z.boolean() });
const splitRow = z.object({ inferenceUsd: money, trainingUsd: money, modelCount: z.number().int(), lifecycle: z.array(lifecycleRow) });

/**
 * Inference recorded from `from` to `to` (the rollup), the training of models trained in those months (invoice, else
 * computed), and how many models there are: one statement.
 */
async function spendSplit(scope: Scope, from: string, to: string, until: string) {
  const rollup = scope.projectId ? Prisma.sql`AND r."projectId" = ${scope.projectId}::uuid` : Prisma.empty;
  const model = scope.projectId ? Prisma.sql`AND m."projectId" = ${scope.projectId}::uuid` : Prisma.empty;
  const rows = await db.$queryRaw`
    SELECT
      (SELECT COALESCE(trim_scale(SUM(r."costUsd")), 0) FROM "ProjectMonthCost" r
       WHERE r."teamId" = ${scope.teamId}::uuid AND r.month BETWEEN ${monthStart(from)}::date AND ${monthStart(to)}::date ${rollup})::text AS "inferenceUsd",
      (SELECT COALESCE(SUM(COALESCE(m."invoicedTrainingCostUsd", m."trainingCostUsd")), 0) FROM "FineTunedModel" m
       WHERE m."teamId" = ${scope.teamId}::uuid AND m."trainedAt" >= ${monthStart(from)}::date
         AND m."trainedAt" < (${monthStart(to)}::date + interval '1 month') ${model})::text AS "trainingUsd",
      (SELECT count(*) FROM "FineTunedModel" m WHERE m."teamId" = ${scope.teamId}::uuid ${model})::int AS "modelCount",
      ${lifecycleColumn(scope, until)} AS lifecycle`;
  const [row] = z.array(splitRow).length(1).parse(rows);
  return { inferenceUsd: decimalOrNull(row!.inferenceUsd)!, trainingUsd: decimalOrNull(row!.trainingUsd)!, modelCount: row!.modelCount, lifecycle: row!.lifecycle };
}

/**
 * The scope's models whose lifecycle changes its months up to `until`: shut down by then (their own date, else their
 * base model's), moving (a replacement takes over), or a move's replacement. Archived models are left out. A JSON
 * column of the statement it joins, so a dashboard without any costs no statement more.
 */
function lifecycleColumn(scope: Scope, until: string) {
  const where = scope.modelId ? Prisma.sql`AND m.id = ${scope.modelId}::uuid` : scope.projectId ? Prisma.sql`AND m."projectId" = ${scope.projectId}::uuid` : Prisma.empty;
  return Prisma.sql`(
    SELECT COALESCE(json_agg(json_build_object(
             'modelId', m.id, 'shutdownOn', to_char(COALESCE(m."shutdownOn", cm."shutdownOn"), 'YYYY-MM-DD'),
             'baseModel', COALESCE(cm."displayName", cm.id), 'replacement', m."replacesModelId" IS NOT NULL,
             'hasUsage', EXISTS (SELECT 1 FROM "UsageRecord" u WHERE u."modelId" = m.id)) ORDER BY m.id), '[]'::json)
    FROM "FineTunedModel" m JOIN "CatalogModel" cm ON cm.id = m."baseModelId"
    WHERE m."teamId" = ${scope.teamId}::uuid AND m."archivedAt" IS NULL ${where}
      AND (COALESCE(m."shutdownOn", cm."shutdownOn") < (${monthStart(until)}::date + interval '1 month')
           OR m."replacesModelId" IS NOT NULL
           OR EXISTS (SELECT 1 FROM "FineTunedModel" n WHERE n."replacesModelId" = m.id)))`;
}

/**
 * The change model lifecycles make to the aggregate trend of `current`–`to`, from those models' own projections
 * (lib/projections, which cut them at their shutdown or move): no statement without such a model, one projection
 * load (~7 statements) with any.
 */
async function lifecycleAdjustments(
  ctx: TeamContext,
  scope: Scope,
  lifecycle: readonly LifecycleModel[],
  scopeModels: number,
  current: string,
  to: string,
): Promise<Map<string, LifecycleDelta>> {
  if (lifecycle.length === 0) return new Map();
  const p = await loadProjection(db, {
    teamId: ctx.teamId,
    projectIds: scope.projectId ? [scope.projectId] : undefined,
    modelIds: lifecycle.map((l) => l.modelId),
    from: current,
    to,
  });
  return lifecycleDelta(p.models, p.months, lifecycle, scopeModels);
}

const toFallback = (months: readonly PublicMonth[]) =>
  new Map(months.map((m): [string, FallbackMonth] => [m.month, { projectedUsd: m.projectedUsd, lowUsd: m.lowUsd, highUsd: m.highUsd, forecastKind: m.forecastKind }]));

/**
 * The series of the range, forecast from the aggregate; months without an aggregate trend (a young team or project)
 * take lib/projections' per-model sums (plans), loaded only then and only for those months.
 */
async function forecastSeries(
  rows: readonly AggregateMonth[],
  months: readonly string[],
  budgetUsd: string | null,
  fallback: (from: string, to: string) => Promise<readonly PublicMonth[]>,
  lifecycle?: ReadonlyMap<string, LifecycleDelta>,
): Promise<SeriesMonth[]> {
  const missing = monthsWithoutTrend(rows, months);
  const fallbackMonths = missing.length ? toFallback(await fallback(missing[0]!, missing.at(-1)!)) : undefined;
  return aggregateSeries({ months, rows, fallback: fallbackMonths, budgetUsd, lifecycleDelta: lifecycle });
}

/** The headline figures of the current month and the year so far. */
export interface DashboardSummary {
  month: string;
  actualUsd: string | null;
  monthEndUsd: string | null;
  forecastKind: SeriesMonth["forecastKind"];
  budgetUsd: string | null;
  burn: BudgetBurn | null;
  ytd: { from: string; inferenceUsd: string; trainingUsd: string; totalUsd: string };
  openAlerts: number;
}

function summarize(series: readonly SeriesMonth[], current: string, budgetUsd: string | null, split: { inferenceUsd: string; trainingUsd: string }, openAlerts: number): DashboardSummary {
  const now = series.find((m) => m.month === current)!;
  return {
    month: current,
    actualUsd: now.actualUsd,
    monthEndUsd: now.monthEndUsd,
    forecastKind: now.forecastKind,
    budgetUsd,
    burn: budgetUsd === null ? null : budgetBurn(now, budgetUsd, daysInMonth(current)),
    ytd: { from: `${current.slice(0, 4)}-01`, ...split, totalUsd: sumUsd([split.inferenceUsd, split.trainingUsd])! },
    openAlerts,
  };
}

export type RankedModel = z.infer<typeof rankedModelRow>;
/** One provider's spend in the last complete month and the month before (null: nothing recorded there). */
export interface ProviderSpend {
  provider: string;
  name: string;
  previousUsd: string | null;
  latestUsd: string | null;
}
export type Mover = z.infer<typeof moverRow>;

/** Everything the team dashboard shows. */
export interface TeamDashboard {
  current: string;
  projectCount: number;
  modelCount: number;
  summary: DashboardSummary;
  series: SeriesMonth[];
  /** Actual per month of the past 12 by project: the biggest projects and the rest as one. */
  byProject: { months: string[]; series: { id: string; label: string; values: (string | null)[] }[] };
  /** The models that cost most in the last complete month, and what the others cost together that month. */
  byModel: { month: string; models: RankedModel[]; otherUsd: string | null };
  movers: { previous: string; latest: string; models: Mover[] };
  /** Spend by provider in the last complete month against the month before: where the team's fine-tunes live. */
  byProvider: { previous: string; latest: string; providers: ProviderSpend[] };
  alerts: AlertView[];
  /** Shutdowns of the team's models within the chart's months, for its marks. */
  shutdowns: ShutdownMark[];
}

const TOP_MODELS = 10;
const MOVERS = 8;
const FEED = 6;

/** The team dashboard: 9 statements whatever the team's size (+7 for a young team's plan-based months). */
export async function getTeamDashboard(ctx: TeamContext, now = new Date()): Promise<TeamDashboard> {
  const current = monthOf(now);
  const range = dashboardRange(current);
  const months = monthRange(range.from, range.to);
  const past = monthRange(range.from, current);
  const [previous, latest] = [addMonths(current, -2), addMonths(current, -1)];
  const scope: Scope = { teamId: ctx.teamId };
  const [projects, aggregate, ranked, split, alerts, openAlerts] = await Promise.all([
    db.project.findMany({ where: teamScope(ctx), select: { id: true, name: true, archivedAt: true, monthlyBudgetUsd: true }, orderBy: { name: "asc" } }),
    aggregateMonths(scope, range.history, range.to, range.from),
    rankModels(scope, previous, latest, TOP_MODELS, MOVERS),
    spendSplit(scope, `${current.slice(0, 4)}-01`, current, range.to),
    listAlerts(ctx, { status: "OPEN", limit: FEED }),
    countOpenAlerts(ctx),
  ]);
  // Archived projects keep their history in the sums, but their budgets no longer bind.
  const budgetUsd = sumUsd(projects.filter((p) => p.archivedAt === null).map((p) => decimalOrNull(p.monthlyBudgetUsd)));
  const delta = await lifecycleAdjustments(ctx, scope, split.lifecycle, split.modelCount, current, range.to);
  const series = await forecastSeries(aggregate.total, months, budgetUsd, async (from, to) => (await getTeamCosts(ctx, { from, to })).total, delta);
  const latestTotal = aggregate.total.find((m) => m.month === latest)?.actualUsd ?? null;
  const topTotal = sumUsd(ranked.top.map((m) => m.costUsd));
  return {
    current,
    projectCount: projects.length,
    modelCount: split.modelCount,
    summary: summarize(series, current, budgetUsd, { inferenceUsd: split.inferenceUsd, trainingUsd: split.trainingUsd }, openAlerts),
    series,
    byProject: { months: past, series: stackProjects(aggregate.projects, projects, past) },
    byModel: {
      month: latest,
      models: ranked.top,
      otherUsd: latestTotal !== null && topTotal !== null && ranked.top.length === TOP_MODELS ? decimalOrNull(sumUsd([latestTotal, `-${topTotal}`])) : null,
    },
    movers: { previous, latest, models: ranked.movers },
    byProvider: { previous, latest, providers: ranked.providers },
    alerts: alerts.alerts,
    shutdowns: shutdownMarks(split.lifecycle, range.from, range.to),
  };
}

/** A model row of the project page: its recent months for a sparkline and the figures to sort by. */
export interface ProjectModelRow {
  id: string;
  name: string;
  status: string;
  baseModelId: string;
  archived: boolean;
  /** Actual of each of the past 12 months, oldest first (null: nothing recorded). */
  months: (string | null)[];
  currentUsd: string | null;
  previousUsd: string | null;
  /** Last month against the month before, in percent; null without both. */
  changePct: string | null;
  totalUsd: string;
  trainingCostUsd: string | null;
}

export interface ProjectDashboard {
  current: string;
  project: { id: string; name: string; budgetUsd: string | null; archived: boolean };
  summary: DashboardSummary;
  series: SeriesMonth[];
  sparkMonths: string[];
  models: ProjectModelRow[];
  movers: { previous: string; latest: string; models: Mover[] };
  alerts: AlertView[];
  shutdowns: ShutdownMark[];
}

const projectModelRow = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  baseModelId: z.string(),
  archived: z.boolean(),
  trainingCostUsd: money.nullable(),
  months: z.array(money.nullable()),
  totalUsd: money,
});

/** One project's dashboard; another team's (or a missing) project is 404. ~9 statements whatever its size. */
export async function getProjectDashboard(ctx: TeamContext, projectId: string, now = new Date()): Promise<ProjectDashboard> {
  const project = await db.project.findFirst({ where: { id: projectId, ...teamScope(ctx) }, select: { id: true, name: true, archivedAt: true, monthlyBudgetUsd: true } });
  if (!project) throw notFound("Project");
  const current = monthOf(now);
  const range = dashboardRange(current);
  const months = monthRange(range.from, range.to);
  const past = monthRange(range.from, current);
  const scope: Scope = { teamId: ctx.teamId, projectId: project.id };
  const budgetUsd = decimalOrNull(project.monthlyBudgetUsd);
  const [previous, latest] = [addMonths(current, -2), addMonths(current, -1)];
  const [modelRows, aggregate, moved, split, alerts, openAlerts] = await Promise.all([
    // Each model with its past months' costs in order (null: nothing recorded) and their total: one statement, and
    // no decimal arithmetic in JS for the 2,400 cells of a 200-model project.
    db.$queryRaw`
      SELECT m.id::text AS id, m."displayName" AS name, m.status::text AS status, m."baseModelId", m."archivedAt" IS NOT NULL AS archived,
             trim_scale(COALESCE(m."invoicedTrainingCostUsd", m."trainingCostUsd"))::text AS "trainingCostUsd",
             ARRAY(SELECT trim_scale(u."costUsd")::text
                   FROM generate_series(${monthStart(range.from)}::date, ${monthStart(current)}::date, interval '1 month') AS g(month)
                   LEFT JOIN "UsageRecord" u ON u."modelId" = m.id AND u.month = g.month::date
                   ORDER BY g.month) AS months,
             (SELECT COALESCE(trim_scale(SUM(u."costUsd")), 0)::text FROM "UsageRecord" u
              WHERE u."modelId" = m.id AND u.month BETWEEN ${monthStart(range.from)}::date AND ${monthStart(current)}::date) AS "totalUsd"
      FROM "FineTunedModel" m
      WHERE m."teamId" = ${ctx.teamId}::uuid AND m."projectId" = ${project.id}::uuid
      ORDER BY m."displayName"`.then((r) => z.array(projectModelRow).parse(r)),
    aggregateMonths(scope, range.history, range.to),
    rankModels(scope, previous, latest, 0, MOVERS),
    spendSplit(scope, `${current.slice(0, 4)}-01`, current, range.to),
    listAlerts(ctx, { status: "OPEN", projectId: project.id, limit: FEED }),
    db.alert.count({ where: { ...teamScope(ctx), projectId: project.id, status: "OPEN", OR: [{ snoozedUntil: null }, { snoozedUntil: { lte: now } }] } }),
  ]);
  const delta = await lifecycleAdjustments(ctx, scope, split.lifecycle, split.modelCount, current, range.to);
  const series = await forecastSeries(aggregate.total, months, budgetUsd, async (from, to) => (await getProjectCosts(ctx, project.id, { from, to })).months, delta);
  const [iPrev, iLast] = [past.indexOf(previous), past.indexOf(latest)];
  const models = modelRows.map((m): ProjectModelRow => {
    const [prev, last] = [m.months[iPrev] ?? null, m.months[iLast] ?? null];
    return {
      id: m.id,
      name: m.name,
      status: m.status,
      baseModelId: m.baseModelId,
      archived: m.archived,
      months: m.months,
      currentUsd: m.months.at(-1) ?? null,
      previousUsd: last,
      changePct: prev !== null && last !== null && !toDecimal(prev).isZero() ? changePct(prev, last) : null,
      totalUsd: m.totalUsd,
      trainingCostUsd: m.trainingCostUsd,
    };
  });
  return {
    current,
    project: { id: project.id, name: project.name, budgetUsd, archived: project.archivedAt !== null },
    summary: summarize(series, current, budgetUsd, { inferenceUsd: split.inferenceUsd, trainingUsd: split.trainingUsd }, openAlerts),
    series,
    sparkMonths: past,
    models,
    movers: { previous, latest, models: moved.movers },
    alerts: alerts.alerts,
    shutdowns: shutdownMarks(split.lifecycle, range.from, range.to),
  };
}

/** (latest − previous) / previous × 100, exact; previous is not zero. */
function changePct(previous: string, latest: string): string {
  return toDecimalString(toDecimal(latest).minus(toDecimal(previous)).times(100).div(toDecimal(previous)));
}

/** One recorded month of a model with its tokens. */
export interface ModelTokenMonth {
  month: string;
  uncachedInputTokens: string;
  cachedInputTokens: string;
  outputTokens: string;
  requests: string | null;
  costUsd: string;
  asOf: string | null;
}

export interface ModelDashboard {
  current: string;
  series: SeriesMonth[];
  tokens: ModelTokenMonth[];
  trainingCostUsd: string | null;
  /** Null until the team enters both prompt lengths. */
  savings: Savings | null;
  totalUsd: string;
  shutdowns: ShutdownMark[];
}

const tokenRow = z.object({
  month: z.string(),
  inputTokens: z.string().regex(/^\d+$/),
  cachedInputTokens: z.string().regex(/^\d+$/),
  outputTokens: z.string().regex(/^\d+$/),
  requests: z.string().regex(/^\d+$/).nullable(),
  costUsd: money,
  asOf: z.string().nullable(),
});

/** How many months of token history the model page lists. */
const TOKEN_MONTHS = 24;

/** One model's dashboard; another team's (or a missing) model is 404. ~5 statements. */
export async function getModelDashboard(ctx: TeamContext, modelId: string, now = new Date()): Promise<ModelDashboard> {
  const model = await db.fineTunedModel.findFirst({
    where: { id: modelId, ...teamScope(ctx) },
    select: {
      id: true,
      projectId: true,
      baseModelId: true,
      trainingCostUsd: true,
      invoicedTrainingCostUsd: true,
      promptTokensFineTuned: true,
      promptTokensBase: true,
      team: { select: { priceSet: true } },
      baseModel: { select: { billingUnit: true, shutdownOn: true, displayName: true } },
      shutdownOn: true,
      archivedAt: true,
      replacesModelId: true,
      replacedBy: { select: { id: true } },
    },
  });
  if (!model) throw notFound("Model");
  const current = monthOf(now);
  const range = dashboardRange(current);
  const months = monthRange(range.from, range.to);
  const scope: Scope = { teamId: ctx.teamId, modelId: model.id };
  const comparable = model.promptTokensFineTuned !== null && model.promptTokensBase !== null;
  const [aggregate, tokenRows, priceRows] = await Promise.all([
    aggregateMonths(scope, range.history, range.to),
    db.$queryRaw`
      SELECT to_char(month, 'YYYY-MM') AS month, "inputTokens"::text AS "inputTokens", "cachedInputTokens"::text AS "cachedInputTokens",
             "outputTokens"::text AS "outputTokens", requests::text AS requests, "costUsd"::text AS "costUsd", to_char("asOf", 'YYYY-MM-DD') AS "asOf"
      FROM "UsageRecord"
      WHERE "teamId" = ${ctx.teamId}::uuid AND "modelId" = ${model.id}::uuid AND month > ${monthStart(addMonths(current, -TOKEN_MONTHS))}::date
      ORDER BY month`.then((r) => z.array(tokenRow).parse(r)),
    comparable
      ? db.priceEntry.findMany({
          where: { modelId: model.baseModelId, priceSet: model.team.priceSet, OR: [{ teamId: null }, { teamId: ctx.teamId }] },
          select: PRICE_ROW_SELECT,
        })
      : Promise.resolve([]),
  ]);
  const shutdownOn = dayOrNull(model.shutdownOn ?? model.baseModel.shutdownOn);
  const lifecycle: LifecycleModel[] =
    model.archivedAt === null && ((shutdownOn !== null && shutdownOn.slice(0, 7) <= range.to) || model.replacesModelId !== null || model.replacedBy !== null)
      ? [{ modelId: model.id, shutdownOn, baseModel: model.baseModel.displayName ?? model.baseModelId, replacement: model.replacesModelId !== null, hasUsage: tokenRows.length > 0 }]
      : [];
  const delta = await lifecycleAdjustments(ctx, scope, lifecycle, 1, current, range.to);
  const series = await forecastSeries(aggregate.total, months, null, (from, to) => getCostSeries(ctx, { projectId: model.projectId, modelId: model.id, from, to }), delta);
  const trainingCostUsd = decimalOrNull(model.invoicedTrainingCostUsd ?? model.trainingCostUsd);
  let savings: Savings | null = null;
  if (comparable) {
    const rows: PriceRow[] = priceRows.map((r) => toPriceRow(r, model.baseModel.billingUnit === "TRAINING_HOUR" ? "training_hour" : "token"));
    savings = savingsAgainstBase({
      months: tokenRows.map((r) => ({
        month: r.month,
        inputTokens: BigInt(r.inputTokens),
        cachedInputTokens: BigInt(r.cachedInputTokens),
        outputTokens: BigInt(r.outputTokens),
        requests: r.requests === null ? null : BigInt(r.requests),
        costUsd: r.costUsd,
      })),
      promptTokensFineTuned: model.promptTokensFineTuned!,
      promptTokensBase: model.promptTokensBase!,
      trainingCostUsd,
      pricesFor: (month) => {
        try {
          return getPricesForMonthOrThrow(rows, { modelId: model.baseModelId, teamId: ctx.teamId, month, priceSet: model.team.priceSet });
        } catch (error) {
          if (error instanceof NoPriceError) return null; // listed as unpriced
          throw error;
        }
      },
    });
  }
  return {
    current,
    series,
    tokens: tokenRows.map((r) => ({
      month: r.month,
      uncachedInputTokens: (BigInt(r.inputTokens) - BigInt(r.cachedInputTokens)).toString(),
      cachedInputTokens: r.cachedInputTokens,
      outputTokens: r.outputTokens,
      requests: r.requests,
      costUsd: decimalOrNull(r.costUsd)!,
      asOf: r.asOf,
    })),
    trainingCostUsd,
    savings,
    totalUsd: sumUsd(tokenRows.map((r) => r.costUsd)) ?? "0",
    shutdowns: shutdownMarks(lifecycle, range.from, range.to),
  };
}
