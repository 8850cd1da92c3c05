import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { enqueueAlertNotifications } from "./notify";
import { ALERT_SELECT, getAlertOrThrow } from "./queries";
import { snoozeEnd } from "./rules";
import type { AlertDetail } from "./schemas";
import { toNotifiedAlert } from "./store";

// Signatures (stable; lib/alerts/actions.ts and the /api/v1/alerts routes call them):
//   acknowledgeAlert(ctx, { id, note? }): Promise<AlertDetail>
//   snoozeAlert(ctx, { id }): Promise<AlertDetail>

/**
 * OPEN → ACKNOWLEDGED, recording who and their note, and notifying (unless snoozed). Acknowledging an acknowledged
 * alert changes nothing; a resolved alert cannot be acknowledged (409).
 */
export async function acknowledgeAlert(ctx: TeamContext, input: { id: string; note?: string }): Promise<AlertDetail> {
  const actorId = ctx.userId || null;
  const note = input.note?.trim() || null;
  await db.$transaction(async (tx) => {
    // The status condition makes the transition atomic against a concurrent evaluation resolving the alert.
    const { count } = await tx.alert.updateMany({
      where: { id: input.id, ...teamScope(ctx), status: "OPEN" },
      data: { status: "ACKNOWLEDGED", acknowledgedById: actorId, acknowledgedAt: new Date(), acknowledgeNote: note },
    });
    const alert = await tx.alert.findFirst({ where: { id: input.id, ...teamScope(ctx) }, select: ALERT_SELECT });
    if (!alert) throw notFound("Alert");
    if (count === 0) {
      if (alert.status === "RESOLVED") throw new AppError("conflict", "This alert is resolved; there is nothing to acknowledge.");
      return; // already acknowledged
    }
    await tx.alertEvent.create({ data: { alertId: alert.id, type: "acknowledged", actorId, data: { note } } });
    await recordAudit(tx, ctx, {
      action: "alert.acknowledge",
      entityType: "alert",
      entityId: alert.id,
      summary: `Acknowledged alert: ${alert.message}`,
      before: { status: "OPEN" },
      after: { status: "ACKNOWLEDGED", note },
    });
    if (!(alert.snoozedUntil && alert.snoozedUntil > new Date())) await enqueueAlertNotifications(tx, toNotifiedAlert(alert), "acknowledged");
  });
  return getAlertOrThrow(ctx, input.id);
}

/**
 * Silences the alert's notifications until its month is over (or, for an earlier month, the current one); its state
 * keeps changing and is recorded meanwhile. Snoozing again keeps the same end.
 */
export async function snoozeAlert(ctx: TeamContext, input: { id: string }): Promise<AlertDetail> {
  const actorId = ctx.userId || null;
  await db.$transaction(async (tx) => {
    const alert = await tx.alert.findFirst({ where: { id: input.id, ...teamScope(ctx) }, select: { id: true, month: true, snoozedUntil: true, message: true } });
    if (!alert) throw notFound("Alert");
    const until = snoozeEnd(alert.month.toISOString().slice(0, 7), new Date());
    if (alert.snoozedUntil?.getTime() === until.getTime()) return;
    await tx.alert.update({ where: { id: alert.id }, data: { snoozedUntil: until } });
    await tx.alertEvent.create({ data: { alertId: alert.id, type: "snoozed", actorId, data: { until: until.toISOString() } } });
    await recordAudit(tx, ctx, {
      action: "alert.snooze",
      entityType: "alert",
      entityId: alert.id,
      summary: `Snoozed alert until ${until.toISOString().slice(0, 10)}: ${alert.message}`,
      before: { snoozedUntil: alert.snoozedUntil?.toISOString() ?? null },
      after: { snoozedUntil: until.toISOString() },
    });
  });
  return getAlertOrThrow(ctx, input.id);
}
