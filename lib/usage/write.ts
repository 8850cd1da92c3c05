import "server-only";
import { auditActorSql } from "@/lib/audit/record";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { UsageSource } from "@/lib/generated/prisma/enums";
import { toDecimalString } from "@/lib/money/decimal";
import { createUsagePricer, type ModelSpan } from "./pricer";

type Tx = Prisma.TransactionClient;

/** One month of one model's usage to store; the model is already resolved within the caller's team. */
export interface UsageWrite {
  modelId: string;
  baseModelId: string;
  /** "YYYY-MM" */
  month: string;
  inputTokens: bigint;
  cachedInputTokens: bigint;
  outputTokens: bigint;
  /** Batch API tokens, apart from inputTokens / outputTokens. */
  batchInputTokens: bigint;
  batchOutputTokens: bigint;
  /** Hours a deployment ran, as an exact decimal string; null: the model's hosting schedule. */
  hostingHours: string | null;
  requests: bigint | null;
  invoicedCostUsd: string | null;
  /** "YYYY-MM-DD" within the month, or null for a complete month. */
  asOf: string | null;
  /** What the month's fixed costs depend on: the model's training day and hosting schedule. */
  span: ModelSpan;
}

/** A stored usage record, JSON-ready: counts and money as strings. */
export interface UsageRow {
  id: string;
  modelId: string;
  month: string;
  inputTokens: string;
  cachedInputTokens: string;
  outputTokens: string;
  batchInputTokens: string;
  batchOutputTokens: string;
  hostingHours: string | null;
  requests: string | null;
  invoicedCostUsd: string | null;
  asOf: string | null;
  costUsd: string;
  /** The part of costUsd that is hosting and storage. */
  fixedCostUsd: string;
  source: UsageSource;
  version: number;
  updatedAt: string;
}

interface RawRow {
  id: string;
  modelId: string;
  month: Date;
  inputTokens: bigint;
  cachedInputTokens: bigint;
  outputTokens: bigint;
  batchInputTokens: bigint;
  batchOutputTokens: bigint;
  hostingHours: { toString(): string } | null;
  requests: bigint | null;
  invoicedCostUsd: { toString(): string } | null;
  asOf: Date | null;
  costUsd: { toString(): string };
  fixedCostUsd: { toString(): string };
  source: UsageSource;
  version: number;
  updatedAt: Date;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Maps a raw row to its JSON form. */
export function toUsageRow(r: RawRow): UsageRow {
  return {
    id: r.id,
    modelId: r.modelId,
    month: day(r.month).slice(0, 7),
    inputTokens: r.inputTokens.toString(),
    cachedInputTokens: r.cachedInputTokens.toString(),
    outputTokens: r.outputTokens.toString(),
    batchInputTokens: r.batchInputTokens.toString(),
    batchOutputTokens: r.batchOutputTokens.toString(),
    hostingHours: r.hostingHours === null ? null : toDecimalString(r.hostingHours.toString()),
    requests: r.requests === null ? null : r.requests.toString(),
    invoicedCostUsd: r.invoicedCostUsd === null ? null : toDecimalString(r.invoicedCostUsd.toString()),
    asOf: r.asOf === null ? null : day(r.asOf),
    costUsd: toDecimalString(r.costUsd.toString()),
    fixedCostUsd: toDecimalString(r.fixedCostUsd.toString()),
    source: r.source,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * Upserts many usage records in one statement (one row per model and month). Each cost is priced with the
 * prices in force that month. A record identical to the stored one is left alone (version and timestamps too),
 * so re-sending the same data changes nothing. Returns how many rows were inserted or changed (not the rows: sending
 * 10,000 of them back from PostgreSQL and decoding their decimals cost more than the insert).
 * Every inserted or changed record gets its audit row (before and after values) in the same statement; an unchanged
 * one gets none.
 * The same model and month twice in one call is refused: which one should win would be a guess.
 */
export async function writeUsage(tx: Tx, ctx: TeamContext, unordered: readonly UsageWrite[], source: UsageSource): Promise<number> {
  if (unordered.length === 0) return 0;
  // Rows in (model, month) order: concurrent batches lock the rows they share in the same order, so they wait for
  // each other instead of deadlocking, and the (modelId, month) index is filled page by page.
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const writes = unordered.toSorted((x, y) => compare(x.modelId, y.modelId) || compare(x.month, y.month));
  const seen = new Set<string>();
  for (const w of writes) {
    const key = `${w.modelId}|${w.month}`;
    if (seen.has(key)) throw new AppError("validation_failed", `The same model and month (${w.month}) appears twice.`);
    seen.add(key);
  }
  const pricer = await createUsagePricer(tx, ctx.teamId);
  const costs: string[] = [];
  const fixed: string[] = [];
  for (const w of writes) {
    const priced = await pricer.price(w.baseModelId, w.month, w, w.span);
    costs.push(toDecimalString(priced.totalUsd));
    fixed.push(toDecimalString(priced.fixedUsd));
  }

  const col = <T,>(f: (w: UsageWrite) => T) => writes.map(f);
  const models = col((w) => w.modelId);
  const months = col((w) => `${w.month}-01`);
  // Lock the stored rows this batch touches, in (model, month) order, before the upsert reads them: the upsert's
  // own snapshot then holds their latest committed values, so each audit row's "before" is exactly what it replaced
  // even when another batch wrote the same month a moment earlier.
  // (Counted, so one row comes back rather than one per locked record.)
  await tx.$executeRaw`
    SELECT count(*) FROM (
      SELECT 1 FROM "UsageRecord" u
      JOIN unnest(${models}::text[]::uuid[], ${months}::text[]::date[]) AS t(m, mo) ON u."modelId" = t.m AND u.month = t.mo
      WHERE u."teamId" = ${ctx.teamId}::uuid
      ORDER BY u."modelId", u.month
      FOR UPDATE OF u) locked`;
  // One statement writes the records and their audit rows: "old" is the snapshot before the upsert, "up" returns
  // only the rows inserted or actually changed (an identical record is skipped by the WHERE), and each of those gets
  // one audit row with its before (null for a new month) and after values. Its row count is the number changed.
  const usageJson = (r: string) => Prisma.raw(`jsonb_build_object(
        'month', to_char(${r}.month, 'YYYY-MM'), 'inputTokens', ${r}."inputTokens"::text,
        'cachedInputTokens', ${r}."cachedInputTokens"::text, 'outputTokens', ${r}."outputTokens"::text,
        'batchInputTokens', ${r}."batchInputTokens"::text, 'batchOutputTokens', ${r}."batchOutputTokens"::text,
        'hostingHours', trim_scale(${r}."hostingHours")::text, 'fixedCostUsd', trim_scale(${r}."fixedCostUsd")::text,
        'requests', ${r}.requests::text, 'invoicedCostUsd', trim_scale(${r}."invoicedCostUsd")::text,
        'asOf', to_char(${r}."asOf", 'YYYY-MM-DD'), 'costUsd', trim_scale(${r}."costUsd")::text,
        'source', lower(${r}.source::text), 'version', ${r}.version)`);
  return tx.$executeRaw(Prisma.sql`
    WITH t AS (
      SELECT * FROM unnest(${models}::text[]::uuid[],
                ${months}::text[]::date[],
                ${col((w) => w.inputTokens.toString())}::text[]::bigint[],
                ${col((w) => w.cachedInputTokens.toString())}::text[]::bigint[],
                ${col((w) => w.outputTokens.toString())}::text[]::bigint[],
                ${col((w) => w.requests?.toString() ?? null)}::text[]::bigint[],
                ${col((w) => w.invoicedCostUsd)}::text[]::numeric[],
                ${col((w) => w.asOf)}::text[]::date[],
                ${costs}::text[]::numeric[],
                ${col((w) => w.batchInputTokens.toString())}::text[]::bigint[],
                ${col((w) => w.batchOutputTokens.toString())}::text[]::bigint[],
                ${col((w) => w.hostingHours)}::text[]::numeric[],
                ${fixed}::text[]::numeric[]) AS t(m, mo, i, c, o, r, inv, a, cost, bi, bo, hh, fixed)
    ), old AS (
      SELECT u.* FROM "UsageRecord" u JOIN t ON u."modelId" = t.m AND u.month = t.mo WHERE u."teamId" = ${ctx.teamId}::uuid
    ), up AS (
      INSERT INTO "UsageRecord" (id, "teamId", "modelId", month, "inputTokens", "cachedInputTokens", "outputTokens", requests,
                                 "invoicedCostUsd", "asOf", "costUsd", "batchInputTokens", "batchOutputTokens", "hostingHours",
                                 "fixedCostUsd", source, "updatedById", version, "createdAt", "updatedAt")
      SELECT gen_random_uuid(), ${ctx.teamId}::uuid, t.m, t.mo, t.i, t.c, t.o, t.r, t.inv, t.a, t.cost, t.bi, t.bo, t.hh, t.fixed,
             ${source}::"UsageSource", ${ctx.userId || null}::uuid, 1, now(), now()
      FROM t
      ON CONFLICT ("modelId", month) DO UPDATE SET
        "inputTokens" = EXCLUDED."inputTokens",
        "cachedInputTokens" = EXCLUDED."cachedInputTokens",
        "outputTokens" = EXCLUDED."outputTokens",
        requests = EXCLUDED.requests,
        "invoicedCostUsd" = EXCLUDED."invoicedCostUsd",
        "asOf" = EXCLUDED."asOf",
        "costUsd" = EXCLUDED."costUsd",
        "batchInputTokens" = EXCLUDED."batchInputTokens",
        "batchOutputTokens" = EXCLUDED."batchOutputTokens",
        "hostingHours" = EXCLUDED."hostingHours",
        "fixedCostUsd" = EXCLUDED."fixedCostUsd",
        source = EXCLUDED.source,
        "updatedById" = EXCLUDED."updatedById",
        version = "UsageRecord".version + 1,
        "updatedAt" = now()
      WHERE ("UsageRecord"."inputTokens", "UsageRecord"."cachedInputTokens", "UsageRecord"."outputTokens", "UsageRecord".requests,
             "UsageRecord"."invoicedCostUsd", "UsageRecord"."asOf", "UsageRecord"."costUsd", "UsageRecord"."batchInputTokens",
             "UsageRecord"."batchOutputTokens", "UsageRecord"."hostingHours", "UsageRecord"."fixedCostUsd")
        IS DISTINCT FROM
            (EXCLUDED."inputTokens", EXCLUDED."cachedInputTokens", EXCLUDED."outputTokens", EXCLUDED.requests,
             EXCLUDED."invoicedCostUsd", EXCLUDED."asOf", EXCLUDED."costUsd", EXCLUDED."batchInputTokens",
             EXCLUDED."batchOutputTokens", EXCLUDED."hostingHours", EXCLUDED."fixedCostUsd")
      RETURNING *
    )
    INSERT INTO "AuditEvent" ("teamId", "actorUserId", "actorApiKeyId", "actorLabel", action, "entityType", "entityId", summary, before, after)
    SELECT ${auditActorSql(ctx)},
           CASE WHEN old.id IS NULL THEN 'usage.create' ELSE 'usage.update' END, 'usage', up.id::text,
           'Set ' || to_char(up.month, 'FMMonth YYYY') || ' usage of ' || fm."displayName",
           CASE WHEN old.id IS NULL THEN NULL ELSE ${usageJson("old")} END,
           ${usageJson("up")}
    FROM up
    JOIN "FineTunedModel" fm ON fm.id = up."modelId"
    LEFT JOIN old ON old.id = up.id
    ORDER BY up."modelId", up.month`);
}

/**
 * Re-prices a team's stored usage after its prices changed (a new dated entry, or another price set):
 * only months from `fromMonth` on, and only models on `baseModelId` when given.
 */
export async function repriceUsage(tx: Tx, teamId: string, opts: { baseModelId?: string; modelId?: string; fromMonth?: string } = {}): Promise<number> {
  const records = await tx.usageRecord.findMany({
    where: {
      teamId,
      ...(opts.fromMonth ? { month: { gte: new Date(`${opts.fromMonth}-01T00:00:00Z`) } } : {}),
      ...(opts.baseModelId ? { model: { baseModelId: opts.baseModelId } } : {}),
      ...(opts.modelId ? { modelId: opts.modelId } : {}),
    },
    select: {
      id: true, month: true, inputTokens: true, cachedInputTokens: true, outputTokens: true, batchInputTokens: true, batchOutputTokens: true,
      hostingHours: true, invoicedCostUsd: true, asOf: true,
      model: { select: { baseModelId: true, trainedAt: true, hostingSchedule: true } },
    },
  });
  if (records.length === 0) return 0;
  const pricer = await createUsagePricer(tx, teamId);
  const ids: string[] = [];
  const costs: string[] = [];
  const fixed: string[] = [];
  for (const r of records) {
    const month = day(r.month).slice(0, 7);
    const volumes = {
      ...r,
      hostingHours: r.hostingHours?.toString() ?? null,
      invoicedCostUsd: r.invoicedCostUsd?.toString() ?? null,
      asOf: r.asOf === null ? null : day(r.asOf),
    };
    const priced = await pricer
      .price(r.model.baseModelId, month, volumes, r.model)
      .catch(() => null); // no price in force any more for that month: keep the stored cost
    if (priced === null) continue;
    ids.push(r.id);
    costs.push(toDecimalString(priced.totalUsd));
    fixed.push(toDecimalString(priced.fixedUsd));
  }
  if (ids.length === 0) return 0;
  return tx.$executeRaw`
    UPDATE "UsageRecord" u SET "costUsd" = t.cost, "fixedCostUsd" = t.fixed, "updatedAt" = now()
    FROM unnest(${ids}::text[]::uuid[], ${costs}::text[]::numeric[], ${fixed}::text[]::numeric[]) AS t(id, cost, fixed)
    WHERE u.id = t.id AND (u."costUsd", u."fixedCostUsd") IS DISTINCT FROM (t.cost, t.fixed)`;
}
