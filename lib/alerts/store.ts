import "server-only";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DbClient } from "@/lib/projections/load";
import { decimalOrNull } from "@/lib/projections/load";
import { type AlertNotificationEvent, enqueueAlertNotifications, type NotifiedAlert } from "./notify";
import { alertKey, type AlertCondition, type AlertFigures, reconcile, type Reconciliation } from "./rules";
import type { AlertKind, AlertStatus } from "./schemas";

// Applies an evaluation's conditions to the stored alerts of the months it evaluated, inside the caller's transaction.

/** A stored alert as the evaluation reads it. */
export interface StoredAlert {
  id: string;
  teamId: string;
  projectId: string;
  modelId: string | null;
  subjectKey: string;
  month: string;
  kind: AlertKind;
  threshold: string;
  status: AlertStatus;
  snoozedUntil: Date | null;
  figures: AlertFigures;
}

/** Counts of what an evaluation did. */
export interface EvaluationCounts {
  opened: number;
  reopened: number;
  updated: number;
  resolved: number;
}

/** Nothing done yet. */
export const emptyCounts = (): EvaluationCounts => ({ opened: 0, reopened: 0, updated: 0, resolved: 0 });

/** The notification view of an alert: money as exact strings, the month as its first day (UTC). */
export function toNotifiedAlert(a: Omit<NotifiedAlert, "month"> & { month: Date | string }): NotifiedAlert {
  const { id, teamId, projectId, modelId, kind, threshold, status, message, actualUsd, projectedUsd, budgetUsd, deviationPct } = a;
  const month = typeof a.month === "string" ? new Date(`${a.month}-01T00:00:00Z`) : a.month;
  return { id, teamId, projectId, modelId, month, kind, threshold, status, message, actualUsd, projectedUsd, budgetUsd, deviationPct };
}

/**
 * The team's stored spend alerts of a project's months (one query). RETIREMENT alerts are evaluated on their own
 * (lib/alerts/retirement.ts), from the models' dates rather than a month's figures, so a month's evaluation leaves them.
 */
export function readStoredAlerts(tx: DbClient, teamId: string, projectId: string, months: readonly string[]): Promise<StoredAlert[]> {
  return readStored(tx, { teamId, projectId, kind: { not: "RETIREMENT" }, month: { in: months.map((m) => new Date(`${m}-01T00:00:00Z`)) } });
}

/** The team's stored RETIREMENT alerts (one query). */
export function readStoredRetirementAlerts(tx: DbClient, teamId: string): Promise<StoredAlert[]> {
  return readStored(tx, { teamId, kind: "RETIREMENT" });
}

async function readStored(tx: DbClient, where: Prisma.AlertWhereInput): Promise<StoredAlert[]> {
  const rows = await tx.alert.findMany({
    where,
    select: {
      id: true, teamId: true, projectId: true, modelId: true, subjectKey: true, month: true, kind: true, threshold: true, status: true,
      snoozedUntil: true, actualUsd: true, projectedUsd: true, lowUsd: true, highUsd: true, budgetUsd: true, deviationPct: true,
      forecastKind: true, message: true,
    },
  });
  return rows.map((r) => ({
    id: r.id,
    teamId: r.teamId,
    projectId: r.projectId,
    modelId: r.modelId,
    subjectKey: r.subjectKey,
    month: r.month.toISOString().slice(0, 7),
    kind: r.kind,
    threshold: decimalOrNull(r.threshold)!,
    status: r.status,
    snoozedUntil: r.snoozedUntil,
    figures: {
      actualUsd: decimalOrNull(r.actualUsd),
      projectedUsd: decimalOrNull(r.projectedUsd),
      lowUsd: decimalOrNull(r.lowUsd),
      highUsd: decimalOrNull(r.highUsd),
      budgetUsd: decimalOrNull(r.budgetUsd),
      deviationPct: decimalOrNull(r.deviationPct),
      forecastKind: r.forecastKind,
      message: r.message,
    },
  }));
}

const num = (v: string | null) => (v === null ? Prisma.sql`NULL` : Prisma.sql`${v}::numeric`);

/**
 * Inserts the alert, or refreshes its figures when (subject, month, kind, threshold) already exists: the unique index
 * is what makes concurrent evaluations create one alert. Tells whether this statement created it.
 */
async function upsertAlert(tx: DbClient, teamId: string, c: AlertCondition): Promise<{ id: string; inserted: boolean }> {
  const f = c.figures;
  const [row] = await tx.$queryRaw<{ id: string; inserted: boolean }[]>`
    INSERT INTO "Alert" (id, "teamId", "projectId", "modelId", "subjectKey", month, kind, threshold, status, "actualUsd", "projectedUsd",
                         "lowUsd", "highUsd", "budgetUsd", "deviationPct", "forecastKind", message, "openedAt", "createdAt", "updatedAt")
    VALUES (gen_random_uuid(), ${teamId}::uuid, ${c.projectId}::uuid, ${c.modelId}::uuid, ${c.subjectKey}, ${`${c.month}-01`}::date,
            ${c.kind}::"AlertKind", ${c.threshold}::numeric, 'OPEN', ${num(f.actualUsd)}, ${num(f.projectedUsd)}, ${num(f.lowUsd)},
            ${num(f.highUsd)}, ${num(f.budgetUsd)}, ${num(f.deviationPct)}, ${f.forecastKind}, ${f.message}, now(), now(), now())
    ON CONFLICT ("teamId", "subjectKey", month, kind, threshold) DO UPDATE SET
      "actualUsd" = EXCLUDED."actualUsd", "projectedUsd" = EXCLUDED."projectedUsd", "lowUsd" = EXCLUDED."lowUsd",
      "highUsd" = EXCLUDED."highUsd", "budgetUsd" = EXCLUDED."budgetUsd", "deviationPct" = EXCLUDED."deviationPct",
      "forecastKind" = EXCLUDED."forecastKind", message = EXCLUDED.message, "updatedAt" = now()
    RETURNING id::text AS id, (xmax = 0) AS inserted`;
  return row!;
}

/**
 * Reconciles the stored alerts of the evaluated months with the conditions found: opens, reopens, refreshes and
 * resolves, writing one history event per change and notifying (unless snoozed) on the transitions only.
 * Every status change is conditional on the status it was read in, so a concurrent acknowledgement is never undone.
 */
export async function applyConditions(
  tx: DbClient,
  teamId: string,
  stored: readonly StoredAlert[],
  conditions: readonly AlertCondition[],
  now: Date,
  opts: { quietResolve?: (key: string) => boolean } = {},
): Promise<EvaluationCounts> {
  const counts = emptyCounts();
  const storedByKey = new Map(stored.map((s) => [alertKey(s), s]));
  const conditionByKey = new Map(conditions.map((c) => [alertKey(c), c]));
  const keys = new Set([...storedByKey.keys(), ...conditionByKey.keys()]);
  // Each event keeps the figures of that moment (a copy: JSON input wants a plain object).
  const events: Prisma.AlertEventCreateManyInput[] = [];
  const notifications: [NotifiedAlert, AlertNotificationEvent][] = [];
  // Resolutions are changes nobody made by hand: the audit log shows them as the system's.
  const resolutions: AuditEntry[] = [];

  for (const key of keys) {
    const s = storedByKey.get(key);
    const c = conditionByKey.get(key);
    const action: Reconciliation = reconcile(s, c);
    if (action === "none") continue;
    const snoozed = !!s?.snoozedUntil && s.snoozedUntil > now;
    if (action === "open") {
      const { id, inserted } = await upsertAlert(tx, teamId, c!);
      counts[inserted ? "opened" : "updated"]++;
      events.push({ alertId: id, type: inserted ? "opened" : "updated", data: { ...c!.figures } });
      if (inserted) notifications.push([toNotifiedAlert({ id, teamId, ...c!, ...c!.figures, status: "OPEN" }), "opened"]);
      continue;
    }
    if (action === "update") {
      await tx.alert.update({ where: { id: s!.id }, data: c!.figures });
      counts.updated++;
      events.push({ alertId: s!.id, type: "updated", data: { ...c!.figures } });
      continue;
    }
    if (action === "reopen") {
      const { count } = await tx.alert.updateMany({
        where: { id: s!.id, status: "RESOLVED" },
        data: { ...c!.figures, status: "OPEN", resolvedAt: null, openedAt: now, acknowledgedById: null, acknowledgedAt: null, acknowledgeNote: null },
      });
      if (count === 0) continue;
      counts.reopened++;
      events.push({ alertId: s!.id, type: "reopened", data: { ...c!.figures } });
      if (!snoozed) notifications.push([toNotifiedAlert({ ...s!, ...c!.figures, status: "OPEN" }), "reopened"]);
      continue;
    }
    // resolve: the condition is gone, or no longer applies (no budget any more, another threshold…)
    const { count } = await tx.alert.updateMany({ where: { id: s!.id, status: { in: ["OPEN", "ACKNOWLEDGED"] } }, data: { status: "RESOLVED", resolvedAt: now } });
    if (count === 0) continue;
    counts.resolved++;
    resolutions.push({
      action: "alert.resolve",
      entityType: "alert",
      entityId: s!.id,
      summary: `Alert resolved: ${s!.figures.message}`,
      before: { status: s!.status },
      after: { status: "RESOLVED" },
    });
    events.push({ alertId: s!.id, type: "resolved", data: c ? { ...c.figures } : { reason: "The condition no longer applies." } });
    // A superseded alert (a retirement's earlier threshold when the next opens) resolves without a message of its own.
    if (!snoozed && !opts.quietResolve?.(key)) notifications.push([toNotifiedAlert({ ...s!, ...s!.figures, status: "RESOLVED" }), "resolved"]);
  }

  if (events.length) await tx.alertEvent.createMany({ data: events });
  await recordAudit(tx, { teamId, system: true }, resolutions);
  for (const [alert, event] of notifications) await enqueueAlertNotifications(tx, alert, event);
  return counts;
}
