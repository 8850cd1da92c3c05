import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { deliverNow, TEST_EVENT, type DeliveryOutcome } from "./deliver";
import { vetTarget } from "./http";
import type { WebhookView } from "./queries";
import type { CreateWebhookInput } from "./schemas";
import { newWebhookSecret } from "./signature";
import { UnsafeTargetError } from "./ssrf";

/**
 * Creates a webhook after the SSRF check (it runs again at every delivery, since DNS can change). The returned
 * `secret` is the only time it leaves the server. One webhook per URL and team: a per-team advisory lock makes
 * the check-then-insert safe against a double submit.
 */
export async function createWebhook(ctx: TeamContext, input: CreateWebhookInput): Promise<{ webhook: WebhookView; secret: string }> {
  let url: string;
  try {
    url = (await vetTarget(input.url)).url.href;
  } catch (e) {
    if (e instanceof UnsafeTargetError) throw new AppError("validation_failed", "This URL cannot receive webhooks.", { url: [e.message] });
    throw e;
  }
  const secret = newWebhookSecret();
  const row = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`webhooks:${ctx.teamId}`}))`;
    if (await tx.webhook.count({ where: { ...teamScope(ctx), url } })) {
      throw new AppError("conflict", "Your team already has a webhook for this URL.", { url: ["Already used by another webhook"] });
    }
    const created = await tx.webhook.create({
      data: { teamId: ctx.teamId, url, format: input.format, description: input.description || null, secret },
      select: { id: true, url: true, format: true, description: true, active: true, createdAt: true },
    });
    await recordAudit(tx, ctx, {
      action: "webhook.create",
      entityType: "webhook",
      entityId: created.id,
      summary: `Created webhook to ${auditedUrl(url)}`,
      after: audited(created),
    });
    return created;
  });
  return { webhook: { ...row, createdAt: row.createdAt.toISOString() }, secret };
}

/**
 * A webhook URL as the audit log shows it: scheme, host and the path's first segment. Slack's and many other
 * receivers' URLs carry their token in the path or query, and the log (and its CSV export) must not leak it.
 */
export function auditedUrl(url: string): string {
  const u = new URL(url);
  const first = u.pathname.split("/").filter(Boolean)[0];
  return `${u.protocol}//${u.host}${first ? `/${first}/…` : "/"}`;
}

const audited = (w: { url: string; format: string; description: string | null; active: boolean }) => ({
  url: auditedUrl(w.url),
  format: w.format,
  description: w.description,
  active: w.active,
});

/** Pauses or resumes a webhook. Pausing gives up its pending deliveries: a paused webhook receives nothing. */
export async function setWebhookActive(ctx: TeamContext, id: string, active: boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.webhook.findFirst({ where: { id, ...teamScope(ctx) }, select: { url: true, format: true, description: true, active: true } });
    const { count } = await tx.webhook.updateMany({ where: { id, ...teamScope(ctx) }, data: { active } });
    if (count === 0 || !before) throw notFound("Webhook");
    if (before.active !== active) {
      await recordAudit(tx, ctx, {
        action: active ? "webhook.activate" : "webhook.deactivate",
        entityType: "webhook",
        entityId: id,
        summary: `${active ? "Resumed" : "Paused"} webhook to ${auditedUrl(before.url)}`,
        before: audited(before),
        after: audited({ ...before, active }),
      });
    }
    if (!active) {
      await tx.webhookDelivery.updateMany({
        where: { webhookId: id, ...teamScope(ctx), status: "PENDING" },
        data: { status: "FAILED", lastError: "Webhook paused before delivery" },
      });
    }
  });
}

/** Deletes a webhook and its delivery log. */
export async function deleteWebhook(ctx: TeamContext, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.webhook.findFirst({ where: { id, ...teamScope(ctx) }, select: { url: true, format: true, description: true, active: true } });
    const { count } = await tx.webhook.deleteMany({ where: { id, ...teamScope(ctx) } });
    if (count === 0 || !before) throw notFound("Webhook");
    await recordAudit(tx, ctx, { action: "webhook.delete", entityType: "webhook", entityId: id, summary: `Deleted webhook to ${auditedUrl(before.url)}`, before: audited(before) });
  });
}

/** Sends a `webhook.test` delivery right away (also to a paused webhook) and returns how it went; it is not retried. */
export async function sendTestWebhook(ctx: TeamContext, id: string): Promise<DeliveryOutcome> {
  const webhook = await db.webhook.findFirst({ where: { id, ...teamScope(ctx) }, select: { id: true, url: true, secret: true, format: true } });
  if (!webhook) throw notFound("Webhook");
  const text = "tunecost test: this webhook works. Alerts of your team will be posted here.";
  return deliverNow({
    teamId: ctx.teamId,
    webhook,
    messageId: `msg_test_${randomUUID()}`,
    eventType: TEST_EVENT,
    payload: webhook.format === "SLACK" ? { text } : { type: TEST_EVENT, timestamp: new Date().toISOString(), data: { message: text } },
  });
}
