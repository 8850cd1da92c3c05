"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/auth/guards";
import { trainingCost } from "@/lib/costs";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { toDecimalString } from "@/lib/money/decimal";
import { getPricesInForceForTeamOrThrow } from "@/lib/pricing/queries";
import { saveDatasetSchema } from "./schemas";
import { saveTokenCountsSchema } from "./token-counts";
import { type StoredTokenCounts, storeTokenCounts } from "./token-counts-store";

/**
 * Saves an analysis's figures as a dataset record. Idempotent: saving the same file (by SHA-256) for the same
 * base model and epochs again returns the existing record. The cost is re-priced here from the catalog.
 */
export async function saveDatasetAction(input: unknown): Promise<ActionResult<{ id: string; created: boolean }>> {
  return runAction("usage:write", saveDatasetSchema, input, async (ctx, d) => {
    const { model, prices, priceSet } = await getPricesInForceForTeamOrThrow(ctx, { model: d.baseModel, date: new Date() });
    if (model.encoding !== d.encoding) {
      throw new AppError("validation_failed", `${model.id} counts tokens with ${model.encoding}; analyse the file again for that model.`, {
        baseModel: ["Encoding differs from the analysis"],
      });
    }
    const costUsd = model.billingUnit === "token" ? toDecimalString(trainingCost({ tokens: d.tokens.billedPerEpoch, epochs: d.epochs, prices })) : null;
    const key = { teamId_fileSha256_baseModelId_epochs: { teamId: ctx.teamId, fileSha256: d.fileSha256, baseModelId: model.id, epochs: d.epochs } };
    const existing = await db.dataset.findUnique({ where: key, select: { id: true } });
    if (existing) return { id: existing.id, created: false };
    const row = await db.dataset.upsert({
      where: key,
      update: {},
      create: {
        teamId: ctx.teamId,
        name: d.name,
        fileName: d.fileName,
        fileBytes: BigInt(d.fileBytes),
        fileSha256: d.fileSha256,
        format: d.format,
        examples: d.examples,
        validExamples: d.validExamples,
        errorCount: d.errorCount,
        warningCount: d.warningCount,
        baseModelId: model.id,
        encoding: d.encoding,
        contextLimit: d.tokens.limit,
        totalTokens: BigInt(d.tokens.total),
        billedTokensPerEpoch: BigInt(d.tokens.billedPerEpoch),
        assistantTokens: BigInt(d.tokens.assistant),
        minTokens: d.tokens.min,
        maxTokens: d.tokens.max,
        meanTokens: d.tokens.mean === null ? null : d.tokens.mean.toFixed(4),
        p50Tokens: d.tokens.p50,
        p90Tokens: d.tokens.p90,
        overLimitExamples: d.tokens.overLimitExamples,
        epochs: d.epochs,
        epochsSource: d.epochsSource,
        trainedTokens: BigInt(d.trainedTokens),
        trainingCostUsd: costUsd,
        priceSet,
        summary: d.summary,
        createdById: ctx.userId,
      },
      select: { id: true },
    });
    revalidatePath("/estimate/analyze");
    return { id: row.id, created: true };
  });
}

/**
 * Stores the counts the browser made of a saved dataset's file with other tokenizers (figures only; the file never
 * leaves the browser). Team-scoped: another team's dataset is not found. Idempotent and merged with the stored ones.
 */
export async function saveTokenCountsAction(input: unknown): Promise<ActionResult<StoredTokenCounts>> {
  return runAction("usage:write", saveTokenCountsSchema, input, async (ctx, d) => {
    const stored = await storeTokenCounts(ctx, d);
    if (stored.changed) revalidatePath("/estimate/analyze");
    return stored;
  });
}
