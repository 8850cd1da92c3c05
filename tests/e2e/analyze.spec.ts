import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { formError, signUp } from "./support";

const COOKBOOK_SAMPLE = join(process.cwd(), "..", "shared", "datasets", "toy_chat_fine_tuning.jsonl");

async function openAnalyzer(page: Page): Promise<void> {
  await signUp(page);
  await page.goto("/estimate/analyze");
  await expect(page.getByRole("heading", { level: 1, name: "Analyze a training file" })).toBeVisible();
}

/** The value of a summary figure, found by its term. */
function stat(page: Page, term: string) {
  const summary = page.getByRole("region", { name: "Summary" });
  return summary.locator("dl > div").filter({ has: page.locator("dt", { hasText: new RegExp(`^${term}$`) }) }).locator("dd").first();
}

test("a file with errors shows them by line, with the column for invalid JSON", async ({ page }) => {
  await openAnalyzer(page);
  const jsonl = [
    JSON.stringify({ messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello" }] }),
    '{"messages": [{"role": "user", "content": "Hi"}',
    JSON.stringify({ messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }] }),
  ].join("\n");
  await page.getByLabel("Training file").setInputFiles({ name: "broken.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(jsonl) });

  const errors = page.getByRole("table", { name: "Errors by line" });
  const invalid = errors.getByRole("row").filter({ hasText: "invalid_json" });
  // Line 2 ends after 47 characters, so the JSON scanner reports the end of input at column 48.
  await expect(invalid.getByRole("cell")).toHaveText(["2", "48", /^invalid_json.*line is not valid JSON/]);
  const missing = errors.getByRole("row").filter({ hasText: "example_missing_assistant_message" });
  await expect(missing.getByRole("cell").first()).toHaveText("3");
  await expect(stat(page, "Errors")).toHaveText("2");
  await expect(stat(page, "Valid examples")).toHaveText("1");
  await expect(page.getByRole("region", { name: "Summary" })).toContainText("of 3 examples");
});

test("the cookbook sample is priced on gpt-3.5-turbo with the catalog's context limit", async ({ page }) => {
  await openAnalyzer(page);
  await page.getByLabel("Base model").selectOption("gpt-3.5-turbo-0125");
  await page.getByLabel("Training file").setInputFiles(COOKBOOK_SAMPLE);

  // The cookbook's 4,306 billed tokens assume a 4,096-token limit, which truncates its one 8,032-token example.
  // The catalog gives gpt-3.5-turbo-0125 a 16,385-token training limit, so nothing is truncated: all 8,242 tokens
  // are billed, × 20 default epochs (5 examples) = 164,840 trained tokens, × $8.00 / 1M = $1.31872 → $1.32.
  await expect(stat(page, "Billed per epoch")).toHaveText("8,242");
  await expect(stat(page, "Epochs")).toHaveText("20");
  await expect(page.getByRole("region", { name: "Summary" })).toContainText("OpenAI's default");
  await expect(stat(page, "Trained tokens")).toHaveText("164,840");
  await expect(stat(page, "Training cost")).toHaveText("$1.32");
  await expect(stat(page, "Over the limit")).toHaveText("0");

  const costs = page.getByRole("table", { name: "Training cost by base model" });
  await expect(costs.getByRole("row", { name: /^gpt-3\.5-turbo-0125/ }).getByRole("cell")).toHaveText(["16,385", "8,242", "20", "164,840", "$1.32"]);
  // gpt-4-turbo also counts with cl100k_base but has no price in the default (OpenAI) price set.
  await expect(costs.getByRole("row", { name: /^gpt-4-turbo/ })).toContainText("No price in this price set");
  await expect(costs.getByRole("row", { name: /^gpt-4o-mini-2024-07-18/ })).toContainText("Counts with o200k_base");
  await expect(page.getByRole("img", { name: /Histogram of tokens per example/ })).toBeVisible();

  await page.screenshot({ path: "test-results/screens/analyze.png", fullPage: true });
});

test("saving the figures adds a dataset to the list; saving again says it is already saved", async ({ page }) => {
  await openAnalyzer(page);
  await expect(page.getByText("No saved datasets yet")).toBeVisible();
  await page.getByLabel("Training file").setInputFiles(COOKBOOK_SAMPLE);

  await expect(page.getByLabel("Dataset name")).toHaveValue("toy_chat_fine_tuning");
  await page.getByLabel("Dataset name").fill("Cookbook toy chat");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved “Cookbook toy chat”")).toBeVisible();
  const saved = page.getByRole("table", { name: "Saved datasets, newest first" });
  const row = saved.getByRole("row", { name: /Cookbook toy chat/ });
  // The default gpt-4o-mini counts with o200k_base: 8,233 tokens (none over its 65,536 limit) × 20 epochs = 164,660
  // trained tokens × $3.00 / 1M = $0.49398 → $0.49.
  await expect(row).toContainText("gpt-4o-mini-2024-07-18");
  await expect(row).toContainText("164,660");
  await expect(row).toContainText("$0.49");

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(/Already saved/)).toBeVisible();
  await expect(saved.getByRole("row", { name: /Cookbook toy chat/ })).toHaveCount(1);

  // A blank name is a field error on the form, nothing saved.
  await page.getByLabel("Dataset name").fill("  ");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(formError(page)).toContainText("correct the highlighted fields");
  await expect(page.getByLabel("Dataset name")).toHaveAttribute("aria-invalid", "true");
});

test.describe("a large file", () => {
  let dir = "";
  let bigFile = "";

  // ~60 MB of chat examples with random words, so the tokenizer's caches cannot make the run instant.
  test.beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tunecost-analyze-"));
    bigFile = join(dir, "large.jsonl");
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const word = () => Array.from({ length: 3 + Math.floor(random() * 7) }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join("");
    const words = (n: number) => Array.from({ length: n }, word).join(" ");
    const lines: string[] = [];
    let bytes = 0;
    while (bytes < 60e6) {
      const line = JSON.stringify({
        messages: [
          { role: "system", content: "You are a helpful assistant." },
          { role: "user", content: words(60) },
          { role: "assistant", content: words(100) },
        ],
      });
      lines.push(line);
      bytes += line.length + 1;
    }
    writeFileSync(bigFile, `${lines.join("\n")}\n`);
  });
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("the progress bar moves and the run completes", async ({ page }) => {
    test.setTimeout(120_000);
    await openAnalyzer(page);
    await page.getByLabel("Training file").setInputFiles(bigFile);
    // Polled every animation frame, so a value between the ends is seen however fast the run is.
    await page.waitForFunction(
      () => {
        const value = Number(document.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow"));
        return value > 0 && value < 100;
      },
      undefined,
      { polling: "raf", timeout: 60_000 },
    );
    await expect(page.getByText(/MB\/s/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Summary" })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole("progressbar")).toHaveCount(0);
    await expect(stat(page, "Errors")).toHaveText("0");
  });

  test("Cancel stops the analysis", async ({ page }) => {
    test.setTimeout(120_000);
    await openAnalyzer(page);
    await page.getByLabel("Training file").setInputFiles(bigFile);
    await page.waitForFunction(() => Number(document.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow")) > 0, undefined, {
      polling: "raf",
      timeout: 60_000,
    });
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByText(/Cancelled/)).toBeVisible();
    await expect(page.getByRole("progressbar")).toHaveCount(0);
    // No result of the cancelled file, the picker is usable again, and the next file gets its own figures (a cancelled
    // worker still running would have to beat a 3-line file to show the big file's instead).
    await expect(page.getByRole("heading", { name: "Summary" })).toHaveCount(0);
    await expect(page.getByLabel("Training file")).toBeEnabled();
    const small = [0, 1, 2].map((i) => JSON.stringify({ messages: [{ role: "user", content: `Hi ${i}` }, { role: "assistant", content: "Hello" }] })).join("\n");
    await page.getByLabel("Training file").setInputFiles({ name: "small.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(small) });
    await expect(page.getByRole("region", { name: "Summary" })).toContainText("of 3 examples", { timeout: 30_000 });
    await expect(stat(page, "Valid examples")).toHaveText("3");
  });
});
