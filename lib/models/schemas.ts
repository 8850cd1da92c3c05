import { z } from "zod";
import { decimalString, signedDecimalString } from "@/lib/money/decimal";
import { monthSchema, tokenCount } from "@/lib/usage/schemas";

const optionalInt = (min: number, max: number) => z.number().int("Must be a whole number").min(min, `Must be at least ${min}`).max(max, `Must be at most ${max}`).nullish();

/** Fields of a fine-tuned model, from a form or POST /api/v1/models. */
export const modelInputSchema = z
  .object({
    projectId: z.uuid("Pick a project"),
    displayName: z.string().trim().min(1, "Name the model").max(100, "Use at most 100 characters"),
    /** The provider's own id (OpenAI `ft:…`, Together `account/model`, a Bedrock ARN…); checked against the base model's provider. */
    providerModelId: z
      .string()
      .trim()
      .max(512, "Use at most 512 characters")
      .regex(/^\S+$/, "A provider model id has no spaces")
      .nullish()
      .or(z.literal("").transform(() => null)),
    /** A catalog id or alias; may be left out when an `ft:` providerModelId names it. */
    baseModel: z.string().trim().min(1).optional(),
    /** Omitted: SFT, LoRA, no hosting schedule. */
    trainingMethod: z.enum(["SFT", "DPO", "RFT"]).optional(),
    fineTuneType: z.enum(["LORA", "FULL"]).optional(),
    validationTokens: tokenCount.nullish(),
    evaluations: optionalInt(0, 10_000),
    /** Hours of an hour-billed training job (RFT, self-hosted GPUs). */
    trainingHours: decimalString.refine((v) => Number(v) <= 100_000, "Use at most 100,000 hours").nullish(),
    hostingSchedule: z.enum(["NONE", "ALWAYS_ON", "BUSINESS_HOURS"]).optional(),
    status: z.enum(["PLANNED", "TRAINING", "ACTIVE", "RETIRED"]).default("PLANNED"),
    trainingTokens: tokenCount.nullish(),
    epochs: optionalInt(1, 100),
    trainedAt: z.iso.date("Use a date like 2026-03-15").nullish(),
    invoicedTrainingCostUsd: decimalString.nullish(),
    datasetId: z.uuid().nullish(),
    hyperparameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullish(),
    promptTokensFineTuned: optionalInt(0, 10_000_000),
    promptTokensBase: optionalInt(0, 10_000_000),
    /** The team's own shutdown date for this fine-tune; null or omitted: its base model's. */
    shutdownOn: z.iso
      .date("Use a date like 2027-01-14")
      .nullish()
      .describe("The team's own shutdown date for this fine-tune (YYYY-MM-DD); null or omitted: its base model's."),
    /**
     * The model of the same team this one takes over from (a planned move): that model's projection ends where this
     * one's plan starts. Omitted on an update: unchanged.
     */
    replacesModelId: z
      .uuid("Must be a model id")
      .nullish()
      .describe("A model of your team this one takes over from (a planned move): 404 for another team's, 422 for itself, 409 when it is already replaced."),
  })
  .strict()
  .refine((m) => m.baseModel || m.providerModelId, { message: "Pick the base model", path: ["baseModel"] });
export type ModelInput = z.infer<typeof modelInputSchema>;

export const updateModelSchema = z.object({ id: z.uuid(), version: z.number().int().min(1), model: modelInputSchema }).strict();

/** What the team expects a model to serve, from a month on. */
export const usagePlanSchema = z
  .object({
    startMonth: monthSchema,
    period: z.enum(["DAY", "MONTH"]),
    inputTokens: tokenCount,
    cachedInputTokens: tokenCount.optional(),
    outputTokens: tokenCount,
    requests: tokenCount.nullish(),
    daysPerMonth: z.number().int().min(1).max(31).default(30),
    monthlyGrowthPct: signedDecimalString.refine((v) => Number(v) > -100 && Number(v) <= 1000, "Use a growth above -100% and at most 1000%").default("0"),
  })
  .strict()
  .refine((p) => (p.cachedInputTokens ?? 0n) <= p.inputTokens, { message: "Cached input cannot exceed input", path: ["cachedInputTokens"] });
export type UsagePlanInput = z.infer<typeof usagePlanSchema>;
