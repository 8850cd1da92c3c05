import { expect, test } from "@playwright/test";
import { signUp } from "./support";

// A fine-tune outside OpenAI through the real forms: provider and base model, its own id form, DPO full training with
// billed validation, and a month whose cost is a dedicated endpoint's hours. Several forms: more than the default 30 s.
test.describe.configure({ timeout: 90_000 });

test("a Together fine-tune: DPO full training with validation, a month of dedicated-endpoint hours", async ({ page }) => {
  await signUp(page);
  await page.goto("/projects/new");
  await page.getByLabel("Name").fill("Migration");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Migration" })).toBeVisible();
  const projectId = page.url().split("/").pop()!;

  await page.goto(`/models/new?project=${projectId}`);
  await page.getByLabel("Display name").fill("Support Qwen");
  await page.getByLabel("Provider", { exact: true }).selectOption({ label: "Together AI" });
  await page.getByLabel("Base model", { exact: true }).selectOption({ label: "Qwen3 8B (Together)" });
  // The id form follows the provider: an OpenAI-style id is refused with the form Together uses, and the input stays.
  await page.getByLabel("Provider model id").fill("ft:gpt-4o-mini-2024-07-18:acme:x:y");
  await page.getByLabel("Training method").selectOption("DPO");
  await page.getByLabel("Adapter or full").selectOption("FULL");
  await page.getByLabel("Training tokens (per epoch)").fill("2,000,000");
  await page.getByLabel("Epochs", { exact: true }).fill("2");
  await page.getByLabel("Validation tokens").fill("100,000");
  await page.getByLabel("Evaluations").fill("4");
  await page.getByLabel("Trained at").fill("2026-10-01");
  await page.getByRole("button", { name: "Create model" }).click();
  await expect(page.getByLabel("Provider model id")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-providerModelId-error")).toContainText("fine-tune of gpt-4o-mini-2024-07-18");
  await expect(page.getByLabel("Validation tokens")).toHaveValue("100,000");

  await page.getByLabel("Provider model id").fill("acme/Qwen3-8B-support-a1b2c3d4");
  await page.getByRole("button", { name: "Create model" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Support Qwen" })).toBeVisible();
  // 2M × 2 epochs × $1.35 + 100k validation × 4 evaluations × $1.35 = $5.94
  await expect(page.getByRole("region", { name: "Training cost" })).toContainText("$5.94");

  // Tokens on a dedicated endpoint are not billed per token: the month is 100.5 h × $3.99 = $400.995.
  await page.getByRole("textbox", { name: "Month", exact: true }).fill("2026-11");
  await page.getByLabel("Input tokens", { exact: true }).fill("5,000,000");
  await page.getByLabel("Output tokens", { exact: true }).fill("1,000,000");
  await page.getByLabel("Hosting hours", { exact: true }).fill("100.5");
  await page.getByRole("button", { name: /^(Add|Save) month$/ }).click();
  await expect(page.getByText("Saved 2026-11: $401.00.")).toBeVisible();
  const row = page.getByRole("row", { name: /^2026-11/ });
  await expect(row).toContainText("100.5");
  // The cost and the part of it that is fixed.
  await expect(row.getByRole("cell", { name: "$401.00" })).toHaveCount(2);
});
