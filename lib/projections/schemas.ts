import { z } from "zod";
import { monthsBetween } from "@/lib/forecast";
import { monthSchema } from "@/lib/usage/schemas";

/** The longest range one request may ask for: five years of months. */
export const MAX_RANGE_MONTHS = 60;

/** `?from=YYYY-MM&to=YYYY-MM`, both optional (defaults: the last 12 months and the next 3, see defaultRange). */
export const costsQuerySchema = z
  .strictObject({
    from: monthSchema.optional().describe("First month, YYYY-MM; default 11 months before the current one."),
    to: monthSchema.optional().describe("Last month, YYYY-MM; default 3 months after the current one."),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "Must not be after `to`", path: ["from"] })
  .refine((q) => !q.from || !q.to || monthsBetween(q.from, q.to) < MAX_RANGE_MONTHS, {
    message: `Ask for at most ${MAX_RANGE_MONTHS} months`,
    path: ["to"],
  });

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/).describe('An exact decimal number as a string, e.g. "1500.5".');

/** One month of a model, a project or the team. */
export const projectionMonthSchema = z.object({
  month: monthSchema,
  actualUsd: decimal.nullable().describe("Recorded cost (so far, for a month in progress); null when nothing is recorded."),
  projectedUsd: decimal.nullable().describe("The month's expectation (pace, else trend, else plan); null when there is none."),
  lowUsd: decimal.nullable().describe("80% interval of the trend; equal to projectedUsd for plan and pace."),
  highUsd: decimal.nullable(),
  forecastKind: z.enum(["pace", "trend", "plan", "mixed"]).nullable().describe("Where projectedUsd comes from; `mixed` when a sum's models differ."),
  deviationPct: decimal
    .nullable()
    .describe("Recorded (or, in progress, paced month end) against the trend/plan baseline of the same models, in percent."),
  budgetUsd: decimal.nullable(),
});
export type ProjectionMonthView = z.infer<typeof projectionMonthSchema>;

export const projectCostsSchema = z.object({
  projectId: z.uuid(),
  name: z.string(),
  from: monthSchema,
  to: monthSchema,
  months: z.array(projectionMonthSchema).describe("The project's sum of its models."),
  models: z.array(z.object({ modelId: z.uuid(), name: z.string(), months: z.array(projectionMonthSchema) })),
});

export const teamCostsSchema = z.object({
  from: monthSchema,
  to: monthSchema,
  projects: z.array(z.object({ projectId: z.uuid(), name: z.string(), archived: z.boolean(), months: z.array(projectionMonthSchema) })),
  total: z.array(projectionMonthSchema).describe("Every project together; budgetUsd is the sum of the budgets set."),
});
