import { z } from "zod";
import { estimateInputSchema } from "@/lib/costs";

const count = (min: number) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? "Required" : "Must be a number") })
    .int("Must be a whole number")
    .min(min, `Must be at least ${min}`);

/**
 * Body of POST /api/v1/estimates: the cost engine's input plus an optional `priceSet` naming which catalog price set
 * `baseModel` is priced from (the team's own set when absent). Unknown keys stay errors.
 */
export const estimateRequestSchema = estimateInputSchema
  .safeExtend({ priceSet: z.string().trim().min(1, "Must not be empty").max(50, "Must be at most 50 characters").optional() })
  .refine((r) => r.priceSet === undefined || r.baseModel !== undefined, {
    path: ["priceSet"],
    message: "Only used with baseModel (a full prices card needs no price set)",
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
