import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { signUp } from "./support";

const COOKBOOK_SAMPLE = join(process.cwd(), "..", "shared", "datasets", "toy_chat_fine_tuning.jsonl");

/** Leaves exactly `keep` ticked among the tokenizer checkboxes inside `scope`. */
async function pickTokenizers(scope: Locator, keep: RegExp[]) {
  const boxes = scope.getByRole("group", { name: "Tokenizers" }).getByRole("checkbox");
  for (const box of await boxes.all()) {
    const label = (await box.locator("xpath=..").textContent()) ?? "";
    await box.setChecked(keep.some((k) => k.test(label)));
  }
}

async function analyseAndSave(page: Page) {
  await signUp(page);
  await page.goto("/estimate/analyze");
  await page.getByLabel("Training file").setInputFiles(COOKBOOK_SAMPLE);
  await page.getByLabel("Dataset name").fill("Cookbook toy chat");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved “Cookbook toy chat”")).toBeVisible();
}

test("after saving, the analysed file is counted with other tokenizers in the browser and the figures are saved", async ({ page }) => {
  test.setTimeout(180_000);
  await analyseAndSave(page);
  const section = page.getByRole("region", { name: "Count with other tokenizers" });
  await pickTokenizers(section, [/cl100k_base/, /Llama 3/]);
  await section.getByRole("button", { name: "Count with 2 tokenizers" }).click();
  // Loading the Llama 3 chunk (8 MB) can take a while on a cold server.
  await expect(section.getByText("Saved the counts of 2 tokenizers.")).toBeVisible({ timeout: 120_000 });
  const table = section.getByRole("table", { name: "Token counts by tokenizer" });
  await expect(table.getByRole("row", { name: /o200k_base.*\(own\)/ })).toContainText("8,233");
  await expect(table.getByRole("row", { name: /cl100k_base/ })).toContainText("8,242");
  await expect(table.getByRole("row", { name: /Llama 3/ })).toBeVisible();
  const saved = page.getByRole("table", { name: "Saved datasets, newest first" });
  await expect(saved.getByRole("row", { name: /Cookbook toy chat/ })).toContainText("cl100k_base, llama3");
});

test("a saved dataset is counted again from the list; another file is refused; the same counts again change nothing", async ({ page }) => {
  test.setTimeout(180_000);
  await analyseAndSave(page);
  const row = page.getByRole("table", { name: "Saved datasets, newest first" }).getByRole("row", { name: /Cookbook toy chat/ });

  // Keyboard only: the button opens the dialog, Escape closes it.
  await row.getByRole("button", { name: "Count with other tokenizers" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: /Count “Cookbook toy chat” with other tokenizers/ });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await row.getByRole("button", { name: "Count with other tokenizers" }).click();
  await pickTokenizers(dialog, [/cl100k_base/]);
  await dialog.getByLabel("The training file again").setInputFiles({ name: "other.jsonl", mimeType: "application/jsonl", buffer: Buffer.from('{"messages": []}\n') });
  await expect(dialog.getByRole("alert")).toContainText("This is not the file the dataset was analysed from");

  await dialog.getByLabel("The training file again").setInputFiles(COOKBOOK_SAMPLE);
  await expect(dialog.getByText("Saved the counts of 1 tokenizer.")).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByRole("table", { name: "Token counts by tokenizer" }).getByRole("row", { name: /cl100k_base/ })).toContainText("8,242");

  await dialog.getByLabel("The training file again").setInputFiles(COOKBOOK_SAMPLE);
  await expect(dialog.getByText("These counts were saved already. Nothing changed.")).toBeVisible({ timeout: 60_000 });
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(row).toContainText("cl100k_base");
});

test.describe("a larger file", () => {
  let dir = "";
  let file = "";

  // ~5 MB of chat examples with random words: quick to analyse with o200k_base, seconds to count with Gemma 3.
  test.beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tunecost-recount-e2e-"));
    file = join(dir, "larger.jsonl");
    let seed = 11;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const word = () => Array.from({ length: 3 + Math.floor(random() * 7) }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join("");
    const words = (n: number) => Array.from({ length: n }, word).join(" ");
    const lines: string[] = [];
    let bytes = 0;
    while (bytes < 5e6) {
      const line = JSON.stringify({ messages: [{ role: "user", content: words(60) }, { role: "assistant", content: words(100) }] });
      lines.push(line);
      bytes += line.length + 1;
    }
    writeFileSync(file, `${lines.join("\n")}\n`);
  });
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("Cancel stops counting and saves nothing", async ({ page }) => {
    test.setTimeout(180_000);
    await signUp(page);
    await page.goto("/estimate/analyze");
    await page.getByLabel("Training file").setInputFiles(file);
    await page.getByLabel("Dataset name").fill("Larger file");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("Saved “Larger file”")).toBeVisible({ timeout: 90_000 });

    const section = page.getByRole("region", { name: "Count with other tokenizers" });
    await pickTokenizers(section, [/Gemma 3/]);
    await section.getByRole("button", { name: "Count with 1 tokenizer" }).click();
    await expect(section.getByRole("progressbar", { name: /Counting with Gemma 3/ })).toBeVisible({ timeout: 60_000 });
    await section.getByRole("button", { name: "Cancel" }).click();
    await expect(section.getByText("Cancelled. Nothing was saved.")).toBeVisible();
    await expect(section.getByRole("progressbar")).toHaveCount(0);
    const row = page.getByRole("table", { name: "Saved datasets, newest first" }).getByRole("row", { name: /Larger file/ });
    await expect(row).toContainText("None yet");
  });
});
