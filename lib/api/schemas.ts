import { z } from "zod";
import { monthSchema } from "@/lib/usage/schemas";

// What /api/v1 answers. Requests are parsed with the domain's own schemas (lib/*/schemas.ts); these describe the
// JSON views (lib/*/queries.ts) for the OpenAPI document, and tests/integration/api-v1.test.ts checks real responses
// against them so they cannot drift.

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/).describe("An exact decimal number as a string, e.g. \"1500.5\".");
const count = z.string().regex(/^\d+$/).describe("A 64-bit count as a string of digits.");
const timestamp = z.iso.datetime();

export const projectSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  monthlyBudgetUsd: decimal.nullable(),
  deviationThresholdPct: decimal,
  archived: z.boolean(),
  version: z.int().describe("Bumped by every change."),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const projectListSchema = z.object({ projects: z.array(projectSchema.extend({ modelCount: z.int() })) });

export const modelSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  projectName: z.string(),
  displayName: z.string(),
  providerModelId: z.string().nullable(),
  baseModelId: z.string().describe("The catalog snapshot id, e.g. gpt-4o-mini-2024-07-18."),
  status: z.enum(["PLANNED", "TRAINING", "ACTIVE", "RETIRED"]),
  trainingTokens: count.nullable(),
  epochs: z.int().nullable(),
  trainedAt: z.iso.date().nullable(),
  trainingCostUsd: decimal.nullable().describe("Computed from the catalog in force on the training date."),
  invoicedTrainingCostUsd: decimal.nullable(),
  datasetId: z.uuid().nullable(),
  hyperparameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
  promptTokensFineTuned: z.int().nullable(),
  promptTokensBase: z.int().nullable(),
  archived: z.boolean(),
  version: z.int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const modelListSchema = z.object({ models: z.array(modelSchema) });

export const usageRecordSchema = z.object({
  id: z.uuid(),
  modelId: z.uuid(),
  month: monthSchema,
  inputTokens: count,
  cachedInputTokens: count,
  outputTokens: count,
  requests: count.nullable(),
  invoicedCostUsd: decimal.nullable(),
  asOf: z.iso.date().nullable(),
  costUsd: decimal.describe("Priced exactly with the prices in force on the first day of the month."),
  source: z.enum(["FORM", "CSV", "API", "OPENAI"]),
  version: z.int().describe("Send it back in If-Match to refuse overwriting someone else's change."),
  updatedAt: timestamp,
});

export const usageListSchema = z.object({ records: z.array(usageRecordSchema) });

export const batchResultSchema = z.object({
  received: z.int(),
  changed: z.int().describe("Records inserted or changed; a record identical to the stored one is left alone."),
});

export const meSchema = z.object({ userId: z.string(), teamId: z.uuid(), role: z.enum(["OWNER", "ADMIN", "MEMBER", "VIEWER"]) });

const perMTok = decimal.nullable();
export const estimateSchema = z.object({
  trainingCostUsd: decimal,
  monthlyCostUsd: decimal,
  totalCostUsd: decimal,
  months: z.array(z.object({ index: z.int(), costUsd: decimal })),
  prices: z.object({
    trainingPerMTok: perMTok,
    inputPerMTok: perMTok,
    cachedInputPerMTok: perMTok,
    outputPerMTok: perMTok,
    baseInputPerMTok: perMTok,
    baseCachedInputPerMTok: perMTok,
    baseOutputPerMTok: perMTok,
  }),
  catalog: z.object({ model: z.string(), priceSet: z.string(), source: z.enum(["global", "team"]) }).nullable(),
});

export const analysisReportSchema = z
  .object({
    format: z.enum(["chat", "prompt_completion"]),
    examples: z.int(),
    validExamples: z.int(),
    errorCount: z.int(),
    errors: z.array(z.object({ line: z.int(), column: z.int().optional(), code: z.string(), message: z.string() })).describe("The first 1,000."),
    warnings: z.array(z.object({ line: z.int(), code: z.string(), message: z.string() }).loose()),
    encoding: z.string(),
    tokens: z.object({
      total: z.number(),
      billedPerEpoch: z.number(),
      assistant: z.number(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      mean: z.number().nullable(),
      p50: z.number().nullable(),
      p90: z.number().nullable(),
      limit: z.number().nullable().describe("The base model's training context limit; null when the catalog gives none (no truncation)."),
      overLimitExamples: z.number(),
    }),
    epochs: z.int(),
    epochsSource: z.enum(["default", "given"]),
    trainedTokens: z.number(),
  })
  .loose();

/** The OpenAPI document itself: a JSON object. */
export const openApiDocumentSchema = z.object({ openapi: z.literal("3.1.0") }).loose();
