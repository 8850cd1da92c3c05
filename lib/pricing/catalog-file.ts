/**
 * The catalog file of `tunecost catalog export` / `tunecost catalog import` (docs/prices.md, "Catalog file"): the
 * global catalog's models and effective-dated price rows as versioned JSON, its zod schema, and a pure diff of a file
 * against the stored catalog. No framework, no database: lib/pricing/seed.ts reads and writes the rows.
 */
import { z } from "zod";
import { toDecimalString } from "@/lib/money/decimal";
import { TOKENIZER_IDS, type TokenizerId } from "@/lib/tokens/tokenizer-ids";
import { PROVIDER_IDS, type ProviderId } from "./providers";
import { PRICE_FIELDS, REQUIRED_PER_TOKEN, type PriceField } from "./schemas";
import type { BillingUnit } from "./types";

export const CATALOG_FORMAT = "tunecost-catalog";
export const CATALOG_VERSION = 1;

/** A global base model as the file holds it: one field per CatalogModel column, days as "YYYY-MM-DD". */
export interface CatalogFileModel {
  id: string;
  provider: ProviderId;
  displayName: string | null;
  aliases: string[];
  encoding: TokenizerId;
  tokenizerExact: boolean;
  trainingContextLimit: number | null;
  billingUnit: BillingUnit;
  maxEpochs: number | null;
  minExamples: number | null;
  docsUrl: string | null;
  announcedOn: string | null;
  trainingEndsOn: string | null;
  shutdownOn: string | null;
  replacement: string | null;
  lifecycleSourceUrl: string | null;
}

/** A global price row as the file holds it: money as exact decimal strings (null: not billed), one field per column. */
export type CatalogFilePrice = { modelId: string; priceSet: string; effectiveFrom: string } & Record<PriceField, string | null> & {
    validationBilled: boolean;
    sourceUrl: string | null;
    checkedOn: string | null;
    verified: boolean | null;
    note: string | null;
  };

export interface CatalogFile {
  format: typeof CATALOG_FORMAT;
  version: typeof CATALOG_VERSION;
  /** When the file was written (ISO 8601); informational. */
  exportedAt: string | null;
  models: CatalogFileModel[];
  prices: CatalogFilePrice[];
}

/** The stored global catalog in the file's shape (what the diff compares against). */
export type StoredCatalog = Pick<CatalogFile, "models" | "prices">;

// PriceEntry money columns are Decimal(18, 8): at most 10 digits before the point and 8 after.
const MAX_SCALE = 8;
const MAX_INTEGER_DIGITS = 10;
const EXACT = 'Expected an exact decimal string such as "0.15" (no sign, no exponent, not a JSON number)';

const money = z
  .string({ error: EXACT })
  .regex(/^\d+(\.\d+)?$/, { error: EXACT, abort: true })
  .refine((v) => (v.split(".")[1] ?? "").length <= MAX_SCALE, `Use at most ${MAX_SCALE} decimal places (the column is Decimal(18,8))`)
  .refine((v) => v.split(".")[0]!.replace(/^0+(?=\d)/, "").length <= MAX_INTEGER_DIGITS, `Too large: at most ${MAX_INTEGER_DIGITS} digits before the point (the column is Decimal(18,8))`)
  .transform((v) => toDecimalString(v));

const isoDay = z
  .string({ error: 'Expected a day as "YYYY-MM-DD"' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Expected a day as "YYYY-MM-DD"', abort: true })
  .refine((v) => new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Not a real date");

const text = (max: number) => z.string({ error: "Expected a string" }).trim().min(1, "Must not be empty").max(max, `Use at most ${max} characters`);
const limit = z.number({ error: "Expected a whole number" }).int("Expected a whole number").positive("Must be at least 1").max(100_000_000, "Too large");
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);

const modelSchema = z.strictObject({
  id: text(200).refine((v) => !v.startsWith("team:"), "A team's own base model is not part of the global catalog"),
  provider: z.enum(PROVIDER_IDS, { error: (i) => `Unknown provider ${JSON.stringify(i.input)}; expected one of ${PROVIDER_IDS.join(", ")}` }),
  displayName: nullable(text(200)),
  aliases: z.array(text(200), { error: "Expected a list of names" }).default([]),
  encoding: z.enum(TOKENIZER_IDS, { error: (i) => `Unknown tokenizer ${JSON.stringify(i.input)}; expected one of ${TOKENIZER_IDS.join(", ")}` }),
  tokenizerExact: z.boolean({ error: "Expected true or false" }).default(true),
  trainingContextLimit: nullable(limit),
  billingUnit: z.enum(["token", "training_hour"], { error: 'Expected "token" or "training_hour"' }),
  maxEpochs: nullable(limit),
  minExamples: nullable(limit),
  docsUrl: nullable(text(2000)),
  announcedOn: nullable(isoDay),
  trainingEndsOn: nullable(isoDay),
  shutdownOn: nullable(isoDay),
  replacement: nullable(text(500)),
  lifecycleSourceUrl: nullable(text(2000)),
});

const priceSchema = z.strictObject({
  modelId: text(200),
  priceSet: text(50),
  effectiveFrom: isoDay,
  ...(Object.fromEntries(PRICE_FIELDS.map((f) => [f, nullable(money)])) as Record<PriceField, z.ZodDefault<z.ZodNullable<typeof money>>>),
  validationBilled: z.boolean({ error: "Expected true or false" }).default(false),
  sourceUrl: nullable(text(2000)),
  checkedOn: nullable(isoDay),
  verified: nullable(z.boolean({ error: "Expected true or false" })),
  note: nullable(text(1000)),
});

/** The file's zod schema (shape only; `checkCatalogFile` checks it against the stored catalog). */
export const catalogFileSchema = z.strictObject({
  format: z.literal(CATALOG_FORMAT, { error: `Expected "${CATALOG_FORMAT}": this is not a tunecost catalog file` }),
  version: z.literal(CATALOG_VERSION, { error: `Expected ${CATALOG_VERSION}: this build reads catalog files of version ${CATALOG_VERSION} only` }),
  exportedAt: nullable(z.iso.datetime({ error: "Expected an ISO 8601 time such as 2026-12-07T20:00:00Z" })),
  models: z.array(modelSchema, { error: "Expected a list of models" }),
  prices: z.array(priceSchema, { error: "Expected a list of price rows" }),
});

/** "prices[3].inputPerMTokUsd" from a zod path. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(file)";
}

export type ParseResult = { ok: true; file: CatalogFile } | { ok: false; errors: string[] };

/** Parses and shape-checks a catalog file's text; every error names its JSON path. */
export function parseCatalogFile(textContent: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(textContent);
  } catch (e) {
    return { ok: false, errors: [`The file is not valid JSON: ${(e as Error).message}`] };
  }
  const parsed = catalogFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${formatJsonPath(i.path)}: ${i.message}`) };
  const errors = duplicateErrors(parsed.data);
  return errors.length ? { ok: false, errors } : { ok: true, file: parsed.data as CatalogFile };
}

const priceKey = (p: Pick<CatalogFilePrice, "modelId" | "priceSet" | "effectiveFrom">) => `${p.modelId}|${p.priceSet}|${p.effectiveFrom}`;

function duplicateErrors(file: Pick<CatalogFile, "models" | "prices">): string[] {
  const errors: string[] = [];
  const models = new Map<string, number>();
  file.models.forEach((m, i) => {
    const first = models.get(m.id);
    if (first !== undefined) errors.push(`models[${i}].id: "${m.id}" is listed twice (first at models[${first}])`);
    else models.set(m.id, i);
  });
  const prices = new Map<string, number>();
  file.prices.forEach((p, i) => {
    const first = prices.get(priceKey(p));
    if (first !== undefined) errors.push(`prices[${i}]: a second row for ${p.modelId} in price set "${p.priceSet}" from ${p.effectiveFrom} (first at prices[${first}])`);
    else prices.set(priceKey(p), i);
  });
  return errors;
}

/**
 * What the file cannot do to the stored catalog (empty when it may be imported): a price row of a model in neither,
 * a card the pricer cannot use (per-token rows need their five prices, hour-billed rows an hourly rate), a model
 * changing its provider or billing unit (its stored rows and fine-tunes depend on them: use a new id) or its tokenizer
 * (the release's), or a name
 * (id or alias) two models would share.
 */
export function checkCatalogFile(file: CatalogFile, stored: StoredCatalog): string[] {
  const errors = duplicateErrors(file);
  const storedModels = new Map(stored.models.map((m) => [m.id, m]));
  const fileModels = new Map(file.models.map((m) => [m.id, m]));
  file.models.forEach((m, i) => {
    const before = storedModels.get(m.id);
    if (!before) return;
    if (before.provider !== m.provider) errors.push(`models[${i}].provider: ${m.id} is a ${before.provider} model; a model's provider never changes (add it under a new id)`);
    if (before.billingUnit !== m.billingUnit) errors.push(`models[${i}].billingUnit: ${m.id} is billed per ${before.billingUnit === "token" ? "token" : "training hour"}; a model's billing unit never changes (add it under a new id)`);
    // The tokenizer follows the release (it depends on the packages this build ships; the seeder writes it back).
    if (before.encoding !== m.encoding || before.tokenizerExact !== m.tokenizerExact) {
      errors.push(`models[${i}].encoding: ${m.id} counts with ${before.encoding}${before.tokenizerExact ? "" : " (estimated)"}; the tokenizer comes with the release and is not imported`);
    }
  });
  file.prices.forEach((p, i) => {
    const model = fileModels.get(p.modelId) ?? storedModels.get(p.modelId);
    if (!model) {
      errors.push(`prices[${i}].modelId: "${p.modelId}" is neither in the file's models nor in the catalog`);
      return;
    }
    if (model.billingUnit === "training_hour") {
      if (p.trainingPerHourUsd === null) errors.push(`prices[${i}].trainingPerHourUsd: Required: ${p.modelId} is billed per training hour`);
    } else {
      for (const f of REQUIRED_PER_TOKEN) if (p[f] === null) errors.push(`prices[${i}].${f}: Required: ${p.modelId} is billed per token`);
      if (p.trainingPerHourUsd !== null) errors.push(`prices[${i}].trainingPerHourUsd: ${p.modelId} is billed per token, not per hour`);
    }
  });
  // Names resolve usage and `ft:` ids to a model: after the import every id and alias must still name one model.
  const merged = new Map(storedModels);
  for (const m of file.models) merged.set(m.id, m);
  const owner = new Map<string, string>();
  for (const m of merged.values()) {
    for (const name of new Set([m.id, ...m.aliases].map((n) => n.toLowerCase()))) {
      const other = owner.get(name);
      if (other !== undefined && other !== m.id) {
        // Only a clash the file brings is its error; one already stored is not the importer's to fix here.
        const i = file.models.findIndex((f) => f.id === m.id || f.id === other);
        if (i >= 0) errors.push(`models[${i}].aliases: "${name}" would name both ${other} and ${m.id}`);
      } else owner.set(name, m.id);
    }
  }
  return errors;
}

/** The model fields the diff compares, in the order it prints them. */
export const MODEL_FIELDS = [
  "displayName",
  "aliases",
  "encoding",
  "tokenizerExact",
  "trainingContextLimit",
  "maxEpochs",
  "minExamples",
  "docsUrl",
  "announcedOn",
  "trainingEndsOn",
  "shutdownOn",
  "replacement",
  "lifecycleSourceUrl",
] as const satisfies readonly (keyof CatalogFileModel)[];
export type ModelField = (typeof MODEL_FIELDS)[number];

/** The lifecycle fields (the dates teams' retirement alerts and projections read). */
export const LIFECYCLE_DATE_FIELDS = ["announcedOn", "trainingEndsOn", "shutdownOn"] as const satisfies readonly ModelField[];

/** A price row's compared fields: figures and where they come from. */
const PRICE_COMPARED = [...PRICE_FIELDS, "validationBilled", "sourceUrl", "checkedOn", "verified", "note"] as const;
type PriceCompared = (typeof PRICE_COMPARED)[number];

type Value = string | number | boolean | null | readonly string[];

export type CatalogChange =
  | { kind: "model.new"; modelId: string; model: CatalogFileModel }
  | { kind: "model.change"; modelId: string; field: ModelField; before: Value; after: Value }
  | { kind: "price.new"; row: CatalogFilePrice; /** Fields that differ from the row in force the day before (null: no earlier row). */ against: { effectiveFrom: string; fields: { field: PriceCompared; before: Value; after: Value }[] } | null }
  | { kind: "price.conflict"; row: CatalogFilePrice; fields: { field: PriceCompared; before: Value; after: Value }[] };

const same = (a: Value, b: Value) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The changes importing `file` makes to `stored`, in file order. Models and rows absent from the file are left alone
 * (an import never deletes). A row whose (model, set, day) exists with other figures is a conflict: rows are never
 * rewritten, the operator adds one with a later effectiveFrom.
 */
export function diffCatalog(stored: StoredCatalog, file: Pick<CatalogFile, "models" | "prices">): CatalogChange[] {
  const changes: CatalogChange[] = [];
  const storedModels = new Map(stored.models.map((m) => [m.id, m]));
  for (const m of file.models) {
    const before = storedModels.get(m.id);
    if (!before) {
      changes.push({ kind: "model.new", modelId: m.id, model: m });
      continue;
    }
    for (const field of MODEL_FIELDS) {
      if (!same(before[field], m[field])) changes.push({ kind: "model.change", modelId: m.id, field, before: before[field], after: m[field] });
    }
  }
  const storedRows = new Map(stored.prices.map((p) => [priceKey(p), p]));
  for (const p of file.prices) {
    const existing = storedRows.get(priceKey(p));
    if (existing) {
      const fields = PRICE_COMPARED.filter((f) => !same(existing[f], p[f])).map((field) => ({ field, before: existing[field], after: p[field] }));
      if (fields.length) changes.push({ kind: "price.conflict", row: p, fields });
      continue;
    }
    const previous = [...stored.prices, ...file.prices]
      .filter((r) => r.modelId === p.modelId && r.priceSet === p.priceSet && r.effectiveFrom < p.effectiveFrom)
      .reduce<CatalogFilePrice | null>((latest, r) => (latest === null || r.effectiveFrom > latest.effectiveFrom ? r : latest), null);
    const against = previous
      ? { effectiveFrom: previous.effectiveFrom, fields: PRICE_FIELDS.filter((f) => !same(previous[f], p[f])).map((field) => ({ field, before: previous[field], after: p[field] })) }
      : null;
    changes.push({ kind: "price.new", row: p, against });
  }
  return changes;
}

/** Counts for the summary line and the teams' audit events. */
export function summarizeChanges(changes: readonly CatalogChange[]) {
  const count = (f: (c: CatalogChange) => boolean) => changes.filter(f).length;
  return {
    newModels: count((c) => c.kind === "model.new"),
    priceRows: count((c) => c.kind === "price.new"),
    lifecycleDates: count((c) => c.kind === "model.change" && (LIFECYCLE_DATE_FIELDS as readonly string[]).includes(c.field)),
    otherModelFields: count((c) => c.kind === "model.change" && !(LIFECYCLE_DATE_FIELDS as readonly string[]).includes(c.field)),
    conflicts: count((c) => c.kind === "price.conflict"),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 price rows, 2 lifecycle dates" (conflicts are not part of what an import writes). */
export function describeChanges(changes: readonly CatalogChange[]): string {
  const s = summarizeChanges(changes);
  const parts = [
    s.newModels && plural(s.newModels, "new model"),
    s.priceRows && plural(s.priceRows, "price row"),
    s.lifecycleDates && plural(s.lifecycleDates, "lifecycle date"),
    s.otherModelFields && plural(s.otherModelFields, "other model field"),
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "no changes";
}

const show = (v: Value) => (v === null ? "—" : Array.isArray(v) ? (v.length ? v.join(", ") : "[]") : typeof v === "string" ? v : String(v));

/** The diff for a terminal: one line per change, old → new; "No changes." for none. */
export function formatCatalogDiff(changes: readonly CatalogChange[]): string {
  if (changes.length === 0) return "No changes.";
  const lines = changes.map((c) => {
    switch (c.kind) {
      case "model.new": {
        const m = c.model;
        const dates = LIFECYCLE_DATE_FIELDS.filter((f) => m[f] !== null).map((f) => `${f} ${m[f]}`);
        return `+ model ${m.id} (${m.provider}, billed per ${m.billingUnit === "token" ? "token" : "training hour"}, ${m.encoding})${dates.length ? `: ${dates.join(", ")}` : ""}`;
      }
      case "model.change":
        return `~ model ${c.modelId} ${c.field}: ${show(c.before)} → ${show(c.after)}`;
      case "price.new": {
        const head = `+ price ${c.row.modelId} [${c.row.priceSet}] from ${c.row.effectiveFrom}`;
        if (c.against === null) {
          const set = PRICE_FIELDS.filter((f) => c.row[f] !== null).map((f) => `${f} ${c.row[f]}`);
          return `${head} (first row): ${set.join(", ")}`;
        }
        if (c.against.fields.length === 0) return `${head}: same figures as the row from ${c.against.effectiveFrom}`;
        return `${head}: ${c.against.fields.map((f) => `${f.field} ${show(f.before)} → ${show(f.after)}`).join(", ")}`;
      }
      case "price.conflict":
        return `! conflict ${c.row.modelId} [${c.row.priceSet}] from ${c.row.effectiveFrom}: ${c.fields.map((f) => `${f.field} ${show(f.before)} → ${show(f.after)}`).join(", ")}`;
    }
  });
  return lines.join("\n");
}

/** The refusal for conflicting rows, one sentence per row. */
export function conflictErrors(changes: readonly CatalogChange[]): string[] {
  return changes
    .filter((c) => c.kind === "price.conflict")
    .map(
      (c) =>
        `The catalog already has a row for ${c.row.modelId} in price set "${c.row.priceSet}" from ${c.row.effectiveFrom} with other values (${c.fields.map((f) => f.field).join(", ")}). Price rows are never rewritten: add a row with a later effectiveFrom.`,
    );
}
