import { z } from "zod";
import { FORMATS } from "@/lib/tokens/example-common";
import { TOKENIZER_IDS } from "@/lib/tokens/tokenizer-ids";

const count = z.number().int("Must be a whole number").min(0, "Must not be negative");
const countOrNull = count.nullable();

/** The figures of an analysis the browser saves (never the data). The server re-prices them from the catalog. */
export const saveDatasetSchema = z
  .object({
    name: z.string().trim().min(1, "Name the dataset").max(120, "Use at most 120 characters"),
    fileName: z.string().trim().min(1).max(255),
    fileBytes: count,
    fileSha256: z.string().regex(/^[0-9a-f]{64}$/, "Expected a SHA-256 hex digest"),
    baseModel: z.string().min(1, "Pick a base model"),
    format: z.enum(FORMATS),
    examples: count,
    validExamples: count,
    errorCount: count,
    warningCount: count,
    encoding: z.enum(TOKENIZER_IDS),
    tokens: z.object({
      total: count,
      billedPerEpoch: count,
      assistant: count,
      min: countOrNull,
      max: countOrNull,
      mean: z.number().min(0).nullable(),
      p50: countOrNull,
      p90: countOrNull,
      limit: count.min(1),
      overLimitExamples: count,
    }),
    epochs: count.min(1).max(100),
    epochsSource: z.enum(["default", "given"]),
    trainedTokens: count,
    summary: z.object({
      errorCounts: z.record(z.string(), count),
      warningCounts: z.record(z.string(), count),
      histogram: z.object({ bucketEdges: z.array(count).max(64), counts: z.array(count).max(64) }),
    }),
  })
  .refine((d) => d.trainedTokens === d.epochs * d.tokens.billedPerEpoch, {
    message: "trainedTokens must equal epochs × billedPerEpoch",
    path: ["trainedTokens"],
  })
  .refine((d) => d.validExamples <= d.examples, { message: "More valid examples than examples", path: ["validExamples"] });
export type SaveDatasetInput = z.infer<typeof saveDatasetSchema>;

/** Query of POST /api/v1/datasets/analyze (the file is the raw body). */
export const analyzeQuerySchema = z.object({
  baseModel: z.string().trim().min(1).default("gpt-4o-mini-2024-07-18"),
  epochs: z.coerce.number().int("Must be a whole number").min(1, "Must be at least 1").max(100, "Must be at most 100").optional(),
});
