import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Queues one e-mail per owner and admin of the team in the caller's transaction; returns how many were new.
 * (messageId, address) is unique, so enqueueing the same message again adds nothing.
 */
export function enqueueTeamAdminEmail(tx: Prisma.TransactionClient, mail: { teamId: string; messageId: string; subject: string; body: string }): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "EmailOutbox" (id, "teamId", "messageId", "toAddress", subject, body)
    SELECT gen_random_uuid(), m."teamId", ${mail.messageId}, u.email, ${mail.subject}, ${mail.body}
    FROM "Membership" AS m JOIN "User" AS u ON u.id = m."userId"
    WHERE m."teamId" = ${mail.teamId}::uuid AND m.role IN ('OWNER', 'ADMIN')
    ON CONFLICT ("messageId", "toAddress") DO NOTHING`;
}

/** Queues one e-mail to one address in the caller's transaction (sent when SMTP_URL is set); a repeat adds nothing. */
export function enqueueEmail(tx: Prisma.TransactionClient, mail: { teamId: string; messageId: string; to: string; subject: string; body: string }): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "EmailOutbox" (id, "teamId", "messageId", "toAddress", subject, body)
    VALUES (gen_random_uuid(), ${mail.teamId}::uuid, ${mail.messageId}, ${mail.to}, ${mail.subject}, ${mail.body})
    ON CONFLICT ("messageId", "toAddress") DO NOTHING`;
}
