import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { cli, signUp, sql } from "./support";

// Every main page, with data on it, scanned by axe-core for WCAG 2.0/2.1 A and AA in the light and the dark colour
// scheme. No rule is disabled: a finding is fixed where it comes from (components/, the page's Tailwind classes).

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const FT_MINI = "ft:gpt-4o-mini-2024-07-18:acme:a11y:AbC123";
const COOKBOOK_SAMPLE = `${process.cwd()}/../shared/datasets/toy_chat_fine_tuning.jsonl`;

// Signing up and creating the data takes longer than one page's scan.
test.describe.configure({ timeout: 90_000 });

/** The month before the current one (UTC): complete, so its recorded cost is what the budget rules compare. */
function previousMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

interface Team {
  storageState: BrowserContextOptions["storageState"];
  projectId: string;
  modelId: string;
  alertId: string;
}

let team: Team | undefined;

/**
 * One signed-up team per worker with a project (budget $1), a model with a usage plan and a month of usage over the
 * budget (so alerts exist), an API key and a webhook. Made through the forms, as a user would; the API key through
 * the CLI (the Settings form is covered by its own spec).
 */
async function teamWithData(browser: Browser): Promise<Team> {
  if (team) return team;
  const context = await browser.newContext();
  const page = await context.newPage();
  const account = await signUp(page);
  const month = previousMonth();

  await page.goto("/projects/new");
  await page.getByLabel("Name").fill("Support bot");
  await page.getByLabel("Monthly budget (USD)").fill("1");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Support bot" })).toBeVisible();
  const projectId = page.url().split("/").pop()!;

  await page.goto(`/models/new?project=${projectId}`);
  await page.getByLabel("Display name").fill("Support v1");
  await page.getByLabel("Provider model id").fill(FT_MINI);
  await expect(page.getByLabel("Base model", { exact: true })).toHaveValue("gpt-4o-mini-2024-07-18");
  await page.getByLabel("Training tokens (per epoch)").fill("1,000,000");
  await page.getByLabel("Epochs").fill("3");
  await page.getByRole("button", { name: "Create model" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Support v1" })).toBeVisible();
  const modelId = page.url().split("/").pop()!;

  await page.getByLabel("From month").fill(month);
  await page.getByLabel("Input tokens per month", { exact: true }).fill("1,000,000");
  await page.getByLabel("Output tokens per month").fill("500,000");
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByText("Usage plan saved.")).toBeVisible();

  // 1.3M × $0.30 + 650k × $1.20 per 1M = $1.17: past the $1 budget and 30% above the $0.90 plan.
  await page.getByRole("textbox", { name: "Month", exact: true }).fill(month);
  await page.getByLabel("Input tokens", { exact: true }).fill("1,300,000");
  await page.getByLabel("Output tokens", { exact: true }).fill("650,000");
  await page.getByRole("button", { name: /^(Add|Save) month$/ }).click();
  await expect(page.getByText(`Saved ${month}: $1.17.`)).toBeVisible();
  const [alert] = await sql<{ id: string }>(`SELECT id::text FROM "Alert" WHERE "projectId" = $1::uuid AND kind = 'BUDGET_ACTUAL'`, [projectId]);
  expect(alert, "a usage month over the budget opens a Budget exceeded alert").toBeDefined();

  const [row] = await sql<{ slug: string }>(`SELECT slug FROM "Team" WHERE name = $1`, [account.teamName]);
  cli("apikey", "create", "--team", row!.slug, "--name", "nightly sync");

  // 127.0.0.1 is allowed as a webhook target on the e2e server; nothing listens on port 9, and nothing is sent until an alert changes.
  await page.goto("/settings/notifications");
  await page.getByLabel("URL", { exact: true }).fill("http://127.0.0.1:9/tunecost-hook");
  await page.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByRole("row", { name: /tunecost-hook/ })).toBeVisible();

  team = { storageState: await context.storageState(), projectId, modelId, alertId: alert!.id };
  await context.close();
  return team;
}

/** One line per violation and node: what to fix and where. */
function describeViolations(scheme: string, violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]): string {
  return violations
    .map(
      (v) =>
        `[${scheme}] ${v.id} (${v.impact ?? "?"}): ${v.help}\n  ${v.helpUrl}\n` +
        v.nodes.map((n) => `  - ${n.target.join(" ")}\n    ${n.failureSummary?.replace(/\n/g, "\n    ") ?? ""}`).join("\n"),
    )
    .join("\n");
}

/** Scans the page as it is now in the light, then the dark colour scheme; fails listing every violation of both. */
async function expectNoViolations(page: Page, ready: () => Promise<void>): Promise<void> {
  const report: string[] = [];
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect.poll(() => page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(scheme === "dark");
    await ready();
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    if (violations.length > 0) report.push(describeViolations(scheme, violations));
  }
  expect(report, `axe-core violations:\n${report.join("\n")}`).toEqual([]);
}

interface SignedInPage {
  name: string;
  path: (t: Team) => string;
  /** What shows when the page has rendered its data (not a loading state). */
  ready: (page: Page) => Promise<void>;
  /** Brings the page to the state worth scanning (a preview, results…). */
  prepare?: (page: Page) => Promise<void>;
}

const h1 = (page: Page, name: string | RegExp) => expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

const SIGNED_IN: SignedInPage[] = [
  { name: "dashboard", path: () => "/", ready: (p) => h1(p, "Dashboard") },
  { name: "projects list", path: () => "/projects", ready: (p) => expect(p.getByRole("row", { name: /Support bot/ })).toBeVisible() },
  { name: "project page", path: (t) => `/projects/${t.projectId}`, ready: (p) => h1(p, "Support bot") },
  { name: "models list", path: () => "/models", ready: (p) => expect(p.getByRole("row", { name: /Support v1/ })).toBeVisible() },
  { name: "model page", path: (t) => `/models/${t.modelId}`, ready: (p) => expect(p.getByRole("row", { name: new RegExp(`^${previousMonth()}`) })).toBeVisible() },
  { name: "usage grid", path: () => `/usage?month=${previousMonth()}`, ready: (p) => expect(p.getByLabel("Support v1 input tokens")).toHaveValue("1,300,000") },
  {
    name: "usage import (preview)",
    path: () => "/usage/import",
    ready: (p) => expect(p.getByRole("heading", { name: "Preview" })).toBeVisible(),
    prepare: async (p) => {
      const csv = `month,model,input_tokens,cached_input_tokens,output_tokens\n2026-01,${FT_MINI},1000000,0,500000\n2026-02,${FT_MINI},-5,0,1\n`;
      await p.getByLabel("File", { exact: true }).setInputFiles({ name: "usage.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      await p.getByRole("button", { name: "Check file" }).click();
    },
  },
  { name: "alerts list", path: () => "/alerts", ready: (p) => expect(p.getByRole("article", { name: "Budget exceeded" })).toBeVisible() },
  { name: "alert page", path: (t) => `/alerts/${t.alertId}`, ready: (p) => expect(p.getByRole("region", { name: "Actual vs projected" }).locator("canvas")).toBeVisible() },
  {
    name: "estimate (a preset's results)",
    // A training day while gpt-4o-mini still trains, so the preset prices the same whatever day the suite runs.
    path: () => "/estimate?trainingOn=2026-06-01",
    ready: (p) => expect(p.getByTestId("total-cost")).toHaveText("$3,511.00"),
    prepare: (p) => p.getByRole("button", { name: "Production app" }).click(),
  },
  {
    name: "estimate/analyze (a file's results)",
    path: () => "/estimate/analyze",
    ready: (p) => expect(p.getByRole("table", { name: "Training cost by base model" })).toBeVisible(),
    prepare: (p) => p.getByLabel("Training file").setInputFiles(COOKBOOK_SAMPLE),
  },
  { name: "settings: team", path: () => "/settings", ready: (p) => h1(p, "Settings") },
  { name: "settings: pricing", path: () => "/settings/pricing", ready: (p) => expect(p.getByRole("button", { name: "Add price" })).toBeVisible() },
  { name: "settings: API keys", path: () => "/settings/api-keys", ready: (p) => expect(p.getByRole("row", { name: /nightly sync/ })).toBeVisible() },
  { name: "settings: notifications", path: () => "/settings/notifications", ready: (p) => expect(p.getByRole("row", { name: /tunecost-hook/ })).toBeVisible() },
];

for (const entry of SIGNED_IN) {
  test(`a11y: ${entry.name} has no WCAG A/AA violations in light and dark`, async ({ browser }) => {
    const t = await teamWithData(browser);
    const context = await browser.newContext({ storageState: t.storageState });
    const page = await context.newPage();
    await page.goto(entry.path(t));
    await entry.prepare?.(page);
    await expectNoViolations(page, () => entry.ready(page));
    await context.close();
  });
}

test("a11y: login and sign-up have no WCAG A/AA violations in light and dark, also with an error shown", async ({ page }) => {
  await page.goto("/login");
  await expectNoViolations(page, () => h1(page, "Log in"));
  await page.getByLabel("E-mail").fill("nobody@example.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expectNoViolations(page, () => expect(page.locator("form").getByRole("alert")).toBeVisible());

  await page.goto("/signup");
  await expectNoViolations(page, () => h1(page, "Create your account"));
});
