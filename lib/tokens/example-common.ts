import type { TokenCounter } from "./token-counter";

/**
 * The training-file formats: OpenAI's chat (`{"messages"}`), legacy prompt/completion (also Bedrock's plain format),
 * preference (DPO), reinforcement (RFT), Vertex AI Gemini supervised tuning and Bedrock's conversation format.
 */
export const FORMATS = ["chat", "prompt_completion", "preference", "reinforcement", "vertex_gemini", "bedrock_conversation"] as const;
/** One training-file format. */
export type Format = (typeof FORMATS)[number];

/** How error messages and reports name each format. */
export const FORMAT_LABELS: Readonly<Record<Format, string>> = {
  chat: "chat",
  prompt_completion: "legacy prompt/completion",
  preference: "preference (DPO)",
  reinforcement: "reinforcement fine-tuning (RFT)",
  vertex_gemini: "Vertex AI Gemini",
  bedrock_conversation: "Bedrock conversation",
};

/**
 * Why a line is not a usable example. The OpenAI cookbook's categories (data_type … example_missing_assistant_message)
 * plus: invalid_json / invalid_utf8 (the cookbook's loader would crash instead), invalid_field (a known key with a value
 * of the wrong type or range), missing_prompt / missing_completion (legacy format), missing_input /
 * missing_preferred_output / missing_non_preferred_output (DPO), missing_contents (Vertex), invalid_schema_version and
 * invalid_turn_order (Bedrock), invalid_last_message (the last turn is not the one the format needs: a user turn for
 * RFT, a model/assistant turn for Vertex and Bedrock).
 */
export type ErrorCode =
  | "invalid_utf8"
  | "invalid_json"
  | "data_type"
  | "missing_messages_list"
  | "message_missing_key"
  | "message_unrecognized_key"
  | "unrecognized_role"
  | "missing_content"
  | "example_missing_assistant_message"
  | "invalid_field"
  | "missing_prompt"
  | "missing_completion"
  | "missing_input"
  | "missing_preferred_output"
  | "missing_non_preferred_output"
  | "invalid_last_message"
  | "missing_contents"
  | "invalid_schema_version"
  | "invalid_turn_order";

/** Something a user may want to fix, on an otherwise valid example. */
export type WarningCode = "missing_user_message" | "over_token_limit" | "uncounted_part" | "missing_grader_fields";

/** What `validateExample` found: errors make the example invalid; warnings only make sense on a valid one. */
export interface ExampleCheck {
  format: Format;
  errors: { code: ErrorCode; message: string }[];
  warnings: { code: WarningCode; message: string }[];
  hasSystemMessage: boolean;
  hasUserMessage: boolean;
}

/** Records an error; the caller keeps at most one per code per example. */
export type ErrorSink = (code: ErrorCode, message: string) => void;

/** Token estimate of one example. */
export interface ExampleTokens {
  /** The whole example, before truncation at the context limit. */
  total: number;
  /** The trained answer: assistant/model turns' text (chat, Vertex, Bedrock), both DPO outputs, or the completion. */
  assistant: number;
}

/** Whether `value` is a JSON object (not null, not a list). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether a value is there at all (JSON null counts as absent, as in OpenAI's API). */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** "a number", "a list", "null"… for error messages. */
export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return value ? "true" : "false";
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}

/** "Message 3" → "message 3", for a label in the middle of a sentence. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Content parts the estimate cannot count (images, audio, files), tallied by type for one `uncounted_part` warning. */
export class UncountedParts {
  private readonly byType = new Map<string, number>();
  private first = "";

  /** Notes one part of `type`, found in `where` ("message 2", "turn 1"). */
  add(type: string, where: string): void {
    this.byType.set(type, (this.byType.get(type) ?? 0) + 1);
    if (this.first === "") this.first = where;
  }

  /** Adds the warning to `check` when a part was skipped. */
  warn(check: ExampleCheck): void {
    if (this.byType.size === 0) return;
    const kinds = [...this.byType].map(([type, n]) => `${n} "${type}" part${n === 1 ? "" : "s"}`).join(", ");
    check.warnings.push({
      code: "uncounted_part",
      message: `The example has ${kinds} (first in ${this.first}) that the token estimate does not count; only text is counted.`,
    });
  }
}

/** Running totals of one example's count. */
export interface TokenTally {
  total: number;
  assistant: number;
}

/** Tokens of a value's compact JSON (tool calls, tool schemas): an estimate, as providers render them in undocumented forms. */
export function countJson(value: unknown, counter: TokenCounter): number {
  return typeof value === "object" && value !== null ? counter.count(JSON.stringify(value)) : 0;
}

/**
 * The non-empty list an example keeps under `key`, or null after reporting `code`: missing (with the format `hint`),
 * not a list, or empty. `items` names what the list holds in the message ("messages", "turns").
 */
export function requireList(example: Record<string, unknown>, key: string, items: string, code: ErrorCode, hint: string, error: ErrorSink): unknown[] | null {
  const value = example[key];
  if (value === undefined) {
    error(code, `The example has no "${key}" list${hint}.`);
    return null;
  }
  if (!Array.isArray(value)) {
    error(code, `"${key}" must be a list of ${items}, but it is ${describeType(value)}.`);
    return null;
  }
  if (value.length === 0) {
    error(code, `The "${key}" list is empty.`);
    return null;
  }
  return value;
}
