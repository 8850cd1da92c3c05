import { beforeAll, describe, expect, it } from "vitest";
import { countExampleTokens, detectFormat, validateExample } from "./example";
import { loadTokenCounter, type TokenCounter } from "./token-counter";

let counter: TokenCounter;
beforeAll(async () => {
  counter = await loadTokenCounter("cl100k_base");
}, 30_000);

const t = (text: string): number => counter.count(text);

describe("countExampleTokens (cookbook estimate)", () => {
  it("adds 3 per message, every string value, 1 per name and 3 for the reply", () => {
    const example = {
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", name: "alice", content: "Hi there" },
        { role: "assistant", content: "Hello.", weight: 1 },
      ],
    };
    const expected =
      3 + t("system") + t("You are terse.") + (3 + t("user") + t("alice") + 1 + t("Hi there")) + (3 + t("assistant") + t("Hello.")) + 3;
    expect(countExampleTokens(example, counter)).toEqual({ total: expected, assistant: t("Hello.") });
  });

  it("counts text parts of content arrays and skips image parts", () => {
    const example = {
      messages: [
        { role: "user", content: [{ type: "text", text: "What is in" }, { type: "image_url", image_url: { url: "https://x/y.png" } }, { type: "text", text: " this picture?" }] },
        { role: "assistant", content: [{ type: "text", text: "A cat." }] },
      ],
    };
    const expected = 3 + t("user") + t("What is in") + t(" this picture?") + (3 + t("assistant") + t("A cat.")) + 3;
    expect(countExampleTokens(example, counter)).toEqual({ total: expected, assistant: t("A cat.") });
  });

  it("counts tool calls, tool results and tool schemas as their compact JSON", () => {
    const toolCalls = [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }];
    const tools = [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }];
    const example = {
      tools,
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: null, tool_calls: toolCalls },
        { role: "tool", tool_call_id: "call_1", content: "18°C" },
        { role: "assistant", content: "It is 18°C." },
      ],
    };
    const expected =
      3 + t("user") + t("Weather in Paris?") +
      (3 + t("assistant") + t(JSON.stringify(toolCalls))) +
      (3 + t("tool") + t("call_1") + t("18°C")) +
      (3 + t("assistant") + t("It is 18°C.")) +
      t(JSON.stringify(tools)) +
      3;
    expect(countExampleTokens(example, counter)).toEqual({ total: expected, assistant: t("It is 18°C.") });
  });

  it("counts a legacy example as prompt + completion, the completion being the trained part", () => {
    expect(countExampleTokens({ prompt: "Q: 2+2?", completion: " 4" }, counter)).toEqual({ total: t("Q: 2+2?") + t(" 4"), assistant: t(" 4") });
  });
});

describe("validateExample", () => {
  it("accepts the documented chat shapes without errors", () => {
    const ok = [
      { messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello" }] },
      { messages: [{ role: "developer", content: "Be brief" }, { role: "user", content: "Hi" }, { role: "assistant", content: "Yo", weight: 0 }] },
      {
        messages: [
          { role: "user", content: "Call it" },
          { role: "assistant", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }] },
          { role: "tool", tool_call_id: "c", content: "done" },
          { role: "assistant", content: "" , function_call: null, tool_calls: [] },
        ],
        tools: [],
      },
      { messages: [{ role: "user", content: "x" }, { role: "assistant", content: null, function_call: { name: "f", arguments: "{}" } }, { role: "function", name: "f", content: "1" }, { role: "assistant", content: "ok" }] },
    ];
    for (const example of ok) expect(validateExample(example, null).errors).toEqual([]);
  });

  it("reports one error per code per example, naming the first message at fault", () => {
    const check = validateExample({ messages: [{ role: "bot", content: "a" }, { role: "robot", content: "b" }, { role: "assistant", content: "c" }] }, null);
    expect(check.errors).toEqual([{ code: "unrecognized_role", message: expect.stringContaining("Message 1 has the role \"bot\"") }]);
  });

  it("accepts an assistant without content only when it makes a call", () => {
    expect(validateExample({ messages: [{ role: "user", content: "x" }, { role: "assistant" }] }, null).errors.map((e) => e.code)).toEqual(["message_missing_key"]);
    expect(validateExample({ messages: [{ role: "user", content: "x" }, { role: "assistant", content: null }] }, null).errors.map((e) => e.code)).toEqual(["missing_content"]);
    expect(validateExample({ messages: [{ role: "user", content: null, tool_calls: [] }, { role: "assistant", content: "y" }] }, null).errors.map((e) => e.code)).toEqual(["missing_content"]);
  });

  it("detects the format from the keys, defaulting to chat", () => {
    expect(detectFormat({ messages: [] })).toBe("chat");
    expect(detectFormat({ prompt: "a" })).toBe("prompt_completion");
    expect(detectFormat({ completion: "a" })).toBe("prompt_completion");
    expect(detectFormat({ text: "a" })).toBe("chat");
  });
});
