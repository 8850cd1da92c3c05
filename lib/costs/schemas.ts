import { z } from "zod";
import { decimalString, signedDecimalString, toDecimal } from "@/lib/money/decimal";

const wholeNumber = (min: number, max?: number) => {
  const atLeast = z
    .number({ error: (issue) => (issue.input === undefined ? "Required" : "Must be a number") })
    .int("Must be a whole number")
    .min(min, `Must be at least ${min}`);
  return max === undefined ? atLeast : atLeast.max(max, `Must be at most ${max}`);
};

// The fields a price card cannot do without; cached prices may stay null (no caching discount).
const REQUIRED_WITHOUT_MODEL = ["trainingPerMTok", "inputPerMTok", "outputPerMTok", "baseInputPerMTok", "baseOutputPerMTok"] as const;

/** Per-field price overrides (decimal strings, USD per 1M tokens) applied on top of the catalog. */
export const priceOverridesSchema = z.strictObject({
  trainingPerMTok: decimalString.optional(),
  inputPerMTok: decimalString.optional(),
  cachedInputPerMTok: decimalString.optional(),
  outputPerMTok: decimalString.optional(),
  baseInputPerMTok: decimalString.optional(),
  baseCachedInputPerMTok: decimalString.optional(),
  baseOutputPerMTok: decimalString.optional(),
  /** Fixed costs: per hour a deployment runs, per month the model is stored. */
  hostingPerHourUsd: decimalString.optional(),
  storagePerMonthUsd: decimalString.optional(),
});

/** Inference usage per day or per month; cached input tokens are part of input tokens. */
export const usageSchema = z
  .strictObject({
    period: z.enum(["day", "month"], { error: 'Must be "day" or "month"' }),
    inputTokens: wholeNumber(0),
    cachedInputTokens: wholeNumber(0).optional(),
    outputTokens: wholeNumber(0),
  })
  .refine((u) => (u.cachedInputTokens ?? 0) <= u.inputTokens, {
    path: ["cachedInputTokens"],
    message: "Must not exceed inputTokens (cached tokens are part of the input)",
  });

/**
 * Body of POST /api/v1/estimates. Unknown keys are rejected so a misspelt field is an error, not a silent default.
 * Growth may be negative (shrinking usage) but above -100%; growth is capped at 1000% and the retry buffer at 100%
 * because larger values are typos, not plans. Without `baseModel`, `prices` must be a complete price card.
 */
export const estimateInputSchema = z
  .strictObject({
    baseModel: z.string().trim().min(1, "Must not be empty").max(200, "Must be at most 200 characters").optional(),
    prices: priceOverridesSchema.optional(),
    training: z.strictObject({
      tokens: wholeNumber(0),
      epochs: wholeNumber(1, 50),
      /** Supervised or preference training, LoRA or full: the provider's rate for each (supervised LoRA's where it has no other). */
      method: z.enum(["sft", "dpo"], { error: 'Must be "sft" or "dpo"' }).default("sft"),
      fineTuneType: z.enum(["lora", "full"], { error: 'Must be "lora" or "full"' }).default("lora"),
      /** Validation-file tokens, billed × evaluations where the provider bills them. */
      validationTokens: wholeNumber(0).optional(),
      evaluations: wholeNumber(0, 10_000).optional(),
    }),
    /** Hours a deployment runs each month (744 is a whole 31-day month), billed at the model's hosting rate. */
    hostingHoursPerMonth: decimalString.refine((v) => toDecimal(v).lte(1_000_000), "Must be at most 1000000").default("0"),
    usage: usageSchema,
    months: wholeNumber(1, 120).default(12),
    daysPerMonth: wholeNumber(1, 31).default(30),
    monthlyGrowthPct: signedDecimalString
      .refine((v) => toDecimal(v).gt(-100) && toDecimal(v).lte(1000), "Must be greater than -100 and at most 1000")
      .default("0"),
    retryBufferPct: decimalString.refine((v) => toDecimal(v).lte(100), "Must be at most 100").default("0"),
  })
  .superRefine((input, ctx) => {
    if (input.baseModel !== undefined) return;
    for (const field of REQUIRED_WITHOUT_MODEL) {
      if (input.prices?.[field] === undefined) {
        ctx.addIssue({ code: "custom", path: ["prices", field], message: "Required when baseModel is not given" });
      }
    }
  });

/** A parsed estimate request (defaults applied). */
export type EstimateInput = z.output<typeof estimateInputSchema>;
/** An estimate request body as sent. */
export type EstimateRequest = z.input<typeof estimateInputSchema>;
