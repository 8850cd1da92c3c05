import { z } from "zod";
import { decimalString } from "@/lib/money/decimal";

const MAX_INT64 = 9_223_372_036_854_775_807n;

/** A token or request count: a JSON integer, or a string of digits for counts beyond 2^53. Parsed to bigint. */
export const tokenCount = z
  .union([z.number().int("Must be a whole number").min(0, "Must not be negative").max(Number.MAX_SAFE_INTEGER, "Send counts above 2^53 as a string of digits"), z.string().regex(/^\d{1,19}$/, "Must be a whole number of at most 19 digits")], {
    error: "Must be a non-negative whole number",
  })
  .transform((v) => BigInt(v))
  .refine((v) => v <= MAX_INT64, "Too large");

/** A calendar month, "YYYY-MM". */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a month like 2026-03");

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-03-15")
  .refine((v) => new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Not a real date");

/** Hours a deployment ran in the month: at most 744 (31 × 24) per deployment, times the units a team runs. */
export const hostingHoursSchema = decimalString.refine((v) => Number(v) <= 1_000_000, "Use at most 1,000,000 hours").refine((v) => (v.split(".")[1]?.length ?? 0) <= 4, "Use at most 4 decimals");

const usageFields = {
  inputTokens: tokenCount,
  cachedInputTokens: tokenCount.optional(),
  outputTokens: tokenCount,
  /** Batch API tokens, counted apart from (not inside) inputTokens / outputTokens. */
  batchInputTokens: tokenCount.optional(),
  batchOutputTokens: tokenCount.optional(),
  /** Hours a deployment / dedicated endpoint ran; omitted: the model's hosting schedule. */
  hostingHours: hostingHoursSchema.nullish(),
  requests: tokenCount.nullish(),
  invoicedCostUsd: decimalString.nullish(),
  /** For a month in progress: the day the figures run to. */
  asOf: isoDate.nullish(),
};

const cachedWithinInput: [
  (u: { inputTokens: bigint; cachedInputTokens?: bigint | undefined }) => boolean,
  { message: string; path: PropertyKey[] },
] = [
  // Only meaningful once both counts parsed: a bad input count already has its own message.
  (u) => typeof u.inputTokens !== "bigint" || (u.cachedInputTokens ?? 0n) <= u.inputTokens,
  { message: "Cached input tokens are part of the input tokens, so they cannot exceed them", path: ["cachedInputTokens"] },
];

/** One month of one model's usage, as sent to PUT /models/{id}/usage/{month} or typed in a form. */
export const usageFiguresSchema = z.object(usageFields).strict().refine(...cachedWithinInput);
export type UsageFigures = z.infer<typeof usageFiguresSchema>;

/** A record of POST /usage:batch: the model by id or provider model id. */
export const batchRecordSchema = z
  .object({ model: z.string().trim().min(1, "Name the model by id or provider model id"), month: monthSchema, ...usageFields })
  .strict()
  .refine(...cachedWithinInput);

export const MAX_BATCH = 10_000;

export const batchSchema = z
  .object({ records: z.array(batchRecordSchema).min(1, "Send at least one record").max(MAX_BATCH, `At most ${MAX_BATCH} records per batch`) })
  .strict();

/** `asOf` must fall inside the month it describes. */
export function asOfInMonth(month: string, asOf: string | null | undefined): boolean {
  return !asOf || asOf.startsWith(`${month}-`);
}
