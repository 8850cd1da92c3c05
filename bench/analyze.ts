/**
 * `npm run bench:analyze [-- --mb N]`: the training-file analyzer against the `tiktoken` WASM reference (issue #4).
 *
 * Generates a deterministic chat JSONL of about N MB (default 100) in a temp dir, then measures on that file, in one
 * process: the parallel analyzer end to end (what the CLI and the API run: read, split, worker threads, merge, report),
 * the analyzer on one thread, and the reference counting every string value single-threaded. Prints a table and writes
 * bench/out/analyze.json. A benchmark, not a test: nothing fails on a slow machine.
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { buildReport } from "@/lib/tokens";
import { analyzeFile } from "@/lib/tokens/analyze-file.node.ts";
import { AnalyzerPool, analyzeFileParallel } from "@/lib/tokens/parallel.node.ts";

const { values: args } = parseArgs({
  options: { mb: { type: "string", default: "100" }, seed: { type: "string", default: "4" }, "generate-to": { type: "string" } },
});
const targetMb = Number(args.mb);
if (!(targetMb > 0)) throw new Error("--mb must be a positive number");
const MB = 1_000_000;
const OPTIONS = { encoding: "o200k_base", contextLimit: 65_536 } as const;

// ---------------------------------------------------------------------------------------------------------------
// Data: a seeded PRNG (mulberry32) drives every choice, so a given --mb and --seed always give the same file.

let state = Number(args.seed) >>> 0;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
}
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
// Zipf-like: low indexes far more often, as word frequencies are.
const zipf = <T>(items: readonly T[]): T => items[Math.floor(items.length * random() ** 3)] as T;

const WORDS = (
  "the of and to a in is it you that he was for on are with as I his they be at one have this from or had by not word " +
  "but what some we can out other were all there when up use your how said an each she which do their time if will way " +
  "about many then them write would like so these her long make thing see him two has look more day could go come did " +
  "number sound no most people my over know water than call first who may down side been now find any new work part take " +
  "get place made live where after back little only round man year came show every good me give our under name very " +
  "through just form sentence great think say help low line differ turn cause much mean before move right boy old too " +
  "same tell does set three want air well also play small end put home read hand port large spell add even land here must " +
  "big high such follow act why ask men change went light kind off need house picture try us again animal point mother " +
  "world near build self earth father model training dataset token invoice refund customer order shipping account " +
  "password subscription cancel upgrade billing error request response latency deploy cluster database query index " +
  "function variable parameter return value string integer array object schema validation pipeline evaluation metric"
).split(" ");
const SYLLABLES = "ka lo mi ne ru sa ti vo xe zu pra ste qui dor fen gal hum jor ken lux mar nor pel qua rin sol tur".split(" ");
const CYRILLIC = "привет как дела спасибо пожалуйста заказ доставка счёт оплата вопрос ответ модель данные время деньги работа".split(" ");
const ARABIC = "مرحبا شكرا من فضلك الطلب الشحن الفاتورة الدفع سؤال جواب النموذج البيانات الوقت العمل العميل".split(" ");
const CJK = "你好 谢谢 请问 订单 发货 退款 账户 密码 模型 数据 训练 こんにちは ありがとう 注文 配送 返金 お客様 東京 大阪 問題 回答 안녕하세요 감사합니다 주문 배송".split(" ");
const EMOJI = "😀 🎉 👍 🚀 ✅ ❤️ 🙏 🔥 📦 💳 👩‍💻 🇯🇵".split(" ");
const SYSTEM_PROMPT =
  "You are Ada, the support assistant of Acme Cloud. Answer in the customer's language, be concise and friendly, " +
  "never invent order numbers, prices or policies, and escalate to a human agent when a refund exceeds $500 or the " +
  "customer asks for one. Format code in fenced blocks. Today is 2025-04-14. Policies: refunds within 30 days; " +
  "shipping 3-5 business days; accounts can be closed from Settings → Account → Close account.";
const TOOLS = [
  { type: "function", function: { name: "get_order", description: "Look up an order by its number.", parameters: { type: "object", properties: { order_id: { type: "string", description: "e.g. A-10234" } }, required: ["order_id"] } } },
  { type: "function", function: { name: "refund", description: "Refund an order, fully or in part.", parameters: { type: "object", properties: { order_id: { type: "string" }, amount_usd: { type: "number" } }, required: ["order_id"] } } },
];

const rareWord = () => Array.from({ length: int(2, 4) }, () => pick(SYLLABLES)).join("");
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
function sentence(): string {
  const words: string[] = [];
  const n = int(5, 18);
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.86) words.push(zipf(WORDS));
    else if (r < 0.92) words.push(rareWord()); // a long tail of names and ids, as real text has
    else if (r < 0.97) words.push(String(int(0, r < 0.95 ? 100 : 1_000_000)));
    else words.push(`#${int(1000, 99999)}`);
  }
  return `${capital(words.join(" "))}${pick([".", ".", ".", "?", "!"])}`;
}
function foreign(): string {
  const r = random();
  const n = int(3, 12);
  if (r < 0.35) return Array.from({ length: n }, () => pick(CJK)).join(pick(["", "", "，"])) + "。";
  if (r < 0.6) return capital(Array.from({ length: n }, () => pick(CYRILLIC)).join(" ")) + ".";
  if (r < 0.85) return Array.from({ length: n }, () => pick(ARABIC)).join(" ") + ".";
  return `${sentence()} ${pick(EMOJI)}${pick(EMOJI)}`;
}
function code(): string {
  const name = `${zipf(WORDS)}_${rareWord()}`;
  return pick([
    `\`\`\`python\ndef ${name}(items, limit=${int(1, 500)}):\n    total = 0\n    for i, item in enumerate(items):\n        if item.${zipf(WORDS)} > ${int(0, 99)}:\n            total += item.price * ${random().toFixed(2)}\n    return min(total, limit)\n\`\`\``,
    `\`\`\`js\nconst ${name} = async (id) => {\n  const res = await fetch(\`/api/v1/${zipf(WORDS)}/\${id}\`);\n  if (!res.ok) throw new Error("HTTP " + res.status);\n  return (await res.json()).${zipf(WORDS)} ?? ${int(0, 9999)};\n};\n\`\`\``,
    `\`\`\`sql\nSELECT ${zipf(WORDS)}, count(*) FROM ${name} WHERE created_at > '2025-0${int(1, 9)}-1${int(0, 9)}' GROUP BY 1 ORDER BY 2 DESC LIMIT ${int(5, 100)};\n\`\`\``,
  ]);
}
function text(paragraphs: number): string {
  const parts: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const r = random();
    if (r < 0.12) parts.push(code());
    else if (r < 0.3) parts.push(Array.from({ length: int(1, 3) }, foreign).join(" "));
    else parts.push(Array.from({ length: int(1, 5) }, sentence).join(" "));
  }
  return parts.join("\n\n");
}
function example(): string {
  const messages: unknown[] = [{ role: "system", content: SYSTEM_PROMPT }];
  const withTools = random() < 0.12;
  for (let turns = int(1, 4); turns > 0; turns--) {
    messages.push({ role: "user", content: text(int(1, 3)) });
    if (withTools && turns === 1) {
      const id = `call_${rareWord()}${int(100, 999)}`;
      const order = `A-${int(10000, 99999)}`;
      messages.push({ role: "assistant", content: null, tool_calls: [{ id, type: "function", function: { name: "get_order", arguments: JSON.stringify({ order_id: order }) } }] });
      messages.push({ role: "tool", tool_call_id: id, content: JSON.stringify({ order_id: order, status: pick(["shipped", "pending", "refunded"]), total_usd: int(5, 900) }) });
    }
    messages.push({ role: "assistant", content: text(int(1, 5)), ...(random() < 0.05 ? { weight: 0 } : {}) });
  }
  return JSON.stringify(withTools ? { messages, tools: TOOLS } : { messages });
}

async function generate(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  let examples = 0;
  while (written < bytes) {
    let batch = "";
    while (batch.length < 1 << 20 && written + batch.length < bytes) {
      batch += `${example()}\n`;
      examples++;
    }
    written += Buffer.byteLength(batch);
    if (!out.write(batch)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return examples;
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring

interface Row {
  name: string;
  seconds: number;
  /** CPU time of the whole process (all threads): what the work costs whatever else the machine runs. */
  cpuSeconds: number;
  mbPerSecond: number;
  examplesPerSecond: number;
  peakRssMb: number;
  tokens: number;
}

/** Runs `fn`, sampling the process's RSS (main thread and worker threads alike: they share the process) every 20 ms. */
async function measure(name: string, bytes: number, fn: () => Promise<{ examples: number; tokens: number }>): Promise<Row> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const { examples, tokens } = await fn();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { name, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, mbPerSecond: bytes / MB / seconds, examplesPerSecond: examples / seconds, peakRssMb: peak / 2 ** 20, tokens };
}

async function reference(path: string): Promise<{ examples: number; tokens: number }> {
  const { get_encoding } = await import("tiktoken");
  const encoder = get_encoding(OPTIONS.encoding);
  let tokens = 0;
  let examples = 0;
  // Every string value, as the analyzer counts them; encode_ordinary is encode(text, [], []): special-token text is text.
  const walk = (value: unknown): void => {
    if (typeof value === "string") tokens += encoder.encode_ordinary(value).length;
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(walk);
  };
  try {
    for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
      if (line.trim() === "") continue;
      walk(JSON.parse(line));
      examples++;
    }
  } finally {
    encoder.free();
  }
  return { examples, tokens };
}

if (args["generate-to"]) {
  // The child that writes the file: generating ~100 MB of strings must not inflate the measuring process's RSS.
  const examples = await generate(args["generate-to"], targetMb * MB);
  console.log(examples);
  process.exit(0);
}

// Before anything of ours runs: the benchmark's own threads count in the load average too.
const loadBefore = loadavg()[0] ?? 0;
const dir = mkdtempSync(join(tmpdir(), "tunecost-bench-"));
try {
  const file = join(dir, "chat.jsonl");
  const genStarted = performance.now();
  const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, "--generate-to", file, "--mb", String(targetMb), "--seed", String(args.seed)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.status !== 0) throw new Error(`Generating the file failed (exit ${child.status})`);
  const examples = Number(child.stdout.trim());
  const bytes = statSync(file).size;
  console.log(`Generated ${(bytes / MB).toFixed(1)} MB, ${examples.toLocaleString("en-US")} chat examples in ${((performance.now() - genStarted) / 1000).toFixed(1)} s (seed ${args.seed}).`);
  const baselineRssMb = process.memoryUsage().rss / 2 ** 20;

  const rows: Row[] = [];
  const pool = new AnalyzerPool();
  rows.push(
    await measure(`analyzer, ${pool.size} worker threads (CLI/API path)`, bytes, async () => {
      try {
        const report = buildReport(await analyzeFileParallel(file, OPTIONS, { pool }), OPTIONS);
        return { examples: report.examples, tokens: report.tokens.total };
      } finally {
        await pool.close();
      }
    }),
  );
  // getrusage's peak covers every instant (sampling can miss a spike), and so far only this run has used memory.
  const processPeakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`  ${rows[0]?.name}: ${rows[0]?.mbPerSecond.toFixed(1)} MB/s`);
  rows.push(
    await measure("analyzer, 1 thread", bytes, async () => {
      const report = await analyzeFile(file, OPTIONS);
      return { examples: report.examples, tokens: report.tokens.total };
    }),
  );
  console.log(`  ${rows[1]?.name}: ${rows[1]?.mbPerSecond.toFixed(1)} MB/s`);
  rows.push(await measure("reference: tiktoken WASM, 1 thread", bytes, () => reference(file)));

  const [parallel, single, ref] = rows as [Row, Row, Row];
  const ratio = parallel.mbPerSecond / ref.mbPerSecond;
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (x: number, digits = 1) => x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
  console.log(`\n${pad("", 46)}  ${pad("seconds", 8)}  ${pad("MB/s", 6)}  ${pad("examples/s", 10)}  ${pad("CPU s", 6)}  peak RSS`);
  for (const r of rows) {
    const cells = [pad(num(r.seconds), 8), pad(num(r.mbPerSecond), 6), pad(num(r.examplesPerSecond, 0), 10), pad(num(r.cpuSeconds), 6)];
    console.log(`${pad(r.name, 46)}  ${cells.join("  ")}  ${num(r.peakRssMb, 0)} MB`);
  }
  console.log(`\nanalyzer (parallel) / reference: ${ratio.toFixed(2)}× (target ≥ 2×); one thread: ${(single.mbPerSecond / ref.mbPerSecond).toFixed(2)}×`);
  console.log(
    `peak RSS of the parallel run: ${num(processPeakRssMb, 0)} MB (getrusage; sampled ${num(parallel.peakRssMb, 0)} MB) — target < 256 MB. ` +
      `The whole process: worker threads share it. ${num(baselineRssMb, 0)} MB before the run.`,
  );
  console.log(`cores: ${availableParallelism()} (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}; load average ${loadBefore.toFixed(1)} before the run`);
  if (loadBefore > 0.5) console.log("Other work was running: wall-clock figures may be pessimistic; CPU seconds are not affected.");

  const outDir = join(import.meta.dirname, "out");
  mkdirSync(outDir, { recursive: true });
  const result = {
    date: new Date().toISOString(),
    machine: { cores: availableParallelism(), cpu: cpus()[0]?.model.trim() ?? null, node: process.version, loadAverageBefore: loadBefore },
    file: { bytes, examples, seed: Number(args.seed), encoding: OPTIONS.encoding },
    baselineRssMb,
    processPeakRssMb,
    rows,
    ratioParallelToReference: ratio,
    ratioSingleToReference: single.mbPerSecond / ref.mbPerSecond,
  };
  writeFileSync(join(outDir, "analyze.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Figures written to bench/out/analyze.json`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
