import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";

/** A webhook as lists show it: never the secret. */
export interface WebhookView {
  id: string;
  url: string;
  format: "JSON" | "SLACK";
  description: string | null;
  active: boolean;
  createdAt: string;
}

/** One row of the delivery log. */
export interface DeliveryView {
  id: string;
  webhookUrl: string;
  eventType: string;
  status: "PENDING" | "SUCCEEDED" | "FAILED";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  /** When a pending delivery is tried next. */
  nextAttemptAt: string | null;
}

/** The team's webhooks, newest first. */
export async function listWebhooks(ctx: TeamContext): Promise<WebhookView[]> {
  const rows = await db.webhook.findMany({
    where: teamScope(ctx),
    select: { id: true, url: true, format: true, description: true, active: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((w) => ({ ...w, createdAt: w.createdAt.toISOString() }));
}

/** The team's latest deliveries (default 50), newest first. */
export async function listDeliveries(ctx: TeamContext, limit = 50): Promise<DeliveryView[]> {
  const rows = await db.webhookDelivery.findMany({
    where: teamScope(ctx),
    select: {
      id: true,
      eventType: true,
      status: true,
      attempts: true,
      lastStatusCode: true,
      lastError: true,
      createdAt: true,
      updatedAt: true,
      nextAttemptAt: true,
      webhook: { select: { url: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map(({ webhook, ...d }) => ({
    ...d,
    webhookUrl: webhook.url,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    nextAttemptAt: d.status === "PENDING" ? d.nextAttemptAt.toISOString() : null,
  }));
}
