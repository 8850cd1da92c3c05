import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { MAX_ATTEMPTS, retryDelaySeconds } from "./backoff";
import { postToTarget, vetTarget, type AttemptResult } from "./http";
import { pollEvery } from "./poll";
import { webhookHeaders } from "./signature";

/** The event type of "Send test" deliveries: sent once, never retried (nobody waits for a retried test). */
export const TEST_EVENT = "webhook.test";

/**
 * A claimed row is hidden from other workers for this long: well past the request timeout, so it is never sent twice
 * at once. If the worker dies mid-attempt, the row becomes due again afterwards (at-least-once delivery; receivers
 * deduplicate on webhook-id).
 */
const LEASE_SECONDS = 120;

interface ClaimedDelivery {
  id: string;
  messageId: string;
  eventType: string;
  payload: unknown;
  /** Including the attempt being made. */
  attempts: number;
  url: string;
  secret: string;
}

export interface DeliveryOutcome {
  id: string;
  status: "SUCCEEDED" | "PENDING" | "FAILED";
  statusCode: number | null;
  error: string | null;
}

/**
 * Claims up to `limit` due deliveries and sends them. FOR UPDATE SKIP LOCKED plus the lease make the claim exclusive,
 * so several app instances (or overlapping calls) never send one row twice. `teamId` confines a call to one team.
 */
export async function deliverDue(limit = 20, opts: { teamId?: string } = {}): Promise<DeliveryOutcome[]> {
  const rows = await db.$queryRaw<ClaimedDelivery[]>`
    UPDATE "WebhookDelivery" AS d
    SET attempts = d.attempts + 1, "nextAttemptAt" = now() + make_interval(secs => ${LEASE_SECONDS}), "updatedAt" = now()
    FROM "Webhook" AS w
    WHERE w.id = d."webhookId" AND d.id IN (
      SELECT q.id FROM "WebhookDelivery" AS q
      JOIN "Webhook" AS qw ON qw.id = q."webhookId" AND qw.active
      WHERE q.status = 'PENDING' AND q."nextAttemptAt" <= now()
        ${opts.teamId ? Prisma.sql`AND q."teamId" = ${opts.teamId}::uuid` : Prisma.empty}
      ORDER BY q."nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE OF q SKIP LOCKED)
    RETURNING d.id, d."messageId", d."eventType", d.payload, d.attempts, w.url, w.secret`;
  return Promise.all(rows.map(attemptDelivery));
}

export interface ImmediateDelivery {
  teamId: string;
  webhook: { id: string; url: string; secret: string };
  messageId: string;
  eventType: string;
  payload: Prisma.InputJsonObject;
}

/** Writes a delivery already claimed by this caller and sends it at once ("Send test"), returning the outcome. */
export async function deliverNow({ teamId, webhook, messageId, eventType, payload }: ImmediateDelivery): Promise<DeliveryOutcome> {
  const row = await db.webhookDelivery.create({
    data: { teamId, webhookId: webhook.id, messageId, eventType, payload, attempts: 1, nextAttemptAt: new Date(Date.now() + LEASE_SECONDS * 1000) },
    select: { id: true },
  });
  return attemptDelivery({ id: row.id, messageId, eventType, payload, attempts: 1, url: webhook.url, secret: webhook.secret });
}

async function attemptDelivery(row: ClaimedDelivery): Promise<DeliveryOutcome> {
  // The body is signed exactly as sent. The target is vetted again now: DNS may have changed since creation.
  const body = JSON.stringify(row.payload);
  let result: AttemptResult;
  try {
    const target = await vetTarget(row.url);
    result = await postToTarget(target, webhookHeaders(row.secret, row.messageId, body, new Date()), body);
  } catch (e) {
    result = { statusCode: null, error: e instanceof Error ? e.message : String(e) };
  }
  const maxAttempts = row.eventType === TEST_EVENT ? 1 : MAX_ATTEMPTS;
  const status = result.error === null ? "SUCCEEDED" : row.attempts >= maxAttempts ? "FAILED" : "PENDING";
  const delaySeconds = status === "PENDING" ? retryDelaySeconds(row.attempts) : 0;
  // `attempts = claimed` keeps a late writer (its lease expired and another worker took the row) from overwriting.
  await db.$executeRaw`
    UPDATE "WebhookDelivery"
    SET status = ${status}::"DeliveryStatus", "lastStatusCode" = ${result.statusCode}, "lastError" = ${result.error},
        "deliveredAt" = CASE WHEN ${status} = 'SUCCEEDED' THEN now() END,
        "nextAttemptAt" = now() + make_interval(secs => ${delaySeconds}), "updatedAt" = now()
    WHERE id = ${row.id}::uuid AND attempts = ${row.attempts}`;
  return { id: row.id, status, ...result };
}

/** Delivers due webhooks every `intervalMs` in this process (see ./workers.ts); `stop` waits for the tick in flight. */
export function startDeliveryLoop(intervalMs = 5_000): { stop(): Promise<void> } {
  return pollEvery("webhook delivery", intervalMs, () => deliverDue());
}
