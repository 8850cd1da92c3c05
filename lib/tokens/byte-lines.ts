import type { LineAccumulator } from "./partial";

const LF = 0x0a;
const CR = 0x0d;
// A carry buffer that grew past this for one huge line is dropped afterwards instead of being kept for the whole run.
const CARRY_KEEP_BYTES = 1 << 20;

/**
 * Cuts UTF-8 bytes into lines for a LineAccumulator. Lines are split on the byte 0x0A (it never occurs inside a
 * multi-byte UTF-8 sequence), so each complete line is decoded on its own with a fatal decoder: invalid bytes become an
 * `invalid_utf8` error on that line instead of a silent U+FFFD, and a literal U+FFFD in the file stays valid. A line
 * spanning chunks is carried in one growable buffer, so memory is bounded by the longest line.
 *
 * Kept apart from `Analyzer` (and free of zod and the cost library) so a worker thread loads only what it runs.
 */
export class ByteLineReader {
  // ignoreBOM keeps a U+FEFF after line 1 in the text, where JSON.parse rejects it: only the file's first BOM is skipped.
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  private carry = new Uint8Array(4_096);
  private carryLength = 0;

  /** `atFileStart`: these bytes begin the file, so a UTF-8 BOM on the first line is skipped. */
  constructor(
    private readonly acc: LineAccumulator,
    private atFileStart: boolean,
  ) {}

  /** Feeds the next bytes. */
  push(chunk: Uint8Array): void {
    this.acc.addBytes(chunk.length);
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(LF, start);
      if (newline < 0) {
        this.appendCarry(chunk.subarray(start));
        return;
      }
      if (this.carryLength === 0) {
        // Whole line inside this chunk: decode in place, no copy.
        this.emitLine(chunk.subarray(start, newline));
      } else {
        this.appendCarry(chunk.subarray(start, newline));
        this.emitLine(this.carry.subarray(0, this.carryLength));
        this.carryLength = 0;
        if (this.carry.length > CARRY_KEEP_BYTES) this.carry = new Uint8Array(4_096);
      }
      start = newline + 1;
    }
  }

  /** Ends the input: the last line may lack a newline; a file ending in "\n" has no extra empty line. */
  end(): void {
    if (this.carryLength > 0) this.emitLine(this.carry.subarray(0, this.carryLength));
    this.carryLength = 0;
  }

  private appendCarry(bytes: Uint8Array): void {
    const needed = this.carryLength + bytes.length;
    if (needed > this.carry.length) {
      // Doubling keeps a line that arrives one byte at a time linear overall.
      const grown = new Uint8Array(Math.max(needed, this.carry.length * 2));
      grown.set(this.carry.subarray(0, this.carryLength));
      this.carry = grown;
    }
    this.carry.set(bytes, this.carryLength);
    this.carryLength = needed;
  }

  private emitLine(bytes: Uint8Array): void {
    let line = bytes;
    if (this.atFileStart) {
      this.atFileStart = false;
      if (line.length >= 3 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    }
    if (line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, line.length - 1);
    let text: string;
    try {
      text = this.decoder.decode(line);
    } catch {
      this.acc.addInvalidUtf8Line();
      return;
    }
    this.acc.addLine(text);
  }
}
