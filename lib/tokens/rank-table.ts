/** Returned by `RankTable.get` for bytes that are not a token. */
export const NO_RANK = 0xffff_ffff;

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) BASE64_VALUE[BASE64.charCodeAt(i)] = i;

/** Calls `token(from, to, rank)` for each base64 token of js-tiktoken's rank format: lines "<tag> <first rank> <token>…". */
function forEachToken(text: string, token: (from: number, to: number, rank: number) => void): void {
  for (let line = 0; line < text.length; ) {
    let end = text.indexOf("\n", line);
    if (end < 0) end = text.length;
    const afterTag = text.indexOf(" ", line);
    if (afterTag >= 0 && afterTag < end) {
      let at = text.indexOf(" ", afterTag + 1);
      if (at < 0 || at > end) at = end;
      const first = Number.parseInt(text.slice(afterTag + 1, at), 10);
      if (!Number.isInteger(first)) throw new Error("Unexpected rank data: no first rank on a line");
      for (let rank = first; at < end; rank++) {
        let next = text.indexOf(" ", at + 1);
        if (next < 0 || next > end) next = end;
        if (next > at + 1) token(at + 1, next, rank);
        at = next;
      }
    }
    line = end + 1;
  }
}

/**
 * A tokenizer's merge ranks as an open-addressing hash table over byte strings, in five typed arrays: about 5 MB for
 * o200k_base, where a Map keyed by strings takes ~20 MB and js-tiktoken's encoder ~130 MB (it also keeps a Uint8Array
 * per token for decoding, which counting never needs). Lookups hash a byte range in place, so merging a piece
 * allocates nothing. Built from js-tiktoken's own rank data (`TiktokenBPE.bpe_ranks`).
 */
export class RankTable {
  /** Distinct tokens. */
  readonly size: number;
  private readonly bytes: Uint8Array; // every token's bytes, back to back
  private readonly starts: Uint32Array; // token i is bytes[starts[i], starts[i + 1])
  private readonly ranks: Uint32Array;
  private readonly slots: Int32Array; // token index + 1; 0 is an empty slot
  private readonly mask: number;

  constructor(bpeRanks: string) {
    let tokens = 0;
    let totalBytes = 0;
    forEachToken(bpeRanks, (from, to) => {
      tokens++;
      totalBytes += decodedLength(bpeRanks, from, to);
    });
    this.bytes = new Uint8Array(totalBytes);
    this.starts = new Uint32Array(tokens + 1);
    this.ranks = new Uint32Array(tokens);
    let capacity = 1;
    while (capacity < tokens * 2) capacity *= 2; // load ≤ 0.5 keeps probes short
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;

    let count = 0;
    let at = 0;
    forEachToken(bpeRanks, (from, to, rank) => {
      const start = at;
      at = decodeBase64(bpeRanks, from, to, this.bytes, at);
      const slot = this.find(this.bytes, start, at);
      const existing = this.slots[slot] as number;
      if (existing !== 0) {
        this.ranks[existing - 1] = rank; // a repeated token: the later rank wins, as in js-tiktoken's map
        at = start;
        return;
      }
      this.starts[count] = start;
      this.starts[count + 1] = at;
      this.ranks[count] = rank;
      this.slots[slot] = ++count;
    });
    this.size = count;
  }

  /** The rank of the token whose bytes are `source[from, to)`, or NO_RANK. */
  get(source: Uint8Array, from: number, to: number): number {
    const entry = this.slots[this.find(source, from, to)] as number;
    return entry === 0 ? NO_RANK : (this.ranks[entry - 1] as number);
  }

  /** The slot holding these bytes, or the empty slot where they would go. */
  private find(source: Uint8Array, from: number, to: number): number {
    // FNV-1a over the bytes.
    let hash = 0x811c9dc5;
    for (let i = from; i < to; i++) hash = Math.imul(hash ^ (source[i] as number), 0x01000193);
    const length = to - from;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return slot;
      const start = this.starts[entry - 1] as number;
      if ((this.starts[entry] as number) - start === length && this.equal(start, source, from, length)) return slot;
    }
  }

  private equal(start: number, source: Uint8Array, from: number, length: number): boolean {
    const bytes = this.bytes;
    for (let i = 0; i < length; i++) if (bytes[start + i] !== source[from + i]) return false;
    return true;
  }
}

function decodedLength(text: string, from: number, to: number): number {
  let padding = 0;
  if (text.charCodeAt(to - 1) === 61) padding++; // "="
  if (text.charCodeAt(to - 2) === 61) padding++;
  return Math.floor(((to - from) * 3) / 4) - padding;
}

/** Decodes base64 text[from, to) into out at `at`; returns the end. Throws on a character outside the alphabet. */
function decodeBase64(text: string, from: number, to: number, out: Uint8Array, at: number): number {
  let bits = 0;
  let buffered = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 61) break; // "=": padding
    const value = code < 128 ? (BASE64_VALUE[code] as number) : -1;
    if (value < 0) throw new Error("Unexpected rank data: not base64");
    bits = (bits << 6) | value;
    buffered += 6;
    if (buffered >= 8) {
      buffered -= 8;
      out[at++] = (bits >> buffered) & 0xff;
    }
  }
  return at;
}
