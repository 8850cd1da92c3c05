import fc from "fast-check";
import { get_encoding, type Tiktoken as WasmTiktoken } from "tiktoken";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EncodingName, loadTokenCounter, type TokenCounter, withStringCache } from "./token-counter";
import type { TiktokenEncoding } from "./tokenizer-ids";

// The WASM `tiktoken` package is the reference: the counts billed to users must equal OpenAI's own tokenizer.
const encodings: TiktokenEncoding[] = ["o200k_base", "cl100k_base"];
const ours = new Map<EncodingName, TokenCounter>();
const reference = new Map<EncodingName, WasmTiktoken>();

beforeAll(async () => {
  for (const name of encodings) {
    ours.set(name, await loadTokenCounter(name));
    reference.set(name, get_encoding(name));
  }
}, 30_000);

afterAll(() => {
  for (const enc of reference.values()) enc.free();
});

const counterFor = (name: EncodingName): TokenCounter => ours.get(name) as TokenCounter;
// encode(text, [], []): special-token text is not allowed as special and not rejected, so it is ordinary text.
const referenceCount = (name: EncodingName, text: string): number => (reference.get(name) as WasmTiktoken).encode(text, [], []).length;

// Pieces that stress the pre-split regex and the merge: whitespace runs before words, CRLF, digits, contractions,
// CJK, emoji with joiners and skin tones, combining marks, symbols, long repeated runs.
const snippets = fc.constantFrom(
  " ",
  "   ",
  "\n",
  "\n\n",
  "\r\n",
  "\t",
  " \t \n ",
  "\u00a0",
  "\u3000",
  "1234567",
  "3.14159",
  "don't",
  "WE'LL",
  "HelloWorld",
  "snake_case_name",
  "日本語のテキスト",
  "中文字符",
  "한국어",
  "😀",
  "👩‍👩‍👧‍👦",
  "👍🏽",
  "é",
  "e\u0301",
  "Ω≈ç√∫",
  "<|endoftext|>",
  "<|fim_prefix|>",
  "----------",
  "          ",
  "{\"k\": [1, 2]}",
  "مرحبا",
  "Привет",
);
const mixedText = fc
  .array(fc.oneof(fc.string({ unit: "grapheme", maxLength: 12 }), fc.string({ unit: "binary", maxLength: 8 }), snippets), { maxLength: 24 })
  .map((parts) => parts.join(""));

describe.each(encodings)("token counts with %s", (name) => {
  it("equal the tiktoken WASM reference on random Unicode text", () => {
    const counter = counterFor(name);
    fc.assert(
      fc.property(mixedText, (text) => {
        expect(counter.count(text)).toBe(referenceCount(name, text));
      }),
      { numRuns: 400 },
    );
  });

  it("equal the reference on whole-grapheme strings (emoji, CJK, combining marks)", () => {
    const counter = counterFor(name);
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        expect(counter.count(text)).toBe(referenceCount(name, text));
      }),
      { numRuns: 200 },
    );
  });

  it("count special-token text as plain text, like encode(text, [], [])", () => {
    const counter = counterFor(name);
    for (const text of ["<|endoftext|>", "before <|endoftext|> after", "<|fim_prefix|><|fim_middle|>", "<|endofprompt|>"]) {
      const n = counter.count(text);
      expect(n).toBe(referenceCount(name, text));
      // As one special token it would be 1; as text it is several.
      expect(n).toBeGreaterThan(1);
    }
  });

  it("equal the reference on long pieces where the merge does real work", () => {
    const counter = counterFor(name);
    for (const text of [
      " ".repeat(5_000),
      "-".repeat(3_001),
      "a".repeat(2_048),
      "x9".repeat(700),
      "Pneumonoultramicroscopicsilicovolcanoconiosis",
      "\u0000\u0001\u0002\u007f",
      "\ud83d", // a lone surrogate, as JSON.parse can produce from "\ud83d": encoded as U+FFFD on both sides
    ]) {
      expect(counter.count(text)).toBe(referenceCount(name, text));
    }
    expect(counter.count("")).toBe(0);
  });
});

describe("loadTokenCounter", () => {
  it("builds one counter per encoding and shares it", async () => {
    await expect(loadTokenCounter("cl100k_base")).resolves.toBe(counterFor("cl100k_base"));
    expect(counterFor("o200k_base").encoding).toBe("o200k_base");
  });

  it("uses the fast merge over its own copy of the ranks (its self-check passed), not the slow fallback", () => {
    for (const name of encodings) expect(counterFor(name).fastMerge).toBe(true);
  });

  it("rejects an unknown encoding by name", async () => {
    await expect(loadTokenCounter("p50k_base" as EncodingName)).rejects.toThrow(/Unknown encoding "p50k_base"/);
    await expect(loadTokenCounter("toString" as EncodingName)).rejects.toThrow(/Unknown encoding "toString"/);
  });

  it("uses the encoding the caller chose: the two encodings count the same text differently", () => {
    const text = "国際化とローカリゼーションのテスト";
    expect(counterFor("o200k_base").count(text)).not.toBe(counterFor("cl100k_base").count(text));
  });
});

describe("withStringCache", () => {
  it("returns the same counts while calling the inner counter once per cached string", () => {
    let calls = 0;
    const inner: TokenCounter = {
      encoding: "cl100k_base",
      count: (text) => {
        calls++;
        return counterFor("cl100k_base").count(text);
      },
    };
    const cached = withStringCache(inner, { maxEntries: 2, maxLength: 10 });
    const prompt = "You are a helpful assistant.";
    expect(cached.count("system")).toBe(1);
    expect(cached.count("system")).toBe(1);
    expect(calls).toBe(1);
    // Longer than maxLength: never cached.
    expect(cached.count(prompt)).toBe(counterFor("cl100k_base").count(prompt));
    expect(cached.count(prompt)).toBe(counterFor("cl100k_base").count(prompt));
    expect(calls).toBe(3);
    // Full: cleared, then refilled.
    cached.count("user");
    cached.count("assistant");
    cached.count("system");
    expect(calls).toBe(6);
  });
});
