"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { recordAudit } from "@/lib/audit/record";
import { runAction, type ActionResult } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { violatedUniqueIndex } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { repriceUsage } from "@/lib/usage/write";
import { listPriceSets } from "./queries";
import { addPriceEntrySchema, REQUIRED_PER_TOKEN, setPriceSetSchema } from "./schemas";

/** Adds a dated price row for the team (a negotiated rate); earlier months keep their prices. */
export async function addPriceEntryAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction("prices:manage", addPriceEntrySchema, input, async (ctx, data) => {
    const [model, team] = await Promise.all([
      db.catalogModel.findUnique({ where: { id: data.modelId }, select: { id: true, billingUnit: true } }),
      db.team.findUniqueOrThrow({ where: { id: ctx.teamId }, select: { priceSet: true } }),
    ]);
    if (!model) throw new AppError("validation_failed", "Please correct the highlighted fields.", { modelId: ["Unknown model"] });
    const fields: Record<string, string[]> = {};
    if (model.billingUnit === "TRAINING_HOUR") {
      if (data.trainingPerHourUsd === null) fields.trainingPerHourUsd = ["Required: this model is billed per training hour"];
    } else {
      for (const key of REQUIRED_PER_TOKEN) if (data[key] === null) fields[key] = ["Required"];
      if (data.trainingPerHourUsd !== null) fields.trainingPerHourUsd = ["This model is billed per token, not per hour"];
    }
    if (Object.keys(fields).length) throw new AppError("validation_failed", "Please correct the highlighted fields.", fields);
    const hourly = model.billingUnit === "TRAINING_HOUR";
    try {
      const row = await db.$transaction(async (tx) => {
        const created = await tx.priceEntry.create({
        data: {
          modelId: model.id,
          teamId: ctx.teamId,
          priceSet: team.priceSet,
          effectiveFrom: new Date(`${data.effectiveFrom}T00:00:00Z`),
          trainingPerMTokUsd: hourly ? null : data.trainingPerMTokUsd,
          inputPerMTokUsd: hourly ? null : data.inputPerMTokUsd,
          cachedInputPerMTokUsd: hourly ? null : data.cachedInputPerMTokUsd,
          outputPerMTokUsd: hourly ? null : data.outputPerMTokUsd,
          baseInputPerMTokUsd: hourly ? null : data.baseInputPerMTokUsd,
          baseCachedInputPerMTokUsd: hourly ? null : data.baseCachedInputPerMTokUsd,
          baseOutputPerMTokUsd: hourly ? null : data.baseOutputPerMTokUsd,
          trainingPerHourUsd: hourly ? data.trainingPerHourUsd : null,
          note: data.note || null,
          createdById: ctx.userId,
        },
        select: {
          id: true, priceSet: true, trainingPerMTokUsd: true, inputPerMTokUsd: true, cachedInputPerMTokUsd: true, outputPerMTokUsd: true,
          baseInputPerMTokUsd: true, baseCachedInputPerMTokUsd: true, baseOutputPerMTokUsd: true, trainingPerHourUsd: true, note: true,
        },
      });
        // Stored usage costs from that month on follow the new price; earlier months keep theirs.
        const repriced = await repriceUsage(tx, ctx.teamId, { baseModelId: model.id, fromMonth: data.effectiveFrom.slice(0, 7) });
        const { id, ...prices } = created;
        await recordAudit(tx, ctx, {
          action: "price.create",
          entityType: "price",
          entityId: id,
          summary: `Added a team price for ${model.id} from ${data.effectiveFrom}${repriced ? `; ${repriced} usage month(s) repriced` : ""}`,
          // Decimals serialise as exact strings.
          after: { modelId: model.id, effectiveFrom: data.effectiveFrom, ...prices, repricedUsageMonths: repriced },
        });
        return { id };
      });
      revalidatePath("/settings/pricing");
      return row;
    } catch (e) {
      if (violatedUniqueIndex(e)) {
        throw new AppError("conflict", "Your team already has a price for this model starting that day. Pick another date.", {
          effectiveFrom: ["Already has an entry on this day"],
        });
      }
      throw e;
    }
  });
}

/** Chooses which named price set (e.g. OpenAI's list prices, or the 2026 article's) the team's costs use. */
export async function setPriceSetAction(input: unknown): Promise<ActionResult> {
  return runAction("prices:manage", setPriceSetSchema, input, async (ctx, { priceSet }) => {
    if (!(await listPriceSets()).includes(priceSet)) {
      throw new AppError("validation_failed", "Unknown price set", { priceSet: ["Unknown price set"] });
    }
    await db.$transaction(async (tx) => {
      const before = await tx.team.findUniqueOrThrow({ where: { id: ctx.teamId }, select: { priceSet: true } });
      await tx.team.update({ where: { id: ctx.teamId }, data: { priceSet }, select: { id: true } });
      const repriced = await repriceUsage(tx, ctx.teamId);
      if (before.priceSet === priceSet) return; // the same set again: no change to record
      await recordAudit(tx, ctx, {
        action: "price.set_change",
        entityType: "price",
        entityId: ctx.teamId,
        summary: `Switched the team's price set from ${before.priceSet} to ${priceSet}${repriced ? `; ${repriced} usage month(s) repriced` : ""}`,
        before: { priceSet: before.priceSet },
        after: { priceSet, repricedUsageMonths: repriced },
      });
    });
    revalidatePath("/settings/pricing");
    return undefined;
  });
}
