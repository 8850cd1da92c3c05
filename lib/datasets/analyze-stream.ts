import "server-only";
import { join } from "node:path";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { env } from "@/lib/env";
import { AppError, fieldErrors } from "@/lib/errors";
import { UnknownModelError } from "@/lib/pricing/errors";
import { resolveModel } from "@/lib/pricing/model-name";
import type { CatalogModel } from "@/lib/pricing/types";
import { projectRoot } from "@/lib/platform/paths";
import { AnalyzerPool, analyzeStreamParallel } from "@/lib/tokens/parallel.node.ts";
import { analyzerOptionsFor, buildPublicReport, type PricedModel, type PublicReport } from "./cost-report";
import { listPricedModels } from "./queries";
import { analyzeQuerySchema } from "./schemas";

// One pool per server process: its workers keep their rank tables loaded between requests (ended after 30 s idle).
// Turbopack copies a worker entry named by `new URL(…, import.meta.url)` into .next without the TypeScript it loads,
// so the pool is pointed at the source file in the checkout the server runs from.
let pool: AnalyzerPool | undefined;
const serverPool = () => (pool ??= new AnalyzerPool(undefined, join(projectRoot(), "lib", "tokens", "parallel-worker.mjs")));

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The file is larger than this server accepts (${maxBytes.toLocaleString("en-US")} bytes).`);
}

/** The body's chunks, failing with 413 as soon as more than `maxBytes` arrive; reading stops there. */
async function* limitedChunks(body: ReadableStream<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      received += value.byteLength;
      if (received > maxBytes) throw tooLarge(maxBytes);
      yield value;
    }
  } finally {
    // Also when the analysis fails or the limit is hit: the client gets its answer without the rest being read.
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * POST /api/v1/datasets/analyze: analyses a training file streamed as the request body, with bounded memory (slices
 * of a few MB on worker threads, never the whole body), and prices it with the team's price set and overrides.
 * Throws AppError: validation_failed for the query or an unknown base model, payload_too_large over
 * TUNECOST_ANALYZE_MAX_BYTES (from Content-Length before reading, or while reading).
 */
export async function analyzeRequestStream(
  ctx: TeamContext,
  body: ReadableStream<Uint8Array> | null,
  contentLength: number | null,
  query: Record<string, string>,
): Promise<PublicReport> {
  try {
    const parsed = analyzeQuerySchema.safeParse(query);
    if (!parsed.success) throw new AppError("validation_failed", "Check the query parameters.", fieldErrors(parsed.error.issues));
    const maxBytes = env().TUNECOST_ANALYZE_MAX_BYTES;
    if (contentLength !== null && contentLength > maxBytes) throw tooLarge(maxBytes);

    const { models } = await listPricedModels(ctx);
    const model = resolveBaseModel(parsed.data.baseModel, models);
    const options = analyzerOptionsFor(model, parsed.data.epochs);
    const partial = await analyzeStreamParallel(body ? limitedChunks(body, maxBytes) : [], options, { pool: serverPool() });
    return buildPublicReport(partial, model, options, models);
  } catch (error) {
    // A body not read yet (bad query, too large by Content-Length) is dropped rather than left to the client's timeout.
    if (body && !body.locked) await body.cancel().catch(() => undefined);
    if ((error as { code?: unknown }).code === "ERR_WORKER_OUT_OF_MEMORY") throw new AppError("payload_too_large", (error as Error).message);
    throw error;
  }
}

/** The catalog model named in the query; an unknown name is a field error naming close matches. */
function resolveBaseModel(name: string, models: readonly PricedModel[]): CatalogModel {
  try {
    return resolveModel(name, models.map((m) => m.model));
  } catch (error) {
    if (error instanceof UnknownModelError) throw new AppError("validation_failed", error.message, { baseModel: [error.message] });
    throw error;
  }
}
