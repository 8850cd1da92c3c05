import "server-only";
import { db } from "@/lib/db/client";
import type { CreateApiKeyInput } from "./schemas";
import { generateApiKey } from "./secret";

/** Creates a key for a team; the returned `key` is the only time the secret exists outside a hash. */
export async function createApiKey(teamId: string, createdById: string | null, input: CreateApiKeyInput) {
  const { key, prefix, secretHash } = generateApiKey();
  const row = await db.apiKey.create({
    data: { teamId, name: input.name, prefix, secretHash, scope: input.scope, createdById },
    select: { id: true, name: true, prefix: true, scope: true, createdAt: true },
  });
  return { ...row, key };
}
