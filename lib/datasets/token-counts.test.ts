import { describe, expect, it } from "vitest";
import {
  datasetTokenCounts,
  measuredTokenRatio,
  otherTokenizers,
  parseStoredTokenCounts,
  saveTokenCountsSchema,
  tokenCountsQuerySchema,
  tokenCountsSchema,
} from "./token-counts";

const row = (tokenCounts: unknown) => ({ encoding: "o200k_base", totalTokens: 8233n, billedTokensPerEpoch: 8000n, assistantTokens: 5000n, tokenCounts });
const llama3 = { total: 9056, billedPerEpoch: 8800, assistant: 5500 };

describe("tokenCountsSchema", () => {
  it("takes any subset of the known tokenizers with whole, consistent figures", () => {
    expect(tokenCountsSchema.parse({ llama3 })).toEqual({ llama3 });
    expect(tokenCountsSchema.parse({})).toEqual({});
    expect(tokenCountsSchema.safeParse({ gpt2: llama3 }).success).toBe(false);
    expect(tokenCountsSchema.safeParse({ llama3: { ...llama3, total: 1.5 } }).success).toBe(false);
    expect(tokenCountsSchema.safeParse({ llama3: { ...llama3, assistant: -1 } }).success).toBe(false);
    expect(tokenCountsSchema.safeParse({ llama3: { ...llama3, billedPerEpoch: llama3.total + 1 } }).success).toBe(false);
    expect(tokenCountsSchema.safeParse({ llama3: { ...llama3, text: "the file" } }).success).toBe(false);
  });

  it("refuses a save with no count or a malformed digest", () => {
    const base = { datasetId: "7d5c3c52-3f3e-4c58-9d7c-2f1f0e1a2b3c", fileSha256: "a".repeat(64), validExamples: 5 };
    expect(saveTokenCountsSchema.safeParse({ ...base, counts: { llama3 } }).success).toBe(true);
    expect(saveTokenCountsSchema.safeParse({ ...base, counts: {} }).success).toBe(false);
    expect(saveTokenCountsSchema.safeParse({ ...base, fileSha256: "A".repeat(64), counts: { llama3 } }).success).toBe(false);
  });
});

describe("datasetTokenCounts", () => {
  it("gives the dataset's own encoding from its columns when nothing else was counted", () => {
    expect([...datasetTokenCounts(row(null))]).toEqual([["o200k_base", { total: 8233, billedPerEpoch: 8000, assistant: 5000 }]]);
  });

  it("adds every stored tokenizer; the columns win over a stored entry for the own encoding; unknown ids are skipped", () => {
    const counts = datasetTokenCounts(row({ llama3, o200k_base: { total: 1, billedPerEpoch: 1, assistant: 1 }, retired_tokenizer: llama3 }));
    expect(Object.fromEntries(counts)).toEqual({ o200k_base: { total: 8233, billedPerEpoch: 8000, assistant: 5000 }, llama3 });
  });

  it("throws on malformed stored figures rather than passing them to a price", () => {
    expect(() => datasetTokenCounts(row({ llama3: { total: "many" } }))).toThrow(/tokenCounts is malformed: llama3/);
    expect(() => parseStoredTokenCounts([1, 2])).toThrow(TypeError);
  });

  it("measures the ratio of another tokenizer to the own count, null when not counted", () => {
    const ratio = measuredTokenRatio(row({ llama3 }), "llama3");
    expect(ratio?.total).toBeCloseTo(9056 / 8233, 10);
    expect(ratio?.billedPerEpoch).toBeCloseTo(1.1, 10);
    expect(ratio?.assistant).toBeCloseTo(1.1, 10);
    expect(measuredTokenRatio(row({ llama3 }), "qwen3")).toBeNull();
    expect(measuredTokenRatio({ ...row({ llama3 }), assistantTokens: 0n }, "llama3")?.assistant).toBeNull();
  });
});

describe("tokenCountsQuerySchema and otherTokenizers", () => {
  it("reads a comma-separated list or all, and names an unknown tokenizer", () => {
    expect(tokenCountsQuerySchema.parse({ tokenizers: "llama3, qwen3,llama3" }).tokenizers).toEqual(["llama3", "qwen3"]);
    expect(tokenCountsQuerySchema.parse({}).tokenizers).toBe("all");
    const bad = tokenCountsQuerySchema.safeParse({ tokenizers: "llama3,gpt2" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/Unknown tokenizer gpt2/);
    expect(otherTokenizers("o200k_base")).toEqual(["cl100k_base", "llama3", "qwen3", "gemma3", "gemini"]);
  });
});
