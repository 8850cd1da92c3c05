"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/auth/guards";
import { createModel, saveUsagePlan, setModelArchived, updateModel } from "./mutations";
import type { ModelView } from "./queries";
import { modelInputSchema, updateModelSchema, usagePlanSchema } from "./schemas";

const archiveModelSchema = z.object({ id: z.uuid(), archived: z.boolean() }).strict();
const savePlanSchema = z.object({ modelId: z.uuid(), version: z.number().int().min(0).optional(), plan: usagePlanSchema }).strict();

/** Creates a fine-tuned model; its training cost is priced from the catalog in force on its training date. */
export async function createModelAction(input: unknown): Promise<ActionResult<ModelView>> {
  return runAction("projects:manage", modelInputSchema, input, async (ctx, data) => {
    const model = await createModel(ctx, data);
    revalidatePath("/models");
    revalidatePath(`/projects/${model.projectId}`);
    return model;
  });
}

/** Updates a model; a stale `version` answers a conflict and changes nothing. */
export async function updateModelAction(input: unknown): Promise<ActionResult<ModelView>> {
  return runAction("projects:manage", updateModelSchema, input, async (ctx, { id, version, model }) => {
    const updated = await updateModel(ctx, id, version, model);
    revalidatePath("/models", "layout");
    revalidatePath("/projects", "layout");
    return updated;
  });
}

/** Archives or restores a model; models are never deleted, so their usage history stays. */
export async function setModelArchivedAction(input: unknown): Promise<ActionResult> {
  return runAction("projects:manage", archiveModelSchema, input, async (ctx, { id, archived }) => {
    await setModelArchived(ctx, id, archived);
    revalidatePath("/models", "layout");
    revalidatePath("/projects", "layout");
    revalidatePath("/usage");
    return undefined;
  });
}

/**
 * Saves the model's usage plan. Same permission as editing the model: the plan drives its project's forecast and
 * budget alerts, so it is configuration, not a usage figure. Version 0 creates the first plan.
 */
export async function saveUsagePlanAction(input: unknown): Promise<ActionResult> {
  return runAction("projects:manage", savePlanSchema, input, async (ctx, { modelId, version, plan }) => {
    await saveUsagePlan(ctx, modelId, plan, version);
    revalidatePath(`/models/${modelId}`);
    return undefined;
  });
}
