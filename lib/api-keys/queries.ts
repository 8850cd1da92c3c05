import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";

/** The team's API keys, newest first. Never the hash. */
export async function listApiKeys(ctx: TeamContext) {
  return db.apiKey.findMany({
    where: teamScope(ctx),
    select: { id: true, name: true, prefix: true, scope: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}
