import "server-only";
import { enqueueTeamAdminEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Decimal, formatUsd, toDecimalString } from "@/lib/money/decimal";
import { enqueueWebhookEvent } from "@/lib/webhooks/outbox";

export type AlertNotificationEvent = "opened" | "reopened" | "resolved" | "acknowledged";

type DecimalLike = { toString(): string };

/** The alert fields a notification needs (a Prisma Alert row fits). */
export interface NotifiedAlert {
  id: string;
  teamId: string;
  projectId: string;
  modelId: string | null;
  month: Date;
  kind: string;
  threshold: DecimalLike;
  status: string;
  message: string;
  actualUsd: DecimalLike | null;
  projectedUsd: DecimalLike | null;
  budgetUsd: DecimalLike | null;
  deviationPct: DecimalLike | null;
}

/**
 * Queues the notifications of one alert event, inside the alert's transaction (outbox): one webhook delivery per
 * active team webhook and, when SMTP_URL is set, one e-mail per owner and admin. Workers send them after commit.
 *
 * The message id is `msg_<alertId>_<event>_<n>`, n = the alert's AlertEvent rows of type `event` at call time, so
 * the same occurrence always gets the same id and enqueueing it again adds nothing. For that, write each event's
 * AlertEvent row (type "opened", "reopened", "resolved" or "acknowledged") always before, or always after, this call.
 */
export async function enqueueAlertNotifications(tx: Prisma.TransactionClient, alert: NotifiedAlert, event: AlertNotificationEvent): Promise<void> {
  const [counted] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "AlertEvent" WHERE "alertId" = ${alert.id}::uuid AND lower(type) = ${event}`;
  const messageId = `msg_${alert.id}_${event}_${counted?.n ?? 0}`;
  const project = await tx.project.findFirstOrThrow({ where: { id: alert.projectId, teamId: alert.teamId }, select: { id: true, name: true } });
  const { NEXTAUTH_URL, SMTP_URL } = env();
  const url = new URL(`/alerts/${alert.id}`, NEXTAUTH_URL ?? "http://localhost:3000").toString();
  const month = alert.month.toISOString().slice(0, 7);
  const monthLabel = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" }).format(alert.month);
  const figures = describeFigures(alert);

  await enqueueWebhookEvent(tx, {
    teamId: alert.teamId,
    messageId,
    type: `alert.${event}`,
    json: {
      type: `alert.${event}`,
      timestamp: new Date().toISOString(),
      data: {
        alert: {
          id: alert.id,
          kind: alert.kind,
          status: alert.status,
          month,
          modelId: alert.modelId,
          thresholdPct: plain(alert.threshold),
          message: alert.message,
          actualUsd: plain(alert.actualUsd),
          projectedUsd: plain(alert.projectedUsd),
          budgetUsd: plain(alert.budgetUsd),
          deviationPct: plain(alert.deviationPct),
        },
        project: { id: project.id, name: project.name },
        url,
      },
    },
    slackText: `tunecost alert ${event}: *${slackEscape(project.name)}*, ${monthLabel}. ${slackEscape(alert.message)}${
      figures ? ` ${figures}.` : ""
    } <${url}|Open the alert>`,
  });

  if (SMTP_URL) {
    await enqueueTeamAdminEmail(tx, {
      teamId: alert.teamId,
      messageId,
      subject: `[tunecost] Alert ${event}: ${project.name}, ${monthLabel}`,
      body: [
        `${alert.message}`,
        ...(figures ? [`${figures}.`] : []),
        "",
        `Open the alert: ${url}`,
        "",
        "You receive this as an owner or admin of the team in tunecost.",
      ].join("\n"),
    });
  }
}

/** Prisma prints tiny decimals in exponent notation; payloads carry exact plain strings. */
function plain(value: DecimalLike | null): string | null {
  return value === null ? null : toDecimalString(new Decimal(value.toString()));
}

/** "Actual $1,234.56, projected $1,500.00, budget $2,000.00, deviation +23.5%" with the figures the alert has. */
function describeFigures(alert: NotifiedAlert): string {
  const parts: string[] = [];
  if (alert.actualUsd) parts.push(`actual ${formatUsd(new Decimal(alert.actualUsd.toString()))}`);
  if (alert.projectedUsd) parts.push(`projected ${formatUsd(new Decimal(alert.projectedUsd.toString()))}`);
  if (alert.budgetUsd) parts.push(`budget ${formatUsd(new Decimal(alert.budgetUsd.toString()))}`);
  if (alert.deviationPct) {
    const pct = new Decimal(alert.deviationPct.toString());
    parts.push(`deviation ${pct.isNegative() ? "" : "+"}${pct.toFixed(1)}%`);
  }
  const text = parts.join(", ");
  return text && text[0]!.toUpperCase() + text.slice(1);
}

/** Slack mrkdwn treats &, < and > as control characters; a project named "<!channel>" must not ping anyone. */
function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
