import { z } from "zod";
import { monthsBetween } from "@/lib/forecast/month";
import { PROVIDER_IDS } from "@/lib/pricing/providers";
import { monthSchema } from "@/lib/usage/schemas";

/** The longest usage window the planner averages over. */
export const MAX_WINDOW_MONTHS = 24;

/** `?from&to&provider&minContext` of GET /api/v1/models/{id}/migration-options (and the Plan a move page). */
export const migrationQuerySchema = z
  .strictObject({
    from: monthSchema.optional().describe("First month of the usage window, YYYY-MM; default: 3 complete months before the current one."),
    to: monthSchema.optional().describe("Last month of the usage window, YYYY-MM; default: the last complete month."),
    provider: z.enum(PROVIDER_IDS, { error: `Use one of: ${PROVIDER_IDS.join(", ")}` }).optional().describe("Only this provider's candidates."),
    minContext: z.coerce
      .number({ error: "Use a whole number of tokens" })
      .int("Use a whole number of tokens")
      .min(1, "Must be at least 1")
      .max(100_000_000, "Must be at most 100,000,000")
      .optional()
      .describe("Only candidates whose training context limit is known and at least this many tokens."),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "Must not be after `to`", path: ["from"] })
  .refine((q) => !q.from || !q.to || monthsBetween(q.from, q.to) < MAX_WINDOW_MONTHS, { message: `Use a window of at most ${MAX_WINDOW_MONTHS} months`, path: ["to"] });
export type MigrationQuery = z.infer<typeof migrationQuerySchema>;

/** The Plan this move form / action input. */
export const planMoveSchema = z
  .strictObject({
    modelId: z.uuid(),
    targetModelId: z.string().trim().min(1, "Pick the model to move to"),
    startMonth: monthSchema,
    displayName: z.string().trim().min(1, "Name the new model").max(100, "Use at most 100 characters").optional(),
    from: monthSchema.optional(),
    to: monthSchema.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "Must not be after `to`", path: ["from"] });
export type PlanMoveInput = z.infer<typeof planMoveSchema>;

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/).describe('An exact decimal number as a string, e.g. "1500.5".');
const volume = decimal.describe("Tokens a month: an exact decimal (averages and ratios make them fractional).");

/** One priced candidate. */
export const migrationOptionSchema = z.object({
  modelId: z.string(),
  displayName: z.string(),
  provider: z.string(),
  providerName: z.string(),
  tokenizer: z.string(),
  contextLength: z.int().nullable(),
  teamOwned: z.boolean(),
  shutdownOn: z.iso.date().nullable().describe("The candidate's announced shutdown day, if any."),
  estimated: z.boolean().describe("True when a count or the ratio is not exact (no recount under this tokenizer, or a stand-in tokenizer)."),
  tokenRatio: decimal.describe("Tokens under the candidate's tokenizer ÷ under the current model's, on the model's dataset (6 decimals)."),
  tokenRatioExact: z.boolean(),
  training: z.object({
    tokensPerEpoch: z.string().regex(/^\d+$/),
    epochs: z.int(),
    trainedTokens: decimal,
    rateField: z.string(),
    rate: decimal,
    validationUsd: decimal,
    minimumTopUpUsd: decimal,
    totalUsd: decimal,
  }),
  monthly: z.object({
    inputTokens: volume,
    cachedInputTokens: volume,
    outputTokens: volume,
    batchInputTokens: volume,
    batchOutputTokens: volume,
    inferenceUsd: decimal,
    hostingHours: decimal,
    hostingUsd: decimal,
    storageUsd: decimal,
    fixedUsd: decimal,
    totalUsd: decimal,
  }),
  next12MonthsUsd: decimal.describe("Training + 12 × the month."),
  next12Months: z.object({ trainingUsd: decimal, inferenceUsd: decimal, fixedUsd: decimal }),
  monthlyDifferenceUsd: decimal.describe("The candidate's month − the current model's observed month: negative saves money."),
  explanations: z.object({ tokenRatio: z.string(), training: z.string(), inference: z.string(), fixed: z.string(), next12Months: z.string(), monthlyDifference: z.string() }),
});

/** GET /api/v1/models/{id}/migration-options. */
export const migrationOptionsSchema = z.object({
  today: z.iso.date(),
  window: z.object({ from: monthSchema, to: monthSchema, months: z.int(), recordedMonths: z.int() }),
  filters: z.object({ provider: z.string().nullable(), minContext: z.int().nullable() }),
  workload: z.object({ inputTokens: volume, cachedInputTokens: volume, outputTokens: volume, batchInputTokens: volume, batchOutputTokens: volume, hostingHours: decimal.nullable() }),
  current: z.object({
    modelId: z.uuid(),
    displayName: z.string(),
    baseModelId: z.string(),
    provider: z.string(),
    shutdownOn: z.iso.date().nullable(),
    daysUntilShutdown: z.int().nullable(),
    monthlyUsd: decimal,
    monthlyInferenceUsd: decimal,
    monthlyFixedUsd: decimal,
    costUntilShutdownUsd: decimal.nullable(),
    explanations: z.object({ monthly: z.string(), costUntilShutdown: z.string() }),
  }),
  options: z.array(migrationOptionSchema).describe("Cheapest over the next 12 months first."),
  unpriced: z.array(z.object({ modelId: z.string(), displayName: z.string(), provider: z.string(), reason: z.string() })),
  replacedBy: z.object({ id: z.uuid(), displayName: z.string(), baseModelId: z.string() }).nullable().describe("The planned model that already takes over from this one."),
});
export type MigrationOptionsView = z.infer<typeof migrationOptionsSchema>;
