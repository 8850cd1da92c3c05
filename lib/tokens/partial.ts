import {
  countExampleTokens,
  describeType,
  type ErrorCode,
  type Format,
  isJsonObject,
  type LineIssue,
  validateExample,
  type WarningCode,
} from "./example";
import { locateJsonSyntaxError } from "./json-error";
import type { TokenCounter } from "./token-counter";

/** Errors and warnings kept per analysis; the totals still count every one. */
export const MAX_STORED_ISSUES = 1_000;

/** An error on a line. */
export type AnalysisError = LineIssue<ErrorCode>;
/** A warning on a line (never has a column). */
export type AnalysisWarning = LineIssue<WarningCode>;

/**
 * The mergeable result of analysing a run of consecutive lines: what a worker sends back. Plain data and a typed
 * array only, so it survives `postMessage` (structured clone) and can be merged in line order with `mergePartial`.
 */
export interface PartialResult {
  /** First line number this part covers. */
  firstLine: number;
  /** Last line number this part covers (firstLine - 1 when it saw no line). */
  lastLine: number;
  bytes: number;
  /** Format of the first valid example seen, null if none was valid. */
  format: Format | null;
  formatLine: number | null;
  /** Non-blank lines. */
  examples: number;
  validExamples: number;
  /** Tokens of each valid example, in line order (untruncated). */
  exampleTokens: Uint32Array;
  totalTokens: number;
  assistantTokens: number;
  overLimitExamples: number;
  examplesWithoutSystemMessage: number;
  examplesWithoutUserMessage: number;
  errorCount: number;
  errors: AnalysisError[];
  errorCounts: Partial<Record<ErrorCode, number>>;
  warningCount: number;
  warnings: AnalysisWarning[];
  warningCounts: Partial<Record<WarningCode, number>>;
}

/** Options of line-level analysis. */
export interface LineAnalysisOptions {
  /** Examples with more tokens than this are truncated in training (warning, and billed at the limit). */
  contextLimit: number;
  /** The file's format when already known (parallel callers must pass it); otherwise detected from the first valid example. */
  format?: Format;
  /** Line number of the first line given; 1 unless this is a later slice of the file. */
  startLine?: number;
}

/** A growable Uint32Array: 4 bytes per example instead of an object, so millions of examples stay cheap. */
class Uint32List {
  private data = new Uint32Array(1_024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  toArray(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Accumulates line results. Used by the streaming `Analyzer` and by `analyzeLines`, so both give the same answers.
 * Text in, so a caller that already decoded the bytes (with its own UTF-8 check) can use it too.
 */
export class LineAccumulator {
  private readonly contextLimit: number;
  private readonly counter: TokenCounter;
  private readonly firstLine: number;
  private line: number;
  private bytes = 0;
  private format: Format | null;
  private formatLine: number | null = null;
  private readonly formatGiven: boolean;
  private readonly tokens = new Uint32List();
  private examples = 0;
  private totalTokens = 0;
  private assistantTokens = 0;
  private overLimitExamples = 0;
  private withoutSystem = 0;
  private withoutUser = 0;
  private errorCount = 0;
  private readonly errors: AnalysisError[] = [];
  private readonly errorCounts: Partial<Record<ErrorCode, number>> = {};
  private warningCount = 0;
  private readonly warnings: AnalysisWarning[] = [];
  private readonly warningCounts: Partial<Record<WarningCode, number>> = {};

  constructor(options: LineAnalysisOptions, counter: TokenCounter) {
    this.contextLimit = options.contextLimit;
    this.counter = counter;
    this.firstLine = options.startLine ?? 1;
    this.line = this.firstLine - 1;
    this.format = options.format ?? null;
    this.formatGiven = options.format !== undefined;
  }

  /** Lines seen so far, blank ones included. */
  get lines(): number {
    return this.line - this.firstLine + 1;
  }

  /** Non-blank lines seen so far. */
  get exampleCount(): number {
    return this.examples;
  }

  /** The format given, or that of the first valid example so far (null: none yet). */
  get detectedFormat(): Format | null {
    return this.format;
  }

  /** Counts bytes for the report (the byte-level reader knows them; text callers may leave this alone). */
  addBytes(n: number): void {
    this.bytes += n;
  }

  /** Records a line whose bytes were not valid UTF-8. */
  addInvalidUtf8Line(): void {
    this.line++;
    this.examples++;
    this.addError({
      line: this.line,
      code: "invalid_utf8",
      message: "This line is not valid UTF-8 text (was the file saved as Latin-1, Windows-1252 or UTF-16?). Save the file as UTF-8.",
    });
  }

  /** Analyses one line of text (no trailing newline; a trailing "\r" must already be removed). */
  addLine(text: string): void {
    this.line++;
    if (isBlank(text)) return;
    this.examples++;
    const line = this.line;

    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      const where = locateJsonSyntaxError(text);
      if (where === null) {
        // Cannot happen for a correct locator; still report the line rather than lose it.
        this.addError({ line, code: "invalid_json", message: "This line is not valid JSON." });
      } else {
        const column = where.index + 1;
        this.addError({ line, column, code: "invalid_json", message: `This line is not valid JSON: ${where.reason} (column ${column}).` });
      }
      return;
    }
    if (!isJsonObject(value)) {
      this.addError({
        line,
        code: "data_type",
        message: `Each line must be a JSON object such as {"messages": [...]}, but this line is ${describeType(value)}.`,
      });
      return;
    }

    const check = validateExample(value, this.format);
    if (check.errors.length > 0) {
      for (const e of check.errors) this.addError({ line, ...e });
      return;
    }
    if (this.format === null) {
      this.format = check.format;
      this.formatLine = line;
    }
    for (const w of check.warnings) this.addWarning({ line, ...w });

    const { total, assistant } = countExampleTokens(value, this.counter, check.format);
    this.tokens.push(Math.min(total, 0xffff_ffff));
    this.totalTokens += total;
    this.assistantTokens += assistant;
    // Every format but the legacy one has a system instruction and user turns to miss.
    if (check.format !== "prompt_completion") {
      if (!check.hasSystemMessage) this.withoutSystem++;
      if (!check.hasUserMessage) this.withoutUser++;
    }
    if (total > this.contextLimit) {
      this.overLimitExamples++;
      this.addWarning({
        line,
        code: "over_token_limit",
        message:
          `The example has about ${formatInt(total)} tokens, more than the ${formatInt(this.contextLimit)}-token limit; ` +
          `training cuts it to ${formatInt(this.contextLimit)} tokens (and bills only those).`,
      });
    }
  }

  /** A snapshot of everything so far. */
  result(): PartialResult {
    return {
      firstLine: this.firstLine,
      lastLine: this.line,
      bytes: this.bytes,
      // A given format is reported even when no example was valid, so merged slices agree on it.
      format: this.format,
      formatLine: this.formatGiven ? null : this.formatLine,
      examples: this.examples,
      validExamples: this.tokens.length,
      exampleTokens: this.tokens.toArray(),
      totalTokens: this.totalTokens,
      assistantTokens: this.assistantTokens,
      overLimitExamples: this.overLimitExamples,
      examplesWithoutSystemMessage: this.withoutSystem,
      examplesWithoutUserMessage: this.withoutUser,
      errorCount: this.errorCount,
      errors: [...this.errors],
      errorCounts: { ...this.errorCounts },
      warningCount: this.warningCount,
      warnings: [...this.warnings],
      warningCounts: { ...this.warningCounts },
    };
  }

  private addError(issue: AnalysisError): void {
    this.errorCount++;
    this.errorCounts[issue.code] = (this.errorCounts[issue.code] ?? 0) + 1;
    if (this.errors.length < MAX_STORED_ISSUES) this.errors.push(issue);
  }

  private addWarning(issue: AnalysisWarning): void {
    this.warningCount++;
    this.warningCounts[issue.code] = (this.warningCounts[issue.code] ?? 0) + 1;
    if (this.warnings.length < MAX_STORED_ISSUES) this.warnings.push(issue);
  }
}

/**
 * Analyses already-decoded lines (one string per line, no newline) starting at line `startLine`; the unit of work a
 * caller can hand to a worker thread. Strings carry no trace of invalid UTF-8, so use the byte-level `Analyzer` (with
 * `startLine`) when the input is raw bytes.
 */
export function analyzeLines(lines: readonly string[], startLine: number, options: Omit<LineAnalysisOptions, "startLine">, counter: TokenCounter): PartialResult {
  const acc = new LineAccumulator({ ...options, startLine }, counter);
  for (const line of lines) acc.addLine(line.endsWith("\r") ? line.slice(0, -1) : line);
  return acc.result();
}

/** Merges the results of two consecutive slices of one file (`a` before `b`), as if analysed in one pass. */
export function mergePartial(a: PartialResult, b: PartialResult): PartialResult {
  if (b.firstLine <= a.lastLine) {
    throw new RangeError(`mergePartial: the second part (from line ${b.firstLine}) must follow the first (to line ${a.lastLine})`);
  }
  if (a.format !== null && b.format !== null && a.format !== b.format) {
    // b validated its lines against another format than one pass would have: the merged result would be wrong.
    throw new Error(`mergePartial: parts disagree on the format (${a.format} vs ${b.format}); pass the file's format to every part`);
  }
  const exampleTokens = new Uint32Array(a.exampleTokens.length + b.exampleTokens.length);
  exampleTokens.set(a.exampleTokens);
  exampleTokens.set(b.exampleTokens, a.exampleTokens.length);
  return {
    firstLine: a.firstLine,
    lastLine: b.lastLine,
    bytes: a.bytes + b.bytes,
    format: a.format ?? b.format,
    formatLine: a.format !== null ? a.formatLine : b.formatLine,
    examples: a.examples + b.examples,
    validExamples: a.validExamples + b.validExamples,
    exampleTokens,
    totalTokens: a.totalTokens + b.totalTokens,
    assistantTokens: a.assistantTokens + b.assistantTokens,
    overLimitExamples: a.overLimitExamples + b.overLimitExamples,
    examplesWithoutSystemMessage: a.examplesWithoutSystemMessage + b.examplesWithoutSystemMessage,
    examplesWithoutUserMessage: a.examplesWithoutUserMessage + b.examplesWithoutUserMessage,
    errorCount: a.errorCount + b.errorCount,
    errors: [...a.errors, ...b.errors].slice(0, MAX_STORED_ISSUES),
    errorCounts: addCounts(a.errorCounts, b.errorCounts),
    warningCount: a.warningCount + b.warningCount,
    warnings: [...a.warnings, ...b.warnings].slice(0, MAX_STORED_ISSUES),
    warningCounts: addCounts(a.warningCounts, b.warningCounts),
  };
}

function addCounts<K extends string>(a: Partial<Record<K, number>>, b: Partial<Record<K, number>>): Partial<Record<K, number>> {
  const sum: Partial<Record<K, number>> = { ...a };
  for (const key of Object.keys(b) as K[]) sum[key] = (sum[key] ?? 0) + (b[key] ?? 0);
  return sum;
}

// JSON's whitespace; a line of only these is skipped like an empty one (it still counts for line numbers).
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/** 12345 → "12,345", independent of the runtime's locale data (workers may have none). */
export function formatInt(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
