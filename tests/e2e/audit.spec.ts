import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { cli, logIn, logOut, newAccount, signUp, sql } from "./support";

// Creates a project and a model through the real forms first; more than the default 30 s.
test.describe.configure({ timeout: 90_000 });

test("a usage edit shows in the audit log with its before and after values, and exports as CSV", async ({ page }) => {
  const account = await signUp(page);
  await page.goto("/projects/new");
  await page.getByLabel("Name").fill("Audit bot");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit bot" })).toBeVisible();
  await page.getByRole("link", { name: "Add a model" }).first().click();
  await page.getByLabel("Display name").fill("Audit v1");
  await page.getByLabel("Provider model id").fill(`ft:gpt-4o-mini-2024-07-18:acme:audit-${Date.now().toString(36)}:AbC123`);
  await page.getByRole("button", { name: "Create model" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit v1" })).toBeVisible();

  // A month logged, then edited: the edit is the entry with before and after values.
  await page.getByRole("textbox", { name: "Month", exact: true }).fill("2026-02");
  await page.getByLabel("Input tokens", { exact: true }).fill("1,000,000");
  await page.getByLabel("Cached input tokens", { exact: true }).fill("200,000");
  await page.getByLabel("Output tokens", { exact: true }).fill("500,000");
  await page.getByRole("button", { name: "Add month" }).click();
  await expect(page.getByText("Saved 2026-02: $0.87.")).toBeVisible();
  await page.getByRole("button", { name: "Edit 2026-02" }).click();
  await page.getByLabel("Output tokens", { exact: true }).fill("600,000");
  await page.getByRole("button", { name: "Save month" }).click();
  await expect(page.getByText("Saved 2026-02: $0.99.")).toBeVisible();

  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/settings\/audit$/);
  await expect(page.getByText("Created project Audit bot", { exact: true })).toBeVisible();

  await page.getByLabel("Kind of change").selectOption("usage");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]type=usage/);
  await expect(page.getByText("Created project Audit bot", { exact: true })).toBeHidden();
  const entries = page.getByRole("region", { name: "Audit entries" }).getByRole("listitem");
  await expect(entries).toHaveCount(2);
  const edit = entries.first();
  await expect(edit.getByText("Set February 2026 usage of Audit v1", { exact: true })).toBeVisible();
  await expect(edit).toContainText(account.email);
  await expect(edit).toContainText("usage.update");

  // Keyboard: focus the toggle and open it with Enter.
  const toggle = edit.getByRole("button", { name: /Show changes/ });
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(edit.getByRole("button", { name: /Hide changes/ })).toHaveAttribute("aria-expanded", "true");
  await expect(edit.getByRole("row", { name: /outputTokens.*changed.*500000.*600000/ })).toBeVisible();
  await expect(edit.getByRole("row", { name: /costUsd.*changed.*0\.87.*0\.99/ })).toBeVisible();
  await expect(edit.getByRole("row", { name: /^inputTokens 1000000 1000000$/ })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^tunecost-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await file.path())!, "utf8").trim().split("\r\n");
  expect(lines[0]).toBe("id,time_utc,actor,action,entity_type,entity_id,summary,before,after");
  expect(lines).toHaveLength(3); // the header and the two usage entries: the filter applies to the export
  expect(lines[1]).toContain(`${account.email},usage.update,usage,`);
  expect(lines[1]).toContain('""outputTokens"":""600000""');

  // A member of the same team is refused the page and the export.
  const slug = (await sql<{ slug: string }>(`SELECT slug FROM "Team" WHERE name = $1`, [account.teamName]))[0]!.slug;
  const memberAccount = newAccount("member");
  await logOut(page);
  cli("user", "create", "--email", memberAccount.email, "--password", memberAccount.password, "--team", slug, "--role", "MEMBER");
  await logIn(page, memberAccount.email, memberAccount.password);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.goto("/settings/audit");
  await expect(page.getByText("Only admins and owners can see the audit log.")).toBeVisible();
  await expect(page.getByText("Set February 2026 usage of Audit v1", { exact: true })).toBeHidden();
  expect((await page.request.get("/settings/audit/export")).status()).toBe(403);
});

test("at phone width the filters and an entry's changes fit the screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signUp(page);
  await page.goto("/settings/audit");
  await expect(page.getByRole("heading", { name: "No changes recorded yet" })).toBeVisible();
  await page.getByLabel("To").fill("2020-01-01");
  await page.getByLabel("From").fill("2020-02-01");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("The start date must not be after the end date")).toBeVisible();
  await expect(page.getByLabel("From")).toHaveValue("2020-02-01");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
