import { exportAuditCsv } from "@/lib/audit/export";
import { auditFilterSchema } from "@/lib/audit/schemas";
import { apiRoute } from "@/lib/auth/guards";
import { AppError, fieldErrors } from "@/lib/errors";

/**
 * GET /settings/audit/export?type=&actor=&action=&entity=&from=&to=: the filtered audit log as a CSV download,
 * streamed. For the signed-in admins and owners of the team only: no API key scope includes `audit:read` (403),
 * a viewer or member is refused (403), and another team's entries are never in it.
 */
export const GET = apiRoute("audit:read", async (req, ctx) => {
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request", "Invalid audit log filters.", fieldErrors(parsed.error.issues));
  const stream = await exportAuditCsv(ctx, parsed.data);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tunecost-audit-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
