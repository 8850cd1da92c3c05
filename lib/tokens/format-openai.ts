// OpenAI's training formats: chat (supervised), reinforcement (RFT), preference (DPO) and legacy prompt/completion.
import {
  countJson,
  describeType,
  type ErrorSink,
  type ExampleCheck,
  type ExampleTokens,
  isJsonObject,
  isPresent,
  lowerFirst,
  type TokenTally,
  UncountedParts,
  requireList,
} from "./example-common";
import type { TokenCounter } from "./token-counter";

// Roles of the chat fine-tuning format. "developer" is the newer name of "system" for the same models' chat API and
// is accepted rather than rejecting a file OpenAI would take; "function" is the legacy role paired with function_call.
const ROLES = new Set(["system", "developer", "user", "assistant", "tool", "function"]);
const ROLE_LIST = "system, developer, user, assistant, tool, function";
// A DPO output is the model's reply: assistant messages, and tool results when the reply calls a tool.
const OUTPUT_ROLES = new Set(["assistant", "tool"]);

// Message keys of OpenAI's chat fine-tuning format (including tool and legacy function calling). "refusal" and
// "audio" appear on chat-completion responses but are not documented for training files, so they are reported.
const MESSAGE_KEYS = new Set(["role", "content", "name", "weight", "tool_calls", "function_call", "tool_call_id"]);
const MESSAGE_KEY_LIST = "role, content, name, weight, tool_calls, function_call, tool_call_id";

// Top-level keys OpenAI reserves in a chat/RFT example. Any other key of an RFT example is data for the grader
// ({{ item.reference_answer }}), which is what tells an RFT file from a chat file that lacks its answers.
const RESERVED_KEYS = new Set(["messages", "tools", "functions", "parallel_tool_calls"]);

/**
 * Whether a `{"messages"}` example is reinforcement fine-tuning data: it ends with a user (or developer) turn, has no
 * assistant message, and carries at least one field for the grader. A chat example needs an assistant message, so no
 * valid chat example matches; decided once per file, on its first valid example.
 */
export function looksLikeReinforcement(example: Record<string, unknown>): boolean {
  const messages = example.messages;
  if (!Array.isArray(messages) || messages.length === 0) return false;
  if (messages.some((m) => isJsonObject(m) && m.role === "assistant")) return false;
  const last: unknown = messages[messages.length - 1];
  return isJsonObject(last) && (last.role === "user" || last.role === "developer") && hasGraderFields(example);
}

function hasGraderFields(example: Record<string, unknown>): boolean {
  return Object.keys(example).some((key) => !RESERVED_KEYS.has(key));
}

/** What a scan of a list of OpenAI messages found. */
interface MessageScan {
  hasAssistant: boolean;
  /** Role of the last message (undefined when it has none). */
  lastRole: unknown;
}

/**
 * Checks a list of OpenAI chat messages, one error per code (the caller dedupes), naming the first message at fault.
 * `label(i)` names message i ("Message 3", "Preferred output message 1"). `roles` restricts the allowed roles.
 */
function checkMessages(
  messages: unknown[],
  label: (index: number) => string,
  error: ErrorSink,
  check: ExampleCheck,
  uncounted: UncountedParts,
  roles?: { allowed: ReadonlySet<string>; rule: string },
): MessageScan {
  const scan: MessageScan = { hasAssistant: false, lastRole: undefined };
  messages.forEach((message: unknown, index) => {
    const at = label(index);
    if (!isJsonObject(message)) {
      error("data_type", `${at} must be a JSON object, but it is ${describeType(message)}.`);
      scan.lastRole = undefined;
      return;
    }
    for (const key of Object.keys(message)) {
      if (!MESSAGE_KEYS.has(key)) {
        error("message_unrecognized_key", `${at} has an unrecognized key "${key}". Allowed keys: ${MESSAGE_KEY_LIST}.`);
        break;
      }
    }

    const role = message.role;
    scan.lastRole = role;
    if (role === undefined) error("message_missing_key", `${at} has no "role".`);
    else if (typeof role !== "string" || !ROLES.has(role)) {
      error("unrecognized_role", `${at} has the role ${JSON.stringify(role)}; the role must be one of ${ROLE_LIST}.`);
    } else if (roles !== undefined && !roles.allowed.has(role)) {
      error("unrecognized_role", `${at} has the role ${JSON.stringify(role)}; ${roles.rule}.`);
    }
    if (role === "assistant") scan.hasAssistant = true;
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
        const partAt = `Part ${p + 1} of ${lowerFirst(at)}'s content`;
        if (!isJsonObject(part) || typeof part.type !== "string") {
          error("missing_content", `${partAt} must be an object with a "type", such as {"type": "text", "text": "..."}.`);
        } else if (part.type === "text") {
          if (typeof part.text !== "string") error("missing_content", `${partAt} is a text part without a "text" string.`);
        } else {
          uncounted.add(part.type, lowerFirst(at));
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
  return scan;
}

function checkToolLists(holder: Record<string, unknown>, prefix: string, error: ErrorSink): void {
  for (const key of ["tools", "functions"] as const) {
    const value = holder[key];
    if (value !== undefined && value !== null && !Array.isArray(value)) {
      error("invalid_field", `"${prefix}${key}" must be a list, but it is ${describeType(value)}.`);
    }
  }
}

/**
 * Validates a chat example, or (`reinforcement`) an RFT one: the same messages, but ending with a user or developer
 * turn instead of needing an assistant answer. `hint` explains a mismatch with the file's format, if any.
 */
export function validateChat(example: Record<string, unknown>, reinforcement: boolean, hint: string, error: ErrorSink, check: ExampleCheck): void {
  const messages = requireList(example, "messages", "messages", "missing_messages_list", hint, error);
  if (messages === null) return;
  checkToolLists(example, "", error);
  const uncounted = new UncountedParts();
  const scan = checkMessages(messages, (i) => `Message ${i + 1}`, error, check, uncounted);

  if (reinforcement) {
    if (scan.lastRole !== "user" && scan.lastRole !== "developer") {
      const from = typeof scan.lastRole === "string" ? `from the ${scan.lastRole}` : "not from the user";
      error(
        "invalid_last_message",
        `The last message is ${from}; in a reinforcement fine-tuning file the last message must be from the user (or developer): the model writes the answer and the grader scores it.`,
      );
    }
    if (!hasGraderFields(example)) {
      check.warnings.push({
        code: "missing_grader_fields",
        message: 'The example has no fields besides "messages" and "tools" (such as "reference_answer"), so a grader has nothing to compare the answer with.',
      });
    }
  } else if (!scan.hasAssistant) {
    const rft = looksLikeReinforcement(example) ? "; it looks like a reinforcement fine-tuning example, but the file is in chat format" : "";
    error("example_missing_assistant_message", `The example has no assistant message, so there is nothing to train on${rft}.`);
  }
  if (!check.hasUserMessage) check.warnings.push({ code: "missing_user_message", message: "The example has no user message." });
  uncounted.warn(check);
}

/** Validates a DPO example: `input.messages`, then `preferred_output` and `non_preferred_output` (assistant replies). */
export function validatePreference(example: Record<string, unknown>, hint: string, error: ErrorSink, check: ExampleCheck): void {
  const uncounted = new UncountedParts();
  const input = example.input;
  if (input === undefined) {
    error("missing_input", `The example has no "input" (an object with the prompt's "messages")${hint}.`);
    // A line plainly in another format gets that one error, not one per missing DPO field.
    if (hint !== "") return;
  } else if (!isJsonObject(input)) {
    error("missing_input", `"input" must be an object with a "messages" list, but it is ${describeType(input)}.`);
  } else {
    const messages = input.messages;
    if (messages === undefined) error("missing_messages_list", '"input" has no "messages" list.');
    else if (!Array.isArray(messages)) error("missing_messages_list", `"input.messages" must be a list of messages, but it is ${describeType(messages)}.`);
    else if (messages.length === 0) error("missing_messages_list", 'The "input.messages" list is empty.');
    else checkMessages(messages, (i) => `Input message ${i + 1}`, error, check, uncounted);
    checkToolLists(input, "input.", error);
  }
  const rule = { allowed: OUTPUT_ROLES, rule: "output messages must be from the assistant (or a tool it called)" };
  for (const [key, code, name] of [
    ["preferred_output", "missing_preferred_output", "Preferred output"],
    ["non_preferred_output", "missing_non_preferred_output", "Non-preferred output"],
  ] as const) {
    const output = example[key];
    const what = key === "preferred_output" ? "the preferred" : "the non-preferred";
    if (output === undefined) error(code, `The example has no "${key}" (a list with ${what} assistant message).`);
    else if (!Array.isArray(output)) error(code, `"${key}" must be a list of assistant messages, but it is ${describeType(output)}.`);
    else if (output.length === 0) error(code, `The "${key}" list is empty.`);
    else {
      const scan = checkMessages(output, (i) => `${name} message ${i + 1}`, error, check, uncounted, rule);
      if (!scan.hasAssistant) error(code, `"${key}" has no assistant message.`);
    }
  }
  if (!check.hasUserMessage) check.warnings.push({ code: "missing_user_message", message: "The example has no user message." });
  uncounted.warn(check);
}

/** Validates a legacy `{"prompt", "completion"}` example (also Bedrock's plain format). */
export function validatePromptCompletion(example: Record<string, unknown>, hint: string, error: ErrorSink): void {
  // An empty prompt was allowed by the legacy format (the completion alone is trained); an empty completion is not.
  const prompt = example.prompt;
  if (prompt === undefined) error("missing_prompt", `The example has no "prompt"${hint}.`);
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

// The cookbook's overheads: every message is wrapped in ~3 tokens (<|start|>role…<|end|>), a "name" costs one more,
// and the reply is primed with 3 (<|start|>assistant<|message|>).
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;

/**
 * Adds a list of OpenAI messages to `tally`. With `overhead` (a tiktoken encoding): the cookbook's estimate, per
 * message 3 + the tokens of every string value (role, content, name, tool_call_id) + 1 per name. Without (another
 * tokenizer, whose chat template is the provider's): only the text, i.e. content strings and text parts. Both count
 * tool_calls and function_call as their compact JSON. `trained` says whether assistant content is the trained answer.
 */
function countMessages(messages: unknown, counter: TokenCounter, overhead: boolean, trained: boolean, tally: TokenTally): void {
  if (!Array.isArray(messages)) return;
  for (const message of messages) {
    if (!isJsonObject(message)) continue;
    if (overhead) tally.total += TOKENS_PER_MESSAGE;
    for (const key in message) {
      const value = message[key];
      if (typeof value === "string") {
        if (!overhead && key !== "content") continue;
        const n = counter.count(value);
        tally.total += n;
        if (key === "content" && message.role === "assistant" && trained) tally.assistant += n;
        if (key === "name") tally.total += TOKENS_PER_NAME;
      } else if (key === "content" && Array.isArray(value)) {
        const n = countTextParts(value, counter);
        tally.total += n;
        if (message.role === "assistant" && trained) tally.assistant += n;
      } else if (key === "tool_calls" || key === "function_call") {
        tally.total += countJson(value, counter);
      }
    }
  }
}

function countTextParts(parts: unknown[], counter: TokenCounter): number {
  let n = 0;
  for (const part of parts) {
    if (isJsonObject(part) && part.type === "text" && typeof part.text === "string") n += counter.count(part.text);
  }
  return n;
}

function countToolLists(holder: Record<string, unknown>, counter: TokenCounter): number {
  return countJson(holder.tools, counter) + countJson(holder.functions, counter);
}

/**
 * Tokens of a chat or RFT example: its messages, tool schemas and (with `overhead`) the 3 reply-priming tokens. An RFT
 * example's grader fields (reference_answer…) are not counted: the grader reads them, the model never sees them.
 */
export function countChatTokens(example: Record<string, unknown>, counter: TokenCounter, overhead: boolean): ExampleTokens {
  const tally: TokenTally = { total: overhead ? REPLY_PRIMING_TOKENS : 0, assistant: 0 };
  countMessages(example.messages, counter, overhead, true, tally);
  tally.total += countToolLists(example, counter);
  return tally;
}

/**
 * Tokens of a DPO example: the whole example, as OpenAI bills DPO on every token of it — input messages, then the
 * preferred and the non-preferred output, each message as in chat, + input tool schemas, + (with `overhead`) one
 * reply priming. `assistant` is the two outputs' assistant text (what DPO trains on); the input's assistant turns are
 * context.
 */
export function countPreferenceTokens(example: Record<string, unknown>, counter: TokenCounter, overhead: boolean): ExampleTokens {
  const tally: TokenTally = { total: overhead ? REPLY_PRIMING_TOKENS : 0, assistant: 0 };
  const input = isJsonObject(example.input) ? example.input : {};
  countMessages(input.messages, counter, overhead, false, tally);
  tally.total += countToolLists(input, counter);
  countMessages(example.preferred_output, counter, overhead, true, tally);
  countMessages(example.non_preferred_output, counter, overhead, true, tally);
  return tally;
}

/** Tokens of a legacy example: tokens(prompt) + tokens(completion), no overhead; the completion is the trained part. */
export function countPromptCompletionTokens(example: Record<string, unknown>, counter: TokenCounter): ExampleTokens {
  const prompt = typeof example.prompt === "string" ? counter.count(example.prompt) : 0;
  const completion = typeof example.completion === "string" ? counter.count(example.completion) : 0;
  return { total: prompt + completion, assistant: completion };
}
