import { z } from "zod";
import { decimalString } from "@/lib/money/decimal";

const optionalPrice = z
  .string()
  .trim()
  .transform((v) => (v === "" ? null : v))
  .pipe(decimalString.nullable());

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-01")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Not a real date");

/** A team's dated price entry (an override of the global catalog from `effectiveFrom` on). */
export const addPriceEntrySchema = z
  .object({
    modelId: z.string().min(1, "Pick a model"),
    effectiveFrom: isoDate,
    trainingPerMTokUsd: optionalPrice,
    inputPerMTokUsd: optionalPrice,
    cachedInputPerMTokUsd: optionalPrice,
    outputPerMTokUsd: optionalPrice,
    baseInputPerMTokUsd: optionalPrice,
    baseCachedInputPerMTokUsd: optionalPrice,
    baseOutputPerMTokUsd: optionalPrice,
    trainingPerHourUsd: optionalPrice,
    note: z.string().trim().max(200, "Use at most 200 characters").optional(),
  })
  .strict();
export type AddPriceEntryInput = z.infer<typeof addPriceEntrySchema>;

export const REQUIRED_PER_TOKEN = ["trainingPerMTokUsd", "inputPerMTokUsd", "outputPerMTokUsd", "baseInputPerMTokUsd", "baseOutputPerMTokUsd"] as const;

export const setPriceSetSchema = z.object({ priceSet: z.string().min(1).max(50) }).strict();
