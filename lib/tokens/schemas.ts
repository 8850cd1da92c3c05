import { z } from "zod";
import { ENCODING_NAMES } from "./token-counter";

const wholeNumber = (min: number) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? "Required" : "Must be a number") })
    .int("Must be a whole number")
    .min(min, `Must be at least ${min}`);

/** Options of an analysis: the encoding and context limit come from the price catalog, by base model. */
export const analyzerOptionsSchema = z.strictObject({
  encoding: z.enum(ENCODING_NAMES, { error: `Must be one of ${ENCODING_NAMES.join(", ")}` }),
  contextLimit: wholeNumber(1),
  /** n_epochs chosen by the user; omit for OpenAI's automatic default. */
  epochs: wholeNumber(1).optional(),
  /** The file's format when already known (workers analysing a slice); otherwise detected. */
  format: z.enum(["chat", "prompt_completion"]).optional(),
  /** Line number of the first byte pushed, for a slice of a larger file; BOM skipping applies only at line 1. */
  startLine: wholeNumber(1).optional(),
});

/** Validated analyzer options. */
export type AnalyzerOptions = z.infer<typeof analyzerOptionsSchema>;
