import { apiRoute } from "@/lib/auth/guards";
import { AppError, toErrorResponse } from "@/lib/errors";
import { estimateFromBodyOrThrow } from "@/lib/estimates/queries";

/**
 * POST /api/v1/estimates: a stateless estimate at the caller's team prices (overrides and price set included).
 * Every kind of bad input (invalid JSON, schema errors, an unknown model or price set, a model not priced per token)
 * answers 400 `{ error: { code, message, fields } }`, fields keyed by dotted path: issue #3 fixes 400 for this API,
 * while AppError's `validation_failed` maps to 422 elsewhere. The code stays `validation_failed` (`bad_request` for
 * a body that is not JSON).
 */
export const POST = apiRoute("team:read", async (req, ctx) => {
  try {
    const body: unknown = await req.json().catch(() => {
      throw new AppError("bad_request", "The request body must be JSON.");
    });
    return Response.json(await estimateFromBodyOrThrow(ctx, body));
  } catch (error) {
    if (!(error instanceof AppError && error.code === "validation_failed")) throw error;
    return Response.json(toErrorResponse(error).body, { status: 400 });
  }
});
