import { expect, test } from "@playwright/test";
import { signUp } from "./support";

// The migration planner through the real pages: a gpt-4o-mini fine-tune (shutting down with its base model) with a
// month of usage, its move page, a planned move onto a Together base, and both models on the project page.
// Several forms and a page that prices every candidate on a busy 2-core machine: generous timeouts, no sleeps.
test.describe.configure({ timeout: 120_000 });

/** The month before the current one (UTC): inside the planner's default window of the last 3 complete months. */
function lastCompleteMonth(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

test("plan a move off a retiring gpt-4o-mini fine-tune and see both models in the project", async ({ page }) => {
  await signUp(page);
  await page.goto("/projects/new");
  await page.getByLabel("Name").fill("Support");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Support" })).toBeVisible();
  const projectId = page.url().split("/").pop()!;

  await page.goto(`/models/new?project=${projectId}`);
  await page.getByLabel("Display name").fill("Support bot");
  await page.getByLabel("Provider", { exact: true }).selectOption({ label: "OpenAI" });
  await page.getByLabel("Base model", { exact: true }).selectOption({ value: "gpt-4o-mini-2024-07-18" });
  await page.getByLabel("Provider model id").fill("ft:gpt-4o-mini-2024-07-18:acme:support:E2eMove1");
  await page.getByLabel("Training tokens (per epoch)").fill("1,000,000");
  await page.getByLabel("Epochs", { exact: true }).fill("3");
  await page.getByLabel("Trained at").fill("2026-06-01");
  await page.getByRole("button", { name: "Create model" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Support bot" })).toBeVisible({ timeout: 30_000 });
  const oldModelUrl = page.url();

  // A month of usage: 10M input (2M cached), 4M output at $0.30 / $0.15 / $1.20 = $7.50.
  const month = lastCompleteMonth();
  await page.getByRole("textbox", { name: "Month", exact: true }).fill(month);
  await page.getByLabel("Input tokens", { exact: true }).fill("10,000,000");
  await page.getByLabel("Cached input tokens", { exact: true }).fill("2,000,000");
  await page.getByLabel("Output tokens", { exact: true }).fill("4,000,000");
  await page.getByRole("button", { name: /^(Add|Save) month$/ }).click();
  await expect(page.getByText(`Saved ${month}: $7.50.`)).toBeVisible({ timeout: 30_000 });

  // The model shuts down with its base model: the page urges the move (a banner and the header's button).
  await expect(page.getByText(/This model shuts? down on/)).toBeVisible();
  await page.getByRole("link", { name: "Plan a move" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Plan a move: Support bot" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Candidates" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("table", { name: /Candidate base models/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Qwen3 8B \(Together\)/ })).toBeVisible();

  // Each figure explains itself: the "How" disclosure opens from the keyboard.
  const how = page.getByRole("row", { name: /Qwen3 8B \(Together\)/ }).locator("summary");
  await how.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("row", { name: /Qwen3 8B \(Together\)/ }).getByText("Token ratio")).toBeVisible();

  // Filters narrow the list through the URL (a plain GET form).
  await page.getByLabel("Provider", { exact: true }).selectOption({ label: "Together AI" });
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page).toHaveURL(/provider=together/);
  await expect(page.getByRole("row", { name: /Qwen3 8B \(Together\)/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("row", { name: /Mistral/ })).toHaveCount(0);

  // Plan this move.
  await page.getByLabel("Move to").selectOption({ value: "together:Qwen/Qwen3-8B" });
  await page.getByLabel("Name of the new model").fill("Support bot on Qwen");
  await page.getByRole("button", { name: "Plan this move" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Support bot on Qwen" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Planned", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Support bot", exact: true }).first()).toBeVisible();

  // The old model now says who replaces it, and the project lists both.
  await page.goto(oldModelUrl);
  await expect(page.getByText("Replaced by")).toBeVisible();
  await page.goto(`/projects/${projectId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Support" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Support bot", exact: true }).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("link", { name: "Support bot on Qwen", exact: true }).first()).toBeVisible();

  // A phone: the candidates table says it scrolls.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${oldModelUrl}/move`);
  await expect(page.getByText("Scroll the table sideways for more")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("A move is already planned")).toBeVisible();
});
