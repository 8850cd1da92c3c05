import { z } from "zod";
import { FORMATS } from "@/lib/tokens/example-common";
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
  baseModelId: z.string().describe("The catalog id: OpenAI's snapshot id (gpt-4o-mini-2024-07-18) or <provider>:<model> (together:meta-llama/…)."),
  status: z.enum(["PLANNED", "TRAINING", "ACTIVE", "RETIRED"]),
  trainingTokens: count.nullable(),
  epochs: z.int().nullable(),
  trainingMethod: z.enum(["SFT", "DPO", "RFT"]),
  fineTuneType: z.enum(["LORA", "FULL"]),
  validationTokens: count.nullable(),
  evaluations: z.int().nullable(),
  trainingHours: decimal.nullable().describe("Hours of an hour-billed training job (RFT, self-hosted GPUs)."),
  hostingSchedule: z.enum(["NONE", "ALWAYS_ON", "BUSINESS_HOURS"]).describe("Hosting hours of a month whose usage gives none: 24 a day, 8 a weekday (UTC), or none."),
  trainedAt: z.iso.date().nullable(),
  trainingCostUsd: decimal.nullable().describe("Computed from the catalog in force on the training date."),
  invoicedTrainingCostUsd: decimal.nullable(),
  datasetId: z.uuid().nullable(),
  hyperparameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
  promptTokensFineTuned: z.int().nullable(),
  promptTokensBase: z.int().nullable(),
  archived: z.boolean(),
  shutdownOn: z.iso.date().nullable().describe("The team's own shutdown date for this fine-tune; null: its base model's."),
  replacesModelId: z.uuid().nullable().describe("The model this one takes over from (a planned move)."),
  replacedById: z.uuid().nullable().describe("The planned model that takes over from this one."),
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
  batchInputTokens: count.describe("Batch API input tokens, apart from inputTokens, priced at the batch price."),
  batchOutputTokens: count.describe("Batch API output tokens, apart from outputTokens, priced at the batch price."),
  hostingHours: decimal.nullable().describe("Hours a deployment ran as entered; null: the model's hosting schedule."),
  requests: count.nullable(),
  invoicedCostUsd: decimal.nullable(),
  asOf: z.iso.date().nullable(),
  costUsd: decimal.describe("Priced exactly with the prices in force on the first day of the month: tokens, batch tokens, hosting and storage."),
  fixedCostUsd: decimal.describe("The part of costUsd that is hosting and storage for the days the model existed that month."),
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
  trainingCostUsd: decimal.describe("The training job: tokens × epochs at the method's rate, billed validation, and the provider's minimum charge."),
  trainingMinimumTopUpUsd: decimal.describe("What the provider's minimum charge per job added (0 when the job costs more)."),
  validationCostUsd: decimal.describe("Validation tokens × evaluations, where the provider bills them."),
  monthlyCostUsd: decimal.describe("Month 1's inference (token) cost, without fixed costs."),
  fixedMonthlyUsd: decimal.describe("Hosting hours × the hourly rate plus storage, every month."),
  totalCostUsd: decimal,
  months: z.array(z.object({ index: z.int(), costUsd: decimal, inferenceUsd: decimal, fixedUsd: decimal })),
  prices: z.object({
    trainingPerMTok: perMTok,
    inputPerMTok: perMTok,
    cachedInputPerMTok: perMTok,
    outputPerMTok: perMTok,
    baseInputPerMTok: perMTok,
    baseCachedInputPerMTok: perMTok,
    baseOutputPerMTok: perMTok,
    hostingPerHourUsd: perMTok,
    storagePerMonthUsd: perMTok,
  }),
  catalog: z.object({ model: z.string(), priceSet: z.string(), source: z.enum(["global", "team"]) }).nullable(),
});

export const analysisReportSchema = z
  .object({
    format: z.enum(FORMATS).describe("chat, prompt_completion, preference (DPO), reinforcement (RFT), vertex_gemini, bedrock_conversation."),
    tokenizer: z.string().describe("The tokenizer the counts were made with."),
    tokenizerLabel: z.string(),
    countsEstimated: z.boolean().describe("true: the model's own tokenizer ships in no package, so the counts are estimates."),
    notes: z.array(z.string()),
    fileWarnings: z.array(z.object({ code: z.string(), message: z.string() })).describe("Fewer examples than the provider accepts, more epochs than it allows."),
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

const perMTokOrNull = decimal.nullable();
/** The prices in force for the caller's team of one base model, with where the figures come from. */
export const catalogPriceSchema = z.object({
  scope: z.enum(["global", "team"]).describe("global: the catalog's row; team: your team's own override."),
  effectiveFrom: z.iso.date(),
  trainingPerMTokUsd: perMTokOrNull.describe("Supervised training per 1M tokens × epochs (LoRA's rate where the provider distinguishes)."),
  trainingFullPerMTokUsd: perMTokOrNull,
  trainingDpoPerMTokUsd: perMTokOrNull,
  trainingDpoFullPerMTokUsd: perMTokOrNull,
  trainingPerHourUsd: perMTokOrNull.describe("Per training hour (RFT, self-hosted GPUs)."),
  validationBilled: z.boolean(),
  minTrainingChargeUsd: perMTokOrNull,
  inputPerMTokUsd: perMTokOrNull,
  cachedInputPerMTokUsd: perMTokOrNull,
  outputPerMTokUsd: perMTokOrNull,
  batchInputPerMTokUsd: perMTokOrNull,
  batchOutputPerMTokUsd: perMTokOrNull,
  baseInputPerMTokUsd: perMTokOrNull,
  baseCachedInputPerMTokUsd: perMTokOrNull,
  baseOutputPerMTokUsd: perMTokOrNull,
  hostingPerHourUsd: perMTokOrNull.describe("Per hour a deployment / dedicated endpoint / provisioned unit runs."),
  storagePerMonthUsd: perMTokOrNull.describe("Per model per month, prorated by the days it existed."),
  sourceUrl: z.string().nullable(),
  checkedOn: z.iso.date().nullable(),
  verified: z.boolean().nullable().describe("false: a figure could not be confirmed on the provider's own page; null: your team's own row."),
  note: z.string().nullable(),
});

export const catalogSchema = z.object({
  priceSet: z.string(),
  date: z.iso.date().describe("The day the prices are in force on (today, UTC)."),
  providers: z.array(z.object({ id: z.string(), name: z.string(), modelIdExample: z.string() })),
  models: z.array(
    z.object({
      id: z.string(),
      provider: z.string(),
      displayName: z.string(),
      aliases: z.array(z.string()),
      tokenizer: z.string(),
      tokenizerExact: z.boolean().describe("false: no package ships this model's tokenizer; counts with `tokenizer` are estimates."),
      contextLength: z.int().nullable().describe("Training context limit per example; null when the provider states none."),
      trainingBilling: z.enum(["token", "training_hour"]),
      maxEpochs: z.int().nullable(),
      minExamples: z.int().nullable(),
      owner: z.enum(["catalog", "team"]),
      lifecycle: z
        .object({
          announcedOn: z.iso.date().nullable(),
          trainingEndsOn: z.iso.date().nullable().describe("Last day new fine-tuning jobs are accepted."),
          shutdownOn: z.iso.date().nullable(),
          replacement: z.string().nullable(),
          sourceUrl: z.string().nullable(),
        })
        .nullable(),
      prices: catalogPriceSchema.nullable().describe("null: nothing in force today for your team's price set."),
    }),
  ),
});
