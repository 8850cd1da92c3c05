// `npm run bench`: every benchmark in turn (each prints its own figures against a reference measured in the same run),
// then one table of the headline figures and ratios, also written to bench/results.json. bench:ingest and
// bench:dashboard drive the production build: it is built first when missing. `npm run bench -- --only dashboard,alerts`
// runs some of them; the table then shows the others from their last results in bench/out/, with their date.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ALL = ["analyze", "ingest", "alerts", "dashboard"];
const { values } = parseArgs({ options: { only: { type: "string" } } });
const benches = values.only ? values.only.split(",").map((s) => s.trim()) : ALL;
const unknown = benches.filter((b) => !ALL.includes(b));
if (unknown.length) {
  console.error(`Unknown benchmark(s): ${unknown.join(", ")}. Known: ${ALL.join(", ")}.`);
  process.exit(2);
}

if (benches.some((b) => b === "ingest" || b === "dashboard") && !existsSync(join(root, ".next", "BUILD_ID"))) {
  console.log("\n=== npm run build (the production build the HTTP benchmarks drive) ===");
  if (spawnSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" }).status !== 0) process.exit(1);
}

const failed = [];
for (const name of benches) {
  console.log(`\n=== bench:${name} ===`);
  const r = spawnSync("npm", ["run", "--silent", `bench:${name}`], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) failed.push(name);
}

const read = (name) => {
  const file = join(root, "bench", "out", `${name}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const rows = [];
const add = (benchmark, measure, value, unit, reference, referenceValue, ratio, target, date) =>
  rows.push({ benchmark, measure, value: round(value), unit, reference, referenceValue: round(referenceValue), ratio: round(ratio, 2), target, date });

const analyze = read("analyze");
if (analyze) {
  const [parallel, single, ref] = analyze.rows;
  add("analyze", parallel.name, parallel.mbPerSecond, "MB/s", ref.name, ref.mbPerSecond, analyze.ratioParallelToReference, "≥ 2×", analyze.date);
  add("analyze", single.name, single.mbPerSecond, "MB/s", ref.name, ref.mbPerSecond, analyze.ratioSingleToReference, "", analyze.date);
}
const ingest = read("ingest");
if (ingest) {
  const copy = ingest.copy.scratchTable.recordsPerSecond;
  add("ingest", "POST /usage:batch, one client", ingest.api.sequential.recordsPerSecond, "records/s", "COPY into a scratch table", copy, ingest.ratio.oneClientVsCopy, "≥ 0.30", ingest.date);
  add("ingest", "POST /usage:batch, two clients", ingest.api.twoClients.recordsPerSecond, "records/s", "COPY into a scratch table", copy, ingest.ratio.twoClientsVsCopy, "≥ 0.30", ingest.date);
}
const alerts = read("alerts");
if (alerts) {
  const at = (n) => alerts.results.find((r) => r.models === n);
  const [small, large] = [at(20), at(200)];
  if (small && large) {
    add("alerts", "evaluation after one write, 200 models (median)", large.perWriteEvaluationMs.median, "ms", "the same, 20 models", small.perWriteEvaluationMs.median, alerts.perWriteRatio200to20, "flat (≈ 1×)", alerts.date);
  }
}
const dashboard = read("dashboard");
if (dashboard) {
  const health = dashboard.pages.find((p) => p.path === "/api/health");
  for (const p of dashboard.pages.filter((q) => q !== health)) {
    add("dashboard", `${p.name} p95, ${dashboard.connections} clients`, p.p95Ms, "ms", "/api/health p95", health.p95Ms, p.p95Ms / health.p95Ms, p.name === "team dashboard" ? "< 250 ms" : "", dashboard.date);
  }
}

const machine = { cpus: cpus().length, cpu: cpus()[0]?.model.trim() ?? "unknown", node: process.version };
const header = ["benchmark", "measure", "value", "reference (same run)", "ratio", "target", "measured"];
const lines = rows.map((r) => [r.benchmark, r.measure, `${r.value.toLocaleString("en-US")} ${r.unit}`, `${r.reference}: ${r.referenceValue.toLocaleString("en-US")} ${r.unit}`, `${r.ratio}×`, r.target, r.date.slice(0, 16).replace("T", " ")]);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
const fmt = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(`\n=== summary: ${machine.cpus} cores (${machine.cpu}), Node ${machine.node} ===\n`);
console.log([fmt(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...lines.map(fmt)].join("\n"));
writeFileSync(join(root, "bench", "results.json"), `${JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 2)}\n`);
console.log("\nWritten to bench/results.json (the benchmarks' own figures: bench/out/*.json).");
if (failed.length) {
  console.error(`\nFailed: ${failed.join(", ")}`);
  process.exit(1);
}
