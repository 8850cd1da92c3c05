"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/auth/guards";
import { AppError, fieldErrors, toErrorResponse } from "@/lib/errors";
import { putModelUsage } from "./mutations";
import { monthSchema, usageFiguresSchema } from "./schemas";
import type { UsageRow } from "./write";

/** `expectedVersion` is the version the form loaded; 0 means the month had no record yet. */
const putSchema = z
  .object({ modelId: z.uuid(), month: monthSchema, expectedVersion: z.number().int().min(0), figures: usageFiguresSchema })
  .strict();

/** Sets one model's usage for one month from the model page; a stale version answers a conflict naming who changed it. */
export async function putModelUsageAction(input: unknown): Promise<ActionResult<UsageRow>> {
  return runAction("usage:write", putSchema, input, async (ctx, { modelId, month, expectedVersion, figures }) => {
    const row = await putModelUsage(ctx, modelId, month, figures, { source: "FORM", expectedVersion });
    revalidatePath(`/models/${modelId}`);
    revalidatePath("/usage");
    return row;
  });
}

// Rows are parsed one by one below, so a bad row is reported in its place instead of rejecting the others.
const gridSchema = z
  .object({
    month: monthSchema,
    rows: z
      .array(z.object({ modelId: z.uuid(), expectedVersion: z.number().int().min(0), figures: z.unknown() }).strict())
      .min(1, "Nothing changed")
      .max(1000),
  })
  .strict();

export type GridRowResult =
  | { modelId: string; ok: true; row: UsageRow }
  | { modelId: string; ok: false; code: string; message: string; fields?: Record<string, string[]> };

/**
 * Saves the changed rows of the Usage grid, one month. Each row goes through `putModelUsage` with the version it
 * was loaded with, in its own transaction, rather than through the all-or-nothing `writeUsageBatch`: a batch has
 * no version check (it would silently overwrite a colleague's figures), and one stale or invalid row would throw
 * away every other row's typing. So each row is saved or answered with its own error, and the grid keeps the
 * user's input in the rows that failed.
 */
export async function saveUsageGridAction(input: unknown): Promise<ActionResult<GridRowResult[]>> {
  return runAction("usage:write", gridSchema, input, async (ctx, { month, rows }) => {
    const results: GridRowResult[] = [];
    // Sequential: a grid holds tens of rows, and one connection at a time leaves the pool to other requests.
    for (const { modelId, expectedVersion, figures } of rows) {
      try {
        const parsed = usageFiguresSchema.safeParse(figures);
        if (!parsed.success) throw new AppError("validation_failed", "Please correct the highlighted cells.", fieldErrors(parsed.error.issues));
        const row = await putModelUsage(ctx, modelId, month, parsed.data, { source: "FORM", expectedVersion });
        results.push({ modelId, ok: true, row });
        revalidatePath(`/models/${modelId}`);
      } catch (error) {
        results.push({ modelId, ok: false, ...toErrorResponse(error).body.error });
      }
    }
    revalidatePath("/usage");
    return results;
  });
}
