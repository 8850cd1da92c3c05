import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { db } from "@/lib/db/client";
import { csvRow } from "@/lib/imports/csv";
import { assertCanReadAudit, AUDIT_SELECT, auditWhere } from "./queries";
import type { AuditFilter } from "./schemas";

export const AUDIT_EXPORT_COLUMNS = ["id", "time_utc", "actor", "action", "entity_type", "entity_id", "summary", "before", "after"] as const;

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/**
 * The filtered audit log as CSV, newest first, streamed in keyset-paged batches so a long history never sits in
 * memory whole. Before/after values are JSON in their cells. Cells go through the usage export's `csvRow`: quoted
 * per RFC 4180, and text a spreadsheet would run as a formula (a summary naming "=cmd|…") is defused.
 */
export async function exportAuditCsv(ctx: TeamContext, filter: AuditFilter, opts: { batchSize?: number } = {}): Promise<ReadableStream<Uint8Array>> {
  assertCanReadAudit(ctx); // before the first byte: a refused export is an error response, not an empty file
  const batchSize = opts.batchSize ?? 1_000;
  const encoder = new TextEncoder();
  let olderThan: bigint | undefined;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(AUDIT_EXPORT_COLUMNS)));
    },
    // Pulled as the client reads: a slow download holds one batch, not the whole log.
    async pull(controller) {
      if (done) return;
      const rows = await db.auditEvent.findMany({ where: auditWhere(ctx, filter, olderThan), select: AUDIT_SELECT, orderBy: { id: "desc" }, take: batchSize });
      if (rows.length > 0) {
        controller.enqueue(
          encoder.encode(
            rows
              .map((r) => csvRow([r.id.toString(), r.createdAt.toISOString(), r.actorLabel, r.action, r.entityType, r.entityId, r.summary, json(r.before), json(r.after)]))
              .join(""),
          ),
        );
        olderThan = rows[rows.length - 1]!.id;
      }
      if (rows.length < batchSize) {
        done = true;
        controller.close();
      }
    },
  });
}
