import "server-only";
import { cache } from "react";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { addMonths } from "@/lib/forecast";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decimalOrNull } from "@/lib/projections/load";
import { getCostSeries } from "@/lib/projections/queries";
import type { AlertDetail, AlertEventView, AlertStatus, AlertView } from "./schemas";

// Signatures (stable; the Alerts UI builds on them):
//   listAlerts(ctx, { status?, projectId?, limit?, cursor? }): Promise<{ alerts: AlertView[]; nextCursor: string | null }>
//     newest opened first; status is "OPEN" | "ACKNOWLEDGED" | "RESOLVED"; limit 1–500, default 100.
//   getAlertOrThrow(ctx, id): Promise<AlertDetail>   // AlertView + events (oldest first) + series (chart months)
//   countOpenAlerts(ctx): Promise<number>             // OPEN and not snoozed: the navigation badge
// Views are JSON-ready (lib/alerts/schemas.ts): money and percentages as exact decimal strings, dates as ISO strings.

/** The columns an alert view is made of (explicit: no column reaches a view by accident). */
export const ALERT_SELECT = {
  id: true,
  teamId: true,
  projectId: true,
  modelId: true,
  month: true,
  kind: true,
  threshold: true,
  status: true,
  actualUsd: true,
  projectedUsd: true,
  lowUsd: true,
  highUsd: true,
  budgetUsd: true,
  deviationPct: true,
  forecastKind: true,
  message: true,
  acknowledgedById: true,
  acknowledgedAt: true,
  acknowledgeNote: true,
  snoozedUntil: true,
  resolvedAt: true,
  openedAt: true,
  updatedAt: true,
  project: { select: { name: true } },
  model: { select: { displayName: true } },
} as const satisfies Prisma.AlertSelect;

type AlertRow = Prisma.AlertGetPayload<{ select: typeof ALERT_SELECT }>;

/** Names of users by id, one query. */
async function userNames(ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((i): i is string => !!i))];
  if (unique.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** JSON-ready alert. */
export function toAlertView(r: AlertRow, names: Map<string, string>, now = new Date()): AlertView {
  const ackName = r.acknowledgedById ? names.get(r.acknowledgedById) : undefined;
  return {
    id: r.id,
    projectId: r.projectId,
    projectName: r.project.name,
    modelId: r.modelId,
    modelName: r.model?.displayName ?? null,
    month: r.month.toISOString().slice(0, 7),
    kind: r.kind,
    threshold: decimalOrNull(r.threshold)!,
    status: r.status,
    actualUsd: decimalOrNull(r.actualUsd),
    projectedUsd: decimalOrNull(r.projectedUsd),
    lowUsd: decimalOrNull(r.lowUsd),
    highUsd: decimalOrNull(r.highUsd),
    budgetUsd: decimalOrNull(r.budgetUsd),
    deviationPct: decimalOrNull(r.deviationPct),
    forecastKind: r.forecastKind,
    message: r.message,
    acknowledgedBy: r.acknowledgedById ? { id: r.acknowledgedById, name: ackName ?? "API client" } : null,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    acknowledgeNote: r.acknowledgeNote,
    snoozedUntil: r.snoozedUntil?.toISOString() ?? null,
    snoozed: r.snoozedUntil !== null && r.snoozedUntil > now,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    openedAt: r.openedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const encodeCursor = (r: { openedAt: Date; id: string }) => Buffer.from(`${r.openedAt.toISOString()}|${r.id}`).toString("base64url");

function decodeCursor(cursor: string): { openedAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const openedAt = new Date(at ?? "");
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(openedAt.getTime())) {
    throw new AppError("bad_request", "The cursor is invalid; use nextCursor of the previous page.", { cursor: ["Invalid cursor"] });
  }
  return { openedAt, id };
}

/** The team's alerts, newest opened first, a page at a time. */
export async function listAlerts(
  ctx: TeamContext,
  opts: { status?: AlertStatus; projectId?: string; limit?: number; cursor?: string } = {},
): Promise<{ alerts: AlertView[]; nextCursor: string | null }> {
  const limit = opts.limit ?? 100;
  const after = opts.cursor ? decodeCursor(opts.cursor) : null;
  const rows = await db.alert.findMany({
    where: {
      ...teamScope(ctx),
      ...(opts.status ? { status: opts.status } : {}),
      ...(opts.projectId ? { projectId: opts.projectId } : {}),
      ...(after ? { OR: [{ openedAt: { lt: after.openedAt } }, { openedAt: after.openedAt, id: { lt: after.id } }] } : {}),
    },
    select: ALERT_SELECT,
    orderBy: [{ openedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const names = await userNames(page.map((r) => r.acknowledgedById));
  return { alerts: page.map((r) => toAlertView(r, names)), nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!) : null };
}

/** One alert with its history and its subject's months around it; another team's (or a missing) id is 404. */
export async function getAlertOrThrow(ctx: TeamContext, id: string): Promise<AlertDetail> {
  const row = await db.alert.findFirst({ where: { id, ...teamScope(ctx) }, select: ALERT_SELECT });
  if (!row) throw notFound("Alert");
  const events = await db.alertEvent.findMany({
    where: { alertId: row.id },
    select: { id: true, type: true, actorId: true, data: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const names = await userNames([row.acknowledgedById, ...events.map((e) => e.actorId)]);
  const month = row.month.toISOString().slice(0, 7);
  const series = await getCostSeries(ctx, { projectId: row.projectId, modelId: row.modelId, from: addMonths(month, -11), to: addMonths(month, 2) });
  return {
    ...toAlertView(row, names),
    events: events.map(
      (e): AlertEventView => ({
        id: e.id,
        type: e.type as AlertEventView["type"],
        actor: e.actorId ? { id: e.actorId, name: names.get(e.actorId) ?? "API client" } : null,
        data: (e.data ?? null) as AlertEventView["data"],
        createdAt: e.createdAt.toISOString(),
      }),
    ),
    series,
  };
}

/** Alerts that want attention: open and not snoozed. Once per request (the layout's badge and the dashboard share it). */
export const countOpenAlerts = cache(async (ctx: TeamContext): Promise<number> => {
  return db.alert.count({ where: { ...teamScope(ctx), status: "OPEN", OR: [{ snoozedUntil: null }, { snoozedUntil: { lte: new Date() } }] } });
});
