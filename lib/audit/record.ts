/**
 * The audit trail's single write path. Call it inside the transaction that makes the change, so a change and its
 * audit row commit (or roll back) together. The actor's label (user e-mail or API key prefix) is copied in SQL at
 * write time, so the history still reads right after a member leaves or a key is revoked.
 */
import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import type { Prisma } from "@/lib/db/client";
import { Prisma as PrismaSql } from "@/lib/generated/prisma/client";
import type { AuditEntityType } from "./entity-types";

// Re-exported: callers import the list from here; client components import it from the client-safe module.
export { AUDIT_ENTITY_TYPES, type AuditEntityType } from "./entity-types";

export interface AuditEntry {
  /** Dotted verb: `<entityType>.<create|update|archive|restore|revoke|delete|…>`, e.g. "usage.update". */
  action: string;
  entityType: AuditEntityType;
  entityId?: string | null;
  /** One human sentence, e.g. "Set March 2026 usage of support-bot". */
  summary: string;
  /** Values before the change (null for creations). Secrets and hashes must never be passed here. */
  before?: unknown;
  /** Values after the change (null for deletions). */
  after?: unknown;
}

/** Who acted: a request's context, or the system itself (scheduled jobs, bootstrap). */
export type AuditActor = Pick<TeamContext, "teamId" | "userId" | "apiKey"> | { teamId: string; system: true };

type Tx = Pick<Prisma.TransactionClient, "$executeRaw">;

/** JSON for the before/after columns: Decimals and Dates as strings, bigint as string, undefined dropped. */
export function auditJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

function actorIds(actor: AuditActor): { userId: string | null; apiKeyId: string | null } {
  if ("system" in actor) return { userId: null, apiKeyId: null };
  // An API key acts as itself, not as the member who created it; an empty user id (a key without creator) is nobody.
  return { userId: actor.apiKey ? null : actor.userId || null, apiKeyId: actor.apiKey?.id ?? null };
}

/**
 * The four actor columns ("teamId", "actorUserId", "actorApiKeyId", "actorLabel") as a SELECT-list fragment, for
 * write paths that produce their audit rows set-based in their own statement (see lib/usage/write.ts). The label is
 * "API key tc_xxxx" for a key, else the user's e-mail, else "system".
 */
export function auditActorSql(actor: AuditActor): PrismaSql.Sql {
  const { userId, apiKeyId } = actorIds(actor);
  return PrismaSql.sql`${actor.teamId}::uuid, ${userId}::uuid, ${apiKeyId}::uuid,
    COALESCE((SELECT 'API key ' || k."prefix" FROM "ApiKey" k WHERE k."id" = ${apiKeyId}::uuid),
             (SELECT u."email" FROM "User" u WHERE u."id" = ${userId}::uuid), 'system')`;
}

/** Appends audit rows (one per entry) in one statement, inside the caller's transaction. */
export async function recordAudit(tx: Tx, actor: AuditActor, entries: AuditEntry | readonly AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? (entries as readonly AuditEntry[]) : [entries as AuditEntry];
  if (list.length === 0) return;
  const rows = list.map((e) => ({
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    summary: e.summary,
    before: e.before ?? null,
    after: e.after ?? null,
  }));
  await tx.$executeRaw(PrismaSql.sql`
    INSERT INTO "AuditEvent" ("teamId", "actorUserId", "actorApiKeyId", "actorLabel", "action", "entityType", "entityId", "summary", "before", "after")
    SELECT ${auditActorSql(actor)}, e.action, e."entityType", e."entityId", e.summary, e.before, e.after
      FROM jsonb_to_recordset(${auditJson(rows)}::jsonb) AS e(action text, "entityType" text, "entityId" text, summary text, before jsonb, after jsonb)`);
}
