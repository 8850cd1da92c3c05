import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.TUNECOST_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

/**
 * E2E against the production build served by `tunecost serve` (the same entry
 * users run), on its own embedded PostgreSQL wiped before each run.
 * Chromium comes from Debian (`/usr/bin/chromium`); Playwright never downloads one.
 */
export default defineConfig({
  testDir: "tests/e2e",
  // Each test's files (failure screenshots, traces, and what a test writes to testInfo.outputPath(), such as the
  // journey's step screenshots) land in test-results/e2e/<spec>-<test>-chromium/. Playwright empties this folder
  // when a run starts, never when it ends: the last run's files stay, on success too ("always").
  outputDir: "test-results/e2e",
  preserveOutput: "always",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e-report.json" }]] : [["list"], ["json", { outputFile: "test-results/e2e-report.json" }]],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: `node scripts/e2e-server.mjs ${PORT}`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
