import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./support";

// Signing up and rendering the whole catalog (every provider's models) is slow on a busy 2-core machine.
test.describe.configure({ timeout: 90_000 });
const SLOW = { timeout: 20_000 };

/** A base model's card: by its exact display name, or a pattern over its name and id. */
const card = (page: Page, name: string | RegExp) => page.getByRole("article", typeof name === "string" ? { name, exact: true } : { name });
const priceForm = (page: Page) => page.getByRole("form", { name: "Add a dated price" });
const modelForm = (page: Page) => page.getByRole("form", { name: "Add your own base model" });

test("the price catalog shows prices in force, adds a dated team price and keeps history", async ({ page }) => {
  await signUp(page);
  await page.goto("/settings/pricing");
  const mini = card(page, "gpt-4o-mini-2024-07-18");
  await expect(mini).toContainText("$3.00", SLOW); // training
  await expect(mini).toContainText("$0.30"); // fine-tuned input
  await expect(mini).toContainText("$0.075"); // base cached input, exact
  await expect(mini).toContainText("Published");
  await expect(card(page, "o4-mini-2025-04-16")).toContainText("not priced per token");

  // A negotiated rate from a future date: today's prices stay, the history gains a row.
  const form = priceForm(page);
  await form.getByLabel("Base model").selectOption("gpt-4o-mini-2024-07-18");
  await form.getByLabel("Effective from").fill("2099-01-01");
  await form.getByLabel("FT input (USD / 1M)").fill("0.25");
  await form.getByLabel("Hosting (USD / hour)").fill("1.5");
  await form.getByLabel("Note").fill("negotiated");
  await form.getByRole("button", { name: "Add price" }).click();
  await expect(page.getByText("Added a price for gpt-4o-mini-2024-07-18 from 2099-01-01.")).toBeVisible(SLOW);
  await expect(mini).toContainText("$0.30");

  await mini.getByRole("button", { name: /History/ }).click();
  const history = page.getByRole("table", { name: "Price history of gpt-4o-mini-2024-07-18" });
  await expect(history.getByRole("row", { name: /2099-01-01/ })).toContainText("$0.25");
  await expect(history.getByRole("row", { name: /2099-01-01/ })).toContainText("$1.50"); // hosting column appears with the row
  await expect(history.getByRole("row", { name: /2099-01-01/ })).toContainText("negotiated");
  await expect(history.getByRole("row", { name: /2025-04-14/ })).toContainText("in force");
  await page.screenshot({ path: "test-results/screens/settings-pricing.png", fullPage: true });

  // The same day again is refused with a field error, nothing added.
  await form.getByLabel("Effective from").fill("2099-01-01");
  await form.getByRole("button", { name: "Add price" }).click();
  await expect(form.getByRole("alert")).toContainText("already has a price for this model starting that day", SLOW);
  await expect(history.getByRole("row", { name: /2099-01-01/ })).toHaveCount(1);
});

test("a bad price is a field error", async ({ page }) => {
  await signUp(page);
  await page.goto("/settings/pricing");
  const form = priceForm(page);
  await form.getByLabel("FT output (USD / 1M)").fill("1e3");
  await form.getByRole("button", { name: "Add price" }).click();
  await expect(form.getByText(/plain non-negative decimal/)).toBeVisible(SLOW);
  await expect(form.getByLabel("FT output (USD / 1M)")).toHaveAttribute("aria-invalid", "true");
});

test("switching the price set to the article's figures changes the prices in force", async ({ page }) => {
  await signUp(page);
  await page.goto("/settings/pricing");
  await page.getByLabel("Price set in use").selectOption("article-2026");
  const mini = card(page, "gpt-4o-mini-2024-07-18");
  await expect(mini).toContainText("$1.00", SLOW);
  await expect(mini).toContainText("$0.15");
});

test("every provider has its section; published rows cite their source, and unconfirmed ones say so in words", async ({ page }) => {
  await signUp(page);
  await page.goto("/settings/pricing");
  for (const provider of ["OpenAI", "Azure OpenAI", "Google Vertex AI", "AWS Bedrock", "Together AI", "Fireworks AI", "Mistral", "Self-hosted"]) {
    await expect(page.getByRole("region", { name: provider, exact: true })).toBeVisible(SLOW);
  }
  const azure = card(page, /azure-openai:gpt-4o-mini-2024-07-18/);
  await expect(azure).toContainText("Unverified");
  await expect(azure).toContainText("Not confirmed on the provider's own page");
  await expect(azure).toContainText("$1.70"); // hosting per hour
  await expect(azure).toContainText(/checked \d{4}-\d{2}-\d{2}/);
  await expect(azure).toContainText(/Shut ?down 2027-03-31/i);
  await expect(azure.getByRole("link", { name: /fine-tuning-cost-management/ })).toHaveAttribute("href", /^https:\/\/learn\.microsoft\.com\//);
  const fireworks = card(page, /fireworks:accounts\/fireworks\/models\/llama-v3p1-8b-instruct/);
  await expect(fireworks).toContainText("Published");
  await expect(fireworks).not.toContainText("Unverified");

  // The filter keeps one provider's section.
  await page.getByLabel("Show provider").selectOption("fireworks");
  await expect(page.getByRole("region", { name: "Fireworks AI", exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "OpenAI", exact: true })).toHaveCount(0);
});

test("a team adds its own self-hosted base model with GPU-hour rates, and prices it", async ({ page }) => {
  await signUp(page);
  await page.goto("/settings/pricing");
  const name = `llama-3.1-8b-${randomUUID().slice(0, 8)}`;
  const form = modelForm(page);
  await expect(form.getByLabel("Provider", { exact: true })).toHaveValue("self-hosted", SLOW);
  await form.getByLabel("Display name").fill("Llama 3.1 8B on our A100s");
  await form.getByLabel("Provider's model name").fill(name);
  await form.getByLabel("Tokenizer", { exact: true }).selectOption("llama3");
  await form.getByLabel("Context limit (tokens per example)").fill("8192");
  await expect(form.getByLabel("Per training hour (GPU-hours)")).toBeChecked();

  // Without the serving GPU-hour rate it is refused at the field, and nothing is added.
  await form.getByLabel("USD per training hour").fill("2.5");
  await form.getByRole("button", { name: "Add base model" }).click();
  await expect(form.getByLabel("Hosting (USD / hour)")).toHaveAttribute("aria-invalid", "true", SLOW);
  await expect(card(page, /Llama 3\.1 8B on our A100s/)).toHaveCount(0);

  await form.getByLabel("Hosting (USD / hour)").fill("1.25");
  await form.getByRole("button", { name: "Add base model" }).click();
  await expect(form.getByRole("status")).toContainText("Added Llama 3.1 8B on our A100s", SLOW);

  const own = page.getByRole("region", { name: "Self-hosted", exact: true }).getByRole("article", { name: /Llama 3\.1 8B on our A100s/ });
  await expect(own).toContainText("Your team's model", SLOW);
  await expect(own).toContainText("Your team's price");
  await expect(own).toContainText("$2.50"); // per training hour
  await expect(own).toContainText("$1.25"); // hosting per hour
  await expect(own).toContainText("8,192 tokens per example");
  await expect(own).not.toContainText("estimated counts");

  // It can take dated prices like any catalog model.
  await expect(priceForm(page).getByLabel("Base model").locator("option", { hasText: "Llama 3.1 8B on our A100s" })).toHaveCount(1);
});

test("at phone width the catalog fits the screen and works from the keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page);
  await page.goto("/settings/pricing");
  const mini = card(page, "gpt-4o-mini-2024-07-18");
  await expect(mini).toContainText("$3.00", SLOW);
  const toggle = mini.getByRole("button", { name: /History/ });
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("table", { name: "Price history of gpt-4o-mini-2024-07-18" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
