import { Analyzer } from "./analyzer";
import type { Format } from "./example";
import type { AnalyzerOptions } from "./schemas";

/** A run of whole lines of a file, for one worker: its bytes and the line number of its first line. */
export interface Slice {
  bytes: Uint8Array;
  startLine: number;
}

const LF = 0x0a;

/**
 * Cuts a byte stream into slices of about `sliceBytes` that end on a newline, so no line is split between workers.
 * A line longer than a slice stays whole (its slice grows to hold it). Each slice is a copy that owns its ArrayBuffer,
 * so it can be transferred to a worker (and back, to `recycle`); the splitter holds about one slice plus the last chunk,
 * and a chunk may be reused by its producer as soon as `push` returns.
 */
export class SliceSplitter {
  private buffer: Uint8Array;
  private length = 0;
  private nextLine = 1;
  // Buffers of analysed slices, given back by `recycle`: reusing them spares the garbage collector a few MB per slice,
  // which a main thread that allocates little would otherwise leave to pile up as external memory.
  private readonly spare: ArrayBuffer[] = [];

  constructor(private readonly sliceBytes: number) {
    if (!Number.isInteger(sliceBytes) || sliceBytes < 1) throw new RangeError("sliceBytes must be a positive whole number");
    this.buffer = new Uint8Array(sliceBytes);
  }

  /** Adds bytes; returns the slices they completed (often none). */
  push(chunk: Uint8Array): Slice[] {
    this.append(chunk);
    const slices: Slice[] = [];
    let start = 0;
    while (this.length - start >= this.sliceBytes) {
      // The last newline within sliceBytes; for a line longer than that, the newline ending it.
      let cut = this.buffer.lastIndexOf(LF, start + this.sliceBytes - 1);
      if (cut < start) cut = this.buffer.subarray(0, this.length).indexOf(LF, start + this.sliceBytes);
      if (cut < 0) break; // that long line has not ended yet
      slices.push(this.copy(start, cut + 1));
      start = cut + 1;
    }
    if (start > 0) {
      this.buffer.copyWithin(0, start, this.length);
      this.length -= start;
    }
    return slices;
  }

  /** Ends the stream: the last slice (whatever follows the last newline, or everything not yet cut), null if empty. */
  finish(): Slice | null {
    if (this.length === 0) return null;
    const slice = this.copy(0, this.length);
    this.length = 0;
    return slice;
  }

  private append(chunk: Uint8Array): void {
    const needed = this.length + chunk.length;
    if (needed > this.buffer.length) {
      const grown = new Uint8Array(Math.max(needed, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.length);
    this.length = needed;
  }

  /** Gives back a slice's buffer once its analysis is done, for a later slice. */
  recycle(bytes: Uint8Array): void {
    if (bytes.buffer instanceof ArrayBuffer && bytes.buffer.byteLength >= this.sliceBytes && this.spare.length < 8) this.spare.push(bytes.buffer);
  }

  private copy(start: number, end: number): Slice {
    const length = end - start;
    const spare = this.spare.findIndex((b) => b.byteLength >= length);
    const buffer = spare >= 0 ? (this.spare.splice(spare, 1)[0] as ArrayBuffer) : new ArrayBuffer(Math.max(length, this.sliceBytes));
    const bytes = new Uint8Array(buffer, 0, length);
    bytes.set(this.buffer.subarray(start, end));
    const slice = { bytes, startLine: this.nextLine };
    this.nextLine += countNewlines(bytes);
    return slice;
  }
}

function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  for (let at = bytes.indexOf(LF); at >= 0; at = bytes.indexOf(LF, at + 1)) n++;
  return n;
}

/**
 * The format a slice's analysis would detect (that of its first valid example), null when no line is valid. Runs the
 * real `Analyzer` with a counter that counts nothing, line by line until the format is known, so the answer is the
 * workers' by construction. Usually the first line decides; a slice with no valid line costs one JSON.parse per line.
 */
export function probeFormat(slice: Slice, options: Pick<AnalyzerOptions, "encoding" | "contextLimit">): Format | null {
  const probe = new Analyzer(
    { encoding: options.encoding, contextLimit: options.contextLimit, startLine: slice.startLine },
    { encoding: options.encoding, count: () => 0 },
  );
  const { bytes } = slice;
  for (let start = 0; start < bytes.length && probe.detectedFormat === null; ) {
    const newline = bytes.indexOf(LF, start);
    const end = newline < 0 ? bytes.length : newline + 1;
    probe.push(bytes.subarray(start, end));
    start = end;
  }
  if (probe.detectedFormat === null) probe.finishPartial(); // a last line without a newline
  return probe.detectedFormat;
}
