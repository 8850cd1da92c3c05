// Vertex AI Gemini supervised tuning: {"systemInstruction"?: {"parts": [...]}, "contents": [{"role", "parts"}], "tools"?}.
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

const TURN_KEYS = new Set(["role", "parts"]);
// Parts that carry data the model reads but whose tokens text counting cannot know (images, audio, documents).
const MEDIA_PARTS = ["inlineData", "fileData"] as const;
// Parts that are JSON the model reads or writes: counted as their compact JSON, like OpenAI's tool calls.
const CALL_PARTS = ["functionCall", "functionResponse"] as const;
const PART_LIST = "text, inlineData, fileData, functionCall, functionResponse";

/** Validates a Vertex AI Gemini tuning example; it must end with a "model" turn, the answer trained on. */
export function validateVertex(example: Record<string, unknown>, hint: string, error: ErrorSink, check: ExampleCheck): void {
  const system = example.systemInstruction;
  if (system !== undefined) {
    if (!isJsonObject(system) || !Array.isArray(system.parts) || !system.parts.every((p) => isJsonObject(p) && typeof p.text === "string")) {
      error("invalid_field", '"systemInstruction" must be an object with a "parts" list of text parts, such as {"parts": [{"text": "..."}]}.');
    } else if (system.parts.some((p) => isJsonObject(p) && p.text !== "")) check.hasSystemMessage = true;
  }
  if (example.tools !== undefined && !Array.isArray(example.tools)) {
    error("invalid_field", `"tools" must be a list, but it is ${describeType(example.tools)}.`);
  }
  const contents = requireList(example, "contents", "turns", "missing_contents", hint, error);
  if (contents === null) return;

  const uncounted = new UncountedParts();
  let lastRole: unknown;
  contents.forEach((turn: unknown, index) => {
    const at = `Turn ${index + 1}`;
    if (!isJsonObject(turn)) {
      error("data_type", `${at} must be a JSON object such as {"role": "user", "parts": [{"text": "..."}]}, but it is ${describeType(turn)}.`);
      lastRole = undefined;
      return;
    }
    for (const key of Object.keys(turn)) {
      if (!TURN_KEYS.has(key)) {
        error("message_unrecognized_key", `${at} has an unrecognized key "${key}". Allowed keys: role, parts.`);
        break;
      }
    }
    const role = turn.role;
    lastRole = role;
    if (role === undefined) error("message_missing_key", `${at} has no "role"; it must be "user" or "model".`);
    else if (role !== "user" && role !== "model") {
      error("unrecognized_role", `${at} has the role ${JSON.stringify(role)}; the role must be "user" or "model" (Vertex AI calls the assistant "model").`);
    }
    if (role === "user") check.hasUserMessage = true;

    const parts = turn.parts;
    if (parts === undefined) {
      error("message_missing_key", `${at} has no "parts".`);
      return;
    }
    if (!Array.isArray(parts) || parts.length === 0) {
      error("missing_content", `${at} has "parts" that is ${Array.isArray(parts) ? "an empty list" : describeType(parts)}; it must be a list such as [{"text": "..."}].`);
      return;
    }
    let carries = false;
    parts.forEach((part: unknown, p) => {
      const partAt = `Part ${p + 1} of turn ${index + 1}`;
      if (!isJsonObject(part)) {
        error("missing_content", `${partAt} must be an object such as {"text": "..."}, but it is ${describeType(part)}.`);
        return;
      }
      if ("text" in part) {
        if (typeof part.text !== "string") error("missing_content", `${partAt} has "text" that is ${describeType(part.text)}; it must be a string.`);
        else if (part.text.length > 0) carries = true;
        return;
      }
      const call = CALL_PARTS.find((key) => key in part);
      if (call !== undefined) {
        if (!isJsonObject(part[call])) error("invalid_field", `${partAt} has "${call}" that is ${describeType(part[call])}; it must be an object.`);
        carries = true;
        return;
      }
      const media = MEDIA_PARTS.find((key) => key in part);
      if (media !== undefined) {
        uncounted.add(media, `turn ${index + 1}`);
        carries = true;
        return;
      }
      error("missing_content", `${partAt} has none of ${PART_LIST}.`);
    });
    if (!carries) error("missing_content", `${at} has only empty text.`);
  });

  if (lastRole !== "model") {
    const from = typeof lastRole === "string" ? `is a ${JSON.stringify(lastRole)} turn` : "has no valid role";
    error("invalid_last_message", `The last turn ${from}; a Vertex AI tuning example must end with a "model" turn (the answer to train on).`);
  }
  if (!check.hasUserMessage) check.warnings.push({ code: "missing_user_message", message: 'The example has no "user" turn.' });
  uncounted.warn(check);
}

function countParts(parts: unknown, counter: TokenCounter): number {
  if (!Array.isArray(parts)) return 0;
  let n = 0;
  for (const part of parts) {
    if (!isJsonObject(part)) continue;
    if (typeof part.text === "string") n += counter.count(part.text);
    else for (const key of CALL_PARTS) n += countJson(part[key], counter);
  }
  return n;
}

/**
 * Tokens of a Vertex example: the text of the system instruction and of every part, function calls/responses and
 * tool schemas as compact JSON. Gemini's chat template (turn markers) is not public, so it is not added; the report
 * says so. `assistant` is the model turns' parts.
 */
export function countVertexTokens(example: Record<string, unknown>, counter: TokenCounter): ExampleTokens {
  const tally: TokenTally = { total: 0, assistant: 0 };
  if (isJsonObject(example.systemInstruction)) tally.total += countParts(example.systemInstruction.parts, counter);
  if (Array.isArray(example.contents)) {
    for (const turn of example.contents) {
      if (!isJsonObject(turn)) continue;
      const n = countParts(turn.parts, counter);
      tally.total += n;
      if (turn.role === "model") tally.assistant += n;
    }
  }
  tally.total += countJson(example.tools, counter);
  return tally;
}
