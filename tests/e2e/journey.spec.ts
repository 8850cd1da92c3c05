import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { newAccount, signUp } from "./support";

// Issue #7's journey, entirely through the UI: a new team signs up, creates a project and a model, logs three months
// of usage, sees the chart and an alert, and acknowledges it. Each step leaves a named full-page screenshot in the
// test's output folder (test-results/e2e/journey-…-chromium/NN-name.png), kept on success too, and attached to the
// report.

test.describe.configure({ timeout: 120_000 });

const FT_MINI = "ft:gpt-4o-mini-2024-07-18:acme:journey:AbC123";

/** The month `back` months before the current one (UTC): complete months, so each is judged on its recorded cost. */
function monthsAgo(back: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
}

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const monthLong = (m: string) => `${MONTH_NAMES[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`;

/** A full-page screenshot in the test's output folder, attached to the report under its file name. */
async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

const alertsNav = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Alerts/ });

test("journey: a new team signs up, adds a project and a model, logs three months, sees the chart and a budget alert, acknowledges it", async ({ page }, testInfo) => {
  const account = newAccount("journey");
  // Three complete months; at gpt-4o-mini's fine-tuned prices ($0.30 input, $1.20 output per 1M tokens):
  // $0.45 and $0.54 stay under 80% of the $1.00 budget, $1.17 passes it.
  const [first, second, third] = [monthsAgo(3), monthsAgo(2), monthsAgo(1)];

  await test.step("sign up a new team", async () => {
    await signUp(page, account);
    await expect(page.getByTestId("current-team")).toHaveText(account.teamName);
    await expect(alertsNav(page)).toHaveAccessibleName("Alerts"); // no badge yet
    await shot(page, testInfo, "01-signed-up");
  });

  let projectId = "";
  await test.step("create a project with a $1.00 monthly budget", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
    await expect(page.getByRole("heading", { name: "No projects yet" })).toBeVisible();
    await page.getByRole("link", { name: "New project" }).first().click();
    await page.getByLabel("Name").fill("Support bot");
    await page.getByLabel("Monthly budget (USD)").fill("1");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Support bot" })).toBeVisible();
    await expect(page.getByText("$1.00", { exact: true }).first()).toBeVisible();
    projectId = page.url().split("/").pop()!;
    await shot(page, testInfo, "02-project-created");
  });

  await test.step("add a fine-tuned model to it", async () => {
    await page.getByRole("link", { name: "Add a model" }).first().click();
    await expect(page).toHaveURL(new RegExp(`/models/new\\?project=${projectId}`));
    await page.getByLabel("Display name").fill("Support v1");
    await page.getByLabel("Provider model id").fill(FT_MINI);
    await expect(page.getByLabel("Base model", { exact: true })).toHaveValue("gpt-4o-mini-2024-07-18"); // read from the ft: id
    await page.getByLabel("Training tokens (per epoch)").fill("1,000,000");
    await page.getByLabel("Epochs").fill("3");
    await page.getByRole("button", { name: "Create model" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Support v1" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Training cost" })).toContainText("$9.00"); // 3M trained tokens × $3.00 / 1M
    await shot(page, testInfo, "03-model-created");
  });

  await test.step("log three months of usage: two on the model page, the third in the usage grid", async () => {
    for (const [month, input, output, cost] of [
      [first, "500,000", "250,000", "$0.45"],
      [second, "600,000", "300,000", "$0.54"],
    ] as const) {
      await page.getByRole("textbox", { name: "Month", exact: true }).fill(month);
      await page.getByLabel("Input tokens", { exact: true }).fill(input);
      await page.getByLabel("Output tokens", { exact: true }).fill(output);
      await page.getByRole("button", { name: /^(Add|Save) month$/ }).click();
      await expect(page.getByText(`Saved ${month}: ${cost}.`)).toBeVisible();
      await expect(page.getByRole("row", { name: new RegExp(`^${month}`) })).toContainText(cost);
    }
    await expect(alertsNav(page)).toHaveAccessibleName("Alerts"); // both months are under 80% of the budget

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Usage" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
    await page.getByLabel("Month", { exact: true }).fill(third);
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(new RegExp(`month=${third}`));
    await page.getByLabel("Support v1 input tokens").fill("1,300,000");
    await page.getByLabel("Support v1 output tokens").fill("650,000");
    await expect(page.getByText("1 row changed")).toBeVisible();
    await page.getByRole("button", { name: "Save all" }).click();
    await expect(page.getByText(`Saved 1 row for ${third}.`)).toBeVisible();
    await expect(page.getByRole("row", { name: /Support v1/ })).toContainText("$1.17");
    await shot(page, testInfo, "04-usage-grid-third-month");
  });

  await test.step("the nav badge counts the alerts the third month opened", async () => {
    // $1.17 of a $1.00 budget: "Budget exceeded", and "Budget will be exceeded" at the team's 80% and 100% thresholds.
    await page.reload();
    await expect(alertsNav(page)).toHaveAccessibleName(/^Alerts\W+3 open alerts$/);
    await expect(alertsNav(page).locator("[aria-hidden]")).toHaveText("3");
    await page.goto(`/projects/${projectId}`);
    await shot(page, testInfo, "05-alert-badge");
  });

  await test.step("the alerts list shows the budget alert", async () => {
    await alertsNav(page).click();
    await expect(page).toHaveURL(/\/alerts$/);
    const card = page.getByRole("article", { name: "Budget exceeded" });
    await expect(card).toContainText(`Support bot · ${monthLong(third)}`);
    await expect(card).toContainText("$1.17");
    await expect(card).toContainText("$1.00");
    await expect(page.getByRole("list", { name: "Open alerts" }).getByRole("article")).toHaveCount(3);
    await shot(page, testInfo, "06-alerts-list");
  });

  await test.step("the alert's page charts the three months against the budget", async () => {
    await page.getByRole("article", { name: "Budget exceeded" }).getByRole("link", { name: "Budget exceeded" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Budget exceeded" })).toBeVisible();
    await expect(page.getByRole("region", { name: "What triggered it" })).toContainText("$1.17");
    const chart = page.getByRole("region", { name: "Actual vs projected" }).getByRole("img");
    await expect(chart).toBeVisible();
    expect((await chart.boundingBox())!.height).toBeGreaterThan(100);
    await expect(chart).toHaveAccessibleName(new RegExp(`${monthLong(third)}, this alert's month: actual \\$1\\.17`));
    await page.getByText("Chart data as a table").click();
    for (const [month, cost] of [
      [first, "$0.45"],
      [second, "$0.54"],
      [third, "$1.17"],
    ] as const) {
      const short = monthLong(month).replace(/^(\w{3})\w*/, "$1"); // "Aug 2026"
      await expect(page.getByRole("row", { name: new RegExp(`^${short}`) })).toContainText(cost);
    }
    await shot(page, testInfo, "07-alert-chart");
  });

  await test.step("acknowledge it; its status and the badge change", async () => {
    await page.getByLabel("Note (optional)").fill("Launch month; budget raised next month.");
    await page.getByRole("button", { name: "Acknowledge" }).click();
    await expect(page.getByText("Alert acknowledged.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Status" })).toContainText(`Acknowledged by ${account.name}`);
    await expect(page.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
    await expect(alertsNav(page)).toHaveAccessibleName(/^Alerts\W+2 open alerts$/);
    await shot(page, testInfo, "08-acknowledged");

    await page.getByRole("link", { name: "← Acknowledged alerts" }).click();
    await expect(page.getByRole("article", { name: "Budget exceeded" })).toContainText(`Acknowledged by ${account.name}`);
    await page.getByRole("navigation", { name: "Alert status" }).getByRole("link", { name: "Open" }).click();
    await expect(page.getByRole("article", { name: "Budget exceeded" })).toHaveCount(0);
    await expect(page.getByRole("list", { name: "Open alerts" }).getByRole("article")).toHaveCount(2);
    await shot(page, testInfo, "09-open-alerts-after-ack");
  });

  // Depends on the team dashboard being built in parallel (a "spend vs forecast" chart at /): until it lands, this
  // step fails on the placeholder dashboard, which has no chart. Everything above is checked before it.
  await test.step("dashboard: the team dashboard shows a spend chart with an accessible name", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    const canvas = page.getByRole("main").locator("canvas").first();
    await expect(canvas).toBeVisible();
    await expect(canvas).toHaveAccessibleName(/\$\d/);
    await shot(page, testInfo, "10-dashboard");
  });
});
