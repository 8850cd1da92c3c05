import { expect, test } from "@playwright/test";
import { signUp } from "./support";

// Dates are explicit wherever a catalog model is priced: gpt-4o-mini takes no new jobs after 2027-01-05 and stops on
// 2027-01-14, so "today" (the default) would change these tests' answers from one month to the next.
const productionApp = {
  baseModel: "gpt-4o-mini",
  priceSet: "article-2026",
  trainingOn: "2026-01-15",
  training: { tokens: 1_000_000, epochs: 1 },
  usage: { period: "month", inputTokens: 150_000_000, outputTokens: 450_000_000 },
};

test("the Production app preset shows the article's scenario with our exact totals and a chart", async ({ page }) => {
  await signUp(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Estimate" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Estimate" })).toBeVisible();

  // Trained in January 2026, the 12 months end before gpt-4o-mini's shutdown; the preset keeps the typed day.
  await page.getByLabel("Training day").fill("2026-01-15");
  await page.getByRole("button", { name: "Production app" }).click();
  await expect(page).toHaveURL(/[?&]trainingOn=2026-01-15(&|$)/);
  await expect(page.getByTestId("total-cost")).toHaveText("$3,511.00");
  await expect(page.getByTestId("lifecycle-warning")).toHaveCount(0);
  await expect(page.getByTestId("training-cost")).toHaveText("$1.00");
  await expect(page.getByTestId("month-one-cost")).toHaveText("$292.50");
  await expect(page.getByTestId("break-even")).toHaveText("Recovers the training cost after 14,815 requests ≈ 0.015 months");
  await expect(page.getByText("Priced as gpt-4o-mini-2024-07-18 from the article-2026 price set")).toBeVisible();

  const chart = page.getByRole("img", { name: /Cumulative cost chart/ });
  await expect(chart).toBeVisible();
  const box = await chart.boundingBox();
  expect(box?.width).toBeGreaterThan(100);
  expect(box?.height).toBeGreaterThan(100);
  await expect(chart).toHaveAttribute("aria-label", /fine-tuned \$3,511\.00, base model \$4,320\.00/);
  await expect(page).toHaveURL(/[?&]trainingTokens=1000000(&|$)/);
});

test("a custom scenario computes, shows field errors, and is kept in the URL across a reload", async ({ page }) => {
  await signUp(page);
  await page.goto("/estimate");
  await page.getByLabel("Base model", { exact: true }).selectOption("custom");
  await page.getByLabel("Training", { exact: true }).fill("2");
  await page.getByLabel("Fine-tuned input", { exact: true }).fill("0.5");
  await page.getByLabel("Fine-tuned output", { exact: true }).fill("1.5");
  await page.getByLabel("Base input", { exact: true }).fill("0.25");
  await page.getByLabel("Base output", { exact: true }).fill("1");
  await page.getByLabel("Training tokens").fill("2,000,000");
  await page.getByLabel("Epochs").fill("2");
  await page.getByLabel("Day", { exact: true }).check();
  await page.getByLabel("Input tokens per day", { exact: true }).fill("1000000");
  await page.getByLabel("Output tokens per day", { exact: true }).fill("500000");
  await page.getByLabel("Months").fill("6");
  await page.getByLabel("Months").press("Enter");

  // 2M × 2 epochs × $2/M; 30 days × (1M × $0.5 + 0.5M × $1.5)/M; training + 6 months.
  await expect(page.getByTestId("training-cost")).toHaveText("$8.00");
  await expect(page.getByTestId("month-one-cost")).toHaveText("$37.50");
  await expect(page.getByTestId("total-cost")).toHaveText("$233.00");

  // Typing alone recomputes (debounced) and updates the URL.
  await page.getByLabel("Months").fill("3");
  await expect(page.getByTestId("total-cost")).toHaveText("$120.50");
  await expect(page).toHaveURL(/[?&]months=3(&|$)/);
  await expect(page).toHaveURL(/[?&]model=custom(&|$)/);

  const cached = page.getByLabel("Cached tokens per day");
  await cached.fill("2000000");
  await expect(page.getByText("Must not exceed inputTokens (cached tokens are part of the input)")).toBeVisible();
  await expect(cached).toHaveAttribute("aria-invalid", "true");
  await cached.fill("");
  await expect(page.getByTestId("total-cost")).toHaveText("$120.50");

  await page.reload();
  await expect(page.getByLabel("Months")).toHaveValue("3");
  await expect(page.getByLabel("Base model", { exact: true })).toHaveValue("custom");
  await expect(page.getByLabel("Input tokens per day", { exact: true })).toHaveValue("1000000");
  await expect(page.getByTestId("total-cost")).toHaveText("$120.50");
});

test("a retiring base model: refused after its last training day, warned and totalled until its shutdown before it", async ({ page }) => {
  await signUp(page);
  await page.goto("/estimate");
  await page.getByLabel("Training day").fill("2027-01-06");
  await page.getByRole("button", { name: "Production app" }).click();

  const baseModel = page.getByLabel("Base model", { exact: true });
  await expect(page.getByText("gpt-4o-mini-2024-07-18 accepts no new fine-tuning jobs after 5 Jan 2027 (source: https://developers.openai.com/api/docs/deprecations). Pick another base model.").first()).toBeVisible({ timeout: 15_000 });
  await expect(baseModel).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("total-cost")).toHaveCount(0);

  // A day before the last training day: priced, with the months the 14 January shutdown cuts named and totalled apart.
  await page.getByLabel("Training day").fill("2026-12-07");
  await expect(page.getByTestId("lifecycle-warning")).toHaveText("gpt-4o-mini stops on 14 Jan 2027: month 2 is partial (13 of 31 days); months 3–12 cannot happen.", { timeout: 15_000 });
  await expect(baseModel).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("total-cost")).toHaveText("$3,511.00");
  // $1 training + $292.50 (December) + 13/31 of $292.50 (January).
  await expect(page.getByTestId("total-until-shutdown")).toHaveText(/^\$416\.16/);
  const months = page.getByRole("region", { name: "Month by month (scrollable)" });
  await expect(months.getByRole("row").filter({ hasText: "partial: 13 of 31 days" })).toHaveCount(1);
  await expect(months.getByRole("row").filter({ hasText: "cannot happen" })).toHaveCount(10);
  await expect(page).toHaveURL(/[?&]trainingOn=2026-12-07(&|$)/);

  // The picker marks the model's dates against the training day.
  await expect(baseModel.locator("option", { hasText: "gpt-4o-mini (gpt-4o-mini-2024-07-18) — stops 14 Jan 2027" })).toHaveCount(1);
  await expect(baseModel.locator("option", { hasText: "— shut down 23 Oct 2026" }).first()).toBeAttached();

  // So does the table across base models.
  await page.getByText("Base models' lifecycles on 7 Dec 2026").click();
  const lifecycles = page.getByRole("region", { name: "Lifecycle dates by model (scrollable)" });
  const miniRow = lifecycles.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^gpt-4o-mini\b/ }) });
  await expect(miniRow).toContainText("5 Jan 2027");
  await expect(miniRow).toContainText("14 Jan 2027");
  await expect(miniRow).toContainText("Trainable, retiring");
  await page.getByLabel("Training day").fill("2027-01-06");
  await expect(miniRow).toContainText("No new fine-tuning jobs", { timeout: 15_000 });
});

test("the estimates API: 401 logged out, 400 with field errors, exact decimal strings", async ({ page, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const loggedOut = await anonymous.post("/api/v1/estimates", { data: productionApp });
  expect(loggedOut.status()).toBe(401);
  expect(((await loggedOut.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  await anonymous.dispose();

  await signUp(page);
  const ok = await page.request.post("/api/v1/estimates", { data: productionApp });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({
    trainingCostUsd: "1",
    monthlyCostUsd: "292.5",
    totalCostUsd: "3511",
    months: expect.arrayContaining([{ index: 12, costUsd: "292.5", inferenceUsd: "292.5", fixedUsd: "0" }]),
    fixedMonthlyUsd: "0",
    prices: { trainingPerMTok: "1", inputPerMTok: "0.15", outputPerMTok: "0.6" },
    catalog: { model: "gpt-4o-mini-2024-07-18", priceSet: "article-2026", source: "global" },
  });

  const bad = await page.request.post("/api/v1/estimates", {
    data: { ...productionApp, baseModel: "gpt-4o-mni", training: { tokens: -1, epochs: 1 }, prices: { inputPerMTok: "1e3" } },
  });
  expect(bad.status()).toBe(400);
  const body = (await bad.json()) as { error: { code: string; fields: Record<string, string[]> } };
  expect(body.error.code).toBe("validation_failed");
  expect(Object.keys(body.error.fields).sort()).toEqual(["prices.inputPerMTok", "training.tokens"]);

  const unknownModel = await page.request.post("/api/v1/estimates", { data: { ...productionApp, baseModel: "gpt-4o-mni" } });
  expect(unknownModel.status()).toBe(400);
  expect(((await unknownModel.json()) as { error: { fields: Record<string, string[]> } }).error.fields.baseModel?.[0]).toMatch(/Did you mean: gpt-4o-mini/);

  const notJson = await page.request.post("/api/v1/estimates", { headers: { "content-type": "application/json" }, data: "{" });
  expect(notJson.status()).toBe(400);

  const refused = await page.request.post("/api/v1/estimates", { data: { ...productionApp, trainingOn: "2027-01-06" } });
  expect(refused.status()).toBe(422);
  expect(Object.keys(((await refused.json()) as { error: { fields: Record<string, string[]> } }).error.fields)).toEqual(["baseModel"]);
});
