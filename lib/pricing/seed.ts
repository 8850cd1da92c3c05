import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db, type Prisma } from "@/lib/db/client";
import { dayOrNull } from "@/lib/lifecycle/dates";
import { AppError } from "@/lib/errors";
import { toDecimalString } from "@/lib/money/decimal";
import { repriceUsage } from "@/lib/usage/write";
import {
  CATALOG_FORMAT,
  CATALOG_VERSION,
  type CatalogChange,
  type CatalogFile,
  type CatalogFileModel,
  type CatalogFilePrice,
  checkCatalogFile,
  conflictErrors,
  describeChanges,
  diffCatalog,
  formatCatalogDiff,
  type ModelField,
  MODEL_FIELDS,
  type StoredCatalog,
} from "./catalog-file";
import { PRICE_FIELDS } from "./schemas";
import { SEED_MODELS, SEED_PRICES, type SeedCatalogModel, type SeedPriceRow } from "./seed-catalog";

const SEED_LOCK = 72707370; // one seeder at a time across app instances

const day = (v: string | null | undefined) => (v ? new Date(`${v}T00:00:00Z`) : null);

/** A seeded model's catalog columns other than its id. */
function modelColumns(m: SeedCatalogModel) {
  return {
    provider: m.provider,
    displayName: m.displayName ?? null,
    aliases: [...m.aliases],
    encoding: m.encoding,
    tokenizerExact: m.tokenizerExact ?? true,
    trainingContextLimit: m.trainingContextLimit,
    billingUnit: m.billingUnit === "training_hour" ? ("TRAINING_HOUR" as const) : ("TOKEN" as const),
    maxEpochs: m.maxEpochs ?? null,
    minExamples: m.minExamples ?? null,
    docsUrl: m.docsUrl,
    announcedOn: day(m.lifecycle?.announcedOn),
    trainingEndsOn: day(m.lifecycle?.trainingEndsOn),
    shutdownOn: day(m.lifecycle?.shutdownOn),
    replacement: m.lifecycle?.replacement ?? null,
    lifecycleSourceUrl: m.lifecycle?.sourceUrl ?? null,
  };
}

/** The price columns a seed row writes (money as the exact printed strings). */
function priceColumns(p: SeedPriceRow) {
  return {
    trainingPerMTokUsd: p.trainingPerMTok,
    inputPerMTokUsd: p.inputPerMTok,
    cachedInputPerMTokUsd: p.cachedInputPerMTok,
    outputPerMTokUsd: p.outputPerMTok,
    baseInputPerMTokUsd: p.baseInputPerMTok,
    baseCachedInputPerMTokUsd: p.baseCachedInputPerMTok,
    baseOutputPerMTokUsd: p.baseOutputPerMTok,
    trainingPerHourUsd: p.trainingPerHourUsd,
    trainingFullPerMTokUsd: p.trainingFullPerMTok ?? null,
    trainingDpoPerMTokUsd: p.trainingDpoPerMTok ?? null,
    trainingDpoFullPerMTokUsd: p.trainingDpoFullPerMTok ?? null,
    validationBilled: p.validationBilled ?? false,
    minTrainingChargeUsd: p.minTrainingChargeUsd ?? null,
    batchInputPerMTokUsd: p.batchInputPerMTok ?? null,
    batchOutputPerMTokUsd: p.batchOutputPerMTok ?? null,
    hostingPerHourUsd: p.hostingPerHourUsd ?? null,
    storagePerMonthUsd: p.storagePerMonthUsd ?? null,
  };
}

// Columns added after a row may have been seeded (decision 017): filled on an existing seed row only while they are
// still empty. They price traffic that could not be recorded before (batch tokens, hosting hours), so filling them
// changes no stored cost; every other price column of a stored row is never touched.
const BACKFILLED = ["batchInputPerMTokUsd", "batchOutputPerMTokUsd", "sourceUrl", "checkedOn", "verified"] as const;

// A stored model's columns the release owns: what it is (provider, billing unit) and how this build counts its tokens
// (the tokenizer packages ship with the release). `catalog import` refuses to change them, so writing them back on
// every start undoes nothing an operator did.
const RELEASE_OWNED = ["provider", "billingUnit", "encoding", "tokenizerExact"] as const;
// The rest (name, aliases, limits, lifecycle dates, replacement, sources) an operator may have imported newer values
// for: the release only fills them while they are empty, so the next start never reverts an import. A release that
// corrects a stored value ships it as a catalog file too (docs/prices.md); see the note in seedPriceCatalog.
const FILLED_WHEN_EMPTY = MODEL_FIELDS.filter((f): f is Exclude<ModelField, (typeof RELEASE_OWNED)[number]> => !(RELEASE_OWNED as readonly string[]).includes(f));

const isEmpty = (v: unknown) => v === null || (Array.isArray(v) && v.length === 0);

/**
 * Writes the global catalog (models and their seed price rows) when missing.
 * Additive for prices: it never changes a price a row already holds, so prices an operator added stay and history is
 * never rewritten. A seeded model's provider, billing unit and tokenizer follow the release; its other descriptive
 * columns are filled while empty and otherwise kept, so values an operator imported survive every start.
 */
export async function seedPriceCatalog(): Promise<{ models: number; prices: number }> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
      let models = 0;
      const stored = new Map(
        (await tx.catalogModel.findMany({ where: { teamId: null }, select: { id: true, ...STORED_MODEL_SELECT } })).map((m) => [m.id, m]),
      );
      for (const m of SEED_MODELS) {
        const existing = stored.get(m.id);
        if (existing) {
          // Without a per-model revision (which import or release wrote a value), "fill while empty" is the rule that
          // can never revert an import; a changed release value reaches a stored model through `catalog import`.
          const wanted = modelColumns(m);
          const patch: Record<string, unknown> = {};
          for (const k of RELEASE_OWNED) if (existing[k] !== wanted[k]) patch[k] = wanted[k];
          for (const k of FILLED_WHEN_EMPTY) if (isEmpty(existing[k]) && !isEmpty(wanted[k])) patch[k] = wanted[k];
          if (Object.keys(patch).length > 0) await tx.catalogModel.update({ where: { id: m.id }, data: patch });
          continue;
        }
        await tx.catalogModel.create({ data: { id: m.id, ...modelColumns(m) } });
        models++;
      }
      let prices = 0;
      const storedPrices = await tx.priceEntry.findMany({
        where: { teamId: null },
        select: { id: true, modelId: true, priceSet: true, effectiveFrom: true, batchInputPerMTokUsd: true, batchOutputPerMTokUsd: true, sourceUrl: true, checkedOn: true, verified: true },
      });
      const byKey = new Map(storedPrices.map((r) => [`${r.modelId}|${r.priceSet}|${r.effectiveFrom.toISOString().slice(0, 10)}`, r]));
      for (const p of SEED_PRICES) {
        const meta = { sourceUrl: p.sourceUrl, checkedOn: day(p.checkedOn), verified: p.verified };
        const existing = byKey.get(`${p.modelId}|${p.priceSet}|${p.effectiveFrom}`);
        if (existing) {
          const wanted: Record<(typeof BACKFILLED)[number], unknown> = { ...meta, batchInputPerMTokUsd: p.batchInputPerMTok ?? null, batchOutputPerMTokUsd: p.batchOutputPerMTok ?? null };
          const patch = Object.fromEntries(BACKFILLED.filter((k) => existing[k] === null && wanted[k] !== null).map((k) => [k, wanted[k]]));
          if (Object.keys(patch).length > 0) await tx.priceEntry.update({ where: { id: existing.id }, data: patch });
          continue;
        }
        await tx.priceEntry.create({
          data: {
            modelId: p.modelId,
            priceSet: p.priceSet,
            effectiveFrom: day(p.effectiveFrom)!,
            ...priceColumns(p),
            ...meta,
            note: p.note ?? "Seed: published prices",
          },
        });
        prices++;
      }
      return { models, prices };
    },
    { timeout: 30_000 },
  );
}

type Tx = Prisma.TransactionClient;

const STORED_MODEL_SELECT = {
  provider: true,
  displayName: true,
  aliases: true,
  encoding: true,
  tokenizerExact: true,
  trainingContextLimit: true,
  billingUnit: true,
  maxEpochs: true,
  minExamples: true,
  docsUrl: true,
  announcedOn: true,
  trainingEndsOn: true,
  shutdownOn: true,
  replacement: true,
  lifecycleSourceUrl: true,
} as const;

const money = (v: { toString(): string } | null) => (v === null ? null : toDecimalString(v.toString()));

/** The global catalog (teamId null) in the catalog file's shape: every model and every price row, ordered. */
export async function readGlobalCatalog(client: Tx | typeof db = db): Promise<StoredCatalog> {
  // One query after the other: inside an interactive transaction they share one connection anyway.
  const models = await client.catalogModel.findMany({ where: { teamId: null }, select: { id: true, ...STORED_MODEL_SELECT }, orderBy: { id: "asc" } });
  const prices = await client.priceEntry.findMany({
    where: { teamId: null },
    select: {
      modelId: true,
      priceSet: true,
      effectiveFrom: true,
      ...(Object.fromEntries(PRICE_FIELDS.map((f) => [f, true])) as Record<(typeof PRICE_FIELDS)[number], true>),
      validationBilled: true,
      sourceUrl: true,
      checkedOn: true,
      verified: true,
      note: true,
    },
    orderBy: [{ modelId: "asc" }, { priceSet: "asc" }, { effectiveFrom: "asc" }],
  });
  return {
    models: models.map(
      (m): CatalogFileModel => ({
        id: m.id,
        // Exported as stored even when this build does not know it: importing it back is then refused by name.
        provider: m.provider as CatalogFileModel["provider"],
        displayName: m.displayName,
        aliases: m.aliases,
        encoding: m.encoding as CatalogFileModel["encoding"],
        tokenizerExact: m.tokenizerExact,
        trainingContextLimit: m.trainingContextLimit,
        billingUnit: m.billingUnit === "TRAINING_HOUR" ? "training_hour" : "token",
        maxEpochs: m.maxEpochs,
        minExamples: m.minExamples,
        docsUrl: m.docsUrl,
        announcedOn: dayOrNull(m.announcedOn),
        trainingEndsOn: dayOrNull(m.trainingEndsOn),
        shutdownOn: dayOrNull(m.shutdownOn),
        replacement: m.replacement,
        lifecycleSourceUrl: m.lifecycleSourceUrl,
      }),
    ),
    prices: prices.map(
      (p): CatalogFilePrice => ({
        modelId: p.modelId,
        priceSet: p.priceSet,
        effectiveFrom: dayOrNull(p.effectiveFrom)!,
        ...(Object.fromEntries(PRICE_FIELDS.map((f) => [f, money(p[f])])) as Record<(typeof PRICE_FIELDS)[number], string | null>),
        validationBilled: p.validationBilled,
        sourceUrl: p.sourceUrl,
        checkedOn: dayOrNull(p.checkedOn),
        verified: p.verified,
        note: p.note,
      }),
    ),
  };
}

/** The global catalog as a catalog file (`tunecost catalog export`). */
export async function exportGlobalCatalog(now = new Date()): Promise<CatalogFile> {
  return { format: CATALOG_FORMAT, version: CATALOG_VERSION, exportedAt: now.toISOString(), ...(await readGlobalCatalog()) };
}

/** What importing a file would do: refusals (nothing may be written), or the changes and their printed diff. */
export type CatalogImportPlan = { errors: string[]; changes: CatalogChange[]; diff: string };

function plan(file: CatalogFile, stored: StoredCatalog): CatalogImportPlan {
  const changes = diffCatalog(stored, file);
  const errors = [...checkCatalogFile(file, stored), ...conflictErrors(changes)];
  return { errors, changes, diff: formatCatalogDiff(changes) };
}

/** Checks a parsed file against the stored catalog and diffs it; writes nothing. */
export async function planCatalogImport(file: CatalogFile): Promise<CatalogImportPlan> {
  return plan(file, await readGlobalCatalog());
}

export interface CatalogImportResult {
  changes: CatalogChange[];
  /** Usage records whose stored cost changed, over every team. */
  repricedUsageRecords: number;
  /** Teams whose audit log got the import's event. */
  auditedTeams: number;
}

const modelData = (m: CatalogFileModel) => ({
  provider: m.provider,
  displayName: m.displayName,
  aliases: m.aliases,
  encoding: m.encoding,
  tokenizerExact: m.tokenizerExact,
  trainingContextLimit: m.trainingContextLimit,
  billingUnit: m.billingUnit === "training_hour" ? ("TRAINING_HOUR" as const) : ("TOKEN" as const),
  maxEpochs: m.maxEpochs,
  minExamples: m.minExamples,
  docsUrl: m.docsUrl,
  announcedOn: day(m.announcedOn),
  trainingEndsOn: day(m.trainingEndsOn),
  shutdownOn: day(m.shutdownOn),
  replacement: m.replacement,
  lifecycleSourceUrl: m.lifecycleSourceUrl,
});

/**
 * Writes a catalog file's changes in one transaction under the seeder's lock: new and changed models, new price rows,
 * the stored usage those rows now price re-priced (lib/usage/write.ts repriceUsage, as a team's own new price does),
 * and one `catalog.import` event in every team's audit log. `confirmed` is the diff the operator agreed to: when the
 * catalog changed since it was printed, nothing is written. Any refusal throws an AppError and writes nothing.
 */
export async function applyCatalogImport(file: CatalogFile, confirmed: readonly CatalogChange[]): Promise<CatalogImportResult> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
      const { errors, changes } = plan(file, await readGlobalCatalog(tx));
      if (errors.length) throw new AppError("validation_failed", errors.join("\n"));
      if (JSON.stringify(changes) !== JSON.stringify(confirmed)) {
        throw new AppError("conflict", "The catalog changed since the diff was printed; nothing was written. Run the import again.");
      }
      if (changes.length === 0) return { changes, repricedUsageRecords: 0, auditedTeams: 0 };

      const byId = new Map(file.models.map((m) => [m.id, m]));
      const created = new Set<string>();
      const updated = new Set<string>();
      for (const c of changes) {
        if (c.kind === "model.new") created.add(c.modelId);
        if (c.kind === "model.change") updated.add(c.modelId);
      }
      for (const id of created) await tx.catalogModel.create({ data: { id, ...modelData(byId.get(id)!) } });
      for (const id of updated) await tx.catalogModel.update({ where: { id }, data: modelData(byId.get(id)!) });

      const rows = changes.flatMap((c) => (c.kind === "price.new" ? [c.row] : []));
      if (rows.length) {
        await tx.priceEntry.createMany({
          data: rows.map((r) => ({
            modelId: r.modelId,
            priceSet: r.priceSet,
            effectiveFrom: day(r.effectiveFrom)!,
            ...Object.fromEntries(PRICE_FIELDS.map((f) => [f, r[f]])),
            validationBilled: r.validationBilled,
            sourceUrl: r.sourceUrl,
            checkedOn: day(r.checkedOn),
            verified: r.verified,
            note: r.note,
          })),
        });
      }

      // The earliest new row per (set, base model) decides from which month a team's stored usage is priced anew;
      // earlier months keep their costs. Teams on another price set are untouched by those rows.
      const fromMonth = new Map<string, { priceSet: string; modelId: string; month: string }>();
      for (const r of rows) {
        const key = `${r.priceSet}|${r.modelId}`;
        const month = r.effectiveFrom.slice(0, 7);
        const seen = fromMonth.get(key);
        if (!seen || month < seen.month) fromMonth.set(key, { priceSet: r.priceSet, modelId: r.modelId, month });
      }
      const teams = await tx.team.findMany({ select: { id: true, priceSet: true }, orderBy: { id: "asc" } });
      const summary = `Catalog import: ${describeChanges(changes)}`;
      let repricedUsageRecords = 0;
      for (const team of teams) {
        let repriced = 0;
        for (const t of fromMonth.values()) {
          if (t.priceSet === team.priceSet) repriced += await repriceUsage(tx, team.id, { baseModelId: t.modelId, fromMonth: t.month });
        }
        repricedUsageRecords += repriced;
        await recordAudit(tx, { teamId: team.id, system: true }, {
          action: "catalog.import",
          entityType: "price",
          entityId: null,
          summary: `${summary}${repriced ? `; ${repriced} usage month(s) repriced` : ""}`,
          after: { diff: formatCatalogDiff(changes).split("\n"), repricedUsageMonths: repriced, exportedAt: file.exportedAt },
        });
      }
      return { changes, repricedUsageRecords, auditedTeams: teams.length };
    },
    { timeout: 120_000 },
  );
}
