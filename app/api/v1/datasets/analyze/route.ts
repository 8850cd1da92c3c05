import { apiRoute } from "@/lib/auth/guards";
import { analyzeRequestStream } from "@/lib/datasets/analyze-stream";
import { AppError, toErrorResponse } from "@/lib/errors";

/**
 * POST /api/v1/datasets/analyze?baseModel=…&epochs=…: the raw body is the JSONL training file, streamed into the
 * analyzer (never buffered whole). Answers the report as JSON; 400 with field errors for a bad query or an unknown
 * base model (as the other /api/v1 routes), 413 over TUNECOST_ANALYZE_MAX_BYTES.
 */
export const POST = apiRoute("team:read", async (req, ctx) => {
  try {
    const length = req.headers.get("content-length");
    const contentLength = length !== null && /^\d+$/.test(length) ? Number(length) : null;
    const query = Object.fromEntries(new URL(req.url).searchParams);
    return Response.json(await analyzeRequestStream(ctx, req.body, contentLength, query));
  } catch (error) {
    if (!(error instanceof AppError && error.code === "validation_failed")) throw error;
    return Response.json(toErrorResponse(error).body, { status: 400 });
  }
});
