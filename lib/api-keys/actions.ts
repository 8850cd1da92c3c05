"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/auth/guards";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { createApiKey } from "./create";
import { createApiKeySchema, revokeApiKeySchema } from "./schemas";

/** Creates an API key and returns its secret once. */
export async function createApiKeyAction(input: unknown): Promise<ActionResult<{ id: string; key: string; prefix: string }>> {
  return runAction("apikeys:manage", createApiKeySchema, input, async (ctx, data) => {
    const created = await createApiKey(ctx.teamId, ctx.userId, data);
    revalidatePath("/settings/api-keys");
    return { id: created.id, key: created.key, prefix: created.prefix };
  });
}

/** Revokes a key: its next request is 401. Another team's key is answered as not found. */
export async function revokeApiKeyAction(input: unknown): Promise<ActionResult> {
  return runAction("apikeys:manage", revokeApiKeySchema, input, async (ctx, { id }) => {
    const { count } = await db.apiKey.updateMany({ where: { id, ...teamScope(ctx), revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) {
      const exists = await db.apiKey.count({ where: { id, ...teamScope(ctx) } });
      if (!exists) throw notFound("API key");
    }
    revalidatePath("/settings/api-keys");
    return undefined;
  });
}
