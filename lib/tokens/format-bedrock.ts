// Amazon Bedrock's conversation format (Nova, Llama custom models):
// {"schemaVersion": "bedrock-conversation-2024", "system"?: [{"text"}], "messages": [{"role", "content": [{"text"}]}]}.
import {
  countJson,
  describeType,
  type ErrorSink,
  type ExampleCheck,
  type ExampleTokens,
  isJsonObject,
  type TokenTally,
  UncountedParts,
  requireList,
} from "./example-common";
import type { TokenCounter } from "./token-counter";

/** The only `schemaVersion` Bedrock documents for conversation training data. */
export const BEDROCK_SCHEMA_VERSION = "bedrock-conversation-2024";

const MESSAGE_KEYS = new Set(["role", "content"]);
// Blocks the model reads but text counting cannot measure.
const MEDIA_BLOCKS = ["image", "video", "document"] as const;
// Tool use and results: counted as compact JSON, like OpenAI's tool calls.
const CALL_BLOCKS = ["toolUse", "toolResult"] as const;
const BLOCK_LIST = "text, image, video, document, toolUse, toolResult, reasoningContent";

/**
 * Validates a Bedrock conversation example. Bedrock's Nova pages require the first message from the user, the last
 * from the assistant, and the roles to alternate; those are errors here, as Bedrock rejects such a file.
 */
export function validateBedrock(example: Record<string, unknown>, hint: string, error: ErrorSink, check: ExampleCheck): void {
  const version = example.schemaVersion;
  if (version === undefined) {
    error("invalid_schema_version", `The example has no "schemaVersion"; Bedrock's conversation format needs "schemaVersion": "${BEDROCK_SCHEMA_VERSION}"${hint}.`);
  } else if (version !== BEDROCK_SCHEMA_VERSION) {
    error("invalid_schema_version", `"schemaVersion" is ${JSON.stringify(version)}; Bedrock's conversation format needs "${BEDROCK_SCHEMA_VERSION}".`);
  }
  const system = example.system;
  if (system !== undefined) {
    if (!Array.isArray(system) || !system.every((b) => isJsonObject(b) && typeof b.text === "string")) {
      error("invalid_field", '"system" must be a list of text blocks, such as [{"text": "..."}].');
    } else if (system.some((b) => isJsonObject(b) && b.text !== "")) check.hasSystemMessage = true;
  }
  if (example.toolConfig !== undefined && !isJsonObject(example.toolConfig)) {
    error("invalid_field", `"toolConfig" must be an object, but it is ${describeType(example.toolConfig)}.`);
  }
  const messages = requireList(example, "messages", "messages", "missing_messages_list", hint, error);
  if (messages === null) return;

  const uncounted = new UncountedParts();
  const roles: unknown[] = [];
  messages.forEach((message: unknown, index) => {
    const at = `Message ${index + 1}`;
    if (!isJsonObject(message)) {
      error("data_type", `${at} must be a JSON object such as {"role": "user", "content": [{"text": "..."}]}, but it is ${describeType(message)}.`);
      roles.push(undefined);
      return;
    }
    for (const key of Object.keys(message)) {
      if (!MESSAGE_KEYS.has(key)) {
        error("message_unrecognized_key", `${at} has an unrecognized key "${key}". Allowed keys: role, content.`);
        break;
      }
    }
    const role = message.role;
    roles.push(role);
    if (role === undefined) error("message_missing_key", `${at} has no "role".`);
    else if (role !== "user" && role !== "assistant") {
      error("unrecognized_role", `${at} has the role ${JSON.stringify(role)}; the role must be "user" or "assistant" (system text goes in "system").`);
    }
    if (role === "user") check.hasUserMessage = true;

    const content = message.content;
    if (content === undefined) {
      error("message_missing_key", `${at} has no "content".`);
      return;
    }
    if (!Array.isArray(content) || content.length === 0) {
      const what = Array.isArray(content) ? "an empty list" : describeType(content);
      error("missing_content", `${at} has content that is ${what}; it must be a list of content blocks such as [{"text": "..."}].`);
      return;
    }
    let carries = false;
    content.forEach((block: unknown, b) => {
      const blockAt = `Block ${b + 1} of message ${index + 1}`;
      if (!isJsonObject(block)) {
        error("missing_content", `${blockAt} must be an object such as {"text": "..."}, but it is ${describeType(block)}.`);
        return;
      }
      if ("text" in block) {
        if (typeof block.text !== "string") error("missing_content", `${blockAt} has "text" that is ${describeType(block.text)}; it must be a string.`);
        else if (block.text.length > 0) carries = true;
        return;
      }
      if ("reasoningContent" in block) {
        if (reasoningText(block) === null) error("invalid_field", `${blockAt} has "reasoningContent" without a "reasoningText": {"text": "..."}.`);
        carries = true;
        return;
      }
      const call = CALL_BLOCKS.find((key) => key in block);
      if (call !== undefined) {
        if (!isJsonObject(block[call])) error("invalid_field", `${blockAt} has "${call}" that is ${describeType(block[call])}; it must be an object.`);
        carries = true;
        return;
      }
      const media = MEDIA_BLOCKS.find((key) => key in block);
      if (media !== undefined) {
        uncounted.add(media, `message ${index + 1}`);
        carries = true;
        return;
      }
      error("missing_content", `${blockAt} has none of ${BLOCK_LIST}.`);
    });
    if (!carries) error("missing_content", `${at} has only empty text.`);
  });

  // Order rules only where every role is valid: a bad role is already reported and would make them noise.
  if (roles.every((r) => r === "user" || r === "assistant")) {
    if (roles[0] !== "user") error("invalid_turn_order", "Message 1 is from the assistant; a Bedrock conversation must start with a user message.");
    for (let i = 1; i < roles.length; i++) {
      if (roles[i] === roles[i - 1]) {
        error("invalid_turn_order", `Messages ${i} and ${i + 1} are both from the ${String(roles[i])}; user and assistant messages must alternate.`);
        break;
      }
    }
    if (roles[roles.length - 1] !== "assistant") {
      error("invalid_last_message", "The last message is from the user; a Bedrock conversation must end with an assistant message (the answer to train on).");
    }
  }
  if (!check.hasUserMessage) check.warnings.push({ code: "missing_user_message", message: "The example has no user message." });
  uncounted.warn(check);
}

function reasoningText(block: Record<string, unknown>): string | null {
  const reasoning = block.reasoningContent;
  if (!isJsonObject(reasoning) || !isJsonObject(reasoning.reasoningText)) return null;
  const text = reasoning.reasoningText.text;
  return typeof text === "string" ? text : null;
}

function countBlocks(blocks: unknown, counter: TokenCounter): number {
  if (!Array.isArray(blocks)) return 0;
  let n = 0;
  for (const block of blocks) {
    if (!isJsonObject(block)) continue;
    if (typeof block.text === "string") n += counter.count(block.text);
    else if ("reasoningContent" in block) n += counter.count(reasoningText(block) ?? "");
    else for (const key of CALL_BLOCKS) n += countJson(block[key], counter);
  }
  return n;
}

/**
 * Tokens of a Bedrock conversation example: the system text, every text block, reasoning text, tool use/results and
 * the tool configuration as compact JSON. The model's prompt template is Bedrock's and not public, so it is not added;
 * the report says so. `assistant` is the assistant messages' blocks.
 */
export function countBedrockTokens(example: Record<string, unknown>, counter: TokenCounter): ExampleTokens {
  const tally: TokenTally = { total: countBlocks(example.system, counter), assistant: 0 };
  if (Array.isArray(example.messages)) {
    for (const message of example.messages) {
      if (!isJsonObject(message)) continue;
      const n = countBlocks(message.content, counter);
      tally.total += n;
      if (message.role === "assistant") tally.assistant += n;
    }
  }
  tally.total += countJson(example.toolConfig, counter);
  return tally;
}
