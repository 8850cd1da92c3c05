import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Analyzer } from "./analyzer";
import { MAX_STORED_ISSUES, type PartialResult } from "./partial";
import { AnalyzerPool, analyzeStreamParallel, workerKind } from "./parallel.node";
import type { AnalyzerOptions } from "./schemas";
import { probeFormat, SliceSplitter } from "./slices";
import { loadTokenCounter, type TokenCounter } from "./token-counter";

const options: AnalyzerOptions = { encoding: "cl100k_base", contextLimit: 60 };
const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (parts: (string | Uint8Array)[]): Uint8Array => {
  const arrays = parts.map((p) => (typeof p === "string" ? utf8(p) : p));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
};

// Seeded, so a failure reproduces.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const chat = (user: string, assistant: string) =>
  JSON.stringify({ messages: [{ role: "system", content: "Be brief." }, { role: "user", content: user }, { role: "assistant", content: assistant }] });
const TEXTS = ["Hi", "What is 2 + 2?", "日本語で答えて", "Привет, мир", "emoji 😀🎉", "<|endoftext|> as text", "a ".repeat(40)];

/** A file exercising everything a slice boundary can cut through. */
function generateFile(seed: number, lines: number, extra: { bom?: boolean; firstValidAt?: number } = {}): Uint8Array {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const parts: (string | Uint8Array)[] = extra.bom ? ["\ufeff"] : [];
  for (let i = 1; i <= lines; i++) {
    const r = random();
    if (extra.firstValidAt !== undefined && i < extra.firstValidAt) parts.push(i % 2 ? "{not json" : JSON.stringify({ messages: [{ role: "user", content: "no reply" }] }));
    else if (r < 0.55) parts.push(chat(pick(TEXTS), pick(TEXTS)));
    else if (r < 0.62) parts.push(""); // blank
    else if (r < 0.66) parts.push("   \t");
    else if (r < 0.74) parts.push(`{"messages": [${"x".repeat(Math.floor(random() * 40))}`); // invalid JSON
    else if (r < 0.8) parts.push(JSON.stringify({ messages: [{ role: "user", content: pick(TEXTS) }] })); // no assistant
    else if (r < 0.84) parts.push(concat(['{"messages": "', new Uint8Array([0xe6, 0x97]), '"}'])); // invalid UTF-8
    else if (r < 0.88) parts.push(JSON.stringify({ prompt: "Q", completion: "A" })); // other format: an error in a chat file
    else if (r < 0.92) parts.push(chat(pick(TEXTS), "long answer ".repeat(200 + Math.floor(random() * 300)))); // > a slice, over the limit
    else parts.push(chat(pick(TEXTS), `${pick(TEXTS)} ${i}`));
    if (i < lines) parts.push(random() < 0.3 ? "\r\n" : "\n");
  }
  return concat(parts);
}

function* chunks(bytes: Uint8Array, seed: number): Generator<Uint8Array> {
  const random = prng(seed);
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + Math.floor(random() * 700);
    yield bytes.slice(at, at + size);
    at += size;
  }
}

let counter: TokenCounter;
let pool: AnalyzerPool;
let dir: string;
beforeAll(async () => {
  counter = await loadTokenCounter(options.encoding);
  pool = new AnalyzerPool(2);
  dir = mkdtempSync(join(tmpdir(), "tunecost-parallel-"));
}, 30_000);
afterAll(async () => {
  await pool?.close();
  rmSync(dir, { recursive: true, force: true });
});

function onePass(bytes: Uint8Array, opts: AnalyzerOptions = options): PartialResult {
  const analyzer = new Analyzer(opts, counter);
  analyzer.push(bytes);
  return analyzer.finishPartial();
}

describe("SliceSplitter", () => {
  it("cuts after a newline, numbers each slice's first line and loses no byte", () => {
    const bytes = utf8(["a", "", "bb", "ccc\r", "a very long line that is longer than a slice", "d"].join("\n"));
    const splitter = new SliceSplitter(8);
    const slices = [...chunks(bytes, 1)].flatMap((c) => splitter.push(c));
    const last = splitter.finish();
    if (last) slices.push(last);
    expect(concat(slices.map((s) => s.bytes))).toEqual(bytes);
    for (const s of slices.slice(0, -1)) expect(s.bytes.at(-1)).toBe(0x0a);
    const text = new TextDecoder().decode(bytes);
    for (const s of slices) {
      const before = text.slice(0, text.indexOf(new TextDecoder().decode(s.bytes)));
      expect(s.startLine).toBe(before.split("\n").length);
    }
    expect(slices.some((s) => new TextDecoder().decode(s.bytes).includes("a very long line that is longer than a slice\n"))).toBe(true);
  });

  it("gives nothing for an empty stream and no empty last slice after a final newline", () => {
    expect(new SliceSplitter(4).finish()).toBeNull();
    const splitter = new SliceSplitter(4);
    expect(splitter.push(utf8("abc\ndef\n")).map((s) => s.startLine)).toEqual([1, 2]);
    expect(splitter.finish()).toBeNull();
  });
});

describe("probeFormat", () => {
  it("finds the format of the first valid example, as one pass does, BOM included", () => {
    const legacy = utf8(`\ufeff{oops\n${JSON.stringify({ messages: [] })}\r\n${JSON.stringify({ prompt: "Q", completion: "A" })}\n${chat("a", "b")}`);
    expect(probeFormat({ bytes: legacy, startLine: 1 }, options)).toBe("prompt_completion");
    expect(onePass(legacy).format).toBe("prompt_completion");
    expect(probeFormat({ bytes: utf8(`{oops\n\n${JSON.stringify({ messages: [{ role: "user", content: "x" }] })}`), startLine: 7 }, options)).toBeNull();
    expect(probeFormat({ bytes: utf8(`{oops\n${chat("a", "b")}`), startLine: 3 }, options)).toBe("chat");
  });
});

describe("analyzeStreamParallel", () => {
  it.each([
    ["CRLF, blank lines, invalid lines, long lines", 1, 400, {}],
    ["a BOM on line 1", 2, 300, { bom: true }],
    ["no valid example in the first slices", 3, 300, { firstValidAt: 120 }],
  ])("gives the one-pass result on a generated file: %s", async (_, seed, lines, extra) => {
    const bytes = generateFile(seed, lines, extra);
    const expected = onePass(bytes);
    expect(expected.errorCount).toBeGreaterThan(20);
    for (const sliceBytes of [97, 1_024, 1 << 20]) {
      const result = await analyzeStreamParallel(chunks(bytes, seed + sliceBytes), options, { pool, sliceBytes, maxInFlight: 3 });
      expect(result).toEqual(expected);
    }
  });

  it("detects a legacy prompt/completion file from its first slice and validates later slices against it", async () => {
    const lines = [JSON.stringify({ prompt: "Q1", completion: " A1" }), chat("Hi", "Hello"), JSON.stringify({ prompt: "Q2" }), ""];
    const bytes = utf8(Array.from({ length: 50 }, () => lines.join("\n")).join("\n"));
    const expected = onePass(bytes);
    expect(expected.format).toBe("prompt_completion");
    await expect(analyzeStreamParallel([bytes], options, { pool, sliceBytes: 64 })).resolves.toEqual(expected);
  });

  it("keeps the first 1,000 errors across slices and counts them all", async () => {
    const bytes = utf8(Array.from({ length: 1_500 }, (_, i) => (i % 3 === 0 ? chat("a", "b") : `{bad ${i}`)).join("\n"));
    const result = await analyzeStreamParallel([bytes], options, { pool, sliceBytes: 2_000 });
    expect(result.errors).toHaveLength(MAX_STORED_ISSUES);
    expect(result.errorCount).toBe(1_000);
    expect(result).toEqual(onePass(bytes));
    const more = utf8(Array.from({ length: 1_200 }, (_, i) => `{bad ${i}`).join("\n"));
    const capped = await analyzeStreamParallel([more], options, { pool, sliceBytes: 2_000 });
    expect(capped.errors).toHaveLength(MAX_STORED_ISSUES);
    expect(capped.errors.at(-1)?.line).toBe(1_000);
    expect(capped.errorCount).toBe(1_200);
  });

  it("gives the one-pass result for an empty file and a file of one unterminated line", async () => {
    await expect(analyzeStreamParallel([], options, { pool })).resolves.toEqual(onePass(new Uint8Array(0)));
    const one = utf8(chat("Hi", "there"));
    await expect(analyzeStreamParallel([one], options, { pool, sliceBytes: 16 })).resolves.toEqual(onePass(one));
  });

  it("reads no further while the maximum of slices is in flight (bounded memory)", async () => {
    const bytes = generateFile(9, 2_000);
    let pulled = 0;
    let maxAhead = 0;
    function* source() {
      for (const chunk of chunks(bytes, 9)) {
        pulled += chunk.length;
        yield chunk;
      }
    }
    const sliceBytes = 4_096;
    const result = await analyzeStreamParallel(source(), options, {
      pool,
      sliceBytes,
      maxInFlight: 2,
      onProgress: (p) => {
        maxAhead = Math.max(maxAhead, pulled - p.bytesRead);
      },
    });
    expect(result.bytes).toBe(bytes.length);
    // In flight: 2 slices, plus the splitter's partial slice and one chunk; a slice can exceed sliceBytes by its last line.
    expect(maxAhead).toBeLessThan(4 * sliceBytes + 2 * 6_000);
  });

  it("streams a file from disk with progress, and fails (not hangs) when a worker cannot start", async () => {
    const file = join(dir, "train.jsonl");
    const bytes = generateFile(5, 500);
    writeFileSync(file, bytes);
    const { analyzeFileParallel } = await import("./parallel.node");
    const progress: number[] = [];
    const result = await analyzeFileParallel(file, options, { pool, sliceBytes: 8_192, onProgress: (p) => progress.push(p.bytesRead) });
    expect(result).toEqual(onePass(bytes));
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBe(bytes.length);

    const broken = join(dir, "broken-worker.mjs");
    writeFileSync(broken, "throw new Error('cannot start');\n");
    const brokenPool = new AnalyzerPool(2, broken);
    try {
      await expect(analyzeStreamParallel([bytes], options, { pool: brokenPool, sliceBytes: 1_024 })).rejects.toThrow(/cannot start/);
    } finally {
      await brokenPool.close();
    }
  });
});

describe("the pool with an @lenml tokenizer", () => {
  const llama: AnalyzerOptions = { encoding: "llama3", contextLimit: 60 };
  let llamaCounter: TokenCounter;
  beforeAll(async () => {
    llamaCounter = await loadTokenCounter("llama3");
  }, 60_000);
  const onePassWith = (bytes: Uint8Array, opts: AnalyzerOptions, with_: TokenCounter): PartialResult => {
    const analyzer = new Analyzer(opts, with_);
    analyzer.push(bytes);
    return analyzer.finishPartial();
  };
  const bedrock = (user: string, assistant: string) =>
    JSON.stringify({
      schemaVersion: "bedrock-conversation-2024",
      system: [{ text: "Be brief." }],
      messages: [
        { role: "user", content: [{ text: user }] },
        { role: "assistant", content: [{ text: assistant }] },
      ],
    });

  it("gives the one-pass result for a llama3 file, in chat and in Bedrock's format", async () => {
    const chatFile = generateFile(11, 300);
    const expected = onePassWith(chatFile, llama, llamaCounter);
    expect(expected.validExamples).toBeGreaterThan(100);
    for (const sliceBytes of [1_024, 1 << 20]) {
      await expect(analyzeStreamParallel(chunks(chatFile, 11), llama, { pool, sliceBytes })).resolves.toEqual(expected);
    }
    expect(pool.workerKinds).toEqual(["llama3", "llama3"]);

    const random = prng(12);
    const lines = Array.from({ length: 300 }, (_, i) => {
      const r = random();
      // No valid example in the first slices: later slices must still detect the format as one pass does.
      if (i < 40) return i % 2 ? "{not json" : JSON.stringify({ schemaVersion: "bedrock-conversation-2024", messages: [{ role: "user", content: [{ text: "no reply" }] }] });
      if (r < 0.7) return bedrock(TEXTS[i % TEXTS.length] as string, `${TEXTS[(i * 7) % TEXTS.length]} ${i}`);
      if (r < 0.8) return JSON.stringify({ messages: [{ role: "user", content: "chat in a Bedrock file" }, { role: "assistant", content: "x" }] });
      return r < 0.9 ? "" : bedrock("Hi", "long answer ".repeat(40));
    });
    const bedrockFile = utf8(lines.join("\n"));
    const expectedBedrock = onePassWith(bedrockFile, llama, llamaCounter);
    expect(expectedBedrock.format).toBe("bedrock_conversation");
    expect(expectedBedrock.formatLine).toBeGreaterThan(40);
    expect(expectedBedrock.errorCount).toBeGreaterThan(40);
    await expect(analyzeStreamParallel([bedrockFile], llama, { pool, sliceBytes: 2_048 })).resolves.toEqual(expectedBedrock);
  }, 120_000);

  it("keeps one @lenml tokenizer per worker: switching tokenizers replaces idle workers", async () => {
    expect(workerKind("o200k_base")).toBe("tiktoken");
    expect(workerKind("cl100k_base")).toBe("tiktoken");
    expect(workerKind("llama3")).toBe("llama3");
    expect(workerKind("qwen3")).not.toBe(workerKind("llama3"));
    const bytes = generateFile(13, 200);
    // Back to tiktoken on the same pool: the idle llama3 workers are ended, tiktoken ones started, and counts are right.
    await expect(analyzeStreamParallel([bytes], options, { pool, sliceBytes: 1_024 })).resolves.toEqual(onePass(bytes));
    expect(pool.workerKinds).toEqual(["tiktoken", "tiktoken"]);
    // Both tiktoken encodings share workers (two small rank tables fit one worker's heap).
    const o200k: AnalyzerOptions = { ...options, encoding: "o200k_base" };
    await expect(analyzeStreamParallel([bytes], o200k, { pool, sliceBytes: 1_024 })).resolves.toEqual(
      onePassWith(bytes, o200k, await loadTokenCounter("o200k_base")),
    );
    expect(pool.workerKinds).toEqual(["tiktoken", "tiktoken"]);
  }, 60_000);
});
