import { z } from "zod";
import { FORMATS } from "./example-common";
import { TOKENIZER_IDS } from "./tokenizer-ids";

const wholeNumber = (min: number) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? "Required" : "Must be a number") })
    .int("Must be a whole number")
    .min(min, `Must be at least ${min}`);

/** Options of an analysis: the tokenizer, context limit and provider limits come from the price catalog, by base model. */
export const analyzerOptionsSchema = z.strictObject({
  /** The tokenizer to count with (`TokenizerId`; the name is older than the non-tiktoken tokenizers). */
  encoding: z.enum(TOKENIZER_IDS, { error: `Must be one of ${TOKENIZER_IDS.join(", ")}` }),
  contextLimit: wholeNumber(1),
  /** n_epochs chosen by the user; omit for OpenAI's automatic default. */
  epochs: wholeNumber(1).optional(),
  /** The file's format when already known (workers analysing a slice, or the user's choice); otherwise detected. */
  format: z.enum(FORMATS).optional(),
  /** Line number of the first byte pushed, for a slice of a larger file; BOM skipping applies only at line 1. */
  startLine: wholeNumber(1).optional(),
  /** False when `encoding` is a stand-in for a tokenizer that ships nowhere: the report marks its counts estimated. Default true. */
  tokenizerExact: z.boolean().optional(),
  /** The provider's fewest training examples; fewer valid ones is a file-level warning. Default 10 (OpenAI's). */
  minExamples: wholeNumber(1).optional(),
  /** The provider's most epochs; more is a file-level warning. */
  maxEpochs: wholeNumber(1).optional(),
});

/** Validated analyzer options. */
export type AnalyzerOptions = z.infer<typeof analyzerOptionsSchema>;
