import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface WebhookEvent {
  teamId: string;
  /** Deterministic per event occurrence: the (webhook, messageId) unique index makes a repeated enqueue a no-op. */
  messageId: string;
  type: string;
  /** Body for JSON webhooks. */
  json: Prisma.InputJsonObject;
  /** Body text for Slack-compatible webhooks (Slack mrkdwn, already escaped). */
  slackText: string;
}

/** Writes one delivery per active webhook of the team in the caller's transaction; returns how many were new. */
export function enqueueWebhookEvent(tx: Prisma.TransactionClient, event: WebhookEvent): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "WebhookDelivery" (id, "teamId", "webhookId", "messageId", "eventType", payload, "updatedAt")
    SELECT gen_random_uuid(), w."teamId", w.id, ${event.messageId}, ${event.type},
           CASE w.format WHEN 'SLACK' THEN ${JSON.stringify({ text: event.slackText })}::jsonb ELSE ${JSON.stringify(event.json)}::jsonb END,
           now()
    FROM "Webhook" AS w
    WHERE w."teamId" = ${event.teamId}::uuid AND w.active
    ON CONFLICT ("webhookId", "messageId") DO NOTHING`;
}
