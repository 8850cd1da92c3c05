import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { cli, logIn, newAccount, signUp, sql } from "./support";

const FT_MINI = "ft:gpt-4o-mini-2024-07-18:acme:alerts:AbC123";

// The first journey takes ~19 s alone and went past the 30 s default when the suite ran on two busy workers in CI.
test.describe.configure({ timeout: 90_000 });

/** The month before the current one (UTC): complete, so its actual is compared with the plan, not a pace. */
function previousMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const monthLong = (m: string) => `${MONTH_NAMES[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`;

/** Creates a project (no budget: only the deviation rule can fire) and returns its id. */
async function createProject(page: Page, name: string): Promise<string> {
  await page.goto("/projects/new");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url().split("/").pop()!;
}

/** Adds a model to the project and stays on its page. */
async function addModel(page: Page, projectId: string, name: string): Promise<string> {
  await page.goto(`/models/new?project=${projectId}`);
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Provider model id").fill(FT_MINI);
  await expect(page.getByLabel("Base model", { exact: true })).toHaveValue("gpt-4o-mini-2024-07-18");
  await page.getByRole("button", { name: "Create model" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url().split("/").pop()!;
}

/** The "Alerts" entry of the main navigation. */
const alertsNav = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Alerts/ });

/** A project made in SQL, for tests about the Alerts page rather than about the forms. */
async function seedProject(teamId: string, name: string): Promise<string> {
  const [row] = await sql<{ id: string }>(`INSERT INTO "Project" (id, "teamId", name, "updatedAt") VALUES (gen_random_uuid(), $1::uuid, $2, now()) RETURNING id::text`, [
    teamId,
    name,
  ]);
  return row!.id;
}

/**
 * `count` open deviation alerts of a project, one per month from February 2024 on, the earliest month opened last
 * (so it lists first). Made in SQL: how alerts are raised is covered by the first test and the integration tests.
 */
async function seedAlerts(teamId: string, projectId: string, count: number): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    `INSERT INTO "Alert" (id, "teamId", "projectId", "subjectKey", month, kind, threshold, status, "actualUsd", "projectedUsd",
                          "deviationPct", "forecastKind", message, "openedAt", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, $2::uuid, 'project:' || $2::text, date '2024-01-01' + make_interval(months => i), 'DEVIATION', 20, 'OPEN',
            125, 100, 25, 'plan', 'Seeded alert ' || i || ': 25.0% above the expected $100.00.', now() - make_interval(mins => i), now(), now()
     FROM generate_series(1, $3::int) AS i
     ORDER BY i
     RETURNING id::text`,
    [teamId, projectId, count],
  );
  return rows.map((r) => r.id);
}

test("usage 30% above plan opens an alert; it is acknowledged with a note and resolves when the usage is corrected", async ({ page }) => {
  const month = previousMonth();
  const account = await signUp(page);
  await expect(alertsNav(page)).toHaveAccessibleName("Alerts");
  const projectId = await createProject(page, "Support bot");
  const modelId = await addModel(page, projectId, "Support v1");

  // Plan: 1M input × $0.30 + 500k output × $1.20 per 1M = $0.90 a month.
  await page.getByLabel("From month").fill(month);
  await page.getByLabel("Input tokens per month", { exact: true }).fill("1,000,000");
  await page.getByLabel("Output tokens per month").fill("500,000");
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByText("Usage plan saved.")).toBeVisible();

  // Actual: 1.3M × $0.30 + 650k × $1.20 = $1.17, 30% above the plan (threshold 20%).
  await page.getByRole("textbox", { name: "Month", exact: true }).fill(month);
  await page.getByLabel("Input tokens", { exact: true }).fill("1,300,000");
  await page.getByLabel("Output tokens", { exact: true }).fill("650,000");
  await page.getByRole("button", { name: /^(Add|Save) month$/ }).click();
  await expect(page.getByText(`Saved ${month}: $1.17.`)).toBeVisible();

  // The badge: "Alerts 1" to the eye, "Alerts, 1 open alert" to a screen reader.
  await expect(alertsNav(page)).toHaveAccessibleName(/^Alerts\W+1 open alert$/);
  await expect(alertsNav(page).locator("[aria-hidden]")).toHaveText("1");

  await alertsNav(page).click();
  await expect(page).toHaveURL(/\/alerts$/);
  const card = page.getByRole("article", { name: "Spend deviates from forecast" });
  await expect(card).toContainText(`Support bot · ${monthLong(month)}`);
  await expect(card).toContainText("Actual$1.17");
  await expect(card).toContainText("Expected$0.90");
  await expect(card).toContainText("Deviation+30.0%");
  await expect(card).toContainText("Open since");
  await page.screenshot({ path: "test-results/screens/alerts-list.png", fullPage: true });

  await card.getByRole("link", { name: "Spend deviates from forecast" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Spend deviates from forecast" })).toBeVisible();
  const trigger = page.getByRole("region", { name: "What triggered it" });
  await expect(trigger).toContainText(`${monthLong(month)} cost $1.17, 30.0% above the expected $0.90`);
  await expect(trigger).toContainText("from the usage plan");
  const canvas = page.getByRole("region", { name: "Actual vs projected" }).locator("canvas");
  await expect(canvas).toBeVisible();
  expect((await canvas.boundingBox())!.height).toBeGreaterThan(100);
  await expect(canvas).toHaveAttribute("aria-label", new RegExp(`${monthLong(month)}, this alert's month: actual \\$1\\.17, projected \\$0\\.90`));
  await page.getByText("Chart data as a table").click();
  await expect(page.getByRole("row", { name: /this alert/ })).toContainText("$1.17");
  const history = page.getByRole("list", { name: "History, oldest first" });
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expect(history).toContainText("Opened");
  await page.screenshot({ path: "test-results/screens/alert-detail.png", fullPage: true });

  // Acknowledge with a note, from the keyboard.
  await page.getByLabel("Note (optional)").fill("Launch week traffic; expected to settle.");
  await page.getByLabel("Note (optional)").press("Control+Enter");
  await expect(page.getByText("Alert acknowledged.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Status" })).toContainText(`Acknowledged by ${account.name}`);
  await expect(history.getByRole("listitem").nth(1)).toContainText(`Acknowledged by ${account.name}`);
  await expect(history.getByRole("listitem").nth(1)).toContainText("Launch week traffic; expected to settle.");
  await expect(page.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  await expect(alertsNav(page)).toHaveAccessibleName("Alerts"); // the count refreshed with the page

  // The way back leads to the tab the alert is now in; the Open tab is empty.
  await page.getByRole("link", { name: "← Acknowledged alerts" }).click();
  await expect(page).toHaveURL(/status=acknowledged/);
  await expect(page.getByRole("article", { name: "Spend deviates from forecast" })).toContainText(`Acknowledged by ${account.name}`);
  await page.getByRole("navigation", { name: "Alert status" }).getByRole("link", { name: "Open" }).click();
  await expect(page.getByRole("heading", { name: "No open alerts — all quiet" })).toBeVisible();

  // Back to plan: the evaluation after the write resolves it.
  await page.goto(`/models/${modelId}`);
  await page.getByRole("button", { name: `Edit ${month}` }).click();
  await page.getByLabel("Input tokens", { exact: true }).fill("1,000,000");
  await page.getByLabel("Output tokens", { exact: true }).fill("500,000");
  await page.getByRole("button", { name: "Save month" }).click();
  await expect(page.getByText(`Saved ${month}: $0.90.`)).toBeVisible();

  await alertsNav(page).click();
  await page.getByRole("navigation", { name: "Alert status" }).getByRole("link", { name: "Resolved" }).click();
  const resolved = page.getByRole("article", { name: "Spend deviates from forecast" });
  await expect(resolved).toContainText("Resolved");
  await resolved.getByRole("link").click();
  await expect(page.getByRole("region", { name: "Status" })).toContainText("Resolved: nothing to do.");
  await expect(history.getByRole("listitem").last()).toContainText("Resolved: back within bounds");
  await expect(history.getByRole("listitem").last()).toContainText("Actual $0.90");
  await page.screenshot({ path: "test-results/screens/alert-resolved.png", fullPage: true });
});

test("the alert list pages through a cursor; snoozing leaves the count", async ({ page }) => {
  const account = await signUp(page);
  const [team] = await sql<{ id: string }>(`SELECT id::text FROM "Team" WHERE name = $1`, [account.teamName]);
  const projectId = await seedProject(team!.id, "Paged project");
  const ids = await seedAlerts(team!.id, projectId, 30);

  await page.goto("/alerts");
  await expect(alertsNav(page)).toHaveAccessibleName(/^Alerts\W+30 open alerts$/);
  const cards = page.getByRole("list", { name: "Open alerts" }).getByRole("article");
  await expect(cards).toHaveCount(25);
  await expect(cards.first()).toContainText("Paged project · February 2024");
  await page.getByRole("link", { name: "Older alerts →" }).click();
  await expect(cards).toHaveCount(5);
  await expect(cards.last()).toContainText("Paged project · July 2026");
  await expect(page.getByRole("link", { name: "Older alerts →" })).toHaveCount(0);
  await page.getByRole("link", { name: "← Newest alerts" }).click();
  await expect(cards).toHaveCount(25);

  // Snoozing silences an alert for its month: it leaves the count and says until when.
  await page.goto(`/alerts/${ids[0]}`);
  await page.getByRole("button", { name: "Snooze for this month" }).click();
  await expect(page.getByText(/^Snoozed until the end of \w+ \d{4}\.$/)).toBeVisible();
  await expect(page.getByRole("list", { name: "History, oldest first" })).toContainText(`Snoozed by ${account.name} until the end of`);
  await expect(alertsNav(page)).toHaveAccessibleName(/^Alerts\W+29 open alerts$/);
  await expect(page.getByRole("button", { name: "Snooze for this month" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Acknowledge" })).toBeVisible(); // snoozed is still open
});

test("a viewer reads an alert without actions; another team's alert is the 404 page", async ({ browser }) => {
  // The viewer's team is created by the CLI with the viewer as its only member: no owner sign-up needed.
  const viewer = newAccount("viewer");
  const slug = `alerts-${randomUUID().slice(0, 8)}`;
  cli("user", "create", "--email", viewer.email, "--password", viewer.password, "--team", slug, "--role", "VIEWER");
  const [team] = await sql<{ id: string }>(`SELECT id::text FROM "Team" WHERE slug = $1`, [slug]);
  const [alertId] = await seedAlerts(team!.id, await seedProject(team!.id, "Secret project"), 1);

  const page = await (await browser.newContext()).newPage();
  await logIn(page, viewer.email, viewer.password);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(alertsNav(page)).toHaveAccessibleName(/^Alerts\W+1 open alert$/);
  await page.goto(`/alerts/${alertId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Spend deviates from forecast" })).toBeVisible();
  await expect(page.getByText("You can view this alert; acknowledging and snoozing need the member role or higher.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Snooze for this month" })).toHaveCount(0);

  const intruder = await (await browser.newContext()).newPage();
  await signUp(intruder);
  for (const path of [`/alerts/${alertId}`, "/alerts/not-a-uuid"]) {
    const response = await intruder.goto(path);
    expect(response?.status()).toBe(404);
    await expect(intruder.getByText("This page could not be found.")).toBeVisible();
    await expect(intruder.getByText("Secret project")).toHaveCount(0);
  }
  await intruder.goto("/alerts");
  await expect(intruder.getByRole("heading", { name: "No open alerts — all quiet" })).toBeVisible();
  await expect(alertsNav(intruder)).toHaveAccessibleName("Alerts");
});
