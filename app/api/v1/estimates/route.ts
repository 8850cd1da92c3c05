import { apiRoute } from "@/lib/auth/guards";
import { AppError, toErrorResponse } from "@/lib/errors";
import { estimateFromBodyOrThrow, TrainingRefusedError } from "@/lib/estimates/queries";

/**
 * POST /api/v1/estimates: a stateless estimate at the caller's team prices (overrides and price set included).
 * Every kind of bad input (invalid JSON, schema errors, an unknown model or price set, a model not priced per token)
 * answers 400 `{ error: { code, message, fields } }`, fields keyed by dotted path: issue #3 fixes 400 for this API,
 * while AppError's `validation_failed` maps to 422 elsewhere. The code stays `validation_failed` (`bad_request` for
 * a body that is not JSON). One exception answers 422: a base model that accepts no training job on the estimate's
 * `trainingOn` (after its last training day, or shut down), named on `baseModel`; nothing is priced (issue #15).
 */
export const POST = apiRoute("team:read", async (req, ctx) => {
  try {
    const body: unknown = await req.json().catch(() => {
      throw new AppError("bad_request", "The request body must be JSON.");
    });
    return Response.json(await estimateFromBodyOrThrow(ctx, body));
  } catch (error) {
    // apiRoute's translator answers validation_failed with 422: the lifecycle refusal goes there on purpose.
    if (!(error instanceof AppError && error.code === "validation_failed") || error instanceof TrainingRefusedError) throw error;
    return Response.json(toErrorResponse(error).body, { status: 400 });
  }
});
