// Runs in a Web Worker: the file is read and analysed here, so it never leaves the machine and the page stays responsive.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { type AnalysisReport, buildReport, createAnalyzer, type EncodingName } from "@/lib/tokens";

/** What the page asks the worker to analyse; encoding and limit come from the catalog entry of the chosen model. */
export interface AnalysisRequest {
  file: File;
  encoding: EncodingName;
  contextLimit: number;
  epochs?: number;
  /** From the catalog: false when the tokenizer stands in for the model's own (counts are estimates). */
  tokenizerExact?: boolean;
  /** The provider's limits the report flags. */
  minExamples?: number;
  maxEpochs?: number;
}

/** How far the read has got; speed and time left are null until there is something to measure. */
export interface AnalysisProgress {
  bytesRead: number;
  totalBytes: number;
  examples: number;
  bytesPerSecond: number | null;
  secondsLeft: number | null;
}

/** Messages the worker posts back. */
export type AnalysisMessage =
  | { type: "progress"; progress: AnalysisProgress }
  | { type: "done"; report: AnalysisReport; exampleTokens: Uint32Array; sha256: string }
  | { type: "failed"; message: string };

// A post can only happen between pushes, so post well inside the 250 ms the page promises, and push at most
// 1 MiB at a time (~100 ms at the slowest measured speed) whatever chunk size the browser's stream hands over.
const PROGRESS_INTERVAL_MS = 100;
const MAX_PUSH_BYTES = 1 << 20;

function post(message: AnalysisMessage, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

async function analyse({ file, encoding, contextLimit, epochs, tokenizerExact, minExamples, maxEpochs }: AnalysisRequest): Promise<void> {
  const options = {
    encoding,
    contextLimit,
    ...(epochs === undefined ? {} : { epochs }),
    ...(tokenizerExact === undefined ? {} : { tokenizerExact }),
    ...(minExamples === undefined ? {} : { minExamples }),
    ...(maxEpochs === undefined ? {} : { maxEpochs }),
  };
  const analyzer = await createAnalyzer(options);
  const hash = sha256.create();
  const started = performance.now();
  let lastPost = 0;
  const postProgress = () => {
    const { bytesRead, examples } = analyzer.progress;
    const seconds = (performance.now() - started) / 1000;
    const bytesPerSecond = bytesRead > 0 && seconds > 0 ? bytesRead / seconds : null;
    const secondsLeft = bytesPerSecond ? (file.size - bytesRead) / bytesPerSecond : null;
    post({ type: "progress", progress: { bytesRead, totalBytes: file.size, examples, bytesPerSecond, secondsLeft } });
    lastPost = performance.now();
  };
  postProgress();
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (let start = 0; start < value.length; start += MAX_PUSH_BYTES) {
      const slice = value.subarray(start, start + MAX_PUSH_BYTES);
      analyzer.push(slice);
      hash.update(slice);
      if (performance.now() - lastPost >= PROGRESS_INTERVAL_MS) postProgress();
    }
  }
  const partial = analyzer.finishPartial();
  // buildReport sorts a copy, so the per-example counts can be transferred rather than cloned.
  const report = buildReport(partial, options);
  post({ type: "done", report, exampleTokens: partial.exampleTokens, sha256: bytesToHex(hash.digest()) }, [partial.exampleTokens.buffer]);
}

self.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  analyse(event.data).catch((error: unknown) => {
    post({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  });
};
