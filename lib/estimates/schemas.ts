import { z } from "zod";
import { estimateInputSchema } from "@/lib/costs";
import { parseDay } from "@/lib/lifecycle/dates";

const isDay = (v: string) => {
  try {
    parseDay(v);
    return true;
  } catch {
    return false;
  }
};

/** A UTC day, "YYYY-MM-DD", that exists on the calendar. */
export const daySchema = z.string().trim().refine(isDay, "Must be a day like 2026-12-07 (YYYY-MM-DD)");
/** A calendar month, "YYYY-MM". */
export const monthSchema = z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Must be a month like 2026-12 (YYYY-MM)");

const count = (min: number) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? "Required" : "Must be a number") })
    .int("Must be a whole number")
    .min(min, `Must be at least ${min}`);

/**
 * Body of POST /api/v1/estimates: the cost engine's input plus an optional `priceSet` naming which catalog price set
 * `baseModel` is priced from (the team's own set when absent), the day the job is trained (`trainingOn`, default
 * today in UTC) and the month inference starts (`firstMonth`, default the training day's month): the base model's
 * lifecycle is read against those. Unknown keys stay errors.
 */
export const estimateRequestSchema = estimateInputSchema
  .safeExtend({
    priceSet: z.string().trim().min(1, "Must not be empty").max(50, "Must be at most 50 characters").optional(),
    trainingOn: daySchema.optional(),
    firstMonth: monthSchema.optional(),
  })
  .refine((r) => r.priceSet === undefined || r.baseModel !== undefined, {
    path: ["priceSet"],
    message: "Only used with baseModel (a full prices card needs no price set)",
  })
  .refine((r) => r.trainingOn === undefined || r.firstMonth === undefined || r.firstMonth >= r.trainingOn.slice(0, 7), {
    path: ["firstMonth"],
    message: "Must not be before the training day's month",
  });

/** A parsed estimate request (defaults applied). */
export type EstimateRequestInput = z.output<typeof estimateRequestSchema>;

/** Per-request figures for comparing a fine-tuned model (short prompt) with its base model (long prompt). */
export const breakEvenRequestSchema = z.strictObject({
  basePromptTokens: count(0),
  fineTunedPromptTokens: count(0),
  outputTokens: count(0),
  requestsPerMonth: count(1),
});

/** The Estimate page's calculator: an estimate request plus, optionally, the break-even comparison. */
export const calculatorInputSchema = estimateRequestSchema.safeExtend({ breakEven: breakEvenRequestSchema.optional() });

/** A parsed calculator input. */
export type CalculatorInput = z.output<typeof calculatorInputSchema>;

const decimal = z.string().describe("An exact decimal string.");

/** The lifecycle block of an estimate: the dates it was read against, each month's serving days, and the warnings. */
export const estimateLifecycleSchema = z.object({
  trainingOn: z.iso.date().describe("The day the job is trained (default: today, UTC)."),
  firstMonth: z.string().describe("Month 1 of inference, YYYY-MM (default: the training day's month)."),
  modelName: z.string().nullable().describe('The base model as the warnings name it ("gpt-4o-mini"); null for typed prices.'),
  model: z
    .object({
      trainingEndsOn: z.iso.date().nullable().describe("The last day the provider accepts new fine-tuning jobs."),
      shutdownOn: z.iso.date().nullable().describe("The first day the model (and fine-tunes on it) no longer serves."),
      replacement: z.string().nullable(),
      sourceUrl: z.string().nullable().describe("The provider's page the dates come from."),
    })
    .nullable()
    .describe("The base model's dates from the catalog; null for typed prices or a model without published dates."),
  months: z
    .array(z.object({ index: z.int(), month: z.string(), servingDays: z.int(), daysInMonth: z.int() }))
    .describe("Each month of the estimate on the calendar, with the days the model still serves (0: cannot happen)."),
  untilShutdown: z
    .object({
      lastMonth: z.int().describe("The last month index with any serving day (0: none)."),
      inferenceTotalUsd: decimal,
      fixedTotalUsd: decimal,
      totalCostUsd: decimal.describe("Training plus each month × its serving days ÷ its days."),
      months: z.array(z.object({ index: z.int(), inferenceUsd: decimal, fixedUsd: decimal, costUsd: decimal })),
    })
    .nullable()
    .describe("The same months cut at the shutdown; null when the model serves every month. `totalCostUsd` above stays as entered."),
  warnings: z.array(z.object({ code: z.enum(["shutdown_in_estimate"]), message: z.string() })),
});

/** An estimate's lifecycle block (see estimateLifecycleSchema). */
export type EstimateLifecycle = z.output<typeof estimateLifecycleSchema>;
