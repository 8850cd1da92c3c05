import { z } from "zod";
import { monthSchema } from "@/lib/usage/schemas";

/** Largest file an import accepts; Next's server-action body limit (next.config.js) sits just above it. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Most data rows a CSV import accepts: all of them are written in one transaction. */
export const MAX_IMPORT_ROWS = 100_000;

export const IMPORT_FORMATS = ["csv", "openai"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** What the import page sends: the format and the file (an uploaded file, or pasted text as a Blob). */
export const importInputSchema = z.object({
  format: z.enum(IMPORT_FORMATS, { error: "Choose CSV or OpenAI usage export" }),
  file: z
    .instanceof(Blob, { error: "Choose a file or paste its contents" })
    .refine((f) => f.size > 0, { error: "The file is empty", abort: true })
    .refine((f) => f.size <= MAX_IMPORT_BYTES, {
      error: (issue) =>
        `The file is ${megabytes((issue.input as Blob).size)}; the limit is ${megabytes(MAX_IMPORT_BYTES)} (at most ${MAX_IMPORT_ROWS.toLocaleString("en-US")} rows). Split it into smaller files.`,
    }),
});
export type ImportInput = z.infer<typeof importInputSchema>;

/** One month of one model's usage read from a file, before the model is looked up. */
export interface ImportRow {
  /** The CSV line it came from; null for an OpenAI export, whose rows are sums over buckets. */
  line: number | null;
  /** As written in the file: a provider model id or a tunecost model id. */
  model: string;
  month: string;
  inputTokens: bigint;
  cachedInputTokens: bigint;
  outputTokens: bigint;
  /** Batch API tokens, apart from inputTokens / outputTokens (0 when the file has none). */
  batchInputTokens: bigint;
  batchOutputTokens: bigint;
  /** Hours a deployment ran, as an exact decimal; null: the model's hosting schedule. */
  hostingHours: string | null;
  requests: bigint | null;
  invoicedCostUsd: string | null;
  asOf: string | null;
}

/** A row (or the file, or a header) that cannot be imported, and why. */
export interface ImportProblem {
  line: number | null;
  /** Where to look: "Line 3", "Header", "Bucket 2026-03-01 00:00 UTC". */
  label: string;
  reasons: string[];
}

/** What reading a file gives, before anything touches the database. */
export interface ImportRead {
  rows: ImportRow[];
  problems: ImportProblem[];
  /** Things to know that do not block the import (a month only partly covered, more pages to fetch). */
  notes: string[];
}

/** The export's filters: a project or the whole team, and an inclusive month range. Empty parameters are absent. */
export const exportQuerySchema = z
  .object({
    projectId: z.uuid("Use a project id").optional(),
    from: monthSchema.optional(),
    to: monthSchema.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["to"] });
export type ExportQuery = z.infer<typeof exportQuerySchema>;
