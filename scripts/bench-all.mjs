// `npm run bench`: every benchmark in turn (each prints its figures and its ratio against a reference measured in
// the same run), then one summary of bench/out/*.json. bench:ingest drives the production build: run `npm run build` first.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const benches = ["analyze", "ingest", "alerts"];
const failed = [];
for (const name of benches) {
  console.log(`\n=== bench:${name} ===`);
  const r = spawnSync("npm", ["run", "--silent", `bench:${name}`], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) failed.push(name);
}
console.log("\n=== summary (bench/out/*.json) ===");
for (const name of benches) {
  const file = join(root, "bench", "out", `${name}.json`);
  console.log(`${name}: ${existsSync(file) ? readFileSync(file, "utf8").slice(0, 600) : "no result"}`);
}
if (failed.length) {
  console.error(`\nFailed: ${failed.join(", ")}`);
  process.exit(1);
}
