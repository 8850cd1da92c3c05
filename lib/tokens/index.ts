// Pure training-file analysis: no Node, Next or database imports, so it also runs in a browser Web Worker.
// Node-only helpers live in `*.node.ts` files and are imported by path.
export { Analyzer, type AnalyzerProgress, analyzeText, createAnalyzer } from "./analyzer";
export {
  countExampleTokens,
  detectFormat,
  type ErrorCode,
  type ExampleCheck,
  type ExampleTokens,
  FORMAT_LABELS,
  FORMATS,
  type Format,
  type LineIssue,
  looksLikeReinforcement,
  usesOpenAIOverhead,
  validateExample,
  type WarningCode,
} from "./example";
export { type JsonSyntaxError, locateJsonSyntaxError } from "./json-error";
export {
  type AnalysisError,
  type AnalysisWarning,
  analyzeLines,
  LineAccumulator,
  type LineAnalysisOptions,
  MAX_STORED_ISSUES,
  mergePartial,
  type PartialResult,
} from "./partial";
export {
  type AnalysisReport,
  buildReport,
  type FileWarning,
  type FileWarningCode,
  type Histogram,
  nearestRank,
  type ReportOptions,
  type TokenStats,
  tokenHistogram,
} from "./report";
export { type AnalyzerOptions, analyzerOptionsSchema } from "./schemas";
export {
  createTokenCounter,
  ENCODING_NAMES,
  type EncodingName,
  loadTokenCounter,
  type StringCacheOptions,
  type TokenCounter,
  withStringCache,
} from "./token-counter";
export {
  isTiktokenEncoding,
  isTokenizerId,
  type LenmlTokenizerId,
  TIKTOKEN_ENCODINGS,
  type TiktokenEncoding,
  TOKENIZER_IDS,
  TOKENIZER_LABELS,
  type TokenizerId,
} from "./tokenizer-ids";
