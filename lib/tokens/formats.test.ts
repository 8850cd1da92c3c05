import { beforeAll, describe, expect, it } from "vitest";
import { Analyzer } from "./analyzer";
import { countExampleTokens, detectFormat, type ErrorCode, type Format, validateExample } from "./example";
import type { AnalyzerOptions } from "./schemas";
import { loadTokenCounter, type TokenCounter } from "./token-counter";
import type { TokenizerId } from "./tokenizer-ids";

// Expected counts below are literals worked out with the real tokenizers (tiktoken WASM for cl100k_base/o200k_base,
// @huggingface/tokenizers for llama3/gemini, which agree with our counters on every string here); the comments show
// how each total is made up. A change to a counting rule or a tokenizer package shows up as a changed literal.
const counters = new Map<TokenizerId, TokenCounter>();
beforeAll(async () => {
  for (const id of ["cl100k_base", "o200k_base", "llama3", "gemini"] as const) counters.set(id, await loadTokenCounter(id));
}, 60_000);
const counter = (id: TokenizerId) => counters.get(id) as TokenCounter;

const line = (value: unknown): string => JSON.stringify(value);
function analyze(lines: unknown[], options: Partial<AnalyzerOptions> = {}) {
  const encoding = options.encoding ?? "cl100k_base";
  const analyzer = new Analyzer({ encoding, contextLimit: 4_096, ...options }, counter(encoding));
  analyzer.push(new TextEncoder().encode(lines.map((l) => (typeof l === "string" ? l : line(l))).join("\n")));
  return analyzer.finish();
}

const user = { role: "user", content: "Hi" };
const assistant = { role: "assistant", content: "Hello" };

// The providers' own examples, lightly shortened.
const DPO = {
  input: { messages: [{ role: "system", content: "Answer briefly." }, { role: "user", content: "What is the capital of France?" }] },
  preferred_output: [{ role: "assistant", content: "Paris." }],
  non_preferred_output: [{ role: "assistant", content: "I think it might be Lyon." }],
};
const RFT = { messages: [{ role: "developer", content: "Solve the problem." }, { role: "user", content: "What is 17 * 23?" }], reference_answer: "391" };
const VERTEX = {
  systemInstruction: { role: "system", parts: [{ text: "You are a pirate." }] },
  contents: [
    { role: "user", parts: [{ text: "Hello there" }] },
    { role: "model", parts: [{ text: "Ahoy, matey!" }] },
  ],
};
const BEDROCK = {
  schemaVersion: "bedrock-conversation-2024",
  system: [{ text: "You are a digital assistant with a friendly personality" }],
  messages: [
    { role: "user", content: [{ text: "What is the capital of Mars?" }] },
    { role: "assistant", content: [{ text: "Mars does not have a capital. Perhaps it will one day." }] },
  ],
};
const VALID: Record<Exclude<Format, "chat" | "prompt_completion">, object> = {
  preference: DPO,
  reinforcement: RFT,
  vertex_gemini: VERTEX,
  bedrock_conversation: BEDROCK,
};

const TOOLS = [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }];
const TOOL_CALLS = [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }];

describe("detectFormat", () => {
  it.each<[Format, object]>([
    ["bedrock_conversation", BEDROCK],
    ["bedrock_conversation", { schemaVersion: "x" }],
    // Bedrock's shape without its schemaVersion: reported against Bedrock's format, not as a broken chat example.
    ["bedrock_conversation", { system: [{ text: "s" }], messages: [] }],
    ["vertex_gemini", VERTEX],
    ["vertex_gemini", { contents: [] }],
    ["vertex_gemini", { systemInstruction: {} }],
    ["preference", DPO],
    ["preference", { preferred_output: [] }],
    ["reinforcement", RFT],
    ["reinforcement", { messages: [user], reference_answer: { x: 1 } }],
    ["chat", { messages: [user, assistant], reference_answer: "x" }],
    ["chat", { messages: [user] }],
    ["chat", { messages: [user], tools: [], parallel_tool_calls: true }],
    ["chat", { messages: [assistant, user], id: 1 }],
    ["prompt_completion", { prompt: "Q", completion: "A" }],
    ["chat", { text: "neither" }],
  ])("%s: %j", (format, example) => {
    expect(detectFormat(example as Record<string, unknown>)).toBe(format);
  });
});

describe("validation of each format", () => {
  it.each(Object.entries(VALID))("%s: the documented example is valid, with no warning", (format, example) => {
    const report = analyze([example, example]);
    expect(report.format).toBe(format);
    expect(report.errorCount).toBe(0);
    expect(report.warningCount).toBe(0);
    expect(report.validExamples).toBe(2);
  });

  const dpo = (patch: object) => ({ ...DPO, ...patch });
  const vertex = (contents: unknown[]) => ({ contents });
  const bedrock = (messages: unknown[], patch: object = {}) => ({ schemaVersion: "bedrock-conversation-2024", messages, ...patch });
  const bUser = { role: "user", content: [{ text: "Hi" }] };
  const bAssistant = { role: "assistant", content: [{ text: "Hello" }] };
  const vUser = { role: "user", parts: [{ text: "Hi" }] };
  const vModel = { role: "model", parts: [{ text: "Hello" }] };

  it.each<[keyof typeof VALID, ErrorCode, object, RegExp]>([
    ["preference", "missing_input", { preferred_output: [assistant], non_preferred_output: [assistant] }, /no "input"/],
    ["preference", "missing_input", dpo({ input: [user] }), /"input" must be an object/],
    ["preference", "missing_messages_list", dpo({ input: {} }), /"input" has no "messages"/],
    ["preference", "missing_messages_list", dpo({ input: { messages: [] } }), /"input\.messages" list is empty/],
    ["preference", "missing_preferred_output", { input: DPO.input, non_preferred_output: [assistant] }, /no "preferred_output"/],
    ["preference", "missing_preferred_output", dpo({ preferred_output: [] }), /"preferred_output" list is empty/],
    ["preference", "missing_preferred_output", dpo({ preferred_output: "Paris." }), /must be a list of assistant messages/],
    ["preference", "missing_preferred_output", dpo({ preferred_output: [{ role: "tool", tool_call_id: "c", content: "x" }] }), /has no assistant message/],
    ["preference", "missing_non_preferred_output", { input: DPO.input, preferred_output: [assistant] }, /no "non_preferred_output"/],
    ["preference", "unrecognized_role", dpo({ non_preferred_output: [user, assistant] }), /Non-preferred output message 1 has the role "user"; output messages must be from the assistant/],
    ["preference", "missing_content", dpo({ preferred_output: [{ role: "assistant", content: "" }] }), /Preferred output message 1 \(assistant\) has empty content/],
    ["preference", "message_unrecognized_key", dpo({ input: { messages: [{ ...user, refusal: null }] } }), /Input message 1 has an unrecognized key "refusal"/],
    ["preference", "invalid_field", dpo({ input: { ...DPO.input, tools: {} } }), /"input\.tools" must be a list/],
    ["reinforcement", "invalid_last_message", { messages: [user, assistant], reference_answer: "x" }, /last message is from the assistant; .* must be from the user \(or developer\)/],
    ["reinforcement", "invalid_last_message", { messages: [user, { role: "tool", tool_call_id: "c", content: "x" }], reference_answer: "x" }, /from the tool/],
    ["reinforcement", "unrecognized_role", { messages: [{ role: "bot", content: "x" }, user], reference_answer: "x" }, /Message 1 has the role "bot"/],
    ["vertex_gemini", "missing_contents", { systemInstruction: VERTEX.systemInstruction }, /no "contents" list/],
    ["vertex_gemini", "missing_contents", vertex([]), /"contents" list is empty/],
    ["vertex_gemini", "missing_contents", { contents: "Hi" }, /"contents" must be a list of turns, but it is a string/],
    ["vertex_gemini", "data_type", vertex(["Hi", vModel]), /Turn 1 must be a JSON object/],
    ["vertex_gemini", "message_unrecognized_key", vertex([{ ...vUser, weight: 1 }, vModel]), /Turn 1 has an unrecognized key "weight". Allowed keys: role, parts/],
    ["vertex_gemini", "message_missing_key", vertex([{ parts: [{ text: "Hi" }] }, vModel]), /Turn 1 has no "role"/],
    ["vertex_gemini", "message_missing_key", vertex([{ role: "user" }, vModel]), /Turn 1 has no "parts"/],
    ["vertex_gemini", "unrecognized_role", vertex([{ role: "assistant", parts: [{ text: "Hi" }] }, vModel]), /the role must be "user" or "model"/],
    ["vertex_gemini", "missing_content", vertex([{ role: "user", parts: [] }, vModel]), /Turn 1 has "parts" that is an empty list/],
    ["vertex_gemini", "missing_content", vertex([vUser, { role: "model", parts: [{}] }]), /Part 1 of turn 2 has none of text, inlineData/],
    ["vertex_gemini", "missing_content", vertex([vUser, { role: "model", parts: [{ text: 5 }] }]), /Part 1 of turn 2 has "text" that is a number/],
    ["vertex_gemini", "missing_content", vertex([vUser, { role: "model", parts: [{ text: "" }] }]), /Turn 2 has only empty text/],
    ["vertex_gemini", "invalid_field", { ...VERTEX, systemInstruction: "Be a pirate" }, /"systemInstruction" must be an object with a "parts" list/],
    ["vertex_gemini", "invalid_field", vertex([vUser, { role: "model", parts: [{ functionCall: "f()" }] }]), /"functionCall" that is a string; it must be an object/],
    ["vertex_gemini", "invalid_last_message", vertex([vUser, vModel, vUser]), /last turn is a "user" turn; .* must end with a "model" turn/],
    ["bedrock_conversation", "invalid_schema_version", { system: BEDROCK.system, messages: BEDROCK.messages }, /no "schemaVersion"; .* "bedrock-conversation-2024"/],
    ["bedrock_conversation", "invalid_schema_version", { ...BEDROCK, schemaVersion: "bedrock-conversation-2023" }, /"schemaVersion" is "bedrock-conversation-2023"/],
    ["bedrock_conversation", "missing_messages_list", { schemaVersion: "bedrock-conversation-2024", system: BEDROCK.system }, /no "messages" list/],
    ["bedrock_conversation", "invalid_field", { ...BEDROCK, system: "Be nice" }, /"system" must be a list of text blocks/],
    ["bedrock_conversation", "invalid_field", bedrock([bUser, bAssistant], { toolConfig: [] }), /"toolConfig" must be an object/],
    ["bedrock_conversation", "data_type", bedrock(["Hi", bAssistant]), /Message 1 must be a JSON object/],
    ["bedrock_conversation", "message_unrecognized_key", bedrock([{ ...bUser, name: "al" }, bAssistant]), /unrecognized key "name". Allowed keys: role, content/],
    ["bedrock_conversation", "message_missing_key", bedrock([{ role: "user" }, bAssistant]), /Message 1 has no "content"/],
    ["bedrock_conversation", "unrecognized_role", bedrock([{ role: "system", content: [{ text: "s" }] }, bUser, bAssistant]), /the role must be "user" or "assistant" \(system text goes in "system"\)/],
    ["bedrock_conversation", "missing_content", bedrock([{ role: "user", content: "Hi" }, bAssistant]), /Message 1 has content that is a string; it must be a list of content blocks/],
    ["bedrock_conversation", "missing_content", bedrock([bUser, { role: "assistant", content: [{ text: "" }] }]), /Message 2 has only empty text/],
    ["bedrock_conversation", "missing_content", bedrock([bUser, { role: "assistant", content: [{ json: {} }] }]), /Block 1 of message 2 has none of text/],
    ["bedrock_conversation", "invalid_field", bedrock([bUser, { role: "assistant", content: [{ reasoningContent: {} }] }]), /"reasoningContent" without a "reasoningText"/],
    ["bedrock_conversation", "invalid_turn_order", bedrock([bAssistant, bUser, bAssistant]), /Message 1 is from the assistant; .* must start with a user message/],
    ["bedrock_conversation", "invalid_turn_order", bedrock([bUser, bUser, bAssistant]), /Messages 1 and 2 are both from the user; user and assistant messages must alternate/],
    ["bedrock_conversation", "invalid_last_message", bedrock([bUser]), /must end with an assistant message/],
  ])("%s: %s", (format, code, example, message) => {
    const report = analyze([VALID[format], example]);
    expect(report.format).toBe(format);
    expect(report.errors).toEqual([{ line: 2, code, message: expect.stringMatching(message) }]);
    expect(report.errors[0]?.message).toMatch(/^[A-Z"].*\.$/);
    expect(report.errors[0]?.message).not.toMatch(/undefined|\[object/);
    expect(report.validExamples).toBe(1);
  });

  it("says when a line is in another format than the file's", () => {
    const report = analyze([BEDROCK, { messages: [user, assistant] }, VERTEX, DPO]);
    expect(report.format).toBe("bedrock_conversation");
    expect(report.errors.find((e) => e.line === 2)?.message).toMatch(/no "schemaVersion"; .*: it looks like the chat format, but the file is in Bedrock conversation format\.$/);
    expect(report.errors.find((e) => e.line === 3)?.message).toMatch(/it looks like the Vertex AI Gemini format/);
    const dpoFile = analyze([DPO, { messages: [user, assistant] }]);
    expect(dpoFile.errors).toEqual([{ line: 2, code: "missing_input", message: expect.stringMatching(/looks like the chat format, but the file is in preference \(DPO\) format/) }]);
    // A line whose keys name no format gets no guess.
    expect(analyze([RFT, { conversation: [] }]).errors[0]?.message).toBe('The example has no "messages" list.');
  });

  it("accepts Bedrock's plain prompt/completion lines as the legacy format", () => {
    const report = analyze([{ prompt: "What is the capital of France?", completion: "The capital of France is Paris." }]);
    expect(report.format).toBe("prompt_completion");
    expect(report.errorCount).toBe(0);
  });

  it("warns about media it cannot count, in Vertex and Bedrock examples", () => {
    const picture = { fileData: { mimeType: "image/png", fileUri: "gs://b/x.png" } };
    const v = analyze([{ contents: [{ role: "user", parts: [{ text: "What is this?" }, picture, picture] }, { role: "model", parts: [{ text: "A cat." }] }] }]);
    expect(v.warnings).toEqual([{ line: 1, code: "uncounted_part", message: expect.stringMatching(/2 "fileData" parts \(first in turn 1\)/) }]);
    const b = analyze([{ schemaVersion: "bedrock-conversation-2024", messages: [{ role: "user", content: [{ text: "And this?" }, { video: {} }] }, { role: "assistant", content: [{ text: "A dog." }] }] }]);
    expect(b.warnings).toEqual([{ line: 1, code: "uncounted_part", message: expect.stringMatching(/1 "video" part \(first in message 1\)/) }]);
  });
});

describe("reinforcement (RFT) detection", () => {
  it("takes the file's format from its first valid example: no assistant answer plus a field for the grader", () => {
    const report = analyze(["{oops", { messages: [user] }, RFT, { messages: [user, assistant], reference_answer: "x" }, { messages: [user] }], {
      encoding: "o200k_base",
    });
    expect(report.format).toBe("reinforcement");
    // Line 2 (no grader field) was a broken chat example while the format was unknown: an invalid first line decides nothing.
    expect(report.formatDetectedOnLine).toBe(3);
    expect(report.errors.map((e) => [e.line, e.code])).toEqual([
      [1, "invalid_json"],
      [2, "example_missing_assistant_message"],
      [4, "invalid_last_message"],
    ]);
    // In an RFT file a prompt without grader fields is valid but useless to a grader.
    expect(report.warnings).toEqual([{ line: 5, code: "missing_grader_fields", message: expect.stringMatching(/no fields besides "messages" and "tools"/) }]);
    expect(report.validExamples).toBe(2);
  });

  it("keeps a chat file a chat file: a later RFT-looking line is a chat error that says what it looks like", () => {
    const report = analyze([{ messages: [user, assistant] }, RFT]);
    expect(report.format).toBe("chat");
    expect(report.errors).toEqual([
      { line: 2, code: "example_missing_assistant_message", message: expect.stringMatching(/looks like a reinforcement fine-tuning example, but the file is in chat format\.$/) },
    ]);
  });

  it("follows an explicit format option instead of detecting", () => {
    const report = analyze([{ messages: [user] }], { format: "reinforcement" });
    expect(report.format).toBe("reinforcement");
    expect(report.errorCount).toBe(0);
    expect(report.warningCounts).toEqual({ missing_grader_fields: 1 });
    expect(analyze([RFT], { format: "chat" }).errorCounts).toEqual({ example_missing_assistant_message: 1 });
  });

  it("counts an RFT prompt like chat with a tiktoken encoding, and never counts the grader's fields", () => {
    // 3 priming + (3 + "developer" 1 + "Solve the problem." 4) + (3 + "user" 1 + "What is 17 * 23?" 8); o200k_base.
    expect(countExampleTokens(RFT, counter("o200k_base"), "reinforcement")).toEqual({ total: 23, assistant: 0 });
    const longReference = { ...RFT, reference_answer: { steps: ["17 * 20 = 340", "17 * 3 = 51"], answer: 391 } };
    expect(countExampleTokens(longReference, counter("o200k_base"), "reinforcement")).toEqual({ total: 23, assistant: 0 });
    // llama3: the text only, "Solve the problem." 5 + "What is 17 * 23?" 8.
    expect(countExampleTokens(RFT, counter("llama3"), "reinforcement")).toEqual({ total: 13, assistant: 0 });
  });
});

describe("token counts", () => {
  it("DPO with tiktoken: input messages and both outputs as chat messages, priming once", () => {
    // 3 priming + (3 + "system" 1 + "Answer briefly." 3) + (3 + "user" 1 + question 7)
    //   + preferred (3 + "assistant" 1 + "Paris." 2) + non-preferred (3 + "assistant" 1 + "I think it might be Lyon." 7) = 38.
    expect(countExampleTokens(DPO, counter("cl100k_base"))).toEqual({ total: 38, assistant: 2 + 7 });
  });

  it("DPO with tools: the input's tool schemas and the outputs' tool calls as compact JSON", () => {
    const example = {
      input: { messages: [{ role: "user", content: "Weather in Paris?" }], tools: TOOLS, parallel_tool_calls: true },
      preferred_output: [{ role: "assistant", content: null, tool_calls: TOOL_CALLS }],
      non_preferred_output: [{ role: "assistant", content: "It is sunny." }],
    };
    // cl100k_base: 3 + (3 + 1 + 4) + tools 29 + (3 + 1 + tool_calls 29) + (3 + 1 + "It is sunny." 4) = 81.
    expect(countExampleTokens(example, counter("cl100k_base"))).toEqual({ total: 81, assistant: 4 });
    // llama3, text only: 4 + 29 + 29 + 4.
    expect(countExampleTokens(example, counter("llama3"))).toEqual({ total: 66, assistant: 4 });
  });

  it("DPO with llama3: the text of input and outputs, no OpenAI overhead", () => {
    // "Answer briefly." 3 + question 7 + "Paris." 2 + "I think it might be Lyon." 7.
    expect(countExampleTokens(DPO, counter("llama3"))).toEqual({ total: 19, assistant: 9 });
  });

  it("chat with llama3 (e.g. Together's OpenAI-style files): content, tool calls and tools, no roles, names or ids", () => {
    const example = {
      messages: [
        { role: "system", content: "Answer briefly." },
        { role: "user", name: "alice", content: "What is the capital of France?" },
        { role: "assistant", content: null, tool_calls: TOOL_CALLS },
        { role: "tool", tool_call_id: "call_1", content: "18°C" },
        { role: "assistant", content: "Paris: 18°C." },
      ],
      tools: TOOLS,
    };
    // 3 + 7 + tool_calls 29 + "18°C" 2 + "Paris: 18°C." 6 + tools 29.
    expect(countExampleTokens(example, counter("llama3"))).toEqual({ total: 76, assistant: 6 });
    // The same example with cl100k_base keeps the cookbook's rule (roles, name +1, 3 per message, priming).
    expect(countExampleTokens(example, counter("cl100k_base"))).toEqual({ total: 104, assistant: 6 });
  });

  it("Vertex Gemini with the gemini tokenizer: system instruction and parts", () => {
    // "You are a pirate." 5 + "Hello there" 2 + "Ahoy, matey!" 6.
    expect(countExampleTokens(VERTEX, counter("gemini"))).toEqual({ total: 13, assistant: 6 });
    const example = {
      contents: [
        { role: "user", parts: [{ text: "What is 17 * 23?" }] },
        { role: "model", parts: [{ functionCall: { name: "multiply", args: { a: 17, b: 23 } } }] },
        { role: "user", parts: [{ functionResponse: { name: "multiply", response: { result: 391 } } }] },
        { role: "model", parts: [{ text: "391" }, { fileData: { mimeType: "image/png", fileUri: "gs://b/x.png" } }] },
      ],
      tools: [{ functionDeclarations: [{ name: "multiply" }] }],
    };
    // Gemini splits digits: "What is 17 * 23?" 10, functionCall JSON 17, functionResponse JSON 13, "391" 3, tools 12;
    // the file part is not counted. Model turns: 17 + 3.
    expect(countExampleTokens(example, counter("gemini"))).toEqual({ total: 55, assistant: 20 });
    expect(countExampleTokens(example, counter("llama3"))).toEqual({ total: 47, assistant: 16 });
  });

  it("Bedrock conversation with llama3: system, text, reasoning, tool use and tool configuration", () => {
    // System 9 + "What is the capital of Mars?" 7 + answer 14.
    expect(countExampleTokens(BEDROCK, counter("llama3"))).toEqual({ total: 30, assistant: 14 });
    const example = {
      schemaVersion: "bedrock-conversation-2024",
      messages: [
        { role: "user", content: [{ text: "Describe this picture." }, { image: { format: "png", source: { s3Location: { uri: "s3://b/x.png" } } } }] },
        { role: "assistant", content: [{ reasoningContent: { reasoningText: { text: "It shows a cat." } } }, { text: "A cat on a mat." }] },
        { role: "user", content: [{ text: "Look it up." }] },
        { role: "assistant", content: [{ toolUse: { toolUseId: "t1", name: "search", input: { q: "cat" } } }] },
      ],
      toolConfig: { tools: [{ toolSpec: { name: "search" } }] },
    };
    expect(validateExample(example, null).errors).toEqual([]);
    // 4 + reasoning 5 + 6 + 4 + toolUse JSON 18 + toolConfig JSON 11; the image is not counted. Assistant: 5 + 6 + 18.
    expect(countExampleTokens(example, counter("llama3"))).toEqual({ total: 48, assistant: 29 });
  });

  it("counts the system instruction for the no-system statistic in every format but the legacy one", () => {
    const withoutSystem = analyze([
      { contents: VERTEX.contents },
      { contents: VERTEX.contents, systemInstruction: { parts: [{ text: "" }] } },
      VERTEX,
    ]);
    expect(withoutSystem.examplesWithoutSystemMessage).toBe(2);
    expect(analyze([BEDROCK, { ...BEDROCK, system: [] }]).examplesWithoutSystemMessage).toBe(1);
    expect(analyze([DPO, { ...DPO, input: { messages: [DPO.input.messages[1]] } }]).examplesWithoutSystemMessage).toBe(1);
  });
});
