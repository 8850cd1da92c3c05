import { expect, test, type Page } from "@playwright/test";
import { cli, formError, logIn, newAccount, signUp, sql } from "./support";

// These flows create projects and models through the real forms; they need more than the default 30 s.
test.describe.configure({ timeout: 90_000 });

const FT_MINI = (suffix: string) => `ft:gpt-4o-mini-2024-07-18:acme:${suffix}:AbC123`;

/** Creates a project through its form and returns its id (from the URL it lands on). */
async function createProject(page: Page, name: string, budget = "1,500"): Promise<string> {
  await page.goto("/projects/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Monthly budget (USD)").fill(budget);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url().split("/").pop()!;
}

/** Adds a model to a project from the project page's "Add a model" link and returns the model's id. */
async function addModel(page: Page, projectId: string, name: string, ftId: string): Promise<string> {
  await page.goto(`/projects/${projectId}`);
  await page.getByRole("link", { name: "Add a model" }).first().click();
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Provider model id").fill(ftId);
  await expect(page.getByLabel("Base model", { exact: true })).toHaveValue("gpt-4o-mini-2024-07-18"); // inferred from the ft: id
  await page.getByLabel("Training tokens (per epoch)").fill("1,000,000");
  await page.getByLabel("Epochs").fill("3");
  await page.getByLabel("Trained at").fill("2026-01-10");
  await page.getByRole("button", { name: "Create model" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url().split("/").pop()!;
}

async function logMonth(page: Page, month: string, input: string, cached: string, output: string) {
  await page.getByRole("textbox", { name: "Month", exact: true }).fill(month);
  await page.getByLabel("Input tokens", { exact: true }).fill(input);
  await page.getByLabel("Cached input tokens", { exact: true }).fill(cached);
  await page.getByLabel("Output tokens", { exact: true }).fill(output);
  await page.getByRole("button", { name: /^(Add|Save) month$/ }).click();
}

test("project → model → a month of usage, priced exactly", async ({ page }) => {
  await signUp(page);
  await page.goto("/projects");
  await expect(page.getByRole("heading", { name: "No projects yet" })).toBeVisible();

  // Field-level errors keep the input.
  await page.getByRole("link", { name: "New project" }).first().click();
  await page.getByLabel("Name").fill("Support bot");
  await page.getByLabel("Monthly budget (USD)").fill("12.345");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByLabel("Monthly budget (USD)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Use dollars and at most 2 decimals")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Support bot");
  await page.getByLabel("Monthly budget (USD)").fill("$1,500");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Support bot" })).toBeVisible();
  await expect(page.getByText("$1,500.00")).toBeVisible();
  await expect(page.getByText("±20%")).toBeVisible();
  const projectId = page.url().split("/").pop()!;

  const modelId = await addModel(page, projectId, "Support v1", FT_MINI("support"));
  // 1M tokens × 3 epochs × $3.00 / 1M training price.
  await expect(page.getByRole("region", { name: "Training cost" })).toContainText("$9.00");
  await expect(page.getByText("gpt-4o-mini-2024-07-18", { exact: true })).toBeVisible();

  // (800k uncached × $0.30 + 200k cached × $0.15 + 500k output × $1.20) / 1M = $0.87
  await logMonth(page, "2026-02", "1,000,000", "200,000", "500,000");
  await expect(page.getByText("Saved 2026-02: $0.87.")).toBeVisible();
  const row = page.getByRole("row", { name: /^2026-02/ });
  await expect(row).toContainText("1,000,000");
  await expect(row).toContainText("$0.87");
  await expect(row).toContainText("Form");

  await page.getByLabel("Input tokens per month", { exact: true }).fill("30,000,000");
  await page.getByLabel("Output tokens per month").fill("10,000,000");
  await page.getByLabel("Monthly growth (%)").fill("5");
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByText("Usage plan saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Input tokens per month", { exact: true })).toHaveValue("30,000,000");
  await page.screenshot({ path: "test-results/screens/model-page.png", fullPage: true });

  await page.goto("/models");
  const modelRow = page.getByRole("row", { name: /Support v1/ });
  await expect(modelRow).toContainText("Support bot");
  await expect(modelRow).toContainText("Active");
  await expect(modelRow).toContainText("$9.00");
  await expect(modelRow.getByRole("link", { name: "Support v1" })).toHaveAttribute("href", `/models/${modelId}`);

  await createProject(page, "Search ranking", "");
  await page.goto("/projects");
  await expect(page.getByRole("row", { name: /Support bot/ })).toContainText("$1,500.00");
  await expect(page.getByRole("row", { name: /Search ranking/ })).toContainText("—");
  await page.screenshot({ path: "test-results/screens/projects-list.png", fullPage: true });
});

test("the same month edited in two tabs: the second save is refused and does not overwrite", async ({ context }) => {
  const first = await context.newPage();
  const account = await signUp(first);
  const projectId = await createProject(first, "Two tabs");
  const modelId = await addModel(first, projectId, "Tabs v1", FT_MINI("tabs"));
  await logMonth(first, "2026-02", "1000000", "200000", "500000");
  await expect(first.getByText("Saved 2026-02: $0.87.")).toBeVisible();

  const second = await context.newPage();
  await second.goto(`/models/${modelId}`);
  await first.getByRole("button", { name: "Edit 2026-02" }).click();
  await second.getByRole("button", { name: "Edit 2026-02" }).click();

  await first.getByLabel("Output tokens", { exact: true }).fill("600000");
  await first.getByRole("button", { name: "Save month" }).click();
  await expect(first.getByText("Saved 2026-02: $0.99.")).toBeVisible();

  await second.getByLabel("Input tokens", { exact: true }).fill("2000000");
  await second.getByRole("button", { name: "Save month" }).click();
  await expect(formError(second)).toContainText(`This month was changed by ${account.name}`);
  await expect(formError(second)).toContainText("Reload");
  await expect(second.getByLabel("Input tokens", { exact: true })).toHaveValue("2000000"); // the typing is kept

  await second.reload();
  const row = second.getByRole("row", { name: /^2026-02/ });
  await expect(row).toContainText("600,000");
  await expect(row).toContainText("1,000,000");
  await expect(row).toContainText("$0.99");
});

test("usage grid: Save all writes the changed rows; a stale row is reported in its row and the others save", async ({ context }) => {
  const page = await context.newPage();
  await signUp(page);
  const projectId = await createProject(page, "Grid");
  const alpha = await addModel(page, projectId, "Alpha", FT_MINI("alpha"));
  await addModel(page, projectId, "Beta", FT_MINI("beta"));

  await page.goto("/usage?month=2026-03");
  await expect(page.getByRole("link", { name: "Import CSV / OpenAI export" })).toHaveAttribute("href", "/usage/import");
  await page.getByLabel("Alpha input tokens").fill("1,000,000");
  await page.getByLabel("Alpha cached tokens").fill("200000");
  await page.getByLabel("Alpha output tokens").fill("500000");
  await page.getByLabel("Beta input tokens").fill("2000000");
  await page.getByLabel("Beta output tokens").fill("100000");
  await expect(page.getByText("2 rows changed")).toBeVisible();
  await page.getByLabel("Beta output tokens").press("Enter"); // Enter saves
  await expect(page.getByText("Saved 2 rows for 2026-03.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Alpha/ })).toContainText("$0.87");

  await page.reload();
  await expect(page.getByLabel("Alpha input tokens")).toHaveValue("1,000,000");
  await expect(page.getByLabel("Beta input tokens")).toHaveValue("2,000,000");
  await expect(page.getByLabel("Beta output tokens")).toHaveValue("100,000");
  await page.screenshot({ path: "test-results/screens/usage-grid.png", fullPage: true });

  // A colleague saves Alpha's month meanwhile: this grid's Alpha row is stale, its Beta row is not.
  const other = await context.newPage();
  await other.goto(`/models/${alpha}`);
  await other.getByRole("button", { name: "Edit 2026-03" }).click();
  await other.getByLabel("Requests", { exact: true }).fill("42");
  await other.getByRole("button", { name: "Save month" }).click();
  await expect(other.getByText("Saved 2026-03")).toBeVisible();

  await page.getByLabel("Alpha output tokens").fill("700000");
  await page.getByLabel("Beta output tokens").fill("300000");
  await page.getByRole("button", { name: "Save all" }).click();
  await expect(page.getByText("1 row saved; 1 not saved")).toBeVisible();
  await expect(page.getByRole("row", { name: /Alpha/ }).getByRole("alert")).toContainText("changed by");
  await expect(page.getByLabel("Alpha output tokens")).toHaveValue("700000"); // kept for the user to compare
  await page.screenshot({ path: "test-results/screens/usage-grid-conflict.png", fullPage: true });
  await page.reload();
  await expect(page.getByLabel("Alpha output tokens")).toHaveValue("500,000");
  await expect(page.getByLabel("Alpha requests")).toHaveValue("42");
  await expect(page.getByLabel("Beta output tokens")).toHaveValue("300,000");
});

test("archiving a project hides it from the active list and keeps it under Archived", async ({ page }) => {
  await signUp(page);
  const id = await createProject(page, "Old pilot");
  await createProject(page, "Live bot");
  await page.goto(`/projects/${id}`);
  await page.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByRole("button", { name: "Restore" })).toBeVisible();

  await page.goto("/projects");
  await expect(page.getByRole("link", { name: "Live bot" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Old pilot" })).toHaveCount(0);
  await page.getByRole("link", { name: "Archived (1)" }).click();
  await expect(page.getByRole("row", { name: /Old pilot/ })).toContainText("Archived");
  await expect(page.getByRole("link", { name: "Live bot" })).toHaveCount(0);

  await page.getByRole("link", { name: "Old pilot" }).click();
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByRole("button", { name: "Archive" })).toBeVisible();
  await page.goto("/projects");
  await expect(page.getByRole("link", { name: "Old pilot" })).toBeVisible();
});

test("project edits use optimistic locking: a stale form is refused and keeps its input", async ({ context }) => {
  const first = await context.newPage();
  await signUp(first);
  const id = await createProject(first, "Locked");
  const second = await context.newPage();
  await second.goto(`/projects/${id}/edit`);
  await first.goto(`/projects/${id}/edit`);
  await first.getByLabel("Deviation threshold (%)").fill("35");
  await first.getByRole("button", { name: "Save project" }).click();
  await expect(first.getByText("±35%")).toBeVisible();

  await second.getByLabel("Name").fill("Locked renamed");
  await second.getByRole("button", { name: "Save project" }).click();
  await expect(formError(second)).toContainText("changed by someone else");
  await expect(second.getByLabel("Name")).toHaveValue("Locked renamed");
  await second.goto(`/projects/${id}`);
  await expect(second.getByRole("heading", { level: 1, name: "Locked" })).toBeVisible();
});

test("API keys: the secret is shown once, works, and is refused after revoking", async ({ page }) => {
  await signUp(page);
  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByText("No API keys yet.")).toBeVisible();
  await page.getByLabel("Name").fill("nightly sync");
  await page.getByLabel("Read-write").check();
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(secret).toMatch(/^tc_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText("it is shown only this once")).toBeVisible();
  const row = page.getByRole("row", { name: /nightly sync/ });
  await expect(row).toContainText(`${secret.slice(0, 11)}_…`);
  await expect(row).toContainText("Read-write");
  await page.screenshot({ path: "test-results/screens/api-keys.png", fullPage: true });

  const me = await page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);

  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0); // never shown again
  await expect(row).not.toContainText("Never"); // last used is recorded
  await page.getByRole("button", { name: "Revoke nightly sync…" }).click();
  await page.getByRole("button", { name: "Revoke nightly sync", exact: true }).click();
  await expect(row).toContainText("Revoked");

  const after = await page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
});

test("a viewer sees projects, models, usage and keys read-only", async ({ browser }) => {
  const ownerPage = await (await browser.newContext()).newPage();
  const owner = await signUp(ownerPage);
  const projectId = await createProject(ownerPage, "Shared");
  const modelId = await addModel(ownerPage, projectId, "Shared v1", FT_MINI("shared"));
  const [team] = await sql<{ slug: string }>(`SELECT slug FROM "Team" WHERE name = $1`, [owner.teamName]);
  const viewer = newAccount("viewer");
  cli("user", "create", "--email", viewer.email, "--password", viewer.password, "--team", team!.slug, "--role", "VIEWER");

  const page = await (await browser.newContext()).newPage();
  await logIn(page, viewer.email, viewer.password);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.goto("/projects");
  await expect(page.getByRole("link", { name: "Shared" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New project" })).toHaveCount(0);
  await page.goto(`/projects/${projectId}`);
  await expect(page.getByRole("button", { name: "Archive" })).toHaveCount(0);
  await page.goto(`/models/${modelId}`);
  await expect(page.getByRole("button", { name: "Add month" })).toHaveCount(0);
  await expect(page.getByText("Only admins and owners can change it.")).toBeVisible();
  await page.goto("/usage");
  await expect(page.getByLabel("Shared v1 input tokens")).toHaveAttribute("readonly", "");
  await expect(page.getByRole("button", { name: "Save all" })).toHaveCount(0);
  await page.goto("/settings/api-keys");
  await expect(page.getByText("Only admins and owners can create or revoke API keys.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create key" })).toHaveCount(0);
});

test("another team's project and model URLs answer the 404 page", async ({ browser }) => {
  const owner = await browser.newContext();
  const page = await owner.newPage();
  await signUp(page);
  const projectId = await createProject(page, "Secret project");
  const modelId = await addModel(page, projectId, "Secret model", FT_MINI("secret"));

  const intruder = await (await browser.newContext()).newPage();
  await signUp(intruder);
  for (const path of [`/projects/${projectId}`, `/projects/${projectId}/edit`, `/models/${modelId}`, `/models/${modelId}/edit`, "/projects/not-a-uuid"]) {
    const response = await intruder.goto(path);
    expect(response?.status()).toBe(404);
    await expect(intruder.getByText("This page could not be found.")).toBeVisible();
    await expect(intruder.getByText(/Secret (project|model)/)).toHaveCount(0);
  }
  await intruder.goto("/projects");
  await expect(intruder.getByText("Secret project")).toHaveCount(0);
  await intruder.goto("/usage");
  await expect(intruder.getByText("Secret model")).toHaveCount(0);
  await owner.close();
});
