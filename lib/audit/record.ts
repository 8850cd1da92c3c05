/**
 * The audit trail's single write path. Call it inside the transaction that makes the change, so a change and its
 * audit row commit (or roll back) together. The actor's label (user e-mail or API key prefix) is copied in SQL at
 * write time, so the history still reads right after a member leaves or a key is revoked.
 */
import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import type { Prisma } from "@/lib/db/client";

/** Kinds of audited things; `/settings/audit` filters by these. */
export const AUDIT_ENTITY_TYPES = [
  "usage",
  "price",
  "project",
  "model",
  "member",
  "invitation",
  "api_key",
  "webhook",
  "import",
  "team",
  "alert",
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

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

type Tx = Pick<Prisma.TransactionClient, "$executeRawUnsafe">;

/** JSON for the before/after columns: Decimals and Dates as strings, bigint as string, undefined dropped. */
export function auditJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

function actorIds(actor: AuditActor): { userId: string | null; apiKeyId: string | null } {
  if ("system" in actor) return { userId: null, apiKeyId: null };
  return { userId: actor.apiKey ? null : actor.userId, apiKeyId: actor.apiKey?.id ?? null };
}

/** Appends audit rows (one per entry) in one statement, inside the caller's transaction. */
export async function recordAudit(tx: Tx, actor: AuditActor, entries: AuditEntry | readonly AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? (entries as readonly AuditEntry[]) : [entries as AuditEntry];
  if (list.length === 0) return;
  const { userId, apiKeyId } = actorIds(actor);
  await tx.$executeRawUnsafe(
    `INSERT INTO "AuditEvent" ("teamId", "actorUserId", "actorApiKeyId", "actorLabel", "action", "entityType", "entityId", "summary", "before", "after")
     SELECT $1::uuid, $2::uuid, $3::uuid,
            COALESCE((SELECT 'API key ' || k."prefix" FROM "ApiKey" k WHERE k."id" = $3::uuid),
                     (SELECT u."email" FROM "User" u WHERE u."id" = $2::uuid), 'system'),
            e.action, e."entityType", e."entityId", e.summary, e.before, e.after
       FROM jsonb_to_recordset($4::jsonb) AS e(action text, "entityType" text, "entityId" text, summary text, before jsonb, after jsonb)`,
    actor.teamId,
    userId,
    apiKeyId,
    JSON.stringify(
      list.map((e) => ({
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId ?? null,
        summary: e.summary,
        before: e.before === undefined || e.before === null ? null : JSON.parse(auditJson(e.before)!),
        after: e.after === undefined || e.after === null ? null : JSON.parse(auditJson(e.after)!),
      })),
    ),
  );
}
