import { z } from "zod";
import { decimalString } from "@/lib/money/decimal";
import { TOKENIZER_IDS } from "@/lib/tokens/tokenizer-ids";
import { PROVIDER_IDS, type ProviderId } from "./providers";
import type { BillingUnit } from "./types";

// PriceEntry money columns are Decimal(18, 8): a finer or larger figure would be rounded or refused by PostgreSQL, so
// it is refused here with a field message instead (a price must be stored exactly as typed).
const MAX_SCALE = 8;
const MAX_INTEGER_DIGITS = 10;

const optionalPrice = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === undefined || v === "" ? null : v))
  .pipe(decimalString.nullable())
  .refine((v) => v === null || (v.split(".")[1] ?? "").length <= MAX_SCALE, `Use at most ${MAX_SCALE} decimal places`)
  .refine((v) => v === null || v.split(".")[0]!.replace(/^0+(?=\d)/, "").length <= MAX_INTEGER_DIGITS, "Too large for a price");

/** A checkbox as a form sends it ("on" or absent) or as JSON sends it (a boolean). */
const formBoolean = z
  .union([z.boolean(), z.enum(["true", "false", "on", ""])])
  .optional()
  .transform((v) => v === true || v === "true" || v === "on");

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-01")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Not a real date");

const note = z.string().trim().max(200, "Use at most 200 characters").optional();

/** Per-token components: a model billed per training hour has none of them (its card has no token prices at all). */
export const TOKEN_PRICE_FIELDS = [
  "trainingPerMTokUsd",
  "trainingFullPerMTokUsd",
  "trainingDpoPerMTokUsd",
  "trainingDpoFullPerMTokUsd",
  "inputPerMTokUsd",
  "cachedInputPerMTokUsd",
  "outputPerMTokUsd",
  "batchInputPerMTokUsd",
  "batchOutputPerMTokUsd",
  "baseInputPerMTokUsd",
  "baseCachedInputPerMTokUsd",
  "baseOutputPerMTokUsd",
] as const;

/** Every money component of a price row (USD per 1M tokens, per training hour, per job, per hour hosted, per month stored). */
export const PRICE_FIELDS = [...TOKEN_PRICE_FIELDS, "trainingPerHourUsd", "minTrainingChargeUsd", "hostingPerHourUsd", "storagePerMonthUsd"] as const;
export type PriceField = (typeof PRICE_FIELDS)[number];

/** The per-token prices toPriceRow cannot do without. */
export const REQUIRED_PER_TOKEN = ["trainingPerMTokUsd", "inputPerMTokUsd", "outputPerMTokUsd", "baseInputPerMTokUsd", "baseOutputPerMTokUsd"] as const;

// Every component is optional in the input so older callers (and the hour-billed form, which shows no token fields)
// need not send them; an absent or empty one is stored as null ("not billed" / "normal price", per the column).
const priceFields = {
  ...(Object.fromEntries(PRICE_FIELDS.map((f) => [f, optionalPrice])) as Record<PriceField, typeof optionalPrice>),
  validationBilled: formBoolean,
};

/** The price components a team row sets, as parsed. */
export type PriceFieldsInput = Record<PriceField, string | null> & { validationBilled: boolean };

/** A team's dated price entry (an override of the global catalog, or a price of its own base model, from `effectiveFrom` on). */
export const addPriceEntrySchema = z
  .object({
    modelId: z.string().min(1, "Pick a model"),
    effectiveFrom: isoDate,
    ...priceFields,
    note,
  })
  .strict();
export type AddPriceEntryInput = z.infer<typeof addPriceEntrySchema>;

const tokenLimit = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v, ctx) => {
    const s = v === undefined ? "" : String(v).trim().replace(/[,_\s]/g, "");
    if (s === "") return null;
    if (!/^\d+$/.test(s)) {
      ctx.addIssue({ code: "custom", message: "Use a whole number of tokens, e.g. 8192" });
      return z.NEVER;
    }
    const n = Number(s);
    if (n < 1 || n > 10_000_000) {
      ctx.addIssue({ code: "custom", message: "Between 1 and 10,000,000 tokens" });
      return z.NEVER;
    }
    return n;
  });

/** A team's own base model (self-hosted, or a provider model the catalog lacks) with its first price row. */
export const createTeamBaseModelSchema = z
  .object({
    provider: z.enum(PROVIDER_IDS, { error: "Pick a provider" }),
    displayName: z.string().trim().min(1, "Give the model a name").max(80, "Use at most 80 characters"),
    providerModelName: z
      .string()
      .trim()
      .min(1, "Give the name the provider (or your registry) uses for the model")
      .max(120, "Use at most 120 characters")
      .regex(/^\S+$/, "No spaces: use the model's name as the provider writes it, e.g. meta-llama/Llama-3.1-8B-Instruct"),
    tokenizer: z.enum(TOKENIZER_IDS, { error: "Pick a tokenizer" }),
    tokenizerExact: formBoolean,
    trainingContextLimit: tokenLimit,
    trainingBilling: z.enum(["token", "training_hour"], { error: "Pick how training is billed" }),
    effectiveFrom: isoDate,
    ...priceFields,
    note,
  })
  .strict();
export type CreateTeamBaseModelInput = z.infer<typeof createTeamBaseModelSchema>;

export const setPriceSetSchema = z.object({ priceSet: z.string().min(1).max(50) }).strict();

/**
 * The field errors of a price row for a model billed `unit` at `provider` (empty when it is consistent): what the
 * pricer needs is required, and a component the card cannot carry is refused rather than silently dropped.
 */
export function priceCardErrors(unit: BillingUnit, provider: ProviderId, data: PriceFieldsInput): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  if (unit === "training_hour") {
    if (data.trainingPerHourUsd === null) fields.trainingPerHourUsd = ["Required: this model is billed per training hour"];
    for (const key of TOKEN_PRICE_FIELDS) {
      if (data[key] !== null) fields[key] = ["This model is billed per training hour: it has no per-token prices"];
    }
    if (data.validationBilled) fields.validationBilled = ["Only a model billed per token bills validation tokens"];
    // Without an hourly serving rate a self-hosted month could only be priced from an invoice (lib/costs/month-cost.ts).
    if (provider === "self-hosted" && data.hostingPerHourUsd === null) fields.hostingPerHourUsd = ["Required: the rate per GPU-hour your serving costs"];
  } else {
    for (const key of REQUIRED_PER_TOKEN) if (data[key] === null) fields[key] = ["Required"];
    if (data.trainingPerHourUsd !== null) fields.trainingPerHourUsd = ["This model is billed per token, not per hour"];
  }
  return fields;
}
