import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { hit, retryAfterSeconds } from "@/lib/auth/rate-limit";
import { matchesHash, parseApiKey } from "./secret";

/**
 * Resolves `Authorization: Bearer <key>` to a team context. A malformed, unknown or revoked key is 401; a key
 * over its rate limit is 429 with Retry-After. The context carries the key's scope; permissions check it.
 */
export async function verifyApiKeyOrThrow(key: string): Promise<TeamContext> {
  const prefix = parseApiKey(key);
  const row = prefix
    ? await db.apiKey.findUnique({ where: { prefix }, select: { id: true, teamId: true, secretHash: true, scope: true, revokedAt: true, createdById: true } })
    : null;
  if (!row || row.revokedAt || !matchesHash(key, row.secretHash)) {
    throw new AppError("unauthorized", "Invalid or revoked API key.");
  }
  const limit = { key: `api:key:${row.id}`, max: env().TUNECOST_API_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 };
  const wait = await retryAfterSeconds(limit);
  if (wait > 0) throw new AppError("rate_limited", `Rate limit of ${limit.max} requests per minute exceeded for this key.`, undefined, wait);
  await hit(limit);
  return { userId: row.createdById ?? "", teamId: row.teamId, role: row.scope === "WRITE" ? "MEMBER" : "VIEWER", apiKey: { id: row.id, scope: row.scope } };
}

/**
 * Records that a key was used for a request its scope allows. A refused request (403) changes none of the team's
 * rows, this one included, so "last used" means "last used for something it may do". At most once a minute: a write
 * per request would cost more than the request.
 */
export async function recordApiKeyUse(id: string): Promise<void> {
  await db.apiKey.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(Date.now() - 60_000) } }] },
    data: { lastUsedAt: new Date() },
  });
}
