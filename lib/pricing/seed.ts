import "server-only";
import { db } from "@/lib/db/client";
import { SEED_MODELS, SEED_PRICES } from "./seed-catalog";

const SEED_LOCK = 72707370; // one seeder at a time across app instances

/**
 * Writes the global catalog (models and their seed price rows) when missing.
 * Idempotent and additive: it never changes or deletes a row, so prices an
 * operator added stay, and history is never rewritten.
 */
export async function seedPriceCatalog(): Promise<{ models: number; prices: number }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
    let models = 0;
    for (const m of SEED_MODELS) {
      const existing = await tx.catalogModel.findUnique({ where: { id: m.id }, select: { id: true } });
      if (existing) continue;
      await tx.catalogModel.create({
        data: {
          id: m.id,
          provider: m.provider,
          aliases: [...m.aliases],
          encoding: m.encoding,
          trainingContextLimit: m.trainingContextLimit,
          billingUnit: m.billingUnit === "training_hour" ? "TRAINING_HOUR" : "TOKEN",
        },
      });
      models++;
    }
    let prices = 0;
    for (const p of SEED_PRICES) {
      const effectiveFrom = new Date(`${p.effectiveFrom}T00:00:00Z`);
      const existing = await tx.priceEntry.findFirst({
        where: { modelId: p.modelId, teamId: null, priceSet: p.priceSet, effectiveFrom },
        select: { id: true },
      });
      if (existing) continue;
      await tx.priceEntry.create({
        data: {
          modelId: p.modelId,
          priceSet: p.priceSet,
          effectiveFrom,
          trainingPerMTokUsd: p.trainingPerMTok,
          inputPerMTokUsd: p.inputPerMTok,
          cachedInputPerMTokUsd: p.cachedInputPerMTok,
          outputPerMTokUsd: p.outputPerMTok,
          baseInputPerMTokUsd: p.baseInputPerMTok,
          baseCachedInputPerMTokUsd: p.baseCachedInputPerMTok,
          baseOutputPerMTokUsd: p.baseOutputPerMTok,
          trainingPerHourUsd: p.trainingPerHourUsd,
          note: "Seed: published prices",
        },
      });
      prices++;
    }
    return { models, prices };
  });
}
