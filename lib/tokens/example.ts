import type { TokenCounter } from "./token-counter";

/** The two training-file formats: chat (`{"messages": [...]}`) and the legacy `{"prompt", "completion"}`. */
export type Format = "chat" | "prompt_completion";

/**
 * Why a line is not a usable example. The OpenAI cookbook's categories (data_type … example_missing_assistant_message)
 * plus: invalid_json / invalid_utf8 (the cookbook's loader would crash instead), invalid_field (a known key with a value
 * of the wrong type or range), missing_prompt / missing_completion (legacy format).
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
  | "missing_completion";

/** Something a user may want to fix, on an otherwise valid example. */
export type WarningCode = "missing_user_message" | "over_token_limit" | "uncounted_part";

/** One problem found on a line. */
export interface LineIssue<C extends string = string> {
  /** 1-based line number in the file, blank lines included. */
  line: number;
  /** 1-based column (UTF-16 code units, as most editors count), for invalid JSON only. */
  column?: number;
  code: C;
  message: string;
}

// Roles of the chat fine-tuning format. "developer" is the newer name of "system" for the same models' chat API and
// is accepted rather than rejecting a file OpenAI would take; "function" is the legacy role paired with function_call.
const ROLES = new Set(["system", "developer", "user", "assistant", "tool", "function"]);
const ROLE_LIST = "system, developer, user, assistant, tool, function";

// Message keys of OpenAI's chat fine-tuning format (including tool and legacy function calling). "refusal" and
// "audio" appear on chat-completion responses but are not documented for training files, so they are reported.
const MESSAGE_KEYS = new Set(["role", "content", "name", "weight", "tool_calls", "function_call", "tool_call_id"]);
const MESSAGE_KEY_LIST = "role, content, name, weight, tool_calls, function_call, tool_call_id";

/** What `validateExample` found: errors make the example invalid; warnings only make sense on a valid one. */
export interface ExampleCheck {
  format: Format;
  errors: { code: ErrorCode; message: string }[];
  warnings: { code: WarningCode; message: string }[];
  hasSystemMessage: boolean;
  hasUserMessage: boolean;
}

/** Whether `value` is a JSON object (not null, not a list). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The format one example is written in: chat when it has "messages" or neither format's keys (chat is the current
 * format, so its error messages are the useful ones), otherwise prompt/completion.
 */
export function detectFormat(example: Record<string, unknown>): Format {
  if ("messages" in example) return "chat";
  return "prompt" in example || "completion" in example ? "prompt_completion" : "chat";
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
  if (actual === "chat") validateChat(example, format, error, check);
  else validatePromptCompletion(example, error);
  return check;
}

type ErrorSink = (code: ErrorCode, message: string) => void;

function validateChat(example: Record<string, unknown>, declared: Format | null, error: ErrorSink, check: ExampleCheck): void {
  const messages = example.messages;
  if (messages === undefined) {
    const looksLegacy = "prompt" in example || "completion" in example;
    error(
      "missing_messages_list",
      looksLegacy && declared === "chat"
        ? 'The example has no "messages" list: it looks like the legacy prompt/completion format, but the file is in chat format.'
        : 'The example has no "messages" list.',
    );
    return;
  }
  if (!Array.isArray(messages)) {
    error("missing_messages_list", `"messages" must be a list of messages, but it is ${describeType(messages)}.`);
    return;
  }
  if (messages.length === 0) {
    error("missing_messages_list", 'The "messages" list is empty.');
    return;
  }
  for (const key of ["tools", "functions"] as const) {
    const value = example[key];
    if (value !== undefined && value !== null && !Array.isArray(value)) {
      error("invalid_field", `"${key}" must be a list, but it is ${describeType(value)}.`);
    }
  }

  let hasAssistant = false;
  const uncounted = new Map<string, number>();
  let firstUncountedMessage = 0;
  messages.forEach((message: unknown, index) => {
    const at = `Message ${index + 1}`;
    if (!isJsonObject(message)) {
      error("data_type", `${at} must be a JSON object, but it is ${describeType(message)}.`);
      return;
    }
    for (const key of Object.keys(message)) {
      if (!MESSAGE_KEYS.has(key)) {
        error("message_unrecognized_key", `${at} has an unrecognized key "${key}". Allowed keys: ${MESSAGE_KEY_LIST}.`);
        break;
      }
    }

    const role = message.role;
    if (role === undefined) error("message_missing_key", `${at} has no "role".`);
    else if (typeof role !== "string" || !ROLES.has(role)) {
      error("unrecognized_role", `${at} has the role ${JSON.stringify(role)}; the role must be one of ${ROLE_LIST}.`);
    }
    if (role === "assistant") hasAssistant = true;
    if (role === "system" || role === "developer") check.hasSystemMessage = true;
    if (role === "user") check.hasUserMessage = true;
    const who = typeof role === "string" && ROLES.has(role) ? `${at} (${role})` : at;

    // An assistant turn that calls a tool or function may carry no text: the call is its content.
    const calls = role === "assistant" && (isPresent(message.tool_calls) || isPresent(message.function_call));
    const content = message.content;
    if (content === undefined) {
      if (!calls) error("message_missing_key", `${who} has no "content".`);
    } else if (content === null) {
      if (!calls) error("missing_content", `${who} has null content.`);
    } else if (typeof content === "string") {
      if (content.length === 0 && !calls) error("missing_content", `${who} has empty content.`);
    } else if (Array.isArray(content)) {
      if (content.length === 0 && !calls) error("missing_content", `${who} has an empty list of content parts.`);
      content.forEach((part: unknown, p) => {
        const partAt = `Part ${p + 1} of message ${index + 1}'s content`;
        if (!isJsonObject(part) || typeof part.type !== "string") {
          error("missing_content", `${partAt} must be an object with a "type", such as {"type": "text", "text": "..."}.`);
        } else if (part.type === "text") {
          if (typeof part.text !== "string") error("missing_content", `${partAt} is a text part without a "text" string.`);
        } else {
          uncounted.set(part.type, (uncounted.get(part.type) ?? 0) + 1);
          if (firstUncountedMessage === 0) firstUncountedMessage = index + 1;
        }
      });
    } else {
      error("missing_content", `${who} has content that is ${describeType(content)}; it must be text or a list of content parts.`);
    }

    checkString(message, "name", at, error);
    checkString(message, "tool_call_id", at, error);
    if (isPresent(message.tool_calls) && !Array.isArray(message.tool_calls)) {
      error("invalid_field", `${at} has "tool_calls" that is ${describeType(message.tool_calls)}; it must be a list.`);
    }
    if (isPresent(message.function_call) && !isJsonObject(message.function_call)) {
      error("invalid_field", `${at} has "function_call" that is ${describeType(message.function_call)}; it must be an object.`);
    }
    // OpenAI documents weight 0 (skip this turn in training) or 1 (train on it).
    if (message.weight !== undefined && message.weight !== 0 && message.weight !== 1) {
      error("invalid_field", `${at} has "weight": ${JSON.stringify(message.weight)}; weight must be 0 or 1.`);
    }
  });

  if (!hasAssistant) {
    error("example_missing_assistant_message", "The example has no assistant message, so there is nothing to train on.");
  }
  if (!check.hasUserMessage) check.warnings.push({ code: "missing_user_message", message: "The example has no user message." });
  if (uncounted.size > 0) {
    const kinds = [...uncounted].map(([type, n]) => `${n} "${type}" part${n === 1 ? "" : "s"}`).join(", ");
    check.warnings.push({
      code: "uncounted_part",
      message: `The example has ${kinds} (first in message ${firstUncountedMessage}) that the token estimate does not count; only text is counted.`,
    });
  }
}

function validatePromptCompletion(example: Record<string, unknown>, error: ErrorSink): void {
  // An empty prompt was allowed by the legacy format (the completion alone is trained); an empty completion is not.
  const prompt = example.prompt;
  if (prompt === undefined) error("missing_prompt", 'The example has no "prompt".');
  else if (typeof prompt !== "string") error("missing_prompt", `"prompt" must be a string, but it is ${describeType(prompt)}.`);
  const completion = example.completion;
  if (completion === undefined) error("missing_completion", 'The example has no "completion".');
  else if (typeof completion !== "string") {
    error("missing_completion", `"completion" must be a string, but it is ${describeType(completion)}.`);
  } else if (completion.length === 0) error("missing_completion", 'The "completion" is empty.');
}

function checkString(message: Record<string, unknown>, key: string, at: string, error: ErrorSink): void {
  const value = message[key];
  if (value !== undefined && typeof value !== "string") {
    error("invalid_field", `${at} has "${key}" that is ${describeType(value)}; it must be a string.`);
  }
}

function isPresent(value: unknown): boolean {
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

/** Token estimate of one example. */
export interface ExampleTokens {
  /** The whole example, before truncation at the context limit. */
  total: number;
  /** Assistant messages' content (chat) or the completion (legacy format). */
  assistant: number;
}

// The cookbook's overheads: every message is wrapped in ~3 tokens (<|start|>role…<|end|>), a "name" costs one more,
// and the reply is primed with 3 (<|start|>assistant<|message|>).
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;

/**
 * Estimates an example's tokens as the OpenAI cookbook does ("not exact"): per message 3 + the tokens of every string
 * value (role, content, name, tool_call_id) + 1 for a name; text parts of content arrays; tool_calls, function_call,
 * tools and functions as the tokens of their compact JSON (OpenAI renders them in an undocumented form, so this is an
 * estimate in the cookbook's spirit); + 3 reply priming. Legacy examples: tokens(prompt) + tokens(completion), no
 * overhead. Assumes `validateExample` passed; values of the wrong type are ignored, never thrown on.
 */
export function countExampleTokens(example: Record<string, unknown>, counter: TokenCounter, format?: Format): ExampleTokens {
  if ((format ?? detectFormat(example)) === "prompt_completion") {
    const prompt = typeof example.prompt === "string" ? counter.count(example.prompt) : 0;
    const completion = typeof example.completion === "string" ? counter.count(example.completion) : 0;
    return { total: prompt + completion, assistant: completion };
  }
  let total = REPLY_PRIMING_TOKENS;
  let assistant = 0;
  const messages = Array.isArray(example.messages) ? example.messages : [];
  for (const message of messages) {
    if (!isJsonObject(message)) continue;
    total += TOKENS_PER_MESSAGE;
    for (const key in message) {
      const value = message[key];
      if (typeof value === "string") {
        const n = counter.count(value);
        total += n;
        if (key === "content" && message.role === "assistant") assistant += n;
        if (key === "name") total += TOKENS_PER_NAME;
      } else if (key === "content" && Array.isArray(value)) {
        const n = countTextParts(value, counter);
        total += n;
        if (message.role === "assistant") assistant += n;
      } else if ((key === "tool_calls" || key === "function_call") && typeof value === "object" && value !== null) {
        total += counter.count(JSON.stringify(value));
      }
    }
  }
  for (const key of ["tools", "functions"] as const) {
    const value = example[key];
    if (typeof value === "object" && value !== null) total += counter.count(JSON.stringify(value));
  }
  return { total, assistant };
}

function countTextParts(parts: unknown[], counter: TokenCounter): number {
  let n = 0;
  for (const part of parts) {
    if (isJsonObject(part) && part.type === "text" && typeof part.text === "string") n += counter.count(part.text);
  }
  return n;
}
