import "server-only";
import { createTransport } from "nodemailer";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { MAX_ATTEMPTS, retryDelaySeconds } from "@/lib/webhooks/backoff";
import { pollEvery } from "@/lib/webhooks/poll";

/** Longer than the SMTP timeouts below, so a claimed e-mail is never sent twice at once. */
const LEASE_SECONDS = 120;
const TIMEOUT_MS = 10_000;

interface ClaimedEmail {
  id: string;
  messageId: string;
  toAddress: string;
  subject: string;
  body: string;
  attempts: number;
}

export interface EmailOutcome {
  id: string;
  status: "SUCCEEDED" | "PENDING" | "FAILED";
  error: string | null;
}

/** The SMTP URL with 10 s connection, greeting and socket timeouts, unless it sets its own (nodemailer reads them from the query). */
function transportUrl(raw: string): string {
  const url = new URL(raw);
  for (const key of ["connectionTimeout", "greetingTimeout", "socketTimeout"]) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, String(TIMEOUT_MS));
  }
  return url.toString();
}

/**
 * Claims up to `limit` due e-mails (FOR UPDATE SKIP LOCKED, as webhooks) and sends them through SMTP_URL; failures
 * retry with the webhooks' backoff and give up after the same number of attempts. Does nothing without SMTP_URL.
 */
export async function sendDueEmails(limit = 20, opts: { teamId?: string } = {}): Promise<EmailOutcome[]> {
  const { SMTP_URL, SMTP_FROM } = env();
  if (!SMTP_URL) return [];
  const rows = await db.$queryRaw<ClaimedEmail[]>`
    UPDATE "EmailOutbox"
    SET attempts = attempts + 1, "nextAttemptAt" = now() + make_interval(secs => ${LEASE_SECONDS})
    WHERE id IN (
      SELECT id FROM "EmailOutbox"
      WHERE status = 'PENDING' AND "nextAttemptAt" <= now()
        ${opts.teamId ? Prisma.sql`AND "teamId" = ${opts.teamId}::uuid` : Prisma.empty}
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "messageId", "toAddress", subject, body, attempts`;
  if (rows.length === 0) return [];

  const transport = createTransport(transportUrl(SMTP_URL));
  try {
    return await Promise.all(
      rows.map(async (row): Promise<EmailOutcome> => {
        let error: string | null = null;
        try {
          await transport.sendMail({ from: SMTP_FROM, to: row.toAddress, subject: row.subject, text: row.body, messageId: `<${row.messageId}@tunecost>` });
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
        }
        const status = error === null ? "SUCCEEDED" : row.attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING";
        const delaySeconds = status === "PENDING" ? retryDelaySeconds(row.attempts) : 0;
        await db.$executeRaw`
          UPDATE "EmailOutbox"
          SET status = ${status}::"DeliveryStatus", "lastError" = ${error},
              "sentAt" = CASE WHEN ${status} = 'SUCCEEDED' THEN now() END,
              "nextAttemptAt" = now() + make_interval(secs => ${delaySeconds})
          WHERE id = ${row.id}::uuid AND attempts = ${row.attempts}`;
        return { id: row.id, status, error };
      }),
    );
  } finally {
    transport.close();
  }
}

/** Sends due e-mails every `intervalMs` in this process (see lib/webhooks/workers.ts); `stop` waits for the tick in flight. */
export function startEmailLoop(intervalMs = 5_000): { stop(): Promise<void> } {
  return pollEvery("e-mail delivery", intervalMs, () => sendDueEmails());
}
