import { Tiktoken, type TiktokenBPE } from "js-tiktoken/lite";
import { createLenmlCounter, LENML_LOADERS } from "./lenml-counter";
import { NO_RANK, RankTable } from "./rank-table";
import { isTiktokenEncoding, isTokenizerId, TOKENIZER_IDS, type TiktokenEncoding, type TokenizerId } from "./tokenizer-ids";

/** The tokenizer a count uses; the caller takes it from the price catalog by base model. Alias of `TokenizerId`. */
export type EncodingName = TokenizerId;

/** Every supported tokenizer, for zod enums and UI pickers. */
export const ENCODING_NAMES = TOKENIZER_IDS;

/**
 * Counts the tokens of plain text. tiktoken encodings count special-token text such as `<|endoftext|>` as ordinary
 * text; the `@lenml` tokenizers match it as the special token, as their Hugging Face originals do.
 */
export interface TokenCounter {
  readonly encoding: TokenizerId;
  count(text: string): number;
  /** tiktoken only. False when the fast merge is off and js-tiktoken's public encode() counts instead (same counts, ~5× slower). */
  readonly fastMerge?: boolean;
}

// Dynamic imports so a browser bundle splits each rank table (several MB) into its own chunk and a Web Worker
// downloads only the encoding it is asked for. `js-tiktoken/lite` is used because the package root imports every table.
const RANK_LOADERS: Record<TiktokenEncoding, () => Promise<{ default: TiktokenBPE }>> = {
  o200k_base: () => import("js-tiktoken/ranks/o200k_base"),
  cl100k_base: () => import("js-tiktoken/ranks/cl100k_base"),
};

// One counter per tokenizer per process/worker: building a tiktoken encoder takes 0.3-1.5 s and ~50 MB, an @lenml
// tokenizer 1-4 s and 60-270 MB of heap.
const loaded = new Map<TokenizerId, Promise<TokenCounter>>();

/** The shared counter for `encoding`, built on first use (lazy singleton per process or worker; only that tokenizer is loaded). */
export function loadTokenCounter(encoding: TokenizerId): Promise<TokenCounter> {
  const build = counterBuilder(encoding);
  if (build === undefined) return Promise.reject(new RangeError(`Unknown encoding "${String(encoding)}"`));
  let counter = loaded.get(encoding);
  if (counter === undefined) {
    counter = build();
    // A failed chunk load (e.g. offline browser) must not poison later attempts.
    counter.catch(() => loaded.delete(encoding));
    loaded.set(encoding, counter);
  }
  return counter;
}

// isTokenizerId compares with the list, so names such as "toString" (Object.prototype members) are unknown, not found.
function counterBuilder(encoding: string): (() => Promise<TokenCounter>) | undefined {
  if (!isTokenizerId(encoding)) return undefined;
  if (isTiktokenEncoding(encoding)) return () => RANK_LOADERS[encoding]().then((module) => createTokenCounter(encoding, module.default));
  return () => LENML_LOADERS[encoding]().then((module) => createLenmlCounter(encoding, module.fromPreTrained()));
}

/** Builds a tiktoken counter from an already-loaded rank table; prefer `loadTokenCounter`, which shares one per encoding. */
export function createTokenCounter(encoding: TiktokenEncoding, ranks: TiktokenBPE): TokenCounter {
  return new PieceCounter(encoding, ranks);
}

// Past this many cached pieces the cache is cleared rather than evicted one by one: an LRU costs more per hit than a
// rare refill, and word frequencies are Zipfian, so the hot pieces come back within a few lines. ~100k short strings
// is ~10 MB, acceptable in a browser worker.
const PIECE_CACHE_MAX_ENTRIES = 100_000;
// Long pieces (whitespace runs, rows of dashes) are rare and would pin memory.
const PIECE_CACHE_MAX_LENGTH = 256;

// Exercises ASCII, Latin-1, CJK, emoji (4-byte UTF-8), whitespace runs, contractions and special-token text, so a
// js-tiktoken release that changes its rank data's format is caught before counting a single line.
const SELF_CHECK_TEXT =
  "Hello, world! It's 2025-04-14; naïve café costs 12345.67 € — 日本語のテキスト 😀🎉👩‍👩‍👧 \n\n\t  x<|endoftext|>y {\"a\": [1, 2]}";
// What the tiktoken WASM reference gives for SELF_CHECK_TEXT (encode_ordinary), and each encoding's vocabulary size.
// Counting only needs the order of ranks, so these are what must hold. Wrong values turn the fast path off, which
// token-counter.test.ts ("fastMerge") reports.
const SELF_CHECK: Record<TiktokenEncoding, { tokens: number; vocabulary: number }> = {
  o200k_base: { tokens: 61, vocabulary: 199_998 },
  cl100k_base: { tokens: 70, vocabulary: 100_256 },
};

/**
 * Tokenizes like tiktoken (pre-split with the encoding's regex, byte-pair-merge each piece) but only counts, and
 * remembers the count of each piece. Splitting the text and merging each piece independently is exactly what
 * tiktoken does, so per-piece memoisation cannot change a count.
 *
 * Why not just `encoder.encode(text).length`: js-tiktoken rebuilds two regexes per call and joins byte arrays into
 * strings on every merge step; measured here it runs at ~1.5 MB/s, below the WASM reference, and its encoder takes
 * ~130 MB per thread. The piece cache makes the common case one Map lookup per piece, and misses run a merge over our
 * own compact copy of the ranks (`RankTable`, ~5 MB). js-tiktoken's public `encode(piece, [], [])` is the fallback
 * when that copy fails its self-check (a changed rank-data format).
 */
class PieceCounter implements TokenCounter {
  readonly encoding: TiktokenEncoding;
  private readonly bpe: TiktokenBPE;
  private readonly pattern: RegExp;
  private readonly ranks: RankTable | null;
  private encoder: Tiktoken | undefined;
  private readonly pieces = new Map<string, number>();
  private readonly utf8 = new TextEncoder();
  // The current piece's UTF-8 bytes; reused, so a cache miss allocates nothing for ordinary pieces.
  private scratch = new Uint8Array(1_024);

  constructor(encoding: TiktokenEncoding, bpe: TiktokenBPE) {
    this.encoding = encoding;
    this.bpe = bpe;
    // Same pattern and flags js-tiktoken's encode() uses, so the split is identical.
    this.pattern = new RegExp(bpe.pat_str, "gu");
    let ranks: RankTable | null;
    try {
      ranks = new RankTable(bpe.bpe_ranks);
    } catch {
      ranks = null;
    }
    this.ranks = ranks;
    const expected = SELF_CHECK[encoding];
    if (ranks !== null && (ranks.size !== expected.vocabulary || this.countUncached(SELF_CHECK_TEXT) !== expected.tokens)) this.ranks = null;
  }

  get fastMerge(): boolean {
    return this.ranks !== null;
  }

  count(text: string): number {
    if (text.length === 0) return 0;
    // A global regex with String#match returns every piece in one call; V8 optimises this far better than an
    // exec() loop. tiktoken's patterns never match the empty string, so this cannot loop or skip text differently.
    const matches = text.match(this.pattern);
    if (matches === null) return 0;
    const cache = this.pieces;
    let total = 0;
    for (let i = 0; i < matches.length; i++) {
      const piece = matches[i] as string;
      let n = cache.get(piece);
      if (n === undefined) {
        n = this.countPiece(piece);
        if (piece.length <= PIECE_CACHE_MAX_LENGTH) {
          if (cache.size >= PIECE_CACHE_MAX_ENTRIES) cache.clear();
          // V8 returns match results of 13+ characters as slices that keep the whole matched text alive; caching
          // one would pin an entire message (measured: 300 cached pieces held 300 MB). Concatenating and slicing
          // again forces a copy the size of the piece.
          cache.set(piece.length >= 13 ? ` ${piece}`.slice(1) : piece, n);
        }
      }
      total += n;
    }
    return total;
  }

  private countUncached(text: string): number {
    return (text.match(this.pattern) ?? []).reduce((n, piece) => n + this.countPiece(piece), 0);
  }

  /** Number of tokens of one pre-split piece: tiktoken's `_byte_pair_merge`, counting the parts left at the end. */
  private countPiece(piece: string): number {
    const ranks = this.ranks;
    if (ranks === null) {
      // Empty allowed AND disallowed special sets: special-token text is encoded as ordinary text, never thrown on.
      this.encoder ??= new Tiktoken(this.bpe);
      return this.encoder.encode(piece, [], []).length;
    }
    const bytes = this.pieceBytes(piece);
    const n = bytes.length;
    if (n <= 1) return n;
    if (ranks.get(bytes, 0, n) !== NO_RANK) return 1;

    // Boundaries of the current parts (parts[len - 1] === n) and, for each part i, the rank of merging it with part
    // i + 1. Merging always takes the lowest rank, leftmost on ties, exactly as tiktoken does.
    const parts = new Uint32Array(n + 1);
    for (let i = 0; i <= n; i++) parts[i] = i;
    const pairRank = new Uint32Array(n);
    let len = n + 1;
    const rankAt = (i: number): number => (i + 2 >= len ? NO_RANK : ranks.get(bytes, parts[i] as number, parts[i + 2] as number));
    for (let i = 0; i < len - 1; i++) pairRank[i] = rankAt(i);

    while (len > 2) {
      let best = NO_RANK;
      let bestAt = -1;
      for (let i = 0; i < len - 2; i++) {
        const r = pairRank[i] as number;
        if (r < best) {
          best = r;
          bestAt = i;
        }
      }
      if (bestAt < 0) break;
      parts.copyWithin(bestAt + 1, bestAt + 2, len);
      pairRank.copyWithin(bestAt + 1, bestAt + 2, len - 1);
      len--;
      pairRank[bestAt] = rankAt(bestAt);
      if (bestAt > 0) pairRank[bestAt - 1] = rankAt(bestAt - 1);
    }
    return len - 1;
  }

  /** The piece's UTF-8 bytes (a view of the scratch buffer). Lone surrogates become U+FFFD, as in tiktoken. */
  private pieceBytes(piece: string): Uint8Array {
    const maxBytes = piece.length * 3;
    // A rare huge piece (a long run of spaces or dashes) gets its own buffer rather than growing the kept one.
    const buffer = maxBytes <= this.scratch.length ? this.scratch : maxBytes <= 65_536 ? (this.scratch = new Uint8Array(maxBytes)) : new Uint8Array(maxBytes);
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      if (c > 0x7f) return buffer.subarray(0, this.utf8.encodeInto(piece, buffer).written);
      buffer[i] = c;
    }
    return buffer.subarray(0, piece.length);
  }
}

/** Options of `withStringCache`. */
export interface StringCacheOptions {
  /** Entries kept before the cache is cleared. */
  maxEntries?: number;
  /** Strings longer than this (UTF-16 units) are counted without caching. */
  maxLength?: number;
}

/**
 * Wraps a counter with a bounded cache of whole strings, for values repeated across examples (a shared system prompt,
 * role names, tool schemas). One per analysis, so an analysis's strings are released when it ends.
 */
export function withStringCache(counter: TokenCounter, options: StringCacheOptions = {}): TokenCounter {
  const maxEntries = options.maxEntries ?? 2_048;
  // 2,048 × 4,096 UTF-16 units bounds the retained text at 16 MB.
  const maxLength = options.maxLength ?? 4_096;
  const cache = new Map<string, number>();
  return {
    encoding: counter.encoding,
    count(text: string): number {
      if (text.length > maxLength) return counter.count(text);
      let n = cache.get(text);
      if (n === undefined) {
        n = counter.count(text);
        if (cache.size >= maxEntries) cache.clear();
        cache.set(text, n);
      }
      return n;
    },
  };
}
