import { z } from "zod";
import { decimalString } from "@/lib/money/decimal";

const budget = z
  .union([decimalString, z.literal(""), z.null()])
  .transform((v) => (v === "" ? null : v))
  .refine((v) => v === null || /^\d+(\.\d{1,2})?$/.test(v), "Use dollars and at most 2 decimals, e.g. 1500 or 1500.50");

/** Fields of a project, from a form or POST /api/v1/projects. */
export const projectInputSchema = z
  .object({
    name: z.string().trim().min(1, "Name the project").max(100, "Use at most 100 characters"),
    description: z.string().trim().max(1000, "Use at most 1,000 characters").nullish(),
    monthlyBudgetUsd: budget.nullish(),
    deviationThresholdPct: decimalString
      .refine((v) => Number(v) > 0 && Number(v) <= 1000, "Use a percentage above 0 and at most 1000")
      .optional(),
  })
  .strict();
export type ProjectInput = z.infer<typeof projectInputSchema>;

export const updateProjectSchema = projectInputSchema.extend({ id: z.uuid(), version: z.number().int().min(1) }).strict();
export const archiveProjectSchema = z.object({ id: z.uuid(), archived: z.boolean() }).strict();
