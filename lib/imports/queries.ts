import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Decimal, toDecimal, toDecimalString } from "@/lib/money/decimal";
import { resolveTeamModels, type BatchRecord, type ResolvedModel } from "@/lib/usage/mutations";
import { createUsagePricer } from "@/lib/usage/pricer";
import { readOpenAiUsage } from "./openai-usage";
import type { ImportFormat, ImportProblem, ImportRead, ImportRow } from "./schemas";
import { readUsageCsv } from "./usage-csv";

/** Rows and problems sent to the page; counts and totals always cover the whole file. */
const PREVIEW_ROWS = 500;
const PREVIEW_PROBLEMS = 1_000;

/** A good row as the preview shows it: counts and money as exact strings. */
export interface PreviewRow {
  line: number | null;
  /** As written in the file. */
  model: string;
  modelName: string;
  month: string;
  inputTokens: string;
  cachedInputTokens: string;
  outputTokens: string;
  requests: string | null;
  invoicedCostUsd: string | null;
  asOf: string | null;
  costUsd: string;
  /** What committing does to the stored month: create it, replace its figures, or leave it as it is. */
  change: "new" | "update" | "same";
}

/** A model of an OpenAI export that is not one of the team's, with what it used: shown, never imported. */
export interface UnmatchedModel {
  model: string;
  months: string[];
  inputTokens: string;
  cachedInputTokens: string;
  outputTokens: string;
  requests: string;
}

export interface ImportPreview {
  format: ImportFormat;
  rowCount: number;
  rows: PreviewRow[];
  problemCount: number;
  problems: ImportProblem[];
  unmatched: UnmatchedModel[];
  notes: string[];
  totalCostUsd: string;
  changes: Record<PreviewRow["change"], number>;
}

function readUsageFile(format: ImportFormat, text: string, now: Date): ImportRead {
  return format === "csv" ? readUsageCsv(text) : readOpenAiUsage(text, now);
}

function unmatchedModels(rows: readonly ImportRow[]): UnmatchedModel[] {
  const byModel = new Map<string, { months: Set<string>; input: bigint; cached: bigint; output: bigint; requests: bigint }>();
  for (const r of rows) {
    const m = byModel.get(r.model) ?? { months: new Set(), input: 0n, cached: 0n, output: 0n, requests: 0n };
    m.months.add(r.month);
    m.input += r.inputTokens;
    m.cached += r.cachedInputTokens;
    m.output += r.outputTokens;
    m.requests += r.requests ?? 0n;
    byModel.set(r.model, m);
  }
  return [...byModel].map(([model, m]) => ({
    model,
    months: [...m.months].sort(),
    inputTokens: m.input.toString(),
    cachedInputTokens: m.cached.toString(),
    outputTokens: m.output.toString(),
    requests: m.requests.toString(),
  }));
}

/**
 * Reads a usage file and checks every row against the team's models and prices without writing anything: each
 * good row is priced as committing would price it, and compared with the stored month. `records` is what a commit
 * writes. In a CSV an unknown model is a bad row; an OpenAI export also holds usage of models the team does not
 * track (base models, other teams' fine-tunes), so those are listed as unmatched instead.
 */
export async function prepareUsageImport(
  ctx: TeamContext,
  input: { format: ImportFormat; text: string },
  now = new Date(),
): Promise<{ preview: ImportPreview; records: BatchRecord[] }> {
  const read = readUsageFile(input.format, input.text, now);
  const problems = [...read.problems];
  const models = await resolveTeamModels(ctx, read.rows.map((r) => r.model));

  const matched: { row: ImportRow; modelId: string; baseModelId: string; span: ResolvedModel }[] = [];
  const unmatched: ImportRow[] = [];
  const firstLine = new Map<string, number | null>();
  for (const row of read.rows) {
    const model = models.get(row.model);
    if (!model) {
      if (input.format === "openai") unmatched.push(row);
      else problems.push({ line: row.line, label: `Line ${row.line}`, reasons: [`model: unknown model ${JSON.stringify(row.model)} in your team`] });
      continue;
    }
    const key = `${model.id}|${row.month}`;
    if (firstLine.has(key)) {
      problems.push({ line: row.line, label: `Line ${row.line}`, reasons: [`The same model and month (${row.month}) as line ${firstLine.get(key)}`] });
      continue;
    }
    firstLine.set(key, row.line);
    matched.push({ row, modelId: model.id, baseModelId: model.baseModelId, span: model });
  }

  const modelIds = [...new Set(matched.map((m) => m.modelId))];
  const months = [...new Set(matched.map((m) => m.row.month))];
  // One snapshot for names, prices and stored months; READ ONLY makes "preview writes nothing" a property of the database.
  const { names, stored, costs } = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`;
    const [names, stored] = await Promise.all([
      tx.fineTunedModel.findMany({ where: { ...teamScope(ctx), id: { in: modelIds } }, select: { id: true, displayName: true } }),
      tx.usageRecord.findMany({
        where: { ...teamScope(ctx), modelId: { in: modelIds }, month: { in: months.map((m) => new Date(`${m}-01T00:00:00Z`)) } },
        select: {
          modelId: true, month: true, inputTokens: true, cachedInputTokens: true, outputTokens: true, batchInputTokens: true, batchOutputTokens: true,
          hostingHours: true, requests: true, invoicedCostUsd: true, asOf: true, costUsd: true,
        },
      }),
    ]);
    const pricer = await createUsagePricer(tx, ctx.teamId);
    const costs: (Decimal | string)[] = [];
    for (const { row, baseModelId, span } of matched) {
      // A month before the catalog's prices, or a model billed per hour without an invoiced cost, is the row's problem.
      costs.push(await pricer.cost(baseModelId, row.month, row, span).catch((e: unknown) => (e instanceof AppError ? e.message : Promise.reject(e))));
    }
    return { names: new Map(names.map((n) => [n.id, n.displayName])), stored, costs };
  }, { timeout: 60_000 }); // 100,000 rows are priced inside it
  const storedBy = new Map(stored.map((s) => [`${s.modelId}|${s.month.toISOString().slice(0, 7)}`, s]));

  const rows: PreviewRow[] = [];
  const records: BatchRecord[] = [];
  const changes = { new: 0, update: 0, same: 0 };
  let total = new Decimal(0);
  matched.forEach(({ row, modelId }, i) => {
    const cost = costs[i]!;
    if (typeof cost === "string") {
      problems.push({ line: row.line, label: row.line === null ? `${row.model} in ${row.month}` : `Line ${row.line}`, reasons: [cost] });
      return;
    }
    const s = storedBy.get(`${modelId}|${row.month}`);
    // Mirrors writeUsage: a record identical to the stored one (cost as stored, to 10 places) is left alone.
    const same =
      s !== undefined &&
      s.inputTokens === row.inputTokens &&
      s.cachedInputTokens === row.cachedInputTokens &&
      s.outputTokens === row.outputTokens &&
      s.batchInputTokens === row.batchInputTokens &&
      s.batchOutputTokens === row.batchOutputTokens &&
      (s.hostingHours === null ? row.hostingHours === null : row.hostingHours !== null && toDecimal(s.hostingHours.toFixed()).eq(row.hostingHours)) &&
      s.requests === row.requests &&
      (s.invoicedCostUsd === null ? row.invoicedCostUsd === null : row.invoicedCostUsd !== null && toDecimal(s.invoicedCostUsd.toFixed()).eq(row.invoicedCostUsd)) &&
      (s.asOf?.toISOString().slice(0, 10) ?? null) === row.asOf &&
      toDecimal(s.costUsd.toFixed()).eq(cost.toDecimalPlaces(10));
    const change = s === undefined ? "new" : same ? "same" : "update";
    changes[change] += 1;
    total = total.plus(cost);
    const { line: _, ...figures } = row;
    records.push({ ...figures, model: modelId });
    if (rows.length < PREVIEW_ROWS) {
      rows.push({
        line: row.line,
        model: row.model,
        modelName: names.get(modelId) ?? row.model,
        month: row.month,
        inputTokens: row.inputTokens.toString(),
        cachedInputTokens: row.cachedInputTokens.toString(),
        outputTokens: row.outputTokens.toString(),
        requests: row.requests?.toString() ?? null,
        invoicedCostUsd: row.invoicedCostUsd,
        asOf: row.asOf,
        costUsd: toDecimalString(cost),
        change,
      });
    }
  });

  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return {
    preview: {
      format: input.format,
      rowCount: records.length,
      rows,
      problemCount: problems.length,
      problems: problems.slice(0, PREVIEW_PROBLEMS),
      unmatched: unmatchedModels(unmatched),
      notes: read.notes,
      totalCostUsd: toDecimalString(total),
      changes,
    },
    records,
  };
}
