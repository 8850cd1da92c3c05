import { expect, test } from "@playwright/test";
import { formError, signUp } from "./support";

test("the price catalog shows prices in force, adds a dated team price and keeps history", async ({ page }) => {
  await signUp(page);
  await page.goto("/settings/pricing");
  const mini = page.getByRole("row", { name: /gpt-4o-mini-2024-07-18/ }).first();
  await expect(mini).toContainText("$3.00"); // training
  await expect(mini).toContainText("$0.30"); // fine-tuned input
  await expect(mini).toContainText("$0.075"); // base cached input, exact
  await expect(mini).toContainText("Published");
  await expect(page.getByRole("row", { name: /o4-mini/ }).first()).toContainText("not priced per token");

  // A negotiated rate from a future date: today's prices stay, the history gains a row.
  await page.getByLabel("Base model").selectOption("gpt-4o-mini-2024-07-18");
  await page.getByLabel("Effective from").fill("2099-01-01");
  await page.getByLabel("FT input (USD / 1M)").fill("0.25");
  await page.getByLabel("Note").fill("negotiated");
  await page.getByRole("button", { name: "Add price" }).click();
  await expect(page.getByText("Added a price for gpt-4o-mini-2024-07-18 from 2099-01-01.")).toBeVisible();
  await expect(mini).toContainText("$0.30");

  await mini.getByRole("button", { name: /History/ }).click();
  const history = page.getByRole("table", { name: "Price history of gpt-4o-mini-2024-07-18" });
  await expect(history.getByRole("row", { name: /2099-01-01/ })).toContainText("$0.25");
  await expect(history.getByRole("row", { name: /2099-01-01/ })).toContainText("negotiated");
  await expect(history.getByRole("row", { name: /2025-04-14/ })).toContainText("in force");
  await page.screenshot({ path: "test-results/screens/settings-pricing.png", fullPage: true });

  // The same day again is refused with a field error, nothing added.
  await page.getByLabel("Effective from").fill("2099-01-01");
  await page.getByRole("button", { name: "Add price" }).click();
  await expect(formError(page)).toContainText("already has a price for this model starting that day");
  await expect(history.getByRole("row", { name: /2099-01-01/ })).toHaveCount(1);
});

test("a bad price is a field error", async ({ page }) => {
  await signUp(page);
  await page.goto("/settings/pricing");
  await page.getByLabel("FT output (USD / 1M)").fill("1e3");
  await page.getByRole("button", { name: "Add price" }).click();
  await expect(page.getByText(/plain non-negative decimal/)).toBeVisible();
  await expect(page.getByLabel("FT output (USD / 1M)")).toHaveAttribute("aria-invalid", "true");
});

test("switching the price set to the article's figures changes the prices in force", async ({ page }) => {
  await signUp(page);
  await page.goto("/settings/pricing");
  await page.getByLabel("Price set in use").selectOption("article-2026");
  const mini = page.getByRole("row", { name: /gpt-4o-mini-2024-07-18/ }).first();
  await expect(mini).toContainText("$1.00");
  await expect(mini).toContainText("$0.15");
});
