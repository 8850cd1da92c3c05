import { ByteLineReader } from "./byte-lines";
import type { Format } from "./example";
import { LineAccumulator, type PartialResult } from "./partial";
import { type AnalysisReport, buildReport } from "./report";
import { type AnalyzerOptions, analyzerOptionsSchema } from "./schemas";
import { loadTokenCounter, type TokenCounter, withStringCache } from "./token-counter";

/** How far an analysis has got, for a progress bar. */
export interface AnalyzerProgress {
  bytesRead: number;
  /** Lines completed, blank ones included. */
  lines: number;
  /** Non-blank lines completed. */
  examples: number;
}

/**
 * Streaming analyzer of a fine-tuning JSONL file in any of the `FORMATS`: `push()` byte chunks of any size, then `finish()`.
 *
 * Lines are split and decoded by `ByteLineReader` (invalid UTF-8 is an error on its line; only the file's first BOM
 * is skipped); memory is bounded by the longest line plus the compact per-example token list.
 */
export class Analyzer {
  private readonly options: AnalyzerOptions;
  private readonly acc: LineAccumulator;
  private readonly reader: ByteLineReader;
  private bytesRead = 0;
  private finished = false;

  /** `counter` must use `options.encoding`; `createAnalyzer` loads the shared one for you. */
  constructor(options: AnalyzerOptions, counter: TokenCounter) {
    this.options = analyzerOptionsSchema.parse(options);
    if (counter.encoding !== this.options.encoding) {
      throw new RangeError(`The token counter uses ${counter.encoding} but the analysis asks for ${this.options.encoding}`);
    }
    const startLine = this.options.startLine ?? 1;
    this.acc = new LineAccumulator(
      { contextLimit: this.options.contextLimit, startLine, ...(this.options.format ? { format: this.options.format } : {}) },
      withStringCache(counter),
    );
    this.reader = new ByteLineReader(this.acc, startLine === 1);
  }

  /** Feeds the next bytes of the file. */
  push(chunk: Uint8Array): void {
    if (this.finished) throw new Error("Analyzer.push() called after finish()");
    this.bytesRead += chunk.length;
    this.reader.push(chunk);
  }

  /** Progress so far. */
  get progress(): AnalyzerProgress {
    return { bytesRead: this.bytesRead, lines: this.acc.lines, examples: this.acc.exampleCount };
  }

  /** The format given, or that of the first valid example so far (null: none yet). */
  get detectedFormat(): Format | null {
    return this.acc.detectedFormat;
  }

  /** Ends the input and returns the report. */
  finish(): AnalysisReport {
    return buildReport(this.finishPartial(), this.options);
  }

  /** Ends the input and returns the mergeable partial result (for a worker analysing one slice of a file). */
  finishPartial(): PartialResult {
    if (!this.finished) {
      this.finished = true;
      this.reader.end();
    }
    return this.acc.result();
  }
}

/** Validates the options, loads the shared token counter for their tokenizer (`encoding`) and returns a ready analyzer. */
export async function createAnalyzer(options: AnalyzerOptions): Promise<Analyzer> {
  const parsed = analyzerOptionsSchema.parse(options);
  return new Analyzer(parsed, await loadTokenCounter(parsed.encoding));
}

/** Analyses a whole in-memory file (bytes or text) in one call. */
export async function analyzeText(input: Uint8Array | string, options: AnalyzerOptions): Promise<AnalysisReport> {
  const analyzer = await createAnalyzer(options);
  analyzer.push(typeof input === "string" ? new TextEncoder().encode(input) : input);
  return analyzer.finish();
}
