"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { recordAudit } from "@/lib/audit/record";
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
    await db.$transaction(async (tx) => {
      const { count } = await tx.apiKey.updateMany({ where: { id, ...teamScope(ctx), revokedAt: null }, data: { revokedAt: new Date() } });
      const key = await tx.apiKey.findFirst({ where: { id, ...teamScope(ctx) }, select: { name: true, prefix: true, scope: true } });
      if (!key) throw notFound("API key");
      if (count === 0) return; // already revoked
      await recordAudit(tx, ctx, {
        action: "api_key.revoke",
        entityType: "api_key",
        entityId: id,
        summary: `Revoked API key ${key.name} (${key.prefix})`,
        before: { ...key, revoked: false },
        after: { ...key, revoked: true },
      });
    });
    revalidatePath("/settings/api-keys");
    return undefined;
  });
}
