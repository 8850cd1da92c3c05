/**
 * A saved dataset's training file counted with other tokenizers (issue #15), for the migration planner.
 *
 *   datasetTokenCounts(dataset: DatasetTokenColumns): Map<TokenizerId, TokenFigures>
 *     TokenFigures = { total: number; billedPerEpoch: number; assistant: number }
 *
 * The map holds the dataset's own encoding (from its columns `encoding`, `totalTokens`, `billedTokensPerEpoch`,
 * `assistantTokens`) and every tokenizer stored in `Dataset.tokenCounts`. A tokenizer missing from the map has not
 * been counted: the caller falls back to the own count and marks it "estimated". The figures of every entry follow
 * the same rules as the own count — the same valid examples, `billedPerEpoch` = Σ min(dataset.contextLimit, tokens) —
 * so `measuredTokenRatio` (other ÷ own) compares like with like. Only figures are ever stored, never the file.
 *
 * Pure: no Prisma or framework import, so the planner, the browser and unit tests can use it.
 */
import { z } from "zod";
import { isTokenizerId, TOKENIZER_IDS, type TokenizerId } from "@/lib/tokens/tokenizer-ids";

const count = z.number().int("Must be a whole number").min(0, "Must not be negative").max(Number.MAX_SAFE_INTEGER);

/** One tokenizer's figures for a file: what the analyzer's report gives as `tokens.total`, `billedPerEpoch`, `assistant`. */
export const tokenFiguresSchema = z
  .strictObject({ total: count, billedPerEpoch: count, assistant: count })
  .refine((f) => f.billedPerEpoch <= f.total, { message: "billedPerEpoch cannot exceed total", path: ["billedPerEpoch"] })
  .refine((f) => f.assistant <= f.total, { message: "assistant cannot exceed total", path: ["assistant"] });
export type TokenFigures = z.infer<typeof tokenFiguresSchema>;

/** `Dataset.tokenCounts`: `{ "<tokenizer id>": { total, billedPerEpoch, assistant } }`, any subset of the tokenizers. */
export const tokenCountsSchema = z.partialRecord(z.enum(TOKENIZER_IDS), tokenFiguresSchema);
export type TokenCounts = z.infer<typeof tokenCountsSchema>;

/** The columns of a `Dataset` row the reader needs (Prisma gives the counts as bigint, plain data as number). */
export interface DatasetTokenColumns {
  encoding: string;
  totalTokens: bigint | number;
  billedTokensPerEpoch: bigint | number;
  assistantTokens: bigint | number;
  /** The Json column as Prisma returns it (null when nothing was counted). */
  tokenCounts: unknown;
}

/**
 * Parses a stored `tokenCounts` value. Keys this build does not know (a tokenizer removed since) are skipped; malformed
 * figures under a known key throw, as they can only come from a defect.
 */
export function parseStoredTokenCounts(value: unknown): TokenCounts {
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw new TypeError("Dataset.tokenCounts is not an object");
  const known = Object.fromEntries(Object.entries(value).filter(([id]) => isTokenizerId(id)));
  const parsed = tokenCountsSchema.safeParse(known);
  if (!parsed.success) throw new TypeError(`Dataset.tokenCounts is malformed: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** Every tokenizer the dataset's file has been counted with, its own encoding first (from its columns). */
export function datasetTokenCounts(dataset: DatasetTokenColumns): Map<TokenizerId, TokenFigures> {
  const counts = new Map<TokenizerId, TokenFigures>();
  if (isTokenizerId(dataset.encoding)) {
    counts.set(dataset.encoding, {
      total: Number(dataset.totalTokens),
      billedPerEpoch: Number(dataset.billedTokensPerEpoch),
      assistant: Number(dataset.assistantTokens),
    });
  }
  for (const [id, figures] of Object.entries(parseStoredTokenCounts(dataset.tokenCounts)) as [TokenizerId, TokenFigures][]) {
    // The columns are the dataset's own count; a stored entry for the same tokenizer never overrides them.
    if (!counts.has(id)) counts.set(id, figures);
  }
  return counts;
}

/**
 * The measured ratio of `tokenizer`'s count to the dataset's own count, by figure (e.g. 1.12: 12% more tokens), or
 * null when that tokenizer has not been counted. A figure whose own count is 0 has ratio null.
 */
export function measuredTokenRatio(
  dataset: DatasetTokenColumns,
  tokenizer: TokenizerId,
): { total: number | null; billedPerEpoch: number | null; assistant: number | null } | null {
  const counts = datasetTokenCounts(dataset);
  const own = isTokenizerId(dataset.encoding) ? counts.get(dataset.encoding) : undefined;
  const other = counts.get(tokenizer);
  if (own === undefined || other === undefined) return null;
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  return {
    total: ratio(other.total, own.total),
    billedPerEpoch: ratio(other.billedPerEpoch, own.billedPerEpoch),
    assistant: ratio(other.assistant, own.assistant),
  };
}

/** The tokenizers a dataset can still be counted with: every one but its own encoding, in `TOKENIZER_IDS` order. */
export function otherTokenizers(encoding: string): TokenizerId[] {
  return TOKENIZER_IDS.filter((id) => id !== encoding);
}

/** What the browser sends after counting the file itself (figures only) and what the API stores after counting it. */
export const saveTokenCountsSchema = z.object({
  datasetId: z.uuid("Unknown dataset"),
  /** SHA-256 of the file that was counted: must be the dataset's `fileSha256`. */
  fileSha256: z.string().regex(/^[0-9a-f]{64}$/, "Expected a SHA-256 hex digest"),
  /** Valid examples the counts cover: must equal the dataset's, or the counts are not of the same examples. */
  validExamples: count,
  counts: tokenCountsSchema.refine((c) => Object.keys(c).length > 0, "Count with at least one tokenizer"),
});
export type SaveTokenCountsInput = z.infer<typeof saveTokenCountsSchema>;

/** `?tokenizers=llama3,qwen3` or `all` (every tokenizer but the dataset's own), for the API. */
export const tokenCountsQuerySchema = z.object({
  tokenizers: z
    .string()
    .trim()
    .min(1, "Name the tokenizers, comma-separated, or all")
    .transform((text, ctx): TokenizerId[] | "all" => {
      if (text === "all") return "all";
      const ids = [...new Set(text.split(",").map((s) => s.trim()).filter(Boolean))];
      const unknown = ids.filter((id) => !isTokenizerId(id));
      if (unknown.length > 0 || ids.length === 0) {
        ctx.addIssue({ code: "custom", message: `Unknown tokenizer ${unknown.join(", ") || "(none)"}; use ${TOKENIZER_IDS.join(", ")} or all` });
        return z.NEVER;
      }
      return ids as TokenizerId[];
    })
    .default("all"),
});

/** The message for a file whose SHA-256 is not the dataset's. */
export const WRONG_FILE_MESSAGE = "This is not the file the dataset was analysed from (its SHA-256 differs).";

/** The answer of POST /api/v1/datasets/{id}/token-counts (documented in the OpenAPI document). */
export const tokenCountsResultSchema = z.object({
  datasetId: z.uuid(),
  encoding: z.string().describe("The dataset's own encoding; its figures are in `tokenCounts` too, from the dataset's columns."),
  counted: z.array(z.enum(TOKENIZER_IDS)).describe("The tokenizers this request counted the file with."),
  changed: z.boolean().describe("false: the same figures were stored already (a retry); nothing changed."),
  tokenCounts: tokenCountsSchema.describe("Every count the dataset has now, by tokenizer: total, billedPerEpoch (at the dataset's context limit), assistant."),
});

/** A saved dataset as the browser needs it to count its file again: plain data (no bigint), safe to pass to a client component. */
export interface CountableDataset {
  id: string;
  name: string;
  fileName: string;
  fileBytes: number;
  fileSha256: string;
  format: string;
  encoding: string;
  contextLimit: number;
  validExamples: number;
  /** Every count it has, own encoding included. */
  tokenCounts: Partial<Record<TokenizerId, TokenFigures>>;
}

/** The plain `CountableDataset` of a dataset row. */
export function toCountableDataset(
  row: DatasetTokenColumns & { id: string; name: string; fileName: string; fileBytes: bigint | number; fileSha256: string; format: string; contextLimit: number; validExamples: number },
): CountableDataset {
  return {
    id: row.id,
    name: row.name,
    fileName: row.fileName,
    fileBytes: Number(row.fileBytes),
    fileSha256: row.fileSha256,
    format: row.format,
    encoding: row.encoding,
    contextLimit: row.contextLimit,
    validExamples: row.validExamples,
    tokenCounts: Object.fromEntries(datasetTokenCounts(row)),
  };
}
