"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { recordAudit } from "@/lib/audit/record";
import { runAction, type ActionResult } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { repriceUsage } from "@/lib/usage/write";
import { addTeamPriceEntry, createTeamBaseModel } from "./mutations";
import { listPriceSets } from "./queries";
import { addPriceEntrySchema, createTeamBaseModelSchema, setPriceSetSchema } from "./schemas";

/** Adds a dated price row for the team (a negotiated rate, any component); earlier months keep their prices. */
export async function addPriceEntryAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction("prices:manage", addPriceEntrySchema, input, async (ctx, data) => {
    const row = await addTeamPriceEntry(ctx, data);
    revalidatePath("/settings/pricing");
    return row;
  });
}

/** Adds the team's own base model (self-hosted, or missing from the catalog) with its first price row. */
export async function createTeamBaseModelAction(input: unknown): Promise<ActionResult<{ id: string; priceId: string }>> {
  return runAction("prices:manage", createTeamBaseModelSchema, input, async (ctx, data) => {
    const created = await createTeamBaseModel(ctx, data);
    revalidatePath("/settings/pricing");
    // The model form and the estimate list the catalog: the new base model is offered there too.
    revalidatePath("/models", "layout");
    revalidatePath("/estimate", "layout");
    return created;
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
