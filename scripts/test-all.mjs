// `npm test`: unit and integration tests (vitest, real embedded PostgreSQL),
// then the production build, then end-to-end tests (Playwright + Chromium).
// Ends with one line "N passed, N failed" summing every runner.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const results = join(root, "test-results");
rmSync(join(results, "vitest.json"), { force: true });
rmSync(join(results, "e2e-report.json"), { force: true });
mkdirSync(results, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function step(title, cmd, args) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  console.log(`=== ${title}: ${r.status === 0 ? "ok" : `failed (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  return r.status === 0;
}

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);

let passed = 0;
let failed = 0;
let ok = true;

ok = step("type check", bin("tsc"), ["--noEmit"]) && ok;

const vitestOk = step("unit + integration (vitest)", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${join(results, "vitest.json")}`,
]);
ok = vitestOk && ok;
const vitest = readJson(join(results, "vitest.json"));
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
} else {
  failed += 1; // the runner died before reporting
}

const buildOk = step("production build (next build)", bin("next"), ["build"]);
ok = buildOk && ok;
if (buildOk) {
  const e2eOk = step("end-to-end (Playwright, Chromium)", bin("playwright"), ["test"]);
  ok = e2eOk && ok;
  const e2e = readJson(join(results, "e2e-report.json"));
  if (e2e) {
    passed += e2e.stats.expected;
    failed += e2e.stats.unexpected + e2e.stats.flaky;
  } else {
    failed += 1;
  }
} else {
  failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
