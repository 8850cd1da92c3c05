import { expect, test } from "@playwright/test";
import { cli, signUp, sql } from "./support";

// A retiring fine-tune as a team sees it: the dashboard's Retiring panel with days left, the chart's shutdown mark and
// the RETIREMENT alert from the daily evaluation. The model's own shutdown date is set 20 days from today, so the test
// holds whatever day it runs (the catalog's dates are fixed ones). Several pages and a CLI run: more than 30 s.
test.describe.configure({ timeout: 120_000 });

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

test("a retiring model: days left on the dashboard, the shutdown on the chart, one retirement alert", async ({ page }) => {
  const account = await signUp(page);
  await page.goto("/projects/new");
  await page.getByLabel("Name").fill("Support");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Support" })).toBeVisible();
  const projectId = page.url().split("/").pop()!;

  await page.goto(`/models/new?project=${projectId}`);
  await page.getByLabel("Display name").fill("Support v1");
  await page.getByLabel("Provider model id").fill(`ft:gpt-4o-mini-2024-07-18:acme:retire-${projectId.slice(0, 8)}:AbC123`);
  await expect(page.getByLabel("Base model", { exact: true })).toHaveValue("gpt-4o-mini-2024-07-18");
  await page.getByRole("button", { name: "Create model" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Support v1" })).toBeVisible();
  const modelId = page.url().split("/").pop()!;

  // Last month's usage, so the dashboard has something to chart.
  const now = new Date();
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  await page.getByRole("textbox", { name: "Month", exact: true }).fill(last);
  await page.getByLabel("Input tokens", { exact: true }).fill("1,000,000");
  await page.getByLabel("Output tokens", { exact: true }).fill("1,000,000");
  await page.getByRole("button", { name: /^(Add|Save) month$/ }).click();
  await expect(page.getByText(new RegExp(`^Saved ${last}: \\$`))).toBeVisible();

  // The team's own shutdown date for this fine-tune (e.g. its Azure deployment's), 20 days from today.
  const shutdown = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 20));
  await sql(`UPDATE "FineTunedModel" SET "shutdownOn" = $1::date WHERE id = $2::uuid`, [isoDay(shutdown), modelId]);
  const label = `${shutdown.getUTCDate()} ${SHORT[shutdown.getUTCMonth()]} ${shutdown.getUTCFullYear()}`;

  await page.goto("/");
  const retiring = page.getByRole("region", { name: "Retiring" });
  await expect(retiring).toBeVisible();
  const item = retiring.getByRole("listitem").filter({ hasText: "Support v1" });
  await expect(item).toContainText("20 days left");
  await expect(item).toContainText(`stops on ${label} (your date)`);
  await expect(item.getByRole("link", { name: "Plan a move" })).toHaveAttribute("href", `/models/${modelId}/move`);
  // The chart lists the shutdown it marks.
  await expect(page.getByRole("list", { name: "Shutdowns marked on the chart" })).toContainText(`${label}:`);

  // The daily evaluation, run from the CLI (the server's own start-up run may get there first: either way one alert,
  // at the 30-day threshold); running it again changes nothing.
  const [team] = await sql<{ slug: string }>(`SELECT slug FROM "Team" WHERE name = $1`, [account.teamName]);
  expect(cli("alerts", "evaluate", "--team", team!.slug)).toMatch(/^Evaluated 1 team\(s\): [01] opened/);
  expect(cli("alerts", "evaluate", "--team", team!.slug)).toMatch(/0 opened, 0 reopened, 0 updated, 0 resolved/);
  await page.goto("/alerts");
  const alert = page.getByRole("link", { name: /Model retiring \(30 days\)/ });
  await expect(alert).toHaveCount(1);
  await alert.click();
  await expect(page.getByText(`Support v1 (Support) shuts down on ${label} (your team's date for it): 30 days or fewer left.`).first()).toBeVisible();
});
