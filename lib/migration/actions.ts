"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/auth/guards";
import type { ModelView } from "@/lib/models/queries";
import { planMove } from "./mutations";
import { planMoveSchema } from "./schemas";

/** Plan this move: creates (once) the PLANNED model that takes over from the current one, with its usage plan. */
export async function planMoveAction(input: unknown): Promise<ActionResult<{ model: ModelView; created: boolean }>> {
  return runAction("projects:manage", planMoveSchema, input, async (ctx, data) => {
    const result = await planMove(ctx, data);
    revalidatePath("/models", "layout");
    revalidatePath(`/projects/${result.model.projectId}`, "layout");
    revalidatePath("/");
    return result;
  });
}
