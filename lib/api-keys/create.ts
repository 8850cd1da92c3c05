import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { CreateApiKeyInput } from "./schemas";
import { generateApiKey } from "./secret";

/**
 * Creates a key for a team; the returned `key` is the only time the secret exists outside a hash. Audited as its
 * creator, or as "system" when made from the command line (no creator).
 */
export async function createApiKey(teamId: string, createdById: string | null, input: CreateApiKeyInput) {
  const { key, prefix, secretHash } = generateApiKey();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { teamId, name: input.name, prefix, secretHash, scope: input.scope, createdById },
      select: { id: true, name: true, prefix: true, scope: true, createdAt: true },
    });
    // Name, prefix and scope only: never the key or its hash.
    await recordAudit(tx, createdById ? { teamId, userId: createdById } : { teamId, system: true }, {
      action: "api_key.create",
      entityType: "api_key",
      entityId: created.id,
      summary: `Created API key ${created.name} (${created.prefix}, ${created.scope.toLowerCase()})`,
      after: { name: created.name, prefix: created.prefix, scope: created.scope, revoked: false },
    });
    return created;
  });
  return { ...row, key };
}
