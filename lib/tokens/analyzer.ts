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

const LF = 0x0a;
const CR = 0x0d;
// A carry buffer that grew past this for one huge line is dropped afterwards instead of being kept for the whole run.
const CARRY_KEEP_BYTES = 1 << 20;

/**
 * Streaming analyzer of a fine-tuning JSONL file: `push()` byte chunks of any size, then `finish()`.
 *
 * Lines are split on the byte 0x0A (it never occurs inside a multi-byte UTF-8 sequence), so each complete line is
 * decoded on its own with a fatal decoder: invalid bytes become an `invalid_utf8` error on that line instead of a
 * silent U+FFFD, and a literal U+FFFD in the file stays valid. A line spanning chunks is carried in one growable
 * buffer; memory is bounded by the longest line plus the compact per-example token list.
 */
export class Analyzer {
  private readonly options: AnalyzerOptions;
  private readonly acc: LineAccumulator;
  // ignoreBOM keeps a U+FEFF after line 1 in the text, where JSON.parse rejects it: only the file's first BOM is skipped.
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  private carry = new Uint8Array(4_096);
  private carryLength = 0;
  private bytesRead = 0;
  private atFileStart: boolean;
  private finished = false;

  /** `counter` must use `options.encoding`; `createAnalyzer` loads the shared one for you. */
  constructor(options: AnalyzerOptions, counter: TokenCounter) {
    this.options = analyzerOptionsSchema.parse(options);
    if (counter.encoding !== this.options.encoding) {
      throw new RangeError(`The token counter uses ${counter.encoding} but the analysis asks for ${this.options.encoding}`);
    }
    const startLine = this.options.startLine ?? 1;
    this.atFileStart = startLine === 1;
    this.acc = new LineAccumulator(
      { contextLimit: this.options.contextLimit, startLine, ...(this.options.format ? { format: this.options.format } : {}) },
      withStringCache(counter),
    );
  }

  /** Feeds the next bytes of the file. */
  push(chunk: Uint8Array): void {
    if (this.finished) throw new Error("Analyzer.push() called after finish()");
    this.bytesRead += chunk.length;
    this.acc.addBytes(chunk.length);
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(LF, start);
      if (newline < 0) {
        this.appendCarry(chunk.subarray(start));
        return;
      }
      if (this.carryLength === 0) {
        // Whole line inside this chunk: decode in place, no copy.
        this.emitLine(chunk.subarray(start, newline));
      } else {
        this.appendCarry(chunk.subarray(start, newline));
        this.emitLine(this.carry.subarray(0, this.carryLength));
        this.carryLength = 0;
        if (this.carry.length > CARRY_KEEP_BYTES) this.carry = new Uint8Array(4_096);
      }
      start = newline + 1;
    }
  }

  /** Progress so far. */
  get progress(): AnalyzerProgress {
    return { bytesRead: this.bytesRead, lines: this.acc.lines, examples: this.acc.exampleCount };
  }

  /** Ends the input and returns the report. */
  finish(): AnalysisReport {
    return buildReport(this.finishPartial(), this.options);
  }

  /** Ends the input and returns the mergeable partial result (for a worker analysing one slice of a file). */
  finishPartial(): PartialResult {
    if (!this.finished) {
      this.finished = true;
      // The last line may lack a newline; a file ending in "\n" has no extra empty line.
      if (this.carryLength > 0) this.emitLine(this.carry.subarray(0, this.carryLength));
      this.carryLength = 0;
    }
    return this.acc.result();
  }

  private appendCarry(bytes: Uint8Array): void {
    const needed = this.carryLength + bytes.length;
    if (needed > this.carry.length) {
      // Doubling keeps a line that arrives one byte at a time linear overall.
      const grown = new Uint8Array(Math.max(needed, this.carry.length * 2));
      grown.set(this.carry.subarray(0, this.carryLength));
      this.carry = grown;
    }
    this.carry.set(bytes, this.carryLength);
    this.carryLength = needed;
  }

  private emitLine(bytes: Uint8Array): void {
    let line = bytes;
    if (this.atFileStart) {
      this.atFileStart = false;
      if (line.length >= 3 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    }
    if (line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, line.length - 1);
    let text: string;
    try {
      text = this.decoder.decode(line);
    } catch {
      this.acc.addInvalidUtf8Line();
      return;
    }
    this.acc.addLine(text);
  }
}

/** Validates the options, loads the shared token counter for their encoding and returns a ready analyzer. */
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
