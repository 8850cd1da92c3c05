import {
  type ErrorCode,
  type ExampleCheck,
  type ExampleTokens,
  FORMAT_LABELS,
  type Format,
} from "./example-common";
import { countBedrockTokens, validateBedrock } from "./format-bedrock";
import {
  countChatTokens,
  countPreferenceTokens,
  countPromptCompletionTokens,
  looksLikeReinforcement,
  validateChat,
  validatePreference,
  validatePromptCompletion,
} from "./format-openai";
import { countVertexTokens, validateVertex } from "./format-vertex";
import type { TokenCounter } from "./token-counter";
import { isTiktokenEncoding, type TokenizerId } from "./tokenizer-ids";

export {
  describeType,
  type ErrorCode,
  type ExampleCheck,
  type ExampleTokens,
  FORMAT_LABELS,
  FORMATS,
  type Format,
  isJsonObject,
  type WarningCode,
} from "./example-common";
export { looksLikeReinforcement } from "./format-openai";

/** One problem found on a line. */
export interface LineIssue<C extends string = string> {
  /** 1-based line number in the file, blank lines included. */
  line: number;
  /** 1-based column (UTF-16 code units, as most editors count), for invalid JSON only. */
  column?: number;
  code: C;
  message: string;
}

/**
 * The format one example is written in, from its keys: "schemaVersion" (or "messages" with a top-level "system") →
 * Bedrock conversation; "contents"/"systemInstruction" → Vertex Gemini; "input"/"preferred_output"/
 * "non_preferred_output" → preference; "messages" → reinforcement when `looksLikeReinforcement`, else chat;
 * "prompt"/"completion" → prompt/completion; anything else → chat (the current format, so its errors are the useful
 * ones). The file's format is that of its first valid example.
 */
export function detectFormat(example: Record<string, unknown>): Format {
  return formatByKeys(example) ?? "chat";
}

// null when no key names a format (then a line tells nothing about which format it was meant to be in).
function formatByKeys(example: Record<string, unknown>): Format | null {
  if ("schemaVersion" in example || ("messages" in example && "system" in example)) return "bedrock_conversation";
  if ("contents" in example || "systemInstruction" in example) return "vertex_gemini";
  if ("input" in example || "preferred_output" in example || "non_preferred_output" in example) return "preference";
  if ("messages" in example) return looksLikeReinforcement(example) ? "reinforcement" : "chat";
  return "prompt" in example || "completion" in example ? "prompt_completion" : null;
}

/**
 * Checks one parsed example against `format` (or its own detected format when null). At most one error per code per
 * example, naming the first message at fault, so one broken line never floods the capped error list.
 */
export function validateExample(example: Record<string, unknown>, format: Format | null): ExampleCheck {
  const actual = format ?? detectFormat(example);
  const check: ExampleCheck = { format: actual, errors: [], warnings: [], hasSystemMessage: false, hasUserMessage: false };
  const seen = new Set<string>();
  const error = (code: ErrorCode, message: string): void => {
    if (seen.has(code)) return;
    seen.add(code);
    check.errors.push({ code, message });
  };
  // Appended to the first "missing structure" error when the line is plainly in another format than the file's.
  const own = format === null ? actual : formatByKeys(example);
  const hint = own !== null && own !== actual ? `: it looks like the ${FORMAT_LABELS[own]} format, but the file is in ${FORMAT_LABELS[actual]} format` : "";
  switch (actual) {
    case "chat":
      validateChat(example, false, hint, error, check);
      break;
    case "reinforcement":
      validateChat(example, true, hint, error, check);
      break;
    case "preference":
      validatePreference(example, hint, error, check);
      break;
    case "vertex_gemini":
      validateVertex(example, hint, error, check);
      break;
    case "bedrock_conversation":
      validateBedrock(example, hint, error, check);
      break;
    case "prompt_completion":
      validatePromptCompletion(example, hint, error);
      break;
  }
  return check;
}

// OpenAI's own formats, whose chat template the cookbook's per-message overhead describes.
const OPENAI_MESSAGE_FORMATS: ReadonlySet<Format> = new Set(["chat", "reinforcement", "preference"]);

/**
 * Whether a count adds OpenAI's per-message overhead (3 per message, 1 per name, 3 reply priming): only for OpenAI's
 * message formats counted with a tiktoken encoding. Other tokenizers and formats come with the provider's own chat
 * template, which is not public, so their counts are the text's tokens.
 */
export function usesOpenAIOverhead(format: Format, tokenizer: TokenizerId): boolean {
  return OPENAI_MESSAGE_FORMATS.has(format) && isTiktokenEncoding(tokenizer);
}

/**
 * Estimates an example's tokens. OpenAI formats with a tiktoken encoding, as the OpenAI cookbook does ("not exact"):
 * per message 3 + the tokens of every string value (role, content, name, tool_call_id) + 1 for a name; text parts of
 * content arrays; tool_calls, function_call, tools and functions as the tokens of their compact JSON; + 3 reply
 * priming. DPO: input messages and both outputs, priming once. Otherwise (see `usesOpenAIOverhead`): the text only.
 * Legacy examples: tokens(prompt) + tokens(completion). Assumes `validateExample` passed; values of the wrong type are
 * ignored, never thrown on.
 */
export function countExampleTokens(example: Record<string, unknown>, counter: TokenCounter, format?: Format): ExampleTokens {
  const actual = format ?? detectFormat(example);
  const overhead = usesOpenAIOverhead(actual, counter.encoding);
  switch (actual) {
    case "chat":
    case "reinforcement":
      return countChatTokens(example, counter, overhead);
    case "preference":
      return countPreferenceTokens(example, counter, overhead);
    case "vertex_gemini":
      return countVertexTokens(example, counter);
    case "bedrock_conversation":
      return countBedrockTokens(example, counter);
    case "prompt_completion":
      return countPromptCompletionTokens(example, counter);
  }
}
