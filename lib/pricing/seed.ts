import "server-only";
import { db } from "@/lib/db/client";
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

/**
 * Writes the global catalog (models and their seed price rows) when missing.
 * Additive for prices: it never changes a price a row already holds, so prices an operator added stay and history is
 * never rewritten. A seeded model's descriptive columns (name, tokenizer, limits, lifecycle dates) follow the release.
 */
export async function seedPriceCatalog(): Promise<{ models: number; prices: number }> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
      let models = 0;
      const existingModels = new Set((await tx.catalogModel.findMany({ where: { teamId: null }, select: { id: true } })).map((m) => m.id));
      for (const m of SEED_MODELS) {
        if (existingModels.has(m.id)) {
          await tx.catalogModel.update({ where: { id: m.id }, data: modelColumns(m) });
          continue;
        }
        await tx.catalogModel.create({ data: { id: m.id, ...modelColumns(m) } });
        models++;
      }
      let prices = 0;
      const stored = await tx.priceEntry.findMany({
        where: { teamId: null },
        select: { id: true, modelId: true, priceSet: true, effectiveFrom: true, batchInputPerMTokUsd: true, batchOutputPerMTokUsd: true, sourceUrl: true, checkedOn: true, verified: true },
      });
      const byKey = new Map(stored.map((r) => [`${r.modelId}|${r.priceSet}|${r.effectiveFrom.toISOString().slice(0, 10)}`, r]));
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
