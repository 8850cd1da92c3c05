import "server-only";
import { allowed } from "@/lib/auth/guards";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditFilter } from "./schemas";

/** Entries per page of `/settings/audit`. */
export const AUDIT_PAGE_SIZE = 50;

/** One audit entry, JSON-ready for a client component. */
export interface AuditEventView {
  id: string;
  createdAt: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  before: Prisma.JsonValue | null;
  after: Prisma.JsonValue | null;
}

/**
 * The log is for admins and owners only (it shows every member's changes and the team's keys and webhooks). Checked
 * here as well as at each entry point, so no caller can list it for a lesser role or an API key.
 */
export function assertCanReadAudit(ctx: TeamContext): void {
  if (!allowed(ctx, "audit:read")) throw new AppError("forbidden", "Only admins and owners can see the audit log.");
}

/** The `where` of a filtered log, confined to the caller's team; `olderThan` is the keyset cursor. */
export function auditWhere(ctx: TeamContext, f: AuditFilter, olderThan?: bigint): Prisma.AuditEventWhereInput {
  return {
    ...teamScope(ctx),
    ...(f.type ? { entityType: f.type } : {}),
    ...(f.actor ? { actorLabel: { equals: f.actor, mode: "insensitive" as const } } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.entity ? { entityId: f.entity } : {}),
    ...(f.from || f.to
      ? {
          createdAt: {
            ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}),
            // Inclusive last day: everything before the next midnight (UTC).
            ...(f.to ? { lt: new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000) } : {}),
          },
        }
      : {}),
    ...(olderThan !== undefined ? { id: { lt: olderThan } } : {}),
  };
}

export const AUDIT_SELECT = {
  id: true,
  createdAt: true,
  actorLabel: true,
  action: true,
  entityType: true,
  entityId: true,
  summary: true,
  before: true,
  after: true,
} as const;

/** Maps a stored row to its view. */
export function toAuditEventView(r: Prisma.AuditEventGetPayload<{ select: typeof AUDIT_SELECT }>): AuditEventView {
  return { ...r, id: r.id.toString(), createdAt: r.createdAt.toISOString() };
}

/**
 * A page of the team's audit log, newest first, filtered; keyset-paginated on the id (stable while new entries
 * arrive). `nextCursor` is the id to pass for the next (older) page, null on the last one.
 */
export async function listAuditEvents(
  ctx: TeamContext,
  filter: AuditFilter,
  opts: { cursor?: string; limit?: number } = {},
): Promise<{ events: AuditEventView[]; nextCursor: string | null }> {
  assertCanReadAudit(ctx);
  const limit = opts.limit ?? AUDIT_PAGE_SIZE;
  const rows = await db.auditEvent.findMany({
    where: auditWhere(ctx, filter, opts.cursor ? BigInt(opts.cursor) : undefined),
    select: AUDIT_SELECT,
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return { events: page.map(toAuditEventView), nextCursor: rows.length > limit ? page[page.length - 1]!.id.toString() : null };
}

/** Who has acted and which actions exist in the team's log: suggestions for the filter fields. */
export async function listAuditFilterOptions(ctx: TeamContext): Promise<{ actors: string[]; actions: string[] }> {
  assertCanReadAudit(ctx);
  const [actors, actions] = await Promise.all([
    db.auditEvent.groupBy({ by: ["actorLabel"], where: teamScope(ctx), orderBy: { actorLabel: "asc" }, take: 200 }),
    db.auditEvent.groupBy({ by: ["action"], where: teamScope(ctx), orderBy: { action: "asc" }, take: 200 }),
  ]);
  return { actors: actors.map((a) => a.actorLabel), actions: actions.map((a) => a.action) };
}
