import { beforeAll, describe, expect, it } from "vitest";
import { Analyzer } from "./analyzer";
import type { ErrorCode } from "./example";
import { analyzeLines, mergePartial } from "./partial";
import { buildReport } from "./report";
import type { AnalyzerOptions } from "./schemas";
import { loadTokenCounter, type TokenCounter } from "./token-counter";

let counter: TokenCounter;
beforeAll(async () => {
  counter = await loadTokenCounter("cl100k_base");
}, 30_000);

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const concat = (...parts: (Uint8Array | string)[]): Uint8Array => {
  const arrays = parts.map((p) => (typeof p === "string" ? utf8(p) : p));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
};
const base: AnalyzerOptions = { encoding: "cl100k_base", contextLimit: 4_096 };

function analyze(input: string | Uint8Array, options: Partial<AnalyzerOptions> = {}, chunkSize?: number) {
  const analyzer = new Analyzer({ ...base, ...options }, counter);
  const bytes = typeof input === "string" ? utf8(input) : input;
  if (chunkSize === undefined) analyzer.push(bytes);
  else for (let i = 0; i < bytes.length; i += chunkSize) analyzer.push(bytes.subarray(i, i + chunkSize));
  return analyzer.finish();
}

const line = (value: unknown): string => JSON.stringify(value);
const valid = line({ messages: [{ role: "system", content: "Be kind." }, { role: "user", content: "Hi" }, { role: "assistant", content: "Hello!" }] });
const user = { role: "user", content: "Hi" };
const assistant = { role: "assistant", content: "Hello" };

describe("error codes", () => {
  it.each<[ErrorCode, string]>([
    ["invalid_json", '{"messages": [}'],
    ["data_type", "[1, 2, 3]"],
    ["data_type", '"just a string"'],
    ["data_type", "null"],
    ["data_type", line({ messages: ["Hi", assistant] })],
    ["missing_messages_list", line({ conversation: [user, assistant] })],
    ["missing_messages_list", line({ messages: [] })],
    ["missing_messages_list", line({ messages: "Hi" })],
    ["message_missing_key", line({ messages: [{ content: "Hi" }, assistant] })],
    ["message_missing_key", line({ messages: [{ role: "user" }, assistant] })],
    ["message_unrecognized_key", line({ messages: [user, { ...assistant, refusal: null }] })],
    ["unrecognized_role", line({ messages: [{ role: "bot", content: "Hi" }, assistant] })],
    ["unrecognized_role", line({ messages: [{ role: 7, content: "Hi" }, assistant] })],
    ["missing_content", line({ messages: [{ role: "user", content: "" }, assistant] })],
    ["missing_content", line({ messages: [{ role: "user", content: null }, assistant] })],
    ["missing_content", line({ messages: [{ role: "user", content: 42 }, assistant] })],
    ["missing_content", line({ messages: [{ role: "user", content: [] }, assistant] })],
    ["missing_content", line({ messages: [{ role: "user", content: [{ text: "no type" }] }, assistant] })],
    ["missing_content", line({ messages: [{ role: "user", content: [{ type: "text" }] }, assistant] })],
    ["example_missing_assistant_message", line({ messages: [user] })],
    ["invalid_field", line({ messages: [user, { ...assistant, weight: 0.5 }] })],
    ["invalid_field", line({ messages: [{ ...user, name: 5 }, assistant] })],
    ["invalid_field", line({ messages: [user, { role: "assistant", content: null, tool_calls: { id: "x" } }] })],
    ["invalid_field", line({ messages: [user, assistant], tools: { type: "function" } })],
  ])("%s: %s", (code, text) => {
    const report = analyze(`${valid}\n${text}\n`);
    expect(report.errors).toHaveLength(1);
    const [error] = report.errors;
    expect(error).toMatchObject({ line: 2, code });
    expect(error?.message).toMatch(/^[A-Z"].*\.$/);
    expect(error?.message).not.toMatch(/undefined|\[object/);
    expect(report.errorCounts).toEqual({ [code]: 1 });
    expect(report.examples).toBe(2);
    expect(report.validExamples).toBe(1);
  });

  it("invalid_utf8: reports the line and goes on with the next", () => {
    const report = analyze(concat(valid, "\n", new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), "\n", valid, "\n"));
    expect(report.errors).toEqual([{ line: 2, code: "invalid_utf8", message: expect.stringMatching(/not valid UTF-8/) }]);
    expect(report.validExamples).toBe(2);
  });

  it.each([
    ["an overlong encoding", [0xc0, 0xaf]],
    ["a UTF-16 surrogate encoded in UTF-8", [0xed, 0xa0, 0x80]],
    ["a Latin-1 é", [0xe9]],
    ["a truncated 4-byte sequence", [0xf0, 0x9f, 0x98]],
  ])("invalid_utf8: %s", (_, bytes) => {
    const report = analyze(concat('{"messages": "', new Uint8Array(bytes), '"}'));
    expect(report.errors.map((e) => [e.line, e.code])).toEqual([[1, "invalid_utf8"]]);
  });

  it("a literal U+FFFD in the file is valid text, not an invalid_utf8 error", () => {
    const report = analyze(line({ messages: [{ role: "user", content: "bad char: \ufffd" }, assistant] }));
    expect(report.errorCount).toBe(0);
  });

  it("missing_prompt and missing_completion in a prompt/completion file", () => {
    const report = analyze(
      [line({ prompt: "Q1", completion: "A1" }), line({ completion: "A2" }), line({ prompt: "Q3", completion: "" }), line({ prompt: 3, completion: 4 })].join("\n"),
    );
    expect(report.format).toBe("prompt_completion");
    expect(report.errors.map((e) => [e.line, e.code])).toEqual([
      [2, "missing_prompt"],
      [3, "missing_completion"],
      [4, "missing_prompt"],
      [4, "missing_completion"],
    ]);
    expect(report.errorCount).toBe(4);
    expect(report.validExamples).toBe(1);
  });
});

describe("invalid JSON position", () => {
  it("gives the line and 1-based column, counting UTF-16 units as editors do", () => {
    const report = analyze(`${valid}\n{"messages": [{"role": "user", "content": "日本😀"},, ]}\n`);
    expect(report.errors).toEqual([
      { line: 2, column: 51, code: "invalid_json", message: "This line is not valid JSON: expected a value (an object, list, string, number, true, false or null) (column 51)." },
    ]);
    // The second comma: "😀" is 2 UTF-16 units, so the column is 51, not the 50th character.
    expect('{"messages": [{"role": "user", "content": "日本😀"},, ]}'.indexOf(",,") + 2).toBe(51);
  });

  it("reports a truncated last line (no newline) at its end", () => {
    const report = analyze(`${valid}\n{"messages": [`);
    expect(report.errors).toMatchObject([{ line: 2, column: 15, code: "invalid_json" }]);
  });
});

describe("line handling", () => {
  it("skips a BOM at the start, handles CRLF and keeps line numbers right across blank lines", () => {
    const bad = line({ messages: [user] });
    const text = `\ufeff${valid}\r\n\r\n   \r\n${bad}\r\n\n${valid}\r\n${bad}`;
    const report = analyze(text);
    expect(report.lines).toBe(7);
    expect(report.examples).toBe(4);
    expect(report.validExamples).toBe(2);
    expect(report.errors.map((e) => e.line)).toEqual([4, 7]);
    expect(report.bytes).toBe(utf8(text).length);
  });

  it("treats a BOM after line 1 as an error, not as whitespace", () => {
    const report = analyze(`${valid}\n\ufeff${valid}\n`);
    expect(report.errors).toMatchObject([{ line: 2, column: 1, code: "invalid_json", message: expect.stringMatching(/byte order mark/) }]);
  });

  it("gives the same report when fed one byte at a time", () => {
    const text = concat(
      "\ufeff",
      valid,
      "\r\n\n",
      line({ messages: [{ role: "user", content: "日本語 😀 é" }, { role: "assistant", content: "ünïcödé ✓" }] }),
      "\n",
      new Uint8Array([0xe6, 0x97]), // a cut-off multi-byte character: invalid
      "\n{bad json\n",
      line({ messages: [user] }),
      "\n",
      valid,
    );
    const whole = analyze(text);
    expect(whole.errorCount).toBe(3);
    for (const size of [1, 2, 3, 7, 64]) expect(analyze(text, {}, size)).toEqual(whole);
  });

  it("handles a line far longer than the chunks that carry it", () => {
    const long = "word ".repeat(400_000);
    const text = `${valid}\n${line({ messages: [user, { role: "assistant", content: long }] })}\n${valid}\n`;
    const report = analyze(text, { contextLimit: 1_000_000 }, 1_000);
    expect(report.validExamples).toBe(3);
    expect(report.tokens.max).toBe(3 + counter.count("user") + counter.count("Hi") + 3 + counter.count("assistant") + counter.count(long) + 3);
  });

  it("reports progress as bytes arrive", () => {
    const analyzer = new Analyzer(base, counter);
    analyzer.push(utf8(`${valid}\n\n${valid.slice(0, 10)}`));
    expect(analyzer.progress).toEqual({ bytesRead: valid.length + 12, lines: 2, examples: 1 });
    analyzer.push(utf8(`${valid.slice(10)}\n`));
    expect(analyzer.progress).toEqual({ bytesRead: 2 * valid.length + 3, lines: 3, examples: 2 });
    expect(analyzer.finish().validExamples).toBe(2);
    expect(() => analyzer.push(utf8("x"))).toThrow(/after finish/);
  });
});

describe("report", () => {
  it("stores at most 1,000 errors and warnings but counts them all", () => {
    const noUser = line({ messages: [{ role: "system", content: "s" }, assistant] });
    const report = analyze(`${Array(1_500).fill("nope").join("\n")}\n${Array(1_200).fill(noUser).join("\n")}`);
    expect(report.errors).toHaveLength(1_000);
    expect(report.errorCount).toBe(1_500);
    expect(report.errorCounts).toEqual({ invalid_json: 1_500 });
    expect(report.warnings).toHaveLength(1_000);
    expect(report.warningCount).toBe(1_200);
    expect(report.warningCounts).toEqual({ missing_user_message: 1_200 });
    expect(report.examplesWithoutUserMessage).toBe(1_200);
  });

  it("warns about examples over the limit and bills them at the limit", () => {
    const big = line({ messages: [user, { role: "assistant", content: "lorem ipsum ".repeat(100) }] });
    const small = line({ messages: [user, assistant] });
    const bigTokens = 3 + counter.count("user") + counter.count("Hi") + 3 + counter.count("assistant") + counter.count("lorem ipsum ".repeat(100)) + 3;
    const smallTokens = 3 + counter.count("user") + counter.count("Hi") + 3 + counter.count("assistant") + counter.count("Hello") + 3;
    const report = analyze(`${big}\n${small}\n`, { contextLimit: 100, epochs: 2 });
    expect(report.warnings).toEqual([{ line: 1, code: "over_token_limit", message: expect.stringMatching(/more than the 100-token limit/) }]);
    expect(report.tokens).toMatchObject({ total: bigTokens + smallTokens, billedPerEpoch: 100 + smallTokens, overLimitExamples: 1, limit: 100 });
    expect(report.epochs).toBe(2);
    expect(report.epochsSource).toBe("given");
    expect(report.trainedTokens).toBe(2 * (100 + smallTokens));
  });

  it("warns about image parts it cannot count, and counts examples without a system message", () => {
    const report = analyze(line({ messages: [{ role: "user", content: [{ type: "text", text: "What?" }, { type: "image_url", image_url: { url: "https://e/x.png" } }] }, assistant] }));
    expect(report.warnings).toEqual([{ line: 1, code: "uncounted_part", message: expect.stringMatching(/1 "image_url" part \(first in message 1\)/) }]);
    expect(report.examplesWithoutSystemMessage).toBe(1);
    expect(report.validExamples).toBe(1);
  });

  it("detects the format from the first valid example, and flags legacy lines in a chat file", () => {
    const report = analyze(`{oops\n${valid}\n${line({ prompt: "Q", completion: "A" })}\n`);
    expect(report.format).toBe("chat");
    expect(report.formatDetectedOnLine).toBe(2);
    expect(report.errors[1]).toMatchObject({ line: 3, code: "missing_messages_list", message: expect.stringMatching(/legacy prompt\/completion/) });
  });

  it("reports an empty file without dividing by zero", () => {
    const report = analyze("");
    expect(report).toMatchObject({ lines: 0, examples: 0, validExamples: 0, format: "chat", epochs: 25, trainedTokens: 0 });
    expect(report.tokens).toMatchObject({ total: 0, billedPerEpoch: 0, min: null, max: null, mean: null, p50: null, p90: null });
    expect(report.histogram).toEqual({ bucketEdges: [], counts: [] });
  });

  it("rejects bad options and a counter for another encoding", () => {
    expect(() => new Analyzer({ ...base, contextLimit: 0 }, counter)).toThrow(/at least 1/);
    expect(() => new Analyzer({ ...base, epochs: 1.5 }, counter)).toThrow(/whole number/);
    expect(() => new Analyzer({ ...base, encoding: "o200k_base" }, counter)).toThrow(/uses cl100k_base/);
  });
});

describe("parallel slices", () => {
  const lines = [
    valid,
    "",
    line({ messages: [user] }),
    line({ messages: [{ role: "user", content: "Tell me about 日本" }, { role: "assistant", content: "It is an island nation. ".repeat(30) }] }),
    "{broken",
    valid,
    line({ messages: [{ role: "assistant", content: "Only me" }] }),
    valid,
  ];
  const options = { contextLimit: 50 };

  it("analyzeLines + mergePartial at any split point equals one pass", () => {
    const oneMerged = buildReport(analyzeLines(lines, 1, options, counter), { ...base, ...options });
    expect(analyze(lines.join("\n"), options)).toEqual({ ...oneMerged, bytes: utf8(lines.join("\n")).length });
    for (let cut = 0; cut <= lines.length; cut++) {
      const a = analyzeLines(lines.slice(0, cut), 1, { ...options, format: "chat" }, counter);
      const b = analyzeLines(lines.slice(cut), cut + 1, { ...options, format: "chat" }, counter);
      const merged = buildReport(mergePartial(a, b), { ...base, ...options });
      expect({ ...merged, formatDetectedOnLine: 1 }).toEqual(oneMerged);
    }
  });

  it("byte-level slices with startLine merge the same way", () => {
    const first = new Analyzer({ ...base, ...options }, counter);
    first.push(utf8(`${lines.slice(0, 4).join("\n")}\n`));
    const second = new Analyzer({ ...base, ...options, startLine: 5, format: "chat" }, counter);
    second.push(utf8(lines.slice(4).join("\n")));
    const merged = buildReport(mergePartial(first.finishPartial(), second.finishPartial()), { ...base, ...options });
    expect(merged).toEqual(analyze(lines.join("\n"), options));
  });

  it("refuses to merge out of order or across formats", () => {
    const a = analyzeLines([valid], 1, options, counter);
    const b = analyzeLines([line({ prompt: "Q", completion: "A" })], 2, options, counter);
    expect(() => mergePartial(b, a)).toThrow(/must follow/);
    expect(() => mergePartial(a, b)).toThrow(/disagree on the format/);
  });
});
