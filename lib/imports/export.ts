import "server-only";
import { z } from "zod";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { toDecimalString } from "@/lib/money/decimal";
import { csvRow } from "./csv";
import type { ExportQuery } from "./schemas";

export const EXPORT_COLUMNS = [
  "month",
  "project",
  "model",
  "provider_model_id",
  "base_model",
  "input_tokens",
  "cached_input_tokens",
  "output_tokens",
  "requests",
  "cost_usd",
  "invoiced_cost_usd",
  "as_of",
  "source",
  // Added with the providers (decision 017), after the older columns so a reader by position keeps working.
  "provider",
  "batch_input_tokens",
  "batch_output_tokens",
  "hosting_hours",
  "fixed_cost_usd",
] as const;

// Counts and money leave PostgreSQL as text, so nothing passes through a JS number.
const exportRowSchema = z.object({
  id: z.string(),
  month: z.string(),
  project: z.string(),
  model: z.string(),
  providerModelId: z.string().nullable(),
  baseModelId: z.string(),
  inputTokens: z.string(),
  cachedInputTokens: z.string(),
  outputTokens: z.string(),
  requests: z.string().nullable(),
  costUsd: z.string(),
  invoicedCostUsd: z.string().nullable(),
  asOf: z.string().nullable(),
  source: z.string(),
  provider: z.string(),
  batchInputTokens: z.string(),
  batchOutputTokens: z.string(),
  hostingHours: z.string().nullable(),
  fixedCostUsd: z.string(),
});
type ExportRow = z.infer<typeof exportRowSchema>;

/** One page of the export in its order (month, project, model), after the row `after` when given. */
async function exportPage(teamId: string, q: ExportQuery, after: ExportRow | null, limit: number): Promise<ExportRow[]> {
  const rows = await db.$queryRaw<unknown[]>(Prisma.sql`
    SELECT u.id::text AS id, to_char(u.month, 'YYYY-MM') AS month, p.name AS project, m."displayName" AS model,
           m."providerModelId", m."baseModelId", u."inputTokens"::text AS "inputTokens",
           u."cachedInputTokens"::text AS "cachedInputTokens", u."outputTokens"::text AS "outputTokens",
           u.requests::text AS requests, u."costUsd"::text AS "costUsd", u."invoicedCostUsd"::text AS "invoicedCostUsd",
           to_char(u."asOf", 'YYYY-MM-DD') AS "asOf", lower(u.source::text) AS source, cm.provider,
           u."batchInputTokens"::text AS "batchInputTokens", u."batchOutputTokens"::text AS "batchOutputTokens",
           u."hostingHours"::text AS "hostingHours", u."fixedCostUsd"::text AS "fixedCostUsd"
    FROM "UsageRecord" u
    JOIN "FineTunedModel" m ON m.id = u."modelId"
    JOIN "CatalogModel" cm ON cm.id = m."baseModelId"
    JOIN "Project" p ON p.id = m."projectId"
    WHERE u."teamId" = ${teamId}::uuid
      ${q.projectId ? Prisma.sql`AND m."projectId" = ${q.projectId}::uuid` : Prisma.empty}
      ${q.from ? Prisma.sql`AND u.month >= ${`${q.from}-01`}::date` : Prisma.empty}
      ${q.to ? Prisma.sql`AND u.month <= ${`${q.to}-01`}::date` : Prisma.empty}
      ${
        after
          ? Prisma.sql`AND (u.month, p.name, m."displayName", u.id) > (${`${after.month}-01`}::date, ${after.project}, ${after.model}, ${after.id}::uuid)`
          : Prisma.empty
      }
    ORDER BY u.month, p.name, m."displayName", u.id
    LIMIT ${limit}`);
  return z.array(exportRowSchema).parse(rows);
}

const money = (v: string | null) => (v === null ? null : toDecimalString(v));

function toCsvRow(r: ExportRow): string {
  return csvRow([
    r.month,
    r.project,
    r.model,
    r.providerModelId,
    r.baseModelId,
    r.inputTokens,
    r.cachedInputTokens,
    r.outputTokens,
    r.requests,
    money(r.costUsd),
    money(r.invoicedCostUsd),
    r.asOf,
    r.source,
    r.provider,
    r.batchInputTokens,
    r.batchOutputTokens,
    money(r.hostingHours),
    money(r.fixedCostUsd),
  ]);
}

/**
 * The team's usage and costs as CSV (or one project's; another team's project is 404, checked before anything is
 * sent). Rows are read in keyset-paged batches and streamed, so a big team's export never sits in memory whole.
 * Cells are quoted per RFC 4180 and names that a spreadsheet would run as a formula are defused.
 */
export async function exportUsageCsvOrThrow(ctx: TeamContext, q: ExportQuery, opts: { batchSize?: number } = {}): Promise<ReadableStream<Uint8Array>> {
  if (q.projectId) {
    const project = await db.project.findFirst({ where: { id: q.projectId, ...teamScope(ctx) }, select: { id: true } });
    if (!project) throw notFound("Project");
  }
  const { teamId } = teamScope(ctx);
  const batchSize = opts.batchSize ?? 2_000;
  const encoder = new TextEncoder();
  let after: ExportRow | null = null;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(EXPORT_COLUMNS)));
    },
    // Pulled as the client reads: a slow download holds one batch, not the whole export.
    async pull(controller) {
      if (done) return;
      const rows = await exportPage(teamId, q, after, batchSize);
      if (rows.length > 0) {
        controller.enqueue(encoder.encode(rows.map(toCsvRow).join("")));
        after = rows[rows.length - 1]!;
      }
      if (rows.length < batchSize) {
        done = true;
        controller.close();
      }
    },
  });
}
