import "server-only";
import { afterUsageWrite } from "@/lib/alerts/evaluate";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { AppError, formatWhen, notFound } from "@/lib/errors";
import type { HostingSchedule, UsageSource } from "@/lib/generated/prisma/enums";
import { asOfInMonth, type UsageFigures } from "./schemas";
import { toUsageRow, writeUsage, type UsageRow, type UsageWrite } from "./write";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Resolves model references (id or provider model id) within the team; unknown ones map to nothing. */
/** A model a usage write names, with what pricing its month needs. */
export interface ResolvedModel {
  id: string;
  baseModelId: string;
  projectId: string;
  trainedAt: Date | null;
  hostingSchedule: HostingSchedule;
}

export async function resolveTeamModels(ctx: TeamContext, refs: readonly string[]): Promise<Map<string, ResolvedModel>> {
  const unique = [...new Set(refs)];
  const ids = unique.filter((r) => UUID_RE.test(r));
  const rows = await db.fineTunedModel.findMany({
    where: { ...teamScope(ctx), OR: [{ id: { in: ids } }, { providerModelId: { in: unique } }] },
    select: { id: true, providerModelId: true, baseModelId: true, projectId: true, trainedAt: true, hostingSchedule: true },
  });
  const out = new Map<string, ResolvedModel>();
  for (const r of rows) {
    const model = { id: r.id, baseModelId: r.baseModelId, projectId: r.projectId, trainedAt: r.trainedAt, hostingSchedule: r.hostingSchedule };
    out.set(r.id, model);
    if (r.providerModelId) out.set(r.providerModelId, model);
  }
  return out;
}

function toWrite(model: ResolvedModel, month: string, f: UsageFigures): UsageWrite {
  return {
    modelId: model.id,
    baseModelId: model.baseModelId,
    month,
    inputTokens: f.inputTokens,
    cachedInputTokens: f.cachedInputTokens ?? 0n,
    outputTokens: f.outputTokens,
    batchInputTokens: f.batchInputTokens ?? 0n,
    batchOutputTokens: f.batchOutputTokens ?? 0n,
    hostingHours: f.hostingHours ?? null,
    span: { trainedAt: model.trainedAt, hostingSchedule: model.hostingSchedule },
    requests: f.requests ?? null,
    invoicedCostUsd: f.invoicedCostUsd ?? null,
    asOf: f.asOf ?? null,
  };
}

/**
 * Sets one model's usage for a month (idempotent upsert). With `expectedVersion`, refuses with 409 when the
 * stored record has moved on (someone else edited it), naming who and when; 0 means "must not exist yet".
 * Returns the stored record.
 */
export async function putModelUsage(
  ctx: TeamContext,
  modelId: string,
  month: string,
  figures: UsageFigures,
  opts: { source: UsageSource; expectedVersion?: number },
): Promise<UsageRow> {
  if (!asOfInMonth(month, figures.asOf)) throw new AppError("validation_failed", "The as-of date must fall within the month.", { asOf: [`Use a day in ${month}`] });
  const model = (await resolveTeamModels(ctx, [modelId])).get(modelId);
  if (!model) throw notFound("Model");
  const monthDate = new Date(`${month}-01T00:00:00Z`);
  const stored = await db.$transaction(async (tx) => {
    // Serialise writers of this one record (also when it does not exist yet), then compare versions.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`usage:${model.id}:${month}`}))`;
    const current = await tx.usageRecord.findUnique({
      where: { modelId_month: { modelId: model.id, month: monthDate } },
      select: { version: true, updatedAt: true, updatedById: true },
    });
    if (opts.expectedVersion !== undefined && (current?.version ?? 0) !== opts.expectedVersion) {
      const who = current?.updatedById
        ? ((await tx.user.findUnique({ where: { id: current.updatedById }, select: { name: true } }))?.name ?? "another user")
        : "an API client or import";
      throw new AppError(
        "conflict",
        current
          ? `This month was changed by ${who} at ${formatWhen(current.updatedAt)}. Reload to see their figures.`
          : "This month's record was removed since you loaded it. Reload.",
      );
    }
    await writeUsage(tx, ctx, [toWrite(model, month, figures)], opts.source);
    const row = await tx.usageRecord.findUniqueOrThrow({ where: { modelId_month: { modelId: model.id, month: monthDate } } });
    return toUsageRow(row);
  });
  // After the commit, and never failing the write: see lib/alerts/evaluate.ts.
  await afterUsageWrite(ctx, [{ projectId: model.projectId, month }]);
  return stored;
}

export interface BatchRecord extends UsageFigures {
  model: string;
  month: string;
}

/**
 * Writes many records all-or-nothing: every record is checked first (unknown model, as-of outside its month,
 * the same model and month twice), and one bad record rejects the batch with field errors keyed
 * `records.<index>.<field>`. Returns how many rows were written or changed. `summary` adds one audit row about the
 * whole write (an import's) in the same transaction; every changed record gets its own audit row anyway.
 */
export async function writeUsageBatch(
  ctx: TeamContext,
  records: readonly BatchRecord[],
  source: UsageSource,
  opts: { summary?: (counts: { received: number; changed: number }) => AuditEntry } = {},
): Promise<{ received: number; changed: number }> {
  const models = await resolveTeamModels(ctx, records.map((r) => r.model));
  const fields: Record<string, string[]> = {};
  const seen = new Map<string, number>();
  const writes: UsageWrite[] = [];
  records.forEach((r, i) => {
    const model = models.get(r.model);
    if (!model) {
      fields[`records.${i}.model`] = [`Unknown model "${r.model}" in your team`];
      return;
    }
    if (!asOfInMonth(r.month, r.asOf)) fields[`records.${i}.asOf`] = [`Use a day in ${r.month}`];
    const key = `${model.id}|${r.month}`;
    const first = seen.get(key);
    if (first !== undefined) fields[`records.${i}.month`] = [`Same model and month as record ${first}`];
    else seen.set(key, i);
    writes.push(toWrite(model, r.month, r));
  });
  if (Object.keys(fields).length) throw new AppError("validation_failed", `${Object.keys(fields).length} record(s) are invalid; nothing was written.`, fields);
  const changed = await db.$transaction(
    async (tx) => {
      const n = await writeUsage(tx, ctx, writes, source);
      // An import's own audit row commits with its records (or not at all).
      if (opts.summary) await recordAudit(tx, ctx, opts.summary({ received: records.length, changed: n }));
      return n;
    },
    { timeout: 60_000 },
  );
  // After the commit, and never failing the write: see lib/alerts/evaluate.ts.
  const affected = new Map(writes.map((w) => [`${models.get(w.modelId)!.projectId}|${w.month}`, { projectId: models.get(w.modelId)!.projectId, month: w.month }]));
  await afterUsageWrite(ctx, [...affected.values()]);
  return { received: records.length, changed };
}
