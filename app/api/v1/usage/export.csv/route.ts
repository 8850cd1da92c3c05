import { apiRoute } from "@/lib/auth/guards";
import { AppError, fieldErrors } from "@/lib/errors";
import { exportUsageCsvOrThrow } from "@/lib/imports/export";
import { exportQuerySchema } from "@/lib/imports/schemas";

/**
 * GET /api/v1/usage/export.csv?projectId=&from=YYYY-MM&to=YYYY-MM: usage and costs as a CSV download, streamed.
 * Session or API key; another team's project is 404.
 */
export const GET = apiRoute("team:read", async (req, ctx) => {
  const params = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ""));
  const parsed = exportQuerySchema.safeParse(params);
  if (!parsed.success) throw new AppError("bad_request", "Invalid export parameters.", fieldErrors(parsed.error.issues));
  const q = parsed.data;
  const stream = await exportUsageCsvOrThrow(ctx, q);
  const name = ["tunecost-usage", q.from, q.to].filter(Boolean).join("-");
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
