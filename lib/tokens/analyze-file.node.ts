import { createReadStream } from "node:fs";
import { type Analyzer, createAnalyzer } from "./analyzer";
import type { AnalysisReport } from "./report";
import type { AnalyzerOptions } from "./schemas";

/** Streams a file from disk through an analyzer; `onProgress` is called after every chunk (64 KiB by default). */
export async function analyzeFile(
  path: string,
  options: AnalyzerOptions,
  onProgress?: (progress: Analyzer["progress"]) => void,
): Promise<AnalysisReport> {
  const analyzer = await createAnalyzer(options);
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    analyzer.push(chunk);
    onProgress?.(analyzer.progress);
  }
  return analyzer.finish();
}
